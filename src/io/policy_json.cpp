#include "input_limits.hpp"
#include "quote.hpp"

#include <vpcsim/io/policy_json.hpp>

#include <nlohmann/json.hpp>

#include <initializer_list>

namespace vpcsim {

namespace {

using nlohmann::json;

// IAM policy elements, spelled once:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
constexpr const char* key_version = "Version";
constexpr const char* key_id = "Id";
constexpr const char* key_statement = "Statement";
constexpr const char* key_sid = "Sid";
constexpr const char* key_effect = "Effect";
constexpr const char* key_principal = "Principal";
constexpr const char* key_not_principal = "NotPrincipal";
constexpr const char* key_action = "Action";
constexpr const char* key_not_action = "NotAction";
constexpr const char* key_resource = "Resource";
constexpr const char* key_not_resource = "NotResource";
constexpr const char* key_condition = "Condition";

/// A policy shape IAM would reject; the message becomes the caller's `problem`.
struct bad_policy {
  std::string message;
};


bool is_one_of(const std::string& key, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (key == k) return true;
  return false;
}

// Action, Resource and principal lists are a string or an array of strings.
std::vector<std::string> strings(const json& value, const std::string& what) {
  if (value.is_string()) return {value.get<std::string>()};
  if (!value.is_array()) throw bad_policy{what + " must be a string or an array of strings"};
  std::vector<std::string> out;
  for (const auto& v : value) {
    if (!v.is_string()) throw bad_policy{what + " must be a string or an array of strings"};
    out.push_back(v.get<std::string>());
  }
  return out;
}

// `"*"`, or an object of principal types (`AWS`, `Service`, `Federated`, `CanonicalUser`), flattened.
// `{"AWS": "*"}` is the same as `"*"`.
std::vector<std::string> principals(const json& value, const std::string& where, const char* key) {
  if (value.is_string()) {
    if (value.get<std::string>() == "*") return {"*"};
    throw bad_policy{where + detail::single_quoted(key) + " must be \"*\" or an object"};
  }
  if (!value.is_object() || value.empty()) throw bad_policy{where + detail::single_quoted(key) + " must be \"*\" or an object"};
  std::vector<std::string> out;
  for (const auto& [type, ids] : value.items()) {
    if (!is_one_of(type, {"AWS", "Service", "Federated", "CanonicalUser"}))
      throw bad_policy{where + "unknown principal type '" + type + "' in " + detail::single_quoted(key)};
    auto list = strings(ids, where + detail::single_quoted(key) + " '" + type + "'");
    out.insert(out.end(), list.begin(), list.end());
  }
  return out;
}

// Of an element and its negation (`Action`/`NotAction`, …), exactly one must be present.
const char* one_of_pair(const json& st, const char* key, const char* not_key, const std::string& where) {
  const bool has = st.contains(key), has_not = st.contains(not_key);
  if (has && has_not) throw bad_policy{where + detail::single_quoted(key) + " and " + detail::single_quoted(not_key) + " cannot both be present"};
  if (!has && !has_not) throw bad_policy{where + "needs " + detail::single_quoted(key) + " or " + detail::single_quoted(not_key)};
  return has ? key : not_key;
}

policy_statement parse_statement(const json& st, std::size_t index) {
  const std::string where = "statement " + std::to_string(index) + ": ";
  if (!st.is_object()) throw bad_policy{where + "must be an object"};
  for (const auto& [key, value] : st.items())
    if (!is_one_of(key, {key_sid, key_effect, key_principal, key_not_principal, key_action, key_not_action,
                         key_resource, key_not_resource, key_condition}))
      throw bad_policy{where + "unknown element '" + key + "'"};

  policy_statement s;
  if (st.contains(key_sid)) {
    if (!st[key_sid].is_string()) throw bad_policy{where + detail::single_quoted(key_sid) + " must be a string"};
    s.sid = st[key_sid].get<std::string>();
  }
  if (!st.contains(key_effect)) throw bad_policy{where + "needs " + detail::single_quoted(key_effect)};
  // IAM values are case-sensitive here: `allow` is rejected.
  const json& effect = st[key_effect];
  if (effect == "Allow") s.effect = policy_effect::allow;
  else if (effect == "Deny") s.effect = policy_effect::deny;
  else throw bad_policy{where + detail::single_quoted(key_effect) + " must be \"Allow\" or \"Deny\""};

  // POL-1: an endpoint policy must name its principals.
  const char* p = one_of_pair(st, key_principal, key_not_principal, where);
  (p == key_principal ? s.principals : s.not_principals) = principals(st[p], where, p);
  const char* a = one_of_pair(st, key_action, key_not_action, where);
  (a == key_action ? s.actions : s.not_actions) = strings(st[a], where + detail::single_quoted(a));
  const char* r = one_of_pair(st, key_resource, key_not_resource, where);
  (r == key_resource ? s.resources : s.not_resources) = strings(st[r], where + detail::single_quoted(r));

  if (st.contains(key_condition)) {
    if (!st[key_condition].is_object()) throw bad_policy{where + detail::single_quoted(key_condition) + " must be an object"};
    s.condition = st[key_condition].dump();
  }
  return s;
}

endpoint_policy parse_policy(const json& doc) {
  if (!doc.is_object()) throw bad_policy{"a policy must be a JSON object"};
  for (const auto& [key, value] : doc.items())
    if (!is_one_of(key, {key_version, key_id, key_statement})) throw bad_policy{"unknown element '" + key + "'"};

  endpoint_policy policy;
  if (doc.contains(key_version)) {
    const json& v = doc[key_version];
    if (v != "2012-10-17" && v != "2008-10-17")
      throw bad_policy{detail::single_quoted(key_version) + " must be \"2012-10-17\" or \"2008-10-17\""};
    policy.version = v.get<std::string>();
  }
  if (!doc.contains(key_statement)) throw bad_policy{"needs " + detail::single_quoted(key_statement)};
  const json& statements = doc[key_statement];
  if (statements.is_object()) {
    policy.statements.push_back(parse_statement(statements, 0));
  } else if (statements.is_array()) {
    for (std::size_t i = 0; i < statements.size(); ++i) policy.statements.push_back(parse_statement(statements[i], i));
  } else {
    throw bad_policy{detail::single_quoted(key_statement) + " must be an object or an array"};
  }
  return policy;
}

}  // namespace

std::optional<endpoint_policy> parse_endpoint_policy(std::string_view text, std::string& problem,
                                                     std::size_t max_depth) {
  // Checked before parsing: copying a parsed condition block recurses once per level, and
  // nlohmann keeps the last of two equal keys.
  if (auto bad = detail::structure_problem(text, max_depth)) {
    problem = bad->pointer.empty() ? bad->message : bad->pointer + ": " + bad->message;
    return std::nullopt;
  }
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {  // bad syntax, or a number out of range
    problem = std::string("not JSON: ") + e.what();
    return std::nullopt;
  }
  try {
    return parse_policy(doc);
  } catch (const bad_policy& bad) {
    problem = bad.message;
    return std::nullopt;
  }
}

}  // namespace vpcsim
