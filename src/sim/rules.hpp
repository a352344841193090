#pragma once
// The AWS forwarding decisions of aws-semantics.md that a walk takes at a gateway or endpoint,
// and the links of a subnet (its route table and NACL), each written once. Both walks (the path
// solver, solver.cpp, and the compiled engine, compiled.cpp) call these; neither spells the rule
// itself. Private to the library.

#include <vpcsim/model/network.hpp>
#include <vpcsim/model/region.hpp>
#include <vpcsim/net/protocol.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vpcsim::rules {

/// RT-1, RT-2: the route table a subnet of the input routes with (its associated table, else its
/// VPC's main table); none for a subnet the input lacks.
inline const route_table* subnet_route_table(const network& net, const subnet_id& s) {
  return net.find(s) ? net.route_table_for(s).table : nullptr;
}

/// NACL-1: the network ACL of a subnet of the input; none for a subnet the input lacks (NACL-10:
/// the walk then assumes AWS's default NACL).
inline const network_acl* subnet_acl(const network& net, const subnet_id& s) {
  return net.find(s) ? net.network_acl_for(s) : nullptr;
}

/// Whether any resource of the input has this id. A route to a target the input lacks behaves as
/// a blackhole (RT-22, RT-23).
inline bool in_input(const network& net, const std::string& id) {
  return net.find(vpc_id{id}) || net.find(subnet_id{id}) || net.find(instance_id{id}) ||
         net.find(network_interface_id{id}) || net.find(route_table_id{id}) || net.find(network_acl_id{id}) ||
         net.find(security_group_id{id}) || net.find(internet_gateway_id{id}) ||
         net.find(egress_only_internet_gateway_id{id}) || net.find(nat_gateway_id{id}) || net.find(vpn_gateway_id{id}) ||
         net.find(vpc_endpoint_id{id}) || net.find(peering_connection_id{id}) || net.find(transit_gateway_id{id});
}

/// Whether the input holds the target of a route: first as the kind the route names (one lookup,
/// the common case), else as any resource (`in_input`).
inline bool target_in_input(const network& net, const route_target& t) {
  switch (t.kind) {
    case target_kind::local: return true;
    case target_kind::nat_gateway: if (net.find(nat_gateway_id{t.id})) return true; break;
    case target_kind::internet_gateway: if (net.find(internet_gateway_id{t.id})) return true; break;
    case target_kind::gateway_endpoint: if (net.find(vpc_endpoint_id{t.id})) return true; break;
    case target_kind::peering_connection: if (net.find(peering_connection_id{t.id})) return true; break;
    case target_kind::network_interface: if (net.find(network_interface_id{t.id})) return true; break;
    case target_kind::instance: if (net.find(instance_id{t.id})) return true; break;
    case target_kind::transit_gateway: if (net.find(transit_gateway_id{t.id})) return true; break;
    default: break;
  }
  return in_input(net, t.id);
}

/// RT-22..RT-24: a route that drops: a blackhole, or one to a target the input lacks.
inline bool route_drops(const network& net, const route& r) {
  return r.state == route_state::blackhole || !target_in_input(net, r.target);
}

/// IGW-6: an internet gateway drops packets to private (RFC 1918) and shared (RFC 6598, carrier-grade
/// NAT) addresses.
enum class igw_destination : std::uint8_t { routable, rfc1918, rfc6598 };

constexpr igw_destination igw_destination_of(std::uint32_t a) noexcept {
  if ((a >> 24) == 10 || (a >> 20) == ((172u << 4) | 1u) || (a >> 16) == ((192u << 8) | 168u))
    return igw_destination::rfc1918;                                     // 10/8, 172.16/12, 192.168/16
  if ((a >> 22) == ((100u << 2) | 1u)) return igw_destination::rfc6598;  // 100.64.0.0/10
  return igw_destination::routable;
}

