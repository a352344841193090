// expected.json of a graded exercise (io/exercise.hpp).
#include <vpcsim/error.hpp>
#include <vpcsim/io/exercise.hpp>
#include <vpcsim/net/protocol.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace vpcsim {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& code, const std::string& file, const std::string& pointer, const std::string& message) {
  throw import_error(diagnostic{severity::error, "vpcsim.exercise." + code, file, pointer, "", message});
}

std::string text(const json& o, const char* key, const std::string& file, const std::string& pointer, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) fail("missing_field", file, pointer, std::string("field '") + key + "' is required");
    return {};
  }
  if (!it->is_string()) fail("wrong_type", file, pointer + "/" + key, std::string("'") + key + "' must be a string");
  return it->get<std::string>();
}

}  // namespace

exercise parse_exercise(std::string_view input, const std::string& file) {
  json doc = json::parse(input, nullptr, false, true);
  if (doc.is_discarded()) fail("not_json", file, "", "not JSON");
  if (!doc.is_object()) fail("wrong_type", file, "", "the document must be an object");
  exercise out;
  out.title = text(doc, "exercise", file, "", true);
  auto flows = doc.find("flows");
  if (flows == doc.end() || !flows->is_array() || flows->empty())
    fail("missing_field", file, "/flows", "'flows' must be a non-empty array");
  static const char* known[] = {"from", "to", "protocol", "port", "reachable", "via", "code", "component", "why"};
  for (std::size_t i = 0; i < flows->size(); ++i) {
    const json& f = (*flows)[i];
    std::string p = "/flows/" + std::to_string(i);
    if (!f.is_object()) fail("wrong_type", file, p, "each flow must be an object");
    for (auto it = f.begin(); it != f.end(); ++it)
      if (std::find(std::begin(known), std::end(known), it.key()) == std::end(known))
        fail("unknown_field", file, p + "/" + it.key(), "unknown field '" + it.key() + "'");
    exercise_flow x;
    x.pointer = p;
    x.from = text(f, "from", file, p, true);
    x.to = text(f, "to", file, p, true);
    if (auto proto = text(f, "protocol", file, p, false); !proto.empty()) {
      if (!protocol::parse(proto))
        fail("bad_value", file, p + "/protocol", "'protocol' must be tcp, udp, icmp, all or a protocol number, not '" + proto + "'");
      x.protocol = proto;
    }
    if (auto port = f.find("port"); port != f.end()) {
      if (!port->is_number_integer() || port->get<std::int64_t>() < 0 || port->get<std::int64_t>() > 65535)
        fail("bad_value", file, p + "/port", "'port' must be a number from 0 to 65535");
      x.port = static_cast<std::uint16_t>(port->get<std::int64_t>());
    }
    auto r = f.find("reachable");
    if (r == f.end() || !r->is_boolean()) fail("missing_field", file, p, "field 'reachable' (true or false) is required");
    x.reachable = r->get<bool>();
    if (auto v = text(f, "via", file, p, false); !v.empty()) x.via = v;
    if (auto c = text(f, "code", file, p, false); !c.empty()) x.code = c;
    if (auto c = text(f, "component", file, p, false); !c.empty()) x.component = c;
    if (x.reachable && (x.code || x.component))
      fail("bad_value", file, p, "a reachable flow has no 'code' or 'component'");
    if (!x.reachable && x.via) fail("bad_value", file, p, "a blocked flow has no 'via'");
    x.why = text(f, "why", file, p, true);
    out.flows.push_back(std::move(x));
  }
  return out;
}

exercise load_exercise(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail("unreadable", file.generic_string(), "", "cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_exercise(ss.str(), file.generic_string());
}

}  // namespace vpcsim
