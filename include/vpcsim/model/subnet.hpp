#pragma once
/// A subnet. Models `aws ec2 describe-subnets`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/cidr.hpp>

#include <vector>

namespace vpcsim {

struct subnet {
  subnet_id id;
  scope where;
  vpc_id vpc;
  cidr4 cidr_block;
  std::vector<cidr6> ipv6_cidr_blocks;
  std::string availability_zone;     ///< e.g. `us-east-1a`
  std::string availability_zone_id;  ///< e.g. `use1-az1`
  bool map_public_ip_on_launch = false;
  bool default_for_az = false;
  state_of<subnet_state> state = "available";
  tag_map tags;

  bool operator==(const subnet&) const = default;
};

}  // namespace vpcsim
