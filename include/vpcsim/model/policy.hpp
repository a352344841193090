#pragma once
/// A VPC endpoint policy (IAM policy language), parsed: statements with effect, principals,
/// actions, resources and whether conditions are present (POL-1, POL-2).
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html

#include <string>
#include <vector>

namespace vpcsim {

enum class policy_effect { allow, deny };

struct policy_statement {
  std::string sid;
  policy_effect effect = policy_effect::allow;
  /// `Principal`: `*` (any), AWS account ids, ARNs, or service principals, flattened.
  std::vector<std::string> principals;
  std::vector<std::string> not_principals;
  std::vector<std::string> actions;      ///< `s3:GetObject`, `s3:*`, `*`
  std::vector<std::string> not_actions;
  std::vector<std::string> resources;    ///< ARNs with `*`/`?` wildcards
  std::vector<std::string> not_resources;
  /// The `Condition` block as compact JSON text; empty when there is none. The evaluator cannot
  /// decide conditions offline and says so in a warning.
  std::string condition;

  bool operator==(const policy_statement&) const = default;
};

struct endpoint_policy {
  std::string version;
  std::vector<policy_statement> statements;

  bool operator==(const endpoint_policy&) const = default;
};

/// AWS's default endpoint policy: full access (POL-2).
inline endpoint_policy full_access_policy() {
  return endpoint_policy{"2008-10-17", {policy_statement{"", policy_effect::allow, {"*"}, {}, {"*"}, {}, {"*"}, {}, ""}}};
}

}  // namespace vpcsim
