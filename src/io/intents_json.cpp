// The intents file and the JSON of `vpcsim check`.
#include "../model/edit_distance.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/intents_json.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
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
constexpr const char* ip_version = "ip_version";
constexpr const char* description = "description";
}  // namespace key

// The fields each level of the file may have; any other is a mistake, refused with the closest.
constexpr std::string_view top_fields[] = {"$schema", "schema_version", key::intents, key::description};
constexpr std::string_view intent_fields[] = {key::name,       key::from,   key::to,       key::port,
                                              key::protocol,   key::expect, key::via,      key::blocked_by,
                                              key::action,     key::resource, key::ip_version, key::description};

[[noreturn]] void fail(std::string code, const std::string& file, std::string pointer, std::string resource,
                       std::string message) {
  throw import_error(diagnostic{severity::error, std::move(code), file, std::move(pointer), std::move(resource),
                                std::move(message)});
}

// The first key of `j` not in `known`, refused as "unknown field 'x'; did you mean 'y'?".
template <std::size_t N>
void refuse_unknown_fields(const json& j, const std::string_view (&known)[N], const std::string& file,
                           const std::string& pointer, const std::string& resource) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (std::find(std::begin(known), std::end(known), k) != std::end(known)) continue;
    const auto closest = *std::min_element(std::begin(known), std::end(known), [&](std::string_view a, std::string_view b) {
      return detail::edit_distance(a, k) < detail::edit_distance(b, k);
    });
    std::string all;
    for (auto f : known) all += (all.empty() ? "" : ", ") + std::string(f);
    const bool close = detail::edit_distance(closest, k) <= std::max<std::size_t>(2, k.size() / 3);
    fail("vpcsim.intents.unknown_field", file, pointer + "/" + k, resource,
         "unknown field '" + k + "'" + (close ? "; did you mean '" + std::string(closest) + "'?" : "") +
             " (fields: " + all + ")");
  }
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
  refuse_unknown_fields(j, intent_fields, file, pointer, "intent '" + i.name + "'");
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
    if (*p != "tcp" && *p != "udp" && *p != "icmp" && *p != "icmpv6" && *p != "all")
      r.fail_at(key::protocol, "vpcsim.intents.bad_value",
                "field 'protocol' must be one of tcp, udp, icmp, icmpv6, all, not \"" + *p + "\"");
    i.protocol = *protocol::parse(*p);
  }
  const std::string expect = r.required_string(key::expect);
  if (expect == "reachable") i.expect = expectation::reachable;
  else if (expect == "blocked") i.expect = expectation::blocked;
  else r.fail_at(key::expect, "vpcsim.intents.bad_value", "field 'expect' must be \"reachable\" or \"blocked\", not \"" + expect + "\"");

  // `via`: a via kind as the user spells it (`NAT`, `privatelink`, `interface_endpoint`), a
  // component id, or a name, which `check` resolves against the input.
  i.via = r.optional_string(key::via);
  if (i.via) {
    if (auto kind = via_kind_spelling(*i.via)) i.via = *kind;
    if (i.expect != expectation::reachable)
      r.fail_at(key::via, "vpcsim.intents.conflict", "'via' applies only to \"expect\": \"reachable\"");
  }
  // `blocked_by`: a component id, a code (SUBNET_ACL_RESTRICTION) or a name, resolved by `check`.
  i.blocked_by = r.optional_string(key::blocked_by);
  if (i.blocked_by && i.expect != expectation::blocked)
    r.fail_at(key::blocked_by, "vpcsim.intents.conflict", "'blocked_by' applies only to \"expect\": \"blocked\"");
  i.action = r.optional_string(key::action);
  i.resource = r.optional_string(key::resource);
  // `ip_version`: the family of the destination name's answer, as `trace --ip-version` (DNS-14).
  if (const json* v = r.optional(key::ip_version)) {
    if (!v->is_number_integer() || (v->get<long long>() != 4 && v->get<long long>() != 6))
      r.fail_at(key::ip_version, "vpcsim.intents.bad_value", "field 'ip_version' must be 4 or 6, not " + v->dump());
    i.ip_version = static_cast<int>(v->get<long long>());
  }
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
  refuse_unknown_fields(doc, top_fields, file, "", "");
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

}  // namespace vpcsim
