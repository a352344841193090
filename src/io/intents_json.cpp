// The intents file and the JSON of `vpcsim check`.
#include "drop_paths.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/io/intents_json.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace vpcsim {

namespace {

using nlohmann::json;

// Keys of the intents file, spelled once.
namespace key {
constexpr const char* intents = "intents";
constexpr const char* name = "name";
constexpr const char* from = "from";
constexpr const char* to = "to";
constexpr const char* port = "port";
constexpr const char* protocol = "protocol";
constexpr const char* expect = "expect";
constexpr const char* via = "via";
constexpr const char* blocked_by = "blocked_by";
constexpr const char* action = "action";
constexpr const char* resource = "resource";
}  // namespace key

[[noreturn]] void fail(std::string code, const std::string& file, std::string pointer, std::string resource,
                       std::string message) {
  throw import_error(diagnostic{severity::error, std::move(code), file, std::move(pointer), std::move(resource),
                                std::move(message)});
}

// Reads the fields of one intent, failing with its file, pointer and name.
class intent_reader {
 public:
  intent_reader(const json& j, const std::string& file, std::string pointer, std::size_t index)
      : j_(j), file_(file), pointer_(std::move(pointer)), label_("intent #" + std::to_string(index + 1)) {}

  void named(const std::string& name) { label_ = "intent '" + name + "'"; }
  const std::string& pointer() const { return pointer_; }

  [[noreturn]] void fail_at(const char* field, std::string code, std::string message) const {
    fail(std::move(code), file_, field ? pointer_ + "/" + field : pointer_, label_, std::move(message));
  }

