#pragma once
/// A workload: something that runs in a VPC on interfaces AWS creates at run time (an ECS service's
/// tasks, an Auto Scaling group's instances, a Lambda function's, EKS nodes, SageMaker notebooks).
/// An input declares only where they go: subnets and security groups. Any importer may fill it
/// (CloudFormation today); `trace --from NAME` traces from one representative interface per subnet.

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>

#include <string>
#include <vector>

namespace vpcsim {

struct workload {
  std::string name;  ///< how the input names it: a logical id
  std::string type;  ///< what it is, as the input spells it: `AWS::ECS::Service`
  scope where;
  std::vector<subnet_id> subnets;                  ///< one representative interface in each
  std::vector<security_group_id> security_groups;  ///< empty: the VPC's default group (SG-11)

  bool operator==(const workload&) const = default;
};

}  // namespace vpcsim
