#pragma once
// Evaluated CloudFormation resources onto a native design document (not installed), so the design
// loader builds the model with the AWS defaults every VPC has (main route table, default NACL and
// SG, local routes, endpoint interfaces): what a deployment of the template creates.

#include "evaluate.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace vpcsim::detail::cfn {

/// Where a part of the design came from in the templates.
struct origin {
  std::string file;
  int line = 0;
  std::string pointer;     ///< in the template: `/Resources/Vpc/Properties/CidrBlock`
  std::string logical_id;
};

/// A workload's placement read from the templates (ECS service, Auto Scaling group, Lambda, ...).
struct workload_decl {
  std::string name;
  std::string type;  ///< the CloudFormation type
  std::vector<std::string> subnets;          ///< design names (or external ids)
  std::vector<std::string> security_groups;  ///< design names (or external ids)
  origin where;
};

struct mapped {
  nlohmann::ordered_json design;
  std::map<std::string, origin> origins;  ///< design JSON pointer -> where it came from
  std::map<std::string, origin> declared;  ///< design name -> where the resource is declared
};

/// Maps every evaluated resource; problems are diagnostics naming the template's file:line.
mapped map_stacks(const std::vector<stack>& stacks, const eval_options& options, std::vector<diagnostic>& diags);

}  // namespace vpcsim::detail::cfn
