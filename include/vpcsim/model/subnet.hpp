#pragma once
/// A subnet. Models `aws ec2 describe-subnets`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/cidr.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

struct subnet {
  subnet_id id;
  scope where;
  vpc_id vpc;
  /// VPC-6: none on an IPv6-only subnet (`Ipv6Native`), whose interfaces have IPv6 addresses only.
  std::optional<cidr4> cidr_block;
  std::vector<cidr6> ipv6_cidr_blocks;
  bool ipv6_native = false;  ///< `Ipv6Native`: an IPv6-only subnet (VPC-6)
  std::string availability_zone;     ///< e.g. `us-east-1a`
  std::string availability_zone_id;  ///< e.g. `use1-az1`
  bool map_public_ip_on_launch = false;
  bool default_for_az = false;
  /// `EnableDns64`: the Amazon-provided resolver answers AAAA queries of clients in this subnet for
  /// names with A records only by a synthesized address in 64:ff9b::/96 (RFC 6052; DNS-15, NAT-10).
  bool enable_dns64 = false;
  state_of<subnet_state> state = "available";
  tag_map tags;

  bool operator==(const subnet&) const = default;
};

/// A subnet's CIDR as answers print it: its IPv4 CIDR, or (IPv6-only, VPC-6) its IPv6 blocks.
inline std::string cidr_text(const subnet& s) {
  if (s.cidr_block) return s.cidr_block->to_string();
  std::string out;
  for (const auto& b : s.ipv6_cidr_blocks) out += (out.empty() ? "" : " ") + b.to_string();
  return out.empty() ? std::string("no CIDR") : out;
}

}  // namespace vpcsim
