#pragma once
/// A security group. Models `aws ec2 describe-security-groups`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/net/cidr.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/net/protocol.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace vpcsim {

/// The other end of a rule: one of a CIDR, a security group, or a prefix list (SG-14).
using sg_peer = std::variant<cidr4, cidr6, security_group_id, prefix_list_id>;

/// One rule for one peer. AWS's `IpPermission` lists several peers; the importer flattens it,
/// so each rule here names exactly one.
struct sg_rule {
  vpcsim::protocol protocol = protocol::all();
  /// TCP/UDP ports. With protocol -1, or one without ports, every port matches (SG-12).
  port_range ports = port_range::all();
  /// ICMP type/code (`FromPort`/`ToPort` for ICMP, SG-13).
  std::optional<icmp_type_code> icmp;
  sg_peer peer;
  std::string description;

  bool operator==(const sg_rule&) const = default;
};

struct security_group {
  security_group_id id;
  scope where;
  vpc_id vpc;
  std::string name;  ///< `GroupName`; the VPC's default group is named `default` (SG-10)
  std::string description;
  std::vector<sg_rule> ingress;  ///< inbound, matched on the source (SG-4)
  std::vector<sg_rule> egress;   ///< outbound, matched on the destination (SG-4)
  tag_map tags;

  bool is_default() const noexcept { return name == "default"; }
  bool operator==(const security_group&) const = default;
};

/// `tcp 443 from 10.0.0.0/16` / `all traffic to 0.0.0.0/0` — how answers quote a rule.
std::string describe(const sg_rule& r, bool ingress);

}  // namespace vpcsim
