#pragma once
/// Security group and network ACL evaluation (A.2, A.3): pure functions on the model.

#include <vpcsim/model/network.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/net/protocol.hpp>

#include <string>
#include <vector>

namespace vpcsim {

/// The far end of a packet as a security group rule sees it: an address, and the ENI holding it
/// when there is one (for group-reference rules, SG-15).
struct sg_peer_view {
  address4 address;
  const network_interface* eni = nullptr;
};

/// The result of evaluating an ENI's security groups in one direction.
struct sg_verdict {
  bool allowed = false;
  const security_group* group = nullptr;  ///< the group whose rule matched
  const sg_rule* rule = nullptr;          ///< the rule that matched
  std::vector<std::string> warnings;      ///< e.g. a prefix list or group the input lacks
};

/// Whether one rule admits the packet (SG-12..SG-15). `port` is the destination port.
bool sg_rule_matches(const network& net, const sg_rule& rule, protocol proto, std::uint16_t port,
                     const sg_peer_view& peer, std::vector<std::string>* warnings = nullptr);

/// Evaluates the union of `groups` (SG-5): allowed iff any rule of any group matches.
/// `ingress` selects inbound rules (matched on the source) or outbound (on the destination), SG-4.
sg_verdict check_security_groups(const network& net, const std::vector<security_group_id>& groups,
                                 bool ingress, protocol proto, std::uint16_t port, const sg_peer_view& peer);

/// The result of evaluating a NACL for a packet, or for a range of ports.
struct acl_verdict {
  bool allowed = false;
  /// The deciding entry: the first allow that matched (allowed), the deny that matched, or nullptr
  /// for the final `*` deny when no numbered rule matches (NACL-6).
  const network_acl_entry* entry = nullptr;
  /// The ports no rule allowed, when blocked.
  port_range refused{};
};

/// Evaluates a NACL's rules of one direction in rule-number order, first match wins (NACL-5).
/// `peer` is the source for inbound and the destination for outbound (NACL-14). For a range of
/// ports, allowed only when every port of the range is allowed (the simulator's assumption for
/// ephemeral return ports, NACL-19).
acl_verdict check_network_acl(const network_acl& acl, bool egress, protocol proto, port_range ports,
                              address4 peer);

/// `#100 allow all 0.0.0.0/0`, or `#* deny all` for the implicit final rule.
std::string describe_acl_decision(const acl_verdict& v);

}  // namespace vpcsim
