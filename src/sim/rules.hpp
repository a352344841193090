#pragma once
// The AWS forwarding decisions of aws-semantics.md that a walk takes at a gateway or endpoint,
// each written once. Both walks (the path solver, solver.cpp, and the compiled engine,
// compiled.cpp) call these; neither spells the rule itself. Private to the library.

#include <vpcsim/model/network.hpp>
#include <vpcsim/model/region.hpp>
#include <vpcsim/net/protocol.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace vpcsim::rules {

/// IGW-6: an internet gateway drops packets to private (RFC 1918) and shared (RFC 6598, carrier-grade
/// NAT) addresses.
enum class igw_destination : std::uint8_t { routable, rfc1918, rfc6598 };

constexpr igw_destination igw_destination_of(std::uint32_t a) noexcept {
  if ((a >> 24) == 10 || (a >> 20) == ((172u << 4) | 1u) || (a >> 16) == ((192u << 8) | 168u))
    return igw_destination::rfc1918;                                     // 10/8, 172.16/12, 192.168/16
  if ((a >> 22) == ((100u << 2) | 1u)) return igw_destination::rfc6598;  // 100.64.0.0/10
  return igw_destination::routable;
}

/// NAT-3: a private NAT gateway's traffic is dropped by an internet gateway.
inline bool nat_reaches_internet(const nat_gateway& g) noexcept { return g.connectivity == nat_connectivity::public_; }

/// NAT-14: only an available NAT gateway forwards.
inline bool nat_forwards(const nat_gateway& g) noexcept { return g.state == "available"; }

/// NAT-4, NAT-10: a NAT gateway carries TCP, UDP and ICMP only.
constexpr bool nat_carries(protocol p) noexcept {
  return p == protocol::tcp() || p == protocol::udp() || p == protocol::icmp();
}

/// A gateway endpoint carries TCP and ICMP echo only (RA-CODES: VPCE_GATEWAY_PROTOCOL_RESTRICTION).
constexpr bool gateway_endpoint_carries(protocol p) noexcept { return p == protocol::tcp() || p == protocol::icmp(); }

/// IF-5: an interface endpoint carries TCP only.
constexpr bool interface_endpoint_carries(protocol p) noexcept { return p == protocol::tcp(); }

/// The security groups that filter traffic arriving at `eni` (SG-8), and IF-7 for the network
/// interface of an interface endpoint (`ep`, or nullptr): the interface's own groups, else the
/// endpoint's, else — an endpoint created without groups — the VPC's default group, in which case
/// `defaulted` names it.
inline std::vector<security_group_id> ingress_groups(const network& net, const network_interface& eni,
                                                     const vpc_endpoint* ep, const security_group** defaulted) {
  if (defaulted) *defaulted = nullptr;
  std::vector<security_group_id> groups = eni.security_groups;
  if (groups.empty() && ep) groups = ep->security_groups;
  if (groups.empty() && ep)
    if (const auto* def = net.default_security_group(eni.vpc)) {
      groups.push_back(def->id);
      if (defaulted) *defaulted = def;
    }
  return groups;
}

/// The region a source's service names resolve in: its VPC's, else its own, else its availability
/// zone's (model/region.hpp); empty when none is known.
inline std::string region_of(const network& net, const network_interface& eni) {
  if (const auto* v = net.find(eni.vpc); v && !v->where.region.empty()) return v->where.region;
  if (!eni.where.region.empty()) return eni.where.region;
  return region_of_zone(eni.availability_zone);
}

/// `tcp 443`, `icmp`: a flow as answers word it.
inline std::string flow_text(protocol p, std::uint16_t port) {
  return p.has_ports() ? p.name() + " " + std::to_string(port) : p.name();
}

}  // namespace vpcsim::rules
