#pragma once
/// A network ACL. Models `aws ec2 describe-network-acls`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAcl.html
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/net/cidr.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/net/protocol.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

enum class rule_action { allow, deny };

/// One numbered entry (NACL-5). Rule 32767 is the `*` catch-all deny AWS lists (NACL-6).
struct network_acl_entry {
  int rule_number = 0;
  bool egress = false;
  rule_action action = rule_action::deny;
  vpcsim::protocol protocol = protocol::all();
  std::optional<cidr4> cidr_block;
  std::optional<cidr6> ipv6_cidr_block;
  std::optional<port_range> ports;     ///< for TCP/UDP (NACL-13)
  std::optional<icmp_type_code> icmp;  ///< for ICMP

  /// Whether this is AWS's non-removable final deny (`*`, NACL-6).
  bool is_default_deny() const noexcept { return rule_number == 32767; }
  bool operator==(const network_acl_entry&) const = default;
};

struct network_acl_association {
  std::string id;  ///< `aclassoc-…`
  subnet_id subnet;
  bool operator==(const network_acl_association&) const = default;
};

struct network_acl {
  network_acl_id id;
  scope where;
  vpc_id vpc;
  bool is_default = false;
  std::vector<network_acl_entry> entries;  ///< both directions, sorted by (egress, rule number)
  std::vector<network_acl_association> associations;
  tag_map tags;

  bool operator==(const network_acl&) const = default;
};

/// `#100 allow tcp 443 0.0.0.0/0`, or `#* deny all 0.0.0.0/0` for the default deny.
std::string to_string(const network_acl_entry& e);

}  // namespace vpcsim
