#include <vpcsim/sim/policy.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>

namespace vpcsim {

namespace {

char fold(char c, bool case_insensitive) {
  return case_insensitive ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
}

/// The positions of `pattern` an IAM wildcard match can be at after reading all of `text`
/// (`*` any run, `?` one character): position `pattern.size()` means the whole pattern matched.
std::vector<bool> positions_after(std::string_view pattern, std::string_view text, bool case_insensitive) {
  const std::size_t n = pattern.size();
  std::vector<bool> at(n + 1, false);
  auto close = [&](std::vector<bool>& s) {  // a `*` may also match nothing
    for (std::size_t i = 0; i < n; ++i)
      if (s[i] && pattern[i] == '*') s[i + 1] = true;
  };
  at[0] = true;
  close(at);
  for (char c : text) {
    std::vector<bool> next(n + 1, false);
    for (std::size_t i = 0; i < n; ++i) {
      if (!at[i]) continue;
      if (pattern[i] == '*') next[i] = true;
      else if (pattern[i] == '?' || fold(pattern[i], case_insensitive) == fold(c, case_insensitive)) next[i + 1] = true;
    }
    close(next);
    at = std::move(next);
  }
  return at;
}

/// What a request names: one value, or every value that starts with `stem` (a trailing `*`,
/// as in `s3:*` = "any action of S3" or `*` = "any resource").
struct request_value {
  std::string_view stem;
  bool any_continuation = false;
};

request_value parse_request_value(std::string_view v) {
  if (!v.empty() && v.back() == '*') return {v.substr(0, v.size() - 1), true};
  return {v, false};
}

/// Whether `pattern` matches at least one value the request names.
bool matches_some(std::string_view pattern, request_value r, bool ci) {
  auto at = positions_after(pattern, r.stem, ci);
  if (!r.any_continuation) return at.back();
  // Past the stem, whatever is left of the pattern matches some continuation.
  return std::find(at.begin(), at.end(), true) != at.end();
}

/// Whether `pattern` matches every value the request names.
bool matches_all(std::string_view pattern, request_value r, bool ci) {
  auto at = positions_after(pattern, r.stem, ci);
  if (!r.any_continuation) return at.back();
  // Every continuation matches only when the rest of the pattern is all `*`.
  for (std::size_t i = 0; i < pattern.size(); ++i)
    if (at[i] && pattern.find_first_not_of('*', i) == std::string_view::npos) return true;
  return false;
}

/// How far a statement's `Action`/`NotAction` (or `Resource`/`NotResource`) covers the request.
enum class coverage { none, some, all };

coverage cover(const std::vector<std::string>& list, const std::vector<std::string>& not_list, request_value r,
               bool ci) {
  auto any = [&](auto pred) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& p) { return pred(p, r, ci); });
  };
  auto any_not = [&](auto pred) {
    return std::any_of(not_list.begin(), not_list.end(), [&](const std::string& p) { return pred(p, r, ci); });
  };
  if (!not_list.empty()) {
    // NotAction matches what none of its patterns match. (A union of patterns that together cover
    // the request without one covering it alone is counted as "some".)
    if (!any_not(matches_some)) return coverage::all;
    return any_not(matches_all) ? coverage::none : coverage::some;
  }
  if (any(matches_all)) return coverage::all;
  return any(matches_some) ? coverage::some : coverage::none;
}

