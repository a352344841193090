#pragma once
/// A network interface (ENI). Models `aws ec2 describe-network-interfaces`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/address.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

struct private_ip {
  address4 address;
  bool primary = false;
  std::optional<address4> public_ip;  ///< auto-assigned public IPv4 or Elastic IP (IGW-3)
  bool operator==(const private_ip&) const = default;
};

struct interface_attachment {
  std::optional<instance_id> instance;
  int device_index = 0;
  state_of<interface_attachment_status> status = "attached";
  bool operator==(const interface_attachment&) const = default;
};

struct network_interface {
  network_interface_id id;
  scope where;
  subnet_id subnet;
  vpc_id vpc;
  std::string availability_zone;
  std::vector<private_ip> private_ips;  ///< primary first
  std::vector<address6> ipv6_addresses;
  std::vector<security_group_id> security_groups;
  /// `interface`, `nat_gateway`, `vpc_endpoint`, `network_load_balancer`, `lambda`, …
  std::string interface_type = "interface";
  std::optional<interface_attachment> attachment;
  bool requester_managed = false;
  bool source_dest_check = true;
  state_of<interface_status> status = "in-use";
  std::string description;
  tag_map tags;

  /// The primary private IPv4, or nullopt for an ENI with none.
  std::optional<address4> primary_ip() const {
    for (const auto& p : private_ips)
      if (p.primary) return p.address;
    if (!private_ips.empty()) return private_ips.front().address;
    return std::nullopt;
  }
  /// The public IPv4 mapped to `addr`, if any (IGW-5).
  std::optional<address4> public_ip_for(address4 addr) const {
    for (const auto& p : private_ips)
      if (p.address == addr) return p.public_ip;
    return std::nullopt;
  }
  bool has_address(address4 addr) const {
    for (const auto& p : private_ips)
      if (p.address == addr) return true;
    return false;
  }

  bool operator==(const network_interface&) const = default;
};

}  // namespace vpcsim
