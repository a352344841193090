// expected.json of a graded exercise (io/exercise.hpp, schemas/exercise.schema.json).
#include <vpcsim/error.hpp>
#include <vpcsim/io/exercise.hpp>
#include <vpcsim/net/protocol.hpp>

#include "../model/edit_distance.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <sstream>

namespace vpcsim {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& code, const std::string& file, const std::string& pointer, const std::string& message) {
  throw import_error(diagnostic{severity::error, "vpcsim.exercise." + code, file, pointer, "", message});
}

// Unknown keys are mistakes in a file an instructor writes by hand: an error naming the nearest
// known key (a misspelt `constraint` would otherwise grade nothing).
void only_known(const json& o, std::initializer_list<const char*> known, const std::string& file, const std::string& p) {
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (it.key() == "$schema" && p.empty()) continue;
    if (std::find_if(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }) != known.end()) continue;
    const char* best = nullptr;
    std::size_t best_distance = 0;
    for (const char* k : known) {
      const auto d = detail::edit_distance(it.key(), k);
      if (!best || d < best_distance) best = k, best_distance = d;
    }
    std::string known_list;
    for (const char* k : known) known_list += std::string(known_list.empty() ? "" : ", ") + "'" + k + "'";
    const bool close = best && best_distance <= std::max<std::size_t>(2, it.key().size() / 3);
    fail("unknown_field", file, p + "/" + it.key(),
         "unknown field '" + it.key() + "'" + (close ? "; did you mean '" + std::string(best) + "'?" : "; known: " + known_list));
  }
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

std::string one_of(const json& o, const char* key, std::initializer_list<const char*> values, const std::string& fallback,
                   const std::string& file, const std::string& p) {
  const auto v = text(o, key, file, p, false);
  if (v.empty()) return fallback;
  for (const char* ok : values)
    if (v == ok) return v;
  std::string list;
  for (const char* ok : values) list += std::string(list.empty() ? "" : ", ") + ok;
  fail("bad_value", file, p + "/" + key, "'" + std::string(key) + "' must be one of " + list + ", not '" + v + "'");
}

// `443`, `"443"` or `"1024-65535"`.
port_range ports(const json& v, const std::string& file, const std::string& p) {
  auto number = [&](std::string_view s) {
    int n = -1;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || end != s.data() + s.size() || n < 0 || n > 65535)
      fail("bad_value", file, p, "ports must be a number from 0 to 65535 or a range such as \"1024-65535\"");
    return static_cast<std::uint16_t>(n);
  };
  if (v.is_number_integer()) return port_range::single(number(std::to_string(v.get<std::int64_t>())));
  if (!v.is_string()) fail("wrong_type", file, p, "ports must be a number or a string such as \"1024-65535\"");
  const auto s = v.get<std::string>();
  const auto dash = s.find('-');
  if (dash == std::string::npos) return port_range::single(number(s));
  const auto from = number(std::string_view(s).substr(0, dash)), to = number(std::string_view(s).substr(dash + 1));
  if (from > to) fail("bad_value", file, p, "the range '" + s + "' ends before it starts");
  return port_range{from, to};
}

exercise_flow parse_flow(const json& f, const std::string& file, const std::string& p) {
  if (!f.is_object()) fail("wrong_type", file, p, "each flow must be an object");
  only_known(f, {"from", "to", "protocol", "port", "client_ports", "reachable", "via", "code", "component", "why"}, file, p);
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
  if (auto cp = f.find("client_ports"); cp != f.end()) x.client_ports = ports(*cp, file, p + "/client_ports");
  auto r = f.find("reachable");
  if (r == f.end() || !r->is_boolean()) fail("missing_field", file, p, "field 'reachable' (true or false) is required");
  x.reachable = r->get<bool>();
  if (auto v = text(f, "via", file, p, false); !v.empty()) x.via = v;
  if (auto c = text(f, "code", file, p, false); !c.empty()) x.code = c;
  if (auto c = text(f, "component", file, p, false); !c.empty()) x.component = c;
  if (x.reachable && (x.code || x.component)) fail("bad_value", file, p, "a reachable flow has no 'code' or 'component'");
  if (!x.reachable && x.via) fail("bad_value", file, p, "a blocked flow has no 'via'");
  x.why = text(f, "why", file, p, true);
  return x;
}

rule_pattern parse_pattern(const json& o, const std::string& file, const std::string& p) {
  if (!o.is_object()) fail("wrong_type", file, p, "'forbid' must be an object");
  only_known(o, {"in", "direction", "protocol", "cidr", "ports", "service_cidr"}, file, p);
  rule_pattern r;
  r.in = one_of(o, "in", {"security-group", "network-acl", "any"}, "any", file, p);
  r.direction = one_of(o, "direction", {"inbound", "outbound", "any"}, "any", file, p);
  if (auto proto = text(o, "protocol", file, p, false); !proto.empty()) {
    if (!protocol::parse(proto))
      fail("bad_value", file, p + "/protocol", "'protocol' must be tcp, udp, icmp, all or a protocol number, not '" + proto + "'");
    r.protocol = proto;
  }
  if (auto c = text(o, "cidr", file, p, false); !c.empty()) {
    r.cidr = cidr4::parse(c);
    if (!r.cidr) fail("bad_value", file, p + "/cidr", "'cidr' must be an IPv4 CIDR block such as 0.0.0.0/0, not '" + c + "'");
  }
  if (auto it = o.find("ports"); it != o.end()) r.ports = ports(*it, file, p + "/ports");
  if (auto it = o.find("service_cidr"); it != o.end()) {
    if (!it->is_boolean()) fail("wrong_type", file, p + "/service_cidr", "'service_cidr' must be true or false");
    r.service_cidr = it->get<bool>();
  }
  if (!r.protocol && !r.cidr && !r.ports && !r.service_cidr)
    fail("bad_value", file, p, "'forbid' needs at least one of 'protocol', 'cidr', 'ports', 'service_cidr'");
  return r;
}

