#pragma once
/// A VPC peering connection. Models `aws ec2 describe-vpc-peering-connections`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnection.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/cidr.hpp>

#include <string>
#include <vector>

namespace vpcsim {

struct peering_side {
  vpc_id vpc;
  std::string account;
  std::string region;
  std::vector<cidr4> cidr_blocks;
  bool allow_dns_resolution_from_remote_vpc = false;  ///< DNS-10
  bool operator==(const peering_side&) const = default;
};

struct peering_connection {
  peering_connection_id id;
  scope where;
  peering_side requester;
  peering_side accepter;
  state_of<peering_status> status = "active";  ///< only `active` carries traffic
  tag_map tags;

  bool is_active() const noexcept { return status == peering_status::active; }
  bool operator==(const peering_connection&) const = default;
};

}  // namespace vpcsim