/// IGW-12: an address on the internet, where a flow can start: a public unicast IPv4 (outside
/// RFC 1918, RFC 6598, 0/8, loopback, link-local, multicast and reserved space) or a global unicast IPv6 address (2000::/3), inside no VPC CIDR of the input and held
/// as a private or IPv6 address by no interface of it.
inline bool on_internet(const network& net, const ip_address& a) {
  if (a.is_v4()) {
    const auto a4 = a.to_v4();
    const std::uint32_t u = a4.to_uint();
    // Not "this network" (0/8), loopback (127/8), link-local (169.254/16), multicast or reserved (224/3).
    if ((u >> 24) == 0 || (u >> 24) == 127 || (u >> 16) == ((169u << 8) | 254u) || (u >> 29) == 7) return false;
    if (igw_destination_of(u) != igw_destination::routable || !net.interfaces_with_address(a4).empty()) return false;
    for (const auto& [id, v] : net.all<vpc>())
      for (const auto& c : v.cidr_blocks)
        if (c.contains(a4)) return false;
    return true;
  }
  const auto a6 = a.to_v6();
  if ((to_uint(a6) >> 125) != 1) return false;
  for (const auto& [id, v] : net.all<vpc>())
    for (const auto& c : v.ipv6_cidr_blocks)
      if (c.contains(a6)) return false;
  for (const auto& [id, e] : net.all<network_interface>())
    if (std::find(e.ipv6_addresses.begin(), e.ipv6_addresses.end(), a6) != e.ipv6_addresses.end()) return false;
  return true;
}

/// NAT-10: the well-known NAT64 prefix 64:ff9b::/96 (RFC 6052) a NAT gateway translates to IPv4.
constexpr bool is_nat64_prefix(uint128 a) noexcept { return (a >> 32) == (uint128{0x64ff9b} << 64); }

/// NAT-3: a private NAT gateway's traffic is dropped by an internet gateway.
inline bool nat_reaches_internet(const nat_gateway& g) noexcept { return g.connectivity == nat_connectivity::public_; }

/// NAT-14: only an available NAT gateway forwards.
inline bool nat_forwards(const nat_gateway& g) noexcept { return g.is_available(); }

/// A transit gateway, and each of its attachments, forwards only when available
/// (tgw-vpc-attachments.html).
inline bool tgw_forwards(const transit_gateway& g) noexcept { return g.is_available(); }
inline bool tgw_forwards(const transit_gateway_attachment& a) noexcept { return a.is_available(); }

/// A transit gateway route drops when it is a blackhole or has no attachment (model/transit_gateway.hpp).
inline bool tgw_route_drops(const transit_gateway_route& r) noexcept { return r.drops(); }

/// Only a running instance sends, or forwards as an appliance (RT-14).
inline bool instance_runs(const instance& i) noexcept { return i.is_running(); }

/// RT-14: the attachment by which traffic of VPC `v` enters transit gateway `tgw`: its VPC
/// attachment, an available one before any other, else the first in id order; nullptr when none.
inline const transit_gateway_attachment* tgw_entry_attachment(const network& net, const transit_gateway_id& tgw,
                                                              const vpc_id& v) {
  const transit_gateway_attachment* found = nullptr;
  for (const auto& [id, a] : net.all<transit_gateway_attachment>())
    if (a.transit_gateway == tgw && a.resource_type == "vpc" && a.resource_id == v.str())
      if (!found || (!tgw_forwards(*found) && tgw_forwards(a))) found = &a;
  return found;
}

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
/// `defaulted` names it. A view of the network's own lists.
inline std::span<const security_group_id> ingress_groups(const network& net, const network_interface& eni,
                                                         const vpc_endpoint* ep, const security_group** defaulted) {
  if (defaulted) *defaulted = nullptr;
  if (!eni.security_groups.empty() || !ep) return eni.security_groups;
  if (!ep->security_groups.empty()) return ep->security_groups;
  if (const auto* def = net.default_security_group(eni.vpc)) {
    if (defaulted) *defaulted = def;
    return {&def->id, 1};
  }
  return {};
}

/// IF-7 for an interface endpoint as a whole (lint's view, apart from any one interface): the groups
/// its network interfaces carry (the first that has any), else the endpoint's own, else — created
/// without groups — the VPC's default group, in which case `defaulted` names it (SG-10).
inline std::vector<security_group_id> endpoint_groups(const network& net, const vpc_endpoint& ep,
                                                      const security_group** defaulted) {
  if (defaulted) *defaulted = nullptr;
  for (const auto& id : ep.network_interfaces)
    if (const auto* eni = net.find(id); eni && !eni->security_groups.empty()) return eni->security_groups;
  if (!ep.security_groups.empty()) return ep.security_groups;
  if (const auto* def = net.default_security_group(ep.vpc)) {
    if (defaulted) *defaulted = def;
    return {def->id};
  }
  return {};
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
