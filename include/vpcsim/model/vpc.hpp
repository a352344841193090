#pragma once
/// A VPC. Models `aws ec2 describe-vpcs` and `describe-vpc-attribute`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/cidr.hpp>

#include <optional>
#include <vector>

namespace vpcsim {

struct vpc {
  vpc_id id;
  scope where;
  std::vector<cidr4> cidr_blocks;  ///< primary first, then associated secondary blocks
  std::vector<cidr6> ipv6_cidr_blocks;
  bool is_default = false;
  state_of<vpc_state> state = "available";
  /// `enableDnsSupport` / `enableDnsHostnames` as captured; nullopt when the input has no
  /// `describe-vpc-attribute` answer (network::dns_support / dns_hostnames apply AWS's defaults).
  std::optional<bool> enable_dns_support;
  std::optional<bool> enable_dns_hostnames;
  /// `DhcpOptionsId`: the DHCP options set the VPC hands its instances (DNS-11); empty when the
  /// input does not say (AWS's default set: AmazonProvidedDNS).
  dhcp_options_id dhcp_options;
  tag_map tags;

  bool operator==(const vpc&) const = default;
};

}  // namespace vpcsim