  // A value that is present and not null, or nullptr.
  const json* optional(const char* field) const {
    auto it = j_.find(field);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string required_string(const char* field) const {
    const json* v = optional(field);
    if (!v) fail_at(nullptr, "vpcsim.intents.missing_field", "field '" + std::string(field) + "' is required");
    return string_value(field, *v);
  }

  std::optional<std::string> optional_string(const char* field) const {
    const json* v = optional(field);
    if (!v) return std::nullopt;
    return string_value(field, *v);
  }

 private:
  std::string string_value(const char* field, const json& v) const {
    if (!v.is_string() || v.get_ref<const std::string&>().empty())
      fail_at(field, "vpcsim.intents.wrong_type",
              "field '" + std::string(field) + "' must be a non-empty string, not " +
                  (v.is_string() ? std::string("an empty string") : v.dump()));
    return v.get<std::string>();
  }

  const json& j_;
  const std::string& file_;
  std::string pointer_;
  std::string label_;
};

std::string via_kinds_list() {
  return "interface-endpoint, gateway-endpoint, nat-gateway, internet-gateway, local, peering, transit-gateway, "
         "virtual-private-gateway";
}

intent read_intent(const json& j, const std::string& file, std::size_t index) {
  const std::string pointer = "/" + std::string(key::intents) + "/" + std::to_string(index);
  intent_reader r(j, file, pointer, index);
  if (!j.is_object())
    fail("vpcsim.intents.wrong_type", file, pointer, "intent #" + std::to_string(index + 1),
         "each intent must be an object, not " + std::string(j.type_name()));
  intent i;
  i.file = file;
  i.pointer = pointer;
  i.name = r.required_string(key::name);
  r.named(i.name);
  i.from = r.required_string(key::from);
  try {
    (void)parse_selector(i.from);
  } catch (const usage_error& e) {
    std::string message = e.what();
    const std::string prefix = "[" + e.code() + "] ";
    if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
    r.fail_at(key::from, "vpcsim.intents.bad_value", message);
  }
  i.to = r.required_string(key::to);

  if (const json* v = r.optional(key::port)) {
    if (!v->is_number_integer() || v->get<long long>() < 0 || v->get<long long>() > 65535)
      r.fail_at(key::port, "vpcsim.intents.wrong_type",
                "field 'port' must be an integer from 0 to 65535, not " + v->dump());
    i.port = static_cast<std::uint16_t>(v->get<long long>());
  }
  if (auto p = r.optional_string(key::protocol)) {
    // The protocols `trace --protocol` takes.
    if (*p != "tcp" && *p != "udp" && *p != "icmp" && *p != "all")
      r.fail_at(key::protocol, "vpcsim.intents.bad_value",
                "field 'protocol' must be one of tcp, udp, icmp, all, not \"" + *p + "\"");
    i.protocol = *protocol::parse(*p);
  }
  const std::string expect = r.required_string(key::expect);
  if (expect == "reachable") i.expect = expectation::reachable;
  else if (expect == "blocked") i.expect = expectation::blocked;
  else r.fail_at(key::expect, "vpcsim.intents.bad_value", "field 'expect' must be \"reachable\" or \"blocked\", not \"" + expect + "\"");

  i.via = r.optional_string(key::via);
  if (i.via) {
    if (!is_via_kind(*i.via) && !is_component_id(*i.via))
      r.fail_at(key::via, "vpcsim.intents.bad_value",
                "field 'via' must be a via kind (" + via_kinds_list() +
                    ") or the id of a component on the path (vpce-…, nat-…, igw-…, pcx-…), not \"" + *i.via + "\"");
    if (i.expect != expectation::reachable)
      r.fail_at(key::via, "vpcsim.intents.conflict", "'via' applies only to \"expect\": \"reachable\"");
  }
  i.blocked_by = r.optional_string(key::blocked_by);
  if (i.blocked_by) {
    if (!is_component_id(*i.blocked_by) && !is_blocking_code(*i.blocked_by))
      r.fail_at(key::blocked_by, "vpcsim.intents.bad_value",
                "field 'blocked_by' must be a resource id (acl-…, sg-…, rtb-…, vpce-…, nat-…) or a code "
                "(SUBNET_ACL_RESTRICTION), not \"" + *i.blocked_by + "\"");
    if (i.expect != expectation::blocked)
      r.fail_at(key::blocked_by, "vpcsim.intents.conflict", "'blocked_by' applies only to \"expect\": \"blocked\"");
  }
  i.action = r.optional_string(key::action);
  i.resource = r.optional_string(key::resource);
  return i;
}

}  // namespace

std::vector<intent> intents_from_json(const json& doc, const std::string& file) {
  if (!doc.is_object())
    fail("vpcsim.intents.wrong_type", file, "", "",
         "the top level must be an object with an 'intents' array, not " + std::string(doc.type_name()));
  // An intents file may say which version of the format it follows; this build reads version 1.
  if (auto v = doc.find("schema_version"); v != doc.end() && !v->is_null() && *v != json(json_schema_version))
    fail("vpcsim.intents.schema_version", file, "/schema_version", "",
         "this vpcsim reads intents files of schema version " + std::to_string(json_schema_version) + ", not " +
             v->dump());
  auto it = doc.find(key::intents);
  if (it == doc.end()) fail("vpcsim.intents.missing_field", file, "", "", "field 'intents' is required");
  if (!it->is_array())
    fail("vpcsim.intents.wrong_type", file, "/intents", "",
         "field 'intents' must be an array, not " + std::string(it->type_name()));
  if (it->empty()) fail("vpcsim.intents.empty", file, "/intents", "", "the 'intents' array is empty; list at least one intent");
  std::vector<intent> out;
  std::map<std::string, std::string> seen;  // name -> pointer
  for (std::size_t n = 0; n < it->size(); ++n) {
    intent i = read_intent((*it)[n], file, n);
    if (auto [pos, fresh] = seen.emplace(i.name, i.pointer); !fresh)
      fail("vpcsim.intents.duplicate_name", file, i.pointer + "/name", "intent '" + i.name + "'",
           "the name is already used by " + pos->second + "; names identify test cases and must be unique");
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<intent> parse_intents(std::string_view text, const std::string& file) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {  // bad syntax, or a number out of range
    const std::string what = e.what();
    const auto close = what.find("] ");
    fail("vpcsim.intents.not_json", file, "", "", "not JSON: " + (close == std::string::npos ? what : what.substr(close + 2)));
  }
  return intents_from_json(doc, file);
}

std::vector<intent> load_intents(const std::filesystem::path& file) {
  const std::string label = file.generic_string();
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    fail("vpcsim.intents.unreadable", label, "", "",
         std::string("cannot read: ") + (std::filesystem::is_directory(file) ? "it is a directory" : std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_intents(text.str(), label);
}

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
  }
  return json{{"schema_version", json_schema_version},
              {"results", std::move(results)},
              {"passed", report.passed()},
              {"failed", report.failed()}};
}

}  // namespace vpcsim
