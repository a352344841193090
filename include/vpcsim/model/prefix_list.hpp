#pragma once
/// A prefix list: AWS-managed service lists (`describe-prefix-lists`) and managed prefix lists
/// (`describe-managed-prefix-lists` with `get-managed-prefix-list-entries`):
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PrefixList.html
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ManagedPrefixList.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/net/cidr.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

struct prefix_list {
  prefix_list_id id;
  scope where;
  std::string name;  ///< `com.amazonaws.us-east-1.s3` for the AWS service lists (GW-5)
  std::vector<cidr4> cidrs;
  std::vector<cidr6> ipv6_cidrs;
  bool aws_managed = true;  ///< owner `AWS`; customer-managed lists are false
  std::optional<int> max_entries;
  tag_map tags;

  bool operator==(const prefix_list&) const = default;
};

}  // namespace vpcsim