bool is_account_id(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The account of an account id or an ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:…`); empty if none.
std::string_view account_of(std::string_view principal) {
  if (is_account_id(principal)) return principal;
  if (!principal.starts_with("arn:")) return {};
  std::size_t pos = 0;
  for (int field = 0; field < 4; ++field) {
    pos = principal.find(':', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  auto account = principal.substr(pos, principal.find(':', pos) - pos);
  return is_account_id(account) ? account : std::string_view{};
}

/// A principal element naming a whole account: `123456789012` or `arn:aws:iam::123456789012:root`.
std::string_view named_account(std::string_view p) {
  if (is_account_id(p)) return p;
  if (p.starts_with("arn:") && p.ends_with(":root") && p.find(":iam::") != std::string_view::npos) return account_of(p);
  return {};
}

enum class principal_fit { no, yes, by_account, unknown_caller };

principal_fit fit_one(const std::string& p, const std::string& caller) {
  if (p == "*" || p == caller) return principal_fit::yes;
  auto account = named_account(p);
  if (!account.empty() && account == account_of(caller)) return principal_fit::by_account;
  return principal_fit::no;
}

principal_fit fit_principal(const policy_statement& s, const std::string& caller) {
  if (!s.not_principals.empty()) {
    if (caller.empty()) return principal_fit::unknown_caller;
    for (const auto& p : s.not_principals)
      if (fit_one(p, caller) != principal_fit::no) return principal_fit::no;
    return principal_fit::yes;
  }
  // A statement built without principals (never from a parsed policy, POL-1) applies to anyone.
  if (s.principals.empty() || std::find(s.principals.begin(), s.principals.end(), "*") != s.principals.end())
    return principal_fit::yes;
  if (caller.empty()) return principal_fit::unknown_caller;
  principal_fit best = principal_fit::no;
  for (const auto& p : s.principals) {
    auto f = fit_one(p, caller);
    if (f == principal_fit::yes) return f;
    if (f == principal_fit::by_account) best = f;
  }
  return best;
}

/// The condition keys in a compact JSON `Condition` block (`{"Operator":{"key":…},…}`): the
/// object keys one level down, in order, each once.
std::vector<std::string> condition_key_list(std::string_view condition) {
  std::vector<std::string> keys;
  std::string current;
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < condition.size(); ++i) {
    const char c = condition[i];
    if (escaped) {
      escaped = false;
      current += c;
    } else if (in_string && c == '\\') {
      escaped = true;
    } else if (in_string && c != '"') {
      current += c;
    } else if (c == '"') {
      in_string = !in_string;
      const bool is_key = !in_string && depth == 2 && i + 1 < condition.size() && condition[i + 1] == ':';
      if (is_key && std::find(keys.begin(), keys.end(), current) == keys.end()) keys.push_back(current);
      current.clear();
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return keys;
}

/// The same keys as text: `aws:PrincipalOrgID, s3:prefix`.
std::string condition_keys(std::string_view condition) {
  std::string out;
  for (const auto& k : condition_key_list(condition)) out += (out.empty() ? "" : ", ") + k;
  return out;
}

/// What a statement's `Condition` block comes to for one request (POL-9).
struct condition_outcome {
  enum class value { holds, fails, unknown } result = value::holds;
  std::string unknown_keys;  ///< the keys left undecided, `aws:PrincipalOrgID, s3:prefix`
};

/// A String operator as AWS names it: `[ForAnyValue:|ForAllValues:]String[Not](Equals|Like)[IfExists]`.
struct string_operator {
  bool negated = false;
  bool like = false;
};

std::optional<string_operator> parse_string_operator(std::string_view op) {
  // The set qualifiers and `IfExists` change only what an absent key means (POL-9); through an
  // endpoint both keys are present, single-valued, so each form tests the one value as the base
  // operator does.
  for (std::string_view qualifier : {"ForAnyValue:", "ForAllValues:"})
    if (op.starts_with(qualifier)) op.remove_prefix(qualifier.size());
  if (op.ends_with("IfExists")) op.remove_suffix(std::string_view("IfExists").size());
  if (op == "StringEquals") return string_operator{false, false};
  if (op == "StringNotEquals") return string_operator{true, false};
  if (op == "StringLike") return string_operator{false, true};
  if (op == "StringNotLike") return string_operator{true, true};
  return std::nullopt;
}

/// The request's value of a condition key it knows, by the key's name compared case-insensitively
/// as AWS compares it (POL-9); nullopt when the request does not know it.
std::optional<std::string_view> known_value(std::string_view key, const policy_request& request) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "aws:sourcevpce" && !request.source_vpce.empty()) return request.source_vpce;
  if (lower == "aws:sourcevpc" && !request.source_vpc.empty()) return request.source_vpc;
  return std::nullopt;
}

/// Whether one key's test holds for the request's value, or nullopt when a policy value cannot be
/// read offline (not a string, or a policy variable `${…}`).
std::optional<bool> test_key(const string_operator& op, std::string_view value, const nlohmann::ordered_json& wanted) {
  const auto values = wanted.is_array() ? wanted : nlohmann::ordered_json::array({wanted});
  if (values.empty()) return std::nullopt;
  bool any = false;
  for (const auto& v : values) {
    if (!v.is_string()) return std::nullopt;
    const auto& text = v.get_ref<const std::string&>();
    if (text.find("${") != std::string::npos) return std::nullopt;
    // Case-sensitive, `*` and `?` wildcards for the Like operators.
    if (op.like ? positions_after(text, value, false).back() : text == value) any = true;
  }
  // Several values: OR for a matching operator, NOR for a negated one.
  return op.negated ? !any : any;
}

condition_outcome evaluate_condition(std::string_view condition, const policy_request& request) {
  condition_outcome out;
  if (condition.empty()) return out;
  std::vector<std::string> keys_left;  // in the policy's order, each once
  auto unknown = [&](const std::string& key) {
    out.result = condition_outcome::value::unknown;
    if (std::find(keys_left.begin(), keys_left.end(), key) == keys_left.end()) keys_left.push_back(key);
  };
  const auto block = nlohmann::ordered_json::parse(condition, nullptr, false);
  if (!block.is_object()) {
    out.result = condition_outcome::value::unknown;
    out.unknown_keys = condition_keys(condition);
    return out;
  }
  // Operators AND, keys of one operator AND: one test that fails decides the whole block.
  bool failed = false;
  for (const auto& [op_name, keys] : block.items()) {
    const auto op = parse_string_operator(op_name);
    if (!keys.is_object()) {
      unknown(op_name);
      continue;
    }
    for (const auto& [key, wanted] : keys.items()) {
      const auto value = known_value(key, request);
      const auto holds = op && value ? test_key(*op, *value, wanted) : std::nullopt;
      if (!holds) unknown(key);
      else if (!*holds) failed = true;
    }
  }
  for (const auto& k : keys_left) out.unknown_keys += (out.unknown_keys.empty() ? "" : ", ") + k;
  if (failed) out.result = condition_outcome::value::fails;
  return out;
}

std::string label(const policy_statement& s, std::size_t index) {
  return "statement " + std::to_string(index) + " (" + describe(s) + ")";
}

std::string asked(const policy_request& r) {
  return r.action + " on " + (r.resource.empty() ? std::string("*") : r.resource);
}

/// How one statement bears on the request.
struct reading {
  coverage actions = coverage::none;
  coverage resources = coverage::none;
  principal_fit principal = principal_fit::no;
  condition_outcome condition;

  /// The condition could not be decided offline: the statement is assumed to apply (Allow) or
  /// not to (Deny), with a warning.
  bool conditional() const { return condition.result == condition_outcome::value::unknown; }
  /// The condition is decided false: the statement does not apply to this request (POL-9).
  bool excluded() const { return condition.result == condition_outcome::value::fails; }

  coverage extent() const { return std::min(actions, resources); }
};

reading read(const policy_statement& s, const policy_request& request) {
  // IAM action names are case-insensitive; resource ARNs are case-sensitive.
  auto action = cover(s.actions, s.not_actions, parse_request_value(request.action), true);
  auto resource = cover(s.resources, s.not_resources,
                        parse_request_value(request.resource.empty() ? "*" : request.resource), false);
  return {action, resource, fit_principal(s, request.principal), evaluate_condition(s.condition, request)};
}

}  // namespace

bool iam_wildcard_match(std::string_view pattern, std::string_view text, bool case_insensitive) {
  return positions_after(pattern, text, case_insensitive).back();
}

std::string describe(const policy_statement& s) {
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
    return out;
  };
  std::string out;
  if (!s.sid.empty()) out += "Sid \"" + s.sid + "\": ";
  out += s.effect == policy_effect::allow ? "Allow " : "Deny ";
  out += s.not_actions.empty() ? join(s.actions) : "every action except " + join(s.not_actions);
  out += " on ";
  out += s.not_resources.empty() ? join(s.resources) : "every resource except " + join(s.not_resources);
  if (!s.not_principals.empty()) out += " for everyone except " + join(s.not_principals);
  else if (!s.principals.empty() && s.principals != std::vector<std::string>{"*"}) out += " for " + join(s.principals);
  if (!s.condition.empty()) out += " if " + condition_keys(s.condition);
  return out;
}

bool condition_tests_key(const policy_statement& s, std::string_view key) {
  const auto keys = condition_key_list(s.condition);
  return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
    return k.size() == key.size() &&
           std::equal(k.begin(), k.end(), key.begin(), [](char a, char b) { return fold(a, true) == fold(b, true); });
  });
}

policy_decision evaluate(const endpoint_policy& policy, const policy_request& request) {
  // Unknowns (a condition, an unknown caller) are settled in the caller's favour, with a warning:
  // an Allow is assumed to apply and a Deny is assumed not to, so an answer only says "denied"
  // when the policy denies for certain.
  policy_decision d;
  const auto& statements = policy.statements;

  // POL-4: an explicit Deny wins over any Allow.
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& s = statements[i];
    if (s.effect != policy_effect::deny) continue;
    const reading r = read(s, request);
    if (r.extent() == coverage::none || r.principal == principal_fit::no || r.excluded()) continue;
    if (r.conditional()) {
      d.warnings.push_back("the condition of " + label(s, i) + " on " + r.condition.unknown_keys +
                           " was not evaluated; this Deny was assumed not to apply");
    } else if (r.principal == principal_fit::unknown_caller) {
      d.warnings.push_back("the caller is unknown; " + label(s, i) +
                           " names specific principals and this Deny was assumed not to apply");
    } else if (r.extent() == coverage::some) {
      d.warnings.push_back(label(s, i) + " denies part of " + asked(request));
    } else {
      d.verdict = policy_verdict::explicit_deny;
      d.statement = static_cast<int>(i);
      return d;
    }
  }

  // The Allow that covers the request with the fewest caveats: all of it before part of it, then
  // without assumptions before with them; the first such statement on ties.
  auto caveats = [](const reading& r) {
    const bool assumed = r.conditional() || r.principal == principal_fit::unknown_caller;
    return (r.extent() == coverage::some ? 2 : 0) + (assumed ? 1 : 0);
  };
  std::optional<std::size_t> chosen;
  reading best;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& s = statements[i];
    if (s.effect != policy_effect::allow) continue;
    const reading r = read(s, request);
    if (r.extent() != coverage::none && r.principal != principal_fit::no && r.excluded() && d.excluded_allow < 0)
      d.excluded_allow = static_cast<int>(i);
    if (r.extent() == coverage::none || r.principal == principal_fit::no || r.excluded()) continue;
    if (!chosen || caveats(r) < caveats(best)) {
      chosen = i;
      best = r;
    }
  }
  // POL-4: no matching Allow is an implicit deny.
  if (!chosen) return d;

  const auto& s = statements[*chosen];
  d.verdict = policy_verdict::allowed;
  d.statement = static_cast<int>(*chosen);
  if (best.extent() == coverage::some)
    d.warnings.push_back(std::string(best.actions == coverage::some ? "only some actions" : "only some resources") +
                         " are allowed: " + label(s, *chosen) + " is narrower than " + asked(request));
  if (best.conditional())
    d.warnings.push_back("the condition of " + label(s, *chosen) + " on " + best.condition.unknown_keys +
                         " was not evaluated; it was assumed to hold");
  if (best.principal == principal_fit::unknown_caller)
    d.warnings.push_back("the caller is unknown; " + label(s, *chosen) +
                         " names specific principals and was assumed to apply to it");
  if (best.principal == principal_fit::by_account)
    d.warnings.push_back(label(s, *chosen) +
                         " names a whole account; through a gateway endpoint that admits only the account's root "
                         "user, not its IAM users and roles (POL-5)");
  return d;
}

}  // namespace vpcsim
