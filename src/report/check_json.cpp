// `vpcsim check --format json` (report/check_json.hpp).
#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/version.hpp>
#include <vpcsim/report/check_json.hpp>

#include "drop_paths.hpp"

#include <nlohmann/json.hpp>

namespace vpcsim {

using nlohmann::json;

json to_json(const check_report& report, bool paths) {
  json results = json::array();
  for (const auto& r : report.results) {
    const intent& i = r.intent;
    json a = to_json(r.answer);
    if (!paths) detail::drop_paths(a);
    results.push_back(json{{"name", i.name},
                           {"from", i.from},
                           {"source", r.source},
                           {"to", i.to},
                           {"protocol", i.protocol.name()},
                           {"port", i.port},
                           {"expect", std::string(to_string(i.expect))},
                           {"via", i.via ? json(*i.via) : json(nullptr)},
                           {"blocked_by", i.blocked_by ? json(*i.blocked_by) : json(nullptr)},
                           {"passed", r.passed},
                           {"reason", r.reason},
                           {"answer", std::move(a)}});
    if (i.ip_version) results.back()["ip_version"] = i.ip_version;  // only when the intent gives it
  }
  return json{{"schema_version", json_schema_version},
              {"results", std::move(results)},
              {"passed", report.passed()},
              {"failed", report.failed()}};
}

}  // namespace vpcsim
