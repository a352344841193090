#pragma once
/// Endpoint policy evaluation (POL-4): an explicit Deny wins, no matching Allow denies; the
/// conditions on the endpoint's own id and VPC are decided (POL-9).

#include <vpcsim/model/policy.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// The request a flow stands for at the service.
struct policy_request {
  std::string action;     ///< `s3:GetObject`; `s3:*` stands for "any action of the service"
  std::string resource;   ///< an ARN, or `*` for any
  std::string principal;  ///< an ARN or account id; empty = unknown caller
  /// The VPC endpoint the request goes through (`vpce-0a1b…`), the value of `aws:SourceVpce`;
  /// empty = unknown, and conditions on that key stay undecided (POL-9).
  std::string source_vpce;
  /// That endpoint's VPC (`vpc-0a1b…`), the value of `aws:SourceVpc`; empty = unknown.
  std::string source_vpc;
};

enum class policy_verdict { allowed, implicit_deny, explicit_deny };

struct policy_decision {
  policy_verdict verdict = policy_verdict::implicit_deny;
  /// Index of the statement that decided (the Deny that matched, or the Allow that allowed with the
  /// fewest caveats); -1 if none.
  int statement = -1;
  /// The first Allow that covers the request but whose condition on `aws:SourceVpce` or
  /// `aws:SourceVpc` this request does not meet (POL-9), so that a fix can name it; -1 if none.
  int excluded_allow = -1;
  /// Things the evaluator could not decide offline (conditions, unknown principal), as sentences.
  std::vector<std::string> warnings;

  bool allowed() const noexcept { return verdict == policy_verdict::allowed; }
};

/// Evaluates `policy` for `request` (POL-4). A request action ending in `*` (`s3:*`) asks whether
/// *some* action of the service is allowed: it matches a statement whose actions overlap it, and
/// only a Deny covering all of it denies (likewise a resource ending in `*`). Conditions on
/// `aws:SourceVpce` and `aws:SourceVpc` with the String operators (`StringEquals`, `StringNotEquals`,
/// `StringLike`, `StringNotLike`, their `ForAnyValue:`/`ForAllValues:` and `…IfExists` forms) are
/// decided from `source_vpce` and `source_vpc` when the request gives them (POL-9). What cannot be
/// decided offline (other conditions, an unknown caller) is settled in the caller's favour with a
/// warning: such an Allow is assumed to apply, such a Deny is assumed not to.
policy_decision evaluate(const endpoint_policy& policy, const policy_request& request);

/// Whether the statement's `Condition` tests `key` under any operator (condition key names compare
/// case-insensitively, POL-9).
bool condition_tests_key(const policy_statement& s, std::string_view key);

/// IAM wildcard match: `*` any run, `?` one character. Actions compare case-insensitively.
bool iam_wildcard_match(std::string_view pattern, std::string_view text, bool case_insensitive);

/// `Sid "AllowLayers": Allow s3:GetObject on arn:aws:s3:::bucket/*` — how answers quote a statement.
std::string describe(const policy_statement& s);

}  // namespace vpcsim