exercise_constraint parse_constraint(const json& c, const std::string& file, const std::string& p) {
  if (!c.is_object()) fail("wrong_type", file, p, "each constraint must be an object");
  only_known(c, {"name", "forbid", "require_prefix_list", "unchanged", "max_rules_added", "require_policy_condition", "why"},
             file, p);
  exercise_constraint x;
  x.pointer = p;
  x.name = text(c, "name", file, p, true);
  x.why = text(c, "why", file, p, true);
  int kinds = 0;
  if (auto it = c.find("forbid"); it != c.end()) {
    ++kinds;
    x.what = exercise_constraint::kind::forbid;
    x.pattern = parse_pattern(*it, file, p + "/forbid");
  }
  if (auto it = c.find("require_prefix_list"); it != c.end()) {
    ++kinds;
    const std::string q = p + "/require_prefix_list";
    if (!it->is_object()) fail("wrong_type", file, q, "'require_prefix_list' must be an object");
    only_known(*it, {"service", "direction"}, file, q);
    x.what = exercise_constraint::kind::require_prefix_list;
    x.service = one_of(*it, "service", {"s3", "dynamodb"}, "", file, q);
    if (x.service.empty()) fail("missing_field", file, q, "field 'service' (s3 or dynamodb) is required");
    x.direction = one_of(*it, "direction", {"inbound", "outbound"}, "outbound", file, q);
  }
  if (auto it = c.find("unchanged"); it != c.end()) {
    ++kinds;
    if (!it->is_boolean() || !it->get<bool>())
      fail("bad_value", file, p + "/unchanged", "'unchanged' must be true (leave the key out otherwise)");
    x.what = exercise_constraint::kind::unchanged;
  }
  if (auto it = c.find("max_rules_added"); it != c.end()) {
    ++kinds;
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
      fail("bad_value", file, p + "/max_rules_added", "'max_rules_added' must be a number of rules, 0 or more");
    x.what = exercise_constraint::kind::max_rules_added;
    x.max_rules = static_cast<std::size_t>(it->get<std::int64_t>());
  }
  if (auto it = c.find("require_policy_condition"); it != c.end()) {
    ++kinds;
    const std::string q = p + "/require_policy_condition";
    if (!it->is_object()) fail("wrong_type", file, q, "'require_policy_condition' must be an object");
    only_known(*it, {"keys"}, file, q);
    const auto keys = it->find("keys");
    if (keys == it->end() || !keys->is_array() || keys->empty())
      fail("missing_field", file, q, "'keys' must be a non-empty array of condition keys (aws:SourceVpce, aws:SourceVpc)");
    for (std::size_t i = 0; i < keys->size(); ++i) {
      if (!(*keys)[i].is_string() || (*keys)[i].get<std::string>().empty())
        fail("wrong_type", file, q + "/keys/" + std::to_string(i), "each key must be a condition key name");
      x.keys.push_back((*keys)[i].get<std::string>());
    }
    x.what = exercise_constraint::kind::require_policy_condition;
  }
  if (kinds != 1)
    fail("bad_value", file, p,
         "a constraint has exactly one of 'forbid', 'require_prefix_list', 'unchanged', 'max_rules_added', "
         "'require_policy_condition'");
  return x;
}

}  // namespace

exercise parse_exercise(std::string_view input, const std::string& file) {
  json doc = json::parse(input, nullptr, false, true);
  if (doc.is_discarded()) fail("not_json", file, "", "not JSON");
  if (!doc.is_object()) fail("wrong_type", file, "", "the document must be an object");
  only_known(doc, {"exercise", "level", "topic", "flows", "constraints", "hints"}, file, "");
  exercise out;
  out.title = text(doc, "exercise", file, "", true);
  out.level = one_of(doc, "level", {"easy", "medium", "hard"}, "", file, "");
  if (out.level.empty()) fail("missing_field", file, "", "field 'level' (easy, medium or hard) is required");
  out.topic = text(doc, "topic", file, "", true);
  auto flows = doc.find("flows");
  if (flows == doc.end() || !flows->is_array() || flows->empty())
    fail("missing_field", file, "/flows", "'flows' must be a non-empty array");
  for (std::size_t i = 0; i < flows->size(); ++i) out.flows.push_back(parse_flow((*flows)[i], file, "/flows/" + std::to_string(i)));
  if (auto cs = doc.find("constraints"); cs != doc.end()) {
    if (!cs->is_array()) fail("wrong_type", file, "/constraints", "'constraints' must be an array");
    for (std::size_t i = 0; i < cs->size(); ++i) {
      auto c = parse_constraint((*cs)[i], file, "/constraints/" + std::to_string(i));
      for (const auto& prior : out.constraints)
        if (prior.name == c.name) fail("bad_value", file, c.pointer + "/name", "constraint name '" + c.name + "' is used twice");
      out.constraints.push_back(std::move(c));
    }
  }
  auto hints = doc.find("hints");
  if (hints == doc.end() || !hints->is_array() || hints->empty())
    fail("missing_field", file, "/hints", "'hints' must be a non-empty array of strings, the symptom first");
  for (std::size_t i = 0; i < hints->size(); ++i) {
    if (!(*hints)[i].is_string() || (*hints)[i].get<std::string>().empty())
      fail("wrong_type", file, "/hints/" + std::to_string(i), "each hint must be a non-empty string");
    out.hints.push_back((*hints)[i].get<std::string>());
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
