#pragma once
/// What the EC2 API refuses when a network is built: the requests AWS answers with an error
/// (`InvalidVpc.Range`, `InvalidSubnet.Conflict`, `RouteAlreadyExists`, a quota exceeded, ...),
/// checked on a whole network. Each rule is decided here and only here (docs/aws-semantics.md,
/// "A.0 Creation rules"). A design that breaks one cannot be deployed: the design loader reports
/// each as an error; a capture is what AWS holds, so the AWS importer reports them as warnings.
#include <vpcsim/model/network.hpp>

#include <string>
#include <vector>

namespace vpcsim {

/// One request AWS would refuse.
struct creation_refusal {
  std::string rule;      ///< the aws-semantics.md rule id: `VPC-4`
  std::string code;      ///< the last part of the diagnostic code: `subnet_overlap`
  std::string kind;      ///< the refused resource's kind as messages say it: `subnet`
  std::string resource;  ///< the refused resource's id (`subnet-…`)
  /// The field of the resource it concerns, in the design's terms (`cidr`, `routes`, `subnets`,
  /// `ingress`, `security_groups`); the loaders point their JSON pointer at it.
  std::string field;
  std::string message;  ///< names resources by their names beside their ids; ends with the rule
};

/// AWS's default quotas that it enforces when a resource is created ([QUOTAS]); adjustable per
/// account, so they are the defaults a design is checked against.
inline constexpr std::size_t quota_rules_per_security_group = 60;  ///< per direction and family (QUOTA-1)
inline constexpr std::size_t quota_routes_per_route_table = 50;    ///< non-propagated, per family (QUOTA-2)
inline constexpr std::size_t quota_security_groups_per_interface = 5;  ///< QUOTA-3

/// Every refusal of `n`, in a stable order (by rule, then resource id), whatever the input order.
std::vector<creation_refusal> creation_refusals(const network& n);

}  // namespace vpcsim
