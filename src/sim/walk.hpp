#pragma once
// The one walk of vpcsim: a packet's way through the compiled tables, forward and then the
// stateless return checks, deciding every AWS rule of aws-semantics.md on the way. It is written
// once and parameterised by what it records:
//  - `verdict_recorder` (compiled.cpp): nothing beyond the verdict; the hot path of matrix, check
//    and diff, which allocates nothing;
//  - `path_recorder` (explain.cpp): the hops, warnings, message and fix of a full answer, worded
//    from the typed events the walk reports.
// The walk decides; a recorder only words what it is told (it may read the model to name things).
// It is a template over the address key too: `std::uint32_t` for IPv4 flows, `uint128` for IPv6
// flows, each over its family's tables (tables.hpp, RT-9, NACL-9); the few rules that differ by
// family are `if constexpr` branches here, beside each other. Private to the library.
#include "matching.hpp"
#include "rules.hpp"
#include "tables.hpp"

#include <vpcsim/sim/codes.hpp>

#include <boost/container/small_vector.hpp>

#include <string>

// Events are written with designated initializers that name the fields each kind uses; the others
// keep their defaults by design.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace vpcsim::engine {

/// What the walk reports. Hops (each one hop of the answer's path), an annotation of the last hop,
/// warnings, and the reason a flow stops (with `blocked_by`'s code, component and rule already set
/// in the verdict). The fields of `event` each kind uses are listed beside it.
enum class ev : std::uint8_t {
  // Hops.
  start,                   // the source instance or interface
  sg_egress,               // sg_rule: the source's outbound rule that matched (SG-5)
  acl,                     // acl, subnet, egress, address (peer), entry: a NACL let the packet cross (NACL-5)
  route,                   // subnet, table, route, interval: the route that decided (RT-15)
  sg_ingress,              // eni, sg_rule: the receiver's inbound rule that matched (SG-8, IF-7)
  arrive,                  // eni: the packet arrives at a network interface (RT-14)
  interface_endpoint,      // eni, endpoint: PrivateLink takes the packet (IF-1)
  service,                 // endpoint: the request arrives at the endpoint's service
  internet,                // after the internet gateway: the internet, or a service's public address
  nat,                     // nat: the NAT gateway translates the source (NAT-8)
  igw,                     // text (its id): the internet gateway maps the source (IGW-5; IPv6: no translation)
  eigw,                    // text (its id): the egress-only internet gateway carries IPv6 out (IGW-8)
  gateway_endpoint,        // endpoint: a gateway endpoint carries the packet (GW-6)
  appliance_sg,            // eni (the appliance), sg_rule, egress: its groups pass the packet (SG-5)
  appliance,               // eni: the appliance forwards (RT-14)
  tgw_enter,               // attachment, subnet, text (zone): into a transit gateway (RT-14)
  tgw_table,               // table (TGW table), attachment (in), tgw_route: its route decided
  tgw_leave,               // attachment (out), subnet: out to a VPC
  peering,                 // peering: into the peer VPC (PEER-1)
  acl_reply,               // acl, subnet, egress, address, entry, ports: the reply crossed a NACL (NACL-7)
  // A flow started on the internet (IGW-12): its first hops, and the reply's route.
  from_internet,           // the internet, at the source address
  igw_in,                  // eni (destination), text (its id): the internet gateway admits the packet (IGW-5, IGW-12)
  route_reply,             // eni (destination, or the appliance), table, route: the reply's route back (RT-14, IGW-12)
  edge_route,              // table, route, interval, text (the gateway's id): its gateway route table decided (IGW-9, RT-25)
  // An annotation of the last hop.
  policy_allows,           // endpoint: its policy allows the request (POL-2, POL-4)
  // Warnings.
  warn_text,               // text: a warning the tables hold (a missing group or prefix list, route selection)
  warn_no_acl,             // subnet: no NACL in the input (NACL-10)
  warn_shadowed,           // interval: a route shadows the prefix-list route to a gateway endpoint (GW-7b)
  warn_default_group,      // eni: an endpoint without groups took the VPC's default group (IF-7)
  warn_gateway_dns,        // endpoint: a VPC DNS attribute is off (GW-11)
  warn_policy,             // endpoint: the policy evaluation's warnings
  warn_nat_instance,       // eni (the appliance): it translates the source as a NAT instance (RT-13)
  warn_asymmetric_appliance,  // eni (destination), table, route: the reply bypasses the appliance (RT-14)
  warn_asymmetric_tgw,     // table (TGW table), tgw_route, attachment (in): the reply leaves by another attachment
  warn_nat_peering,        // the NAT's address enters a peering connection (NAT-7)
  warn_unsupported_target, // route: a route target kind the walk does not model
  warn_unsupported_attachment,  // attachment: a transit gateway attachment that is not a VPC's
  // Why a flow stops.
  stop_instance_state,     // an instance that is not running sends nothing
  stop_sg_egress,          // eni (source): no outbound rule (SG-5, SG-6)
  stop_acl,                // acl, subnet, egress, address, entry: a NACL denies (NACL-5, NACL-6)
  stop_loop,               // table: a route table seen again (a routing loop)
  stop_hop_limit,          // table: longer than max_hops
  stop_no_route_table,     // subnet, vpc: no route table (RT-1, RT-2)
  stop_no_route,           // subnet, vpc, table: no route matches (RT-21)
  stop_blackhole,          // table, route: the route drops (RT-22..RT-24)
  stop_unsupported_target, // route
  stop_no_interface,       // vpc: no interface holds the address
  stop_sg_ingress,         // eni (receiver): no inbound rule (SG-5, SG-6, IF-7, SG-17, SG-19)
  stop_interface_protocol, // endpoint: TCP only (IF-5)
  stop_endpoint_state,     // endpoint: not available
  stop_policy,             // endpoint: the policy denies (POL-4, POL-6)
  stop_nat_state,          // nat: not available (NAT-14)
  stop_nat_protocol,       // nat: TCP, UDP, ICMP only (NAT-4, NAT-10)
  stop_igw_detached,       // text (its id), vpc (IGW-2)
  stop_private_nat,        // nat (NAT-3)
  stop_igw_private_destination,  // text (its id), egress = RFC 1918 (else RFC 6598) (IGW-6)
  stop_no_public_ip,       // text (the IGW's id): the source has no public IPv4 (IGW-3)
  stop_icmp_family,        // the flow's ICMP is the other family's (IGW-11)
  stop_no_ipv6_address,    // an IPv6 flow from an interface without an IPv6 address (IGW-3)
  stop_no_ipv4_address,    // an IPv4 flow from an interface without a private IPv4 (IPv6-only subnet, VPC-6)
  stop_nat_ipv6,           // nat: a NAT gateway carries IPv6 only as NAT64 (NAT-10)
  stop_nat64_prefix,       // text (the gateway's id), table, route: 64:ff9b::/96 routed to an internet gateway (NAT-10)
  stop_eigw_detached,      // text (its id), vpc (IGW-8, IGW-2)
  stop_eigw_ipv4,          // text (its id): an egress-only internet gateway carries IPv6 only (IGW-8)
  stop_gateway_endpoint_state,     // endpoint
  stop_gateway_endpoint_protocol,  // endpoint
  stop_appliance_missing,  // route: its interface is not in the input
  stop_appliance_state,    // route: its instance is not running
  stop_appliance_sg,       // eni (the appliance), egress, address: its groups refuse (SG-5, SG-6)
  stop_source_dest_check,  // eni (the appliance): the check is on (RT-14)
  stop_no_route_back,      // eni (destination), table, route, text (the gateway): no route back (RT-14)
  stop_tgw_missing,        // text (its id)
  stop_tgw_state,          // tgw
  stop_tgw_no_attachment,  // tgw, vpc
  stop_tgw_attachment_state,  // attachment, tgw, vpc
  stop_tgw_az,             // attachment, tgw, vpc, text (zone)
  stop_tgw_no_association, // attachment, tgw
  stop_tgw_table_missing,  // text (its id)
  stop_tgw_no_route,       // table (TGW table)
  stop_tgw_blackhole,      // table (TGW table), tgw_route
  stop_tgw_out_missing,    // text (the attachment id), tgw_route
  stop_tgw_out_state,      // attachment
  stop_tgw_out_unsupported,  // attachment, tgw_route
  stop_tgw_vpc_missing,    // attachment
  stop_tgw_no_subnet,      // attachment
  stop_tgw_no_route_back,  // table (TGW table), attachment (out), tgw_route or none, text (the attachment in)
  stop_tgw_no_ipv6_support,  // table (TGW table), attachment (propagating without Ipv6Support, TGW-2), egress: the reply's route
  stop_peering_state,      // peering
  stop_peering_outside,    // peering, vpc (the peer)
  stop_peer_vpc_missing,   // peering, vpc (the peer)
  stop_acl_reply,          // acl, subnet, egress, address, ports, entry: a NACL denies the reply (NACL-7)
  // From the internet (IGW-12).
  stop_internet_unknown,   // no interface of the input holds the address (a public IPv4 no interface maps)
  stop_internet_private,   // eni (the holder, or npos): no public IPv4 maps to the address (IGW-6)
  stop_nat_inbound,        // nat: a NAT gateway admits no connection from the internet (NAT-2)
  stop_eigw_inbound,       // eni (destination), vpc, table and route (the reply's, or npos), text (the gateway's id) (IGW-8)
  stop_no_igw,             // eni (destination), vpc: no internet gateway attached to its VPC (IGW-2)
  stop_edge_no_public_ip,  // eni (the appliance), table, route, text (the gateway's id): no public IP (RT-27)
};

struct event {
  ev what;
  std::uint32_t eni = npos, subnet = npos, vpc = npos, acl = npos, table = npos, route = npos, interval = npos,
                sg_rule = npos, endpoint = npos, nat = npos, tgw = npos, attachment = npos, peering = npos;
  uint128 address = 0;  // of the flow's family (walk_state::key reads it back)
  bool egress = false;
  const network_acl_entry* entry = nullptr;
  const transit_gateway_route* tgw_route = nullptr;
  port_range ports{};
  std::string_view text;
};

/// What a recorder may read of the walk when told of an event: the flow and where it is. `K` is
/// the family's address key (tables.hpp).
template <class K>
struct walk_state {
  using key_type = K;
  static constexpr bool v6 = family_of<K>::v6;
  walk_state(const compiled_network::tables& tables, const c_eni& source, const compiled_leg& to, protocol p,
             std::uint16_t dst_port, port_range client_ports)
      : walk_state(tables, source, to, p, dst_port, client_ports, leg_key(to)) {}
  // NAT-10: the IPv4 part of a NAT64 flow, toward `destination` (the leg's address is IPv6).
  walk_state(const compiled_network::tables& tables, const c_eni& source, const compiled_leg& to, protocol p,
             std::uint16_t dst_port, port_range client_ports, K destination)
      : t(tables), f(tables.family<K>()), src(source), leg(to), proto(p), port(dst_port), dest(destination),
        src_addr(in_family<K>(source).primary), src_ports(client_ports) {}

  const compiled_network::tables& t;
  const family_tables<K>& f;  // the flow's family
  const c_eni& src;
  const compiled_leg& leg;
  protocol proto;
  std::uint16_t port;
  K dest;
  K src_addr;                   // changes at a NAT gateway (NAT-8)
  port_range src_ports;         // NAT-11
  bool via_nat = false;
  std::uint32_t nat = npos;     // the NAT gateway the packet went through
  bool nat64 = false;           // an IPv4 flow a NAT gateway translated from IPv6 (NAT-10)
  const c_eni* appliance = nullptr;  // the last appliance the packet went through (RT-14)
  std::uint32_t tgw = npos;     // the last transit gateway the packet went through
  // Straight from the source a group reference can match the sender; after a NAT gateway (another
  // address), an appliance (SG-19) or a transit gateway (SG-17, referencing off by default) not.
  bool indirect() const { return appliance || tgw != npos; }
  // An event's address in this family.
  static K key(uint128 a) { return static_cast<K>(a); }

 private:
  static K leg_key(const compiled_leg& l) {
    if constexpr (family_of<K>::v6) return to_uint(l.address.to_v6());
    else return l.address.to_v4().to_uint();
  }
};

/// The recorder of verdicts: the walk's own count of hops is all it needs.
struct verdict_recorder {
  static constexpr bool words = false;
  template <class K>
  void hop(const walk_state<K>&, const event&) {}
  template <class K>
  void note(const walk_state<K>&, const event&) {}
  template <class K>
  void stop(const walk_state<K>&, const event&) {}
};

template <class Recorder, class K = std::uint32_t>
class walk : walk_state<K> {
  using state = walk_state<K>;
  using state::t, state::f, state::src, state::leg, state::proto, state::port, state::dest, state::src_addr,
      state::src_ports, state::via_nat, state::nat, state::nat64, state::appliance, state::tgw, state::indirect;
  template <class, class>
  friend class walk;  // the IPv6 walk starts the IPv4 one at a NAT64 translation (NAT-10)

 public:
  walk(const compiled_network::tables& tables, const c_eni& source, const compiled_leg& to, protocol p,
       std::uint16_t dst_port, port_range client_ports, std::size_t max_hops, Recorder& rec)
      : state(tables, source, to, p, dst_port, client_ports), rec_(rec), max_hops_(max_hops) {}
  walk(const compiled_network::tables& tables, const c_eni& source, const compiled_leg& to, protocol p,
       std::uint16_t dst_port, port_range client_ports, std::size_t max_hops, Recorder& rec, K destination)
      : state(tables, source, to, p, dst_port, client_ports, destination), rec_(rec), max_hops_(max_hops) {}

  leg_verdict v;

  void run(const instance* inst);
  /// IGW-12: a flow started on the internet at the source's address (`internet_origin`).
  void run_from_internet();

 private:
  // Each step returns false when the packet stops: the verdict and the recorder then say why.
  bool block(std::string_view code, std::string_view component, blocked_rule rule, const event& why) {
    v.reachable = false;
    v.via = via_kind::none;
    v.blocked = true;
    v.code = code;
    v.component = component;
    v.rule = rule;
    rec_.stop(*this, why);
    return false;
  }
  void hop(const event& e) {
    ++v.hops;
    rec_.hop(*this, e);
  }
  void note(const event& e) { rec_.note(*this, e); }
  void arrived(via_kind via) {
    v.via = via;
    v.reachable = true;
  }
  static blocked_rule text(std::string_view prefix, std::string_view text = {}) {
    blocked_rule r;
    r.what = blocked_rule::kind::text;
    r.prefix = prefix;
    r.text = text;
    return r;
  }
  static blocked_rule at(blocked_rule::kind k, K address, bool egress = false) {
    blocked_rule r;
    r.what = k;
    r.address = to_ip(address);
    r.egress = egress;
    return r;
  }
  static blocked_rule route_rule(const route* r) {
    blocked_rule b;
    b.what = blocked_rule::kind::route;
    b.object = r;
    return b;
  }
  static blocked_rule tgw_rule(const transit_gateway_route* r) {
    blocked_rule b;
    b.what = blocked_rule::kind::tgw_route;
    b.object = r;
    return b;
  }

  // SG-5, SG-12..SG-15 (matching.hpp): the first rule of the set that admits the packet, or npos.
  // Rules that mark a group or prefix list the input lacks never match; a recorder with words hears
  // of them.
  std::uint32_t sg_match(span rules, K peer, const c_eni* peer_eni) {
    if constexpr (Recorder::words)
      return engine::sg_match(t, f, rules, proto, port, peer, peer_eni,
                              [&](const c_sg_rule_t<K>& r) { note({.what = ev::warn_text, .text = t.texts[r.warning]}); });
    else
      return engine::sg_match(t, f, rules, proto, port, peer, peer_eni, no_marker_listener{});
  }

  // NACL-5, NACL-6, NACL-9, NACL-19 (matching.hpp).
  acl_decision acl_allows(const c_acl& acl, bool egress, port_range ports, K peer) const {
    return engine::acl_allows(f, acl, egress, proto, ports, peer);
  }

  bool cross_acl(std::uint32_t subnet, bool egress, K peer) {
    const auto acl_ix = t.subnets[subnet].acl;
    if (acl_ix == npos) {  // NACL-10: assumed AWS's default NACL
      note({.what = ev::warn_no_acl, .subnet = subnet});
      return true;
    }
    const auto& acl = t.acls[acl_ix];
    const auto d = acl_allows(acl, egress, port_range::single(port), peer);
    if (!d.allowed) {
      blocked_rule r = at(d.entry ? blocked_rule::kind::acl_entry : blocked_rule::kind::acl_final, peer, egress);
      if (d.entry) r.object = d.entry;
      return block(codes::subnet_acl_restriction, acl.id, r,
                   {.what = ev::stop_acl, .subnet = subnet, .acl = acl_ix, .address = peer, .egress = egress, .entry = d.entry});
    }
    hop({.what = ev::acl, .subnet = subnet, .acl = acl_ix, .address = peer, .egress = egress, .entry = d.entry});
    crossings_.push_back(crossing{acl_ix, subnet, egress, peer, src_ports, true});
    return true;
  }

  bool route_from(std::uint32_t subnet, std::uint32_t vpc);
  bool loop_at(std::uint32_t key, std::string_view table, std::uint32_t table_ix);
  void forward_hop(const event& e, std::string_view component, std::uint32_t table_key = npos) {
    hop(e);
    trail_.push_back(step{component, table_key});
  }
  bool deliver_in_vpc(std::uint32_t vpc, std::uint32_t from_subnet);
  bool arrive_at_eni(const c_eni& eni);
  bool endpoint_policy(std::uint32_t ep) {
    if constexpr (Recorder::words)
      if (!leg.policy->warnings[ep].empty()) note({.what = ev::warn_policy, .endpoint = ep});
    if (!leg.policy->allowed[ep])  // POL-4
      return block(codes::endpoint_policy_deny, t.endpoints[ep].id, leg.policy->denial[ep],
                   {.what = ev::stop_policy, .endpoint = ep});
    note({.what = ev::policy_allows, .endpoint = ep});
    return true;
  }
  bool through_nat(std::uint32_t nat);
  bool after_nat64(std::uint32_t nat_ix, std::uint16_t hops);
  // NAT-10, DNS-15: a synthesized 64:ff9b::/96 address means something only to a NAT gateway; the
  // well-known prefix is not routed on the internet (RFC 6052 §3.1), so an internet gateway or an
  // egress-only one carries the packet nowhere. The route that sent it there is the place to fix.
  bool nat64_prefix_to_gateway(std::string_view gateway) {
    return block(codes::no_route, gateway, text("64:ff9b::/96 (NAT64) is not routed on the internet; route it to a NAT gateway"),
                 {.what = ev::stop_nat64_prefix, .text = gateway});
  }
  bool through_igw(std::uint32_t igw, std::string_view target_id, std::uint32_t vpc);
  bool through_eigw(std::uint32_t eigw, std::string_view target_id, std::uint32_t vpc);
  bool through_gateway_endpoint(std::uint32_t ep);
  bool through_peering(std::uint32_t pcx, std::uint32_t from_vpc);
  bool through_appliance(const c_route& r, std::uint32_t route_ix, std::uint32_t from_subnet);
  bool through_tgw(const c_route& r, std::uint32_t vpc, std::uint32_t from_subnet);
  bool through_edge_table(std::uint32_t igw, const c_eni& destination);
  bool tgw_route(std::uint32_t tgw_ix, const c_tgw_attachment& in, std::uint32_t in_ix, std::string_view zone);
  bool route_back_through(std::uint32_t dst_ix, std::string_view gateway);
  void reply_through_appliance(std::uint32_t dst_ix);
  bool return_path();
  bool holds(const c_eni& e, K a) const {
    const span as = in_family<K>(e).addresses;
    for (std::uint32_t i = as.off; i < as.off + as.len; ++i)
      if (f.addresses[i] == a) return true;
    return false;
  }
  // Whether `a` is in subnet `sn`'s CIDR of this family.
  static bool in_subnet(const c_subnet& sn, K a) {
    if constexpr (family_of<K>::v6) return sn.present && sn.lo6 <= a && a <= sn.hi6;
    else return sn.present && sn.lo <= a && a <= sn.hi;
  }
  const c_eni* sender() const { return !indirect() && holds(src, src_addr) ? &src : nullptr; }

  // A NACL crossed by the forward packet; the reply crosses it the other way (NACL-7) unless
  // `reply` is off (tgw-nacls: the attachment's own subnet).
  struct crossing {
    std::uint32_t acl = npos, subnet = npos;
    bool egress = false;
    K peer = 0;
    port_range src_ports{};
    bool reply = true;
  };
  // A forwarding hop (filters left out): its component and, for a route table, its key in the
  // loop check (subnet tables by index, transit gateway tables above `tgw_table_keys`).
  struct step {
    std::string_view component;
    std::uint32_t table = npos;
  };
  static constexpr std::uint32_t tgw_table_keys = 0x80000000u;

  Recorder& rec_;
  std::size_t max_hops_;  // limits::max_hops: a longer path is a LOOP verdict
  // IGW-2: the internet gateway (or egress-only one, `eigw`) attached to `vpc`, or npos.
  std::uint32_t gateway_of(std::uint32_t vpc, bool eigw) const {
    const auto& gws = eigw ? t.eigws : t.igws;
    for (std::uint32_t g = 0; g < gws.size(); ++g)
      for (std::uint32_t i = gws[g].attached_vpcs.off; i < gws[g].attached_vpcs.off + gws[g].attached_vpcs.len; ++i)
        if (t.u32[i] == vpc) return g;
    return npos;
  }
  boost::container::small_vector<crossing, 16> crossings_;
  boost::container::small_vector<step, 16> trail_;
};

template <class R, class K>
void walk<R, K>::run(const instance* inst) {
  hop({.what = ev::start});
  if (inst && !rules::instance_runs(*inst)) {
    block(codes::bad_state, inst->id.str(), text("state ", inst->state.text()), {.what = ev::stop_instance_state});
    return;
  }
  // IGW-11: ICMP (protocol 1) is IPv4's and ICMPv6 (58) IPv6's; no packet of one family carries
  // the other's, so no rule for it can match.
  if (proto.number == (family_of<K>::v6 ? protocol::icmp().number : protocol::icmpv6().number)) {
    block(codes::protocol_restriction, src.igw_component,
          text(family_of<K>::v6 ? "ICMP (protocol 1) is IPv4 only; IPv6 uses icmpv6 (58)"
                                : "ICMPv6 (protocol 58) is IPv6 only; IPv4 uses icmp (1)"),
          {.what = ev::stop_icmp_family});
    return;
  }
  // IF-5 before any filter: an interface endpoint carries TCP only, so no rule of a security group
  // or NACL would let another protocol through; the answer names the endpoint, not a rule to open.
  if (leg.endpoint != npos && !rules::interface_endpoint_carries(proto)) {
    block(codes::protocol_restriction, t.endpoints[leg.endpoint].id, text("interface endpoints carry TCP only"),
          {.what = ev::stop_interface_protocol, .endpoint = leg.endpoint});
    return;
  }
  // The same for a gateway endpoint the source subnet routes the destination to (TCP and ICMP echo).
  if (!rules::gateway_endpoint_carries(proto))
    if (const auto table = t.subnets[src.subnet].table; table != npos)
      if (const auto ri = t.table_route(table, dest); ri != npos && t.routes[ri].kind == target_kind::gateway_endpoint &&
                                                      !t.routes[ri].dead) {
        const auto ep = t.routes[ri].target;
        block(codes::gateway_endpoint_protocol, t.endpoints[ep].id, text("gateway endpoints carry TCP and ICMP echo only"),
              {.what = ev::stop_gateway_endpoint_protocol, .endpoint = ep});
        return;
      }
  // IGW-3: an IPv6 flow needs an IPv6 address (from the subnet's IPv6 CIDR) to leave from.
  if constexpr (family_of<K>::v6)
    if (!src.v6.has_address) {
      block(codes::no_ipv6_address, src.igw_component, text("no IPv6 address on ", src.id), {.what = ev::stop_no_ipv6_address});
      return;
    }
  // VPC-6: an IPv4 flow needs a private IPv4 address to leave from; an interface in an IPv6-only
  // subnet has none.
  if constexpr (!family_of<K>::v6)
    if (!src.v4.has_address) {
      block(codes::no_ipv4_address, src.igw_component, text("no IPv4 address on ", src.id), {.what = ev::stop_no_ipv4_address});
      return;
    }
  const std::uint32_t dst_eni = t.eni_at(src.vpc, dest);
  const auto rule = sg_match(in_family<K>(src).egress, dest, dst_eni == npos ? nullptr : &t.enis[dst_eni]);
  if (rule == npos) {
    block(in_family<K>(src).egress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, src.egress_component,
          at(blocked_rule::kind::sg_egress, dest), {.what = ev::stop_sg_egress});
    return;
  }
  hop({.what = ev::sg_egress, .sg_rule = rule});
  // RT-7, NACL-2: within one subnet, no route table and no NACL apply.
  if (dst_eni != npos && t.enis[dst_eni].subnet == src.subnet) {
    if (arrive_at_eni(t.enis[dst_eni])) return_path();
    return;
  }
  if (!cross_acl(src.subnet, true, dest)) return;
  if (!route_from(src.subnet, src.vpc)) return;
  return_path();
}

// IGW-12: a flow started on the internet. It enters a VPC only by the internet gateway attached
// to it (IGW-2): over IPv4 addressed to a public IPv4 or Elastic IP, whose destination the gateway
// rewrites to the private IPv4 it maps to (IGW-5, IGW-6); over IPv6 to an interface's address,
// untranslated. An egress-only internet gateway and a NAT gateway admit nothing started from the
// internet (IGW-8, NAT-2). The destination subnet's NACL and the interface's groups decide
// (NACL-3, SG-8); the reply must leave by the same internet gateway, so the subnet's route table
// must route the source to it (RT-14: a reply routed to a NAT gateway, an egress-only gateway or
// nowhere is lost), and cross the NACL outbound (NACL-7); groups pass it (SG-20).
template <class R, class K>
void walk<R, K>::run_from_internet() {
  hop({.what = ev::from_internet});
  if (proto.number == (family_of<K>::v6 ? protocol::icmp().number : protocol::icmpv6().number)) {  // IGW-11
    block(codes::protocol_restriction, src.igw_component,
          text(family_of<K>::v6 ? "ICMP (protocol 1) is IPv4 only; IPv6 uses icmpv6 (58)"
                                : "ICMPv6 (protocol 58) is IPv6 only; IPv4 uses icmp (1)"),
          {.what = ev::stop_icmp_family});
    return;
  }
  std::uint32_t ei = npos;
  K mapped = dest;
  if constexpr (family_of<K>::v6) {
    for (std::uint32_t vpc = 0; vpc < t.vpcs.size() && ei == npos; ++vpc) ei = t.eni_at(vpc, dest);
    if (ei == npos) {
      block(codes::unknown_destination, src.igw_component, at(blocked_rule::kind::no_eni, dest), {.what = ev::stop_internet_unknown});
      return;
    }
  } else {
    // NAT-2 first: a capture lists the NAT gateway's own interface with its Elastic IP too.
    if (const auto nat_ix = t.nat_with_public_ip(dest); nat_ix != npos) {
      block(codes::no_inbound_from_internet, t.nats[nat_ix].id, text("a NAT gateway admits no connection started from the internet (NAT-2)"),
            {.what = ev::stop_nat_inbound, .nat = nat_ix});
      return;
    } else if (const auto* p = t.public_ip(dest)) {
      ei = p->second.first;
      mapped = p->second.second;
    } else {
      std::uint32_t holder = npos;
      for (std::uint32_t vpc = 0; vpc < t.vpcs.size() && holder == npos; ++vpc) holder = t.eni_at(vpc, dest);
      if (holder == npos && rules::igw_destination_of(dest) == rules::igw_destination::routable) {
        block(codes::unknown_destination, src.igw_component, at(blocked_rule::kind::no_eni, dest), {.what = ev::stop_internet_unknown});
        return;
      }
      block(codes::igw_private_ip_ingress, holder != npos ? t.enis[holder].igw_component : src.igw_component,
            text("no public IPv4 or Elastic IP maps to the address (IGW-6)"),
            {.what = ev::stop_internet_private, .eni = holder, .address = dest});
      return;
    }
  }
  const auto& eni = t.enis[ei];
  const auto igw = gateway_of(eni.vpc, false);
  if (igw == npos) {
    if constexpr (family_of<K>::v6)
      if (const auto eigw = gateway_of(eni.vpc, true); eigw != npos) {
        block(codes::no_inbound_from_internet, t.eigws[eigw].id,
              text("an egress-only internet gateway admits no connection started from the internet (IGW-8)"),
              {.what = ev::stop_eigw_inbound, .eni = ei, .vpc = eni.vpc, .text = t.eigws[eigw].id});
        return;
      }
    block(codes::no_route, t.vpcs[eni.vpc].id, text("no internet gateway attached to ", t.vpcs[eni.vpc].id),
          {.what = ev::stop_no_igw, .eni = ei, .vpc = eni.vpc});
    return;
  }
  const std::string_view igw_id = t.igws[igw].id;
  hop({.what = ev::igw_in, .eni = ei, .text = igw_id});
  dest = mapped;  // IGW-5: the private IPv4 the public one maps to (IPv6: the same address)
  if (t.igws[igw].edge_table != npos) {  // IGW-9: its gateway route table routes the packet in
    if (!through_edge_table(igw, eni)) return;
  } else {
    if (!cross_acl(eni.subnet, false, src_addr)) return;
    if (!arrive_at_eni(eni)) return;
  }
  // RT-14: the reply follows the route table of the destination's subnet and must leave by `igw`;
  // IGW-9: one routed to the appliance the request came through goes on by the route table of the
  // appliance's subnet, which must send it to `igw` in turn.
  for (std::uint32_t at_ix = ei;;) {
    const auto& at_eni = t.enis[at_ix];
    const auto& sn = t.subnets[at_eni.subnet];
    const auto back = sn.assoc != npos ? sn.assoc : sn.table;
    if (back == npos) {
      block(codes::unknown_resource, sn.id, text("no route table"), {.what = ev::stop_no_route_table, .subnet = at_eni.subnet, .vpc = at_eni.vpc});
      return;
    }
    const auto ri = t.table_route(back, src_addr);
    const c_route* r = ri != npos && !t.routes[ri].dead ? &t.routes[ri] : nullptr;
    if (r && r->target_id == igw_id) {
      hop({.what = ev::route_reply, .eni = at_ix, .table = back, .route = ri});
      v.via = via_kind::internet_gateway;
      return_path();
      return;
    }
    if (r && at_ix == ei && appliance && r->target != npos &&
        (r->kind == target_kind::network_interface || r->kind == target_kind::instance) && &t.enis[r->target] == appliance) {
      hop({.what = ev::route_reply, .eni = at_ix, .table = back, .route = ri});
      at_ix = static_cast<std::uint32_t>(appliance - t.enis.data());
      continue;
    }
    if (ri != npos && t.routes[ri].kind == target_kind::egress_only_internet_gateway)
      block(codes::no_inbound_from_internet, t.routes[ri].target_id, route_rule(t.routes[ri].r),
            {.what = ev::stop_eigw_inbound, .eni = at_ix, .vpc = at_eni.vpc, .table = back, .route = ri, .text = t.routes[ri].target_id});
    else
      block(codes::no_route, t.tables[back].id, ri == npos ? at(blocked_rule::kind::no_route, src_addr) : route_rule(t.routes[ri].r),
            {.what = ev::stop_no_route_back, .eni = at_ix, .table = back, .route = ri, .text = igw_id});
    return;
  }
}

// IGW-9, RT-25..RT-27: the gateway route table of internet gateway `igw` routes the packet entering
// by it, by longest prefix match on its (translated) destination. `local`, or no matching route,
// delivers it to the destination's subnet as without the table; a network interface (or an
// instance's primary one) is a middlebox appliance, which AWS reaches only when it has a public IP
// (RT-27) and which then goes through the appliance checks (RT-14: its subnet's NACL, its groups,
// its source/destination check off, on by its subnet's route table). Other targets (a Gateway Load
// Balancer endpoint, RT-26) are not modelled: blocked as such. `destination` holds the address.
template <class R, class K>
bool walk<R, K>::through_edge_table(std::uint32_t igw, const c_eni& destination) {
  const auto table = t.igws[igw].edge_table;
  const auto interval = t.table_interval(table, dest);
  if constexpr (R::words) {
    const auto& w = f.bound_words[interval].warnings;
    for (std::uint32_t i = w.off; i < w.off + w.len; ++i) note({.what = ev::warn_text, .text = t.texts[i]});
  }
  const auto ri = f.bound_routes[interval];
  const auto deliver = [&] { return cross_acl(destination.subnet, false, src_addr) && arrive_at_eni(destination); };
  if (ri == npos) return deliver();
  const auto& r = t.routes[ri];
  forward_hop({.what = ev::edge_route, .table = table, .route = ri, .interval = interval, .text = t.igws[igw].id},
              t.tables[table].id, table);
  if (r.dead)
    return block(codes::bad_state_route, t.tables[table].id, route_rule(r.r), {.what = ev::stop_blackhole, .table = table, .route = ri});
  switch (r.kind) {
    case target_kind::local: return deliver();
    case target_kind::network_interface:
    case target_kind::instance: {
      if (r.target != npos) {
        const auto& a = t.enis[r.target];
        const bool has_public = family_of<K>::v6 ? a.v6.has_address : a.has_public;
        if (!has_public)
          return block(codes::igw_private_ip_ingress, a.id,
                       text("the gateway route table's appliance has no public IP address (RT-27)"),
                       {.what = ev::stop_edge_no_public_ip, .eni = r.target, .table = table, .route = ri, .text = t.igws[igw].id});
      }
      return through_appliance(r, ri, npos);
    }
    default: break;
  }
  note({.what = ev::warn_unsupported_target, .route = ri});
  return block(codes::unsupported_component, r.target_id, route_rule(r.r), {.what = ev::stop_unsupported_target, .route = ri});
}

// A route table (of a subnet or a transit gateway) seen again routes the same way again: a loop,
// worded with its cycle of forwarding components. The hop limit bounds any walk (limits::max_hops).
// True (and the verdict blocked) when the walk must stop at `table`.
template <class R, class K>
bool walk<R, K>::loop_at(std::uint32_t key, std::string_view table, std::uint32_t table_ix) {
  const auto first = std::find_if(trail_.begin(), trail_.end(), [&](const step& s) { return s.table == key; });
  if (first != trail_.end()) {
    std::string cycle;
    for (auto it = first; it != trail_.end(); ++it) (cycle += it->component) += " -> ";
    cycle += table;
    block(codes::loop, table, text("routing loop ", t.keep(std::move(cycle))),
          {.what = ev::stop_loop, .table = table_ix, .text = table});
    return true;
  }
  if (v.hops >= max_hops_) {
    block(codes::loop, table, text({}, t.keep("more than " + std::to_string(max_hops_) + " hops")),
          {.what = ev::stop_hop_limit, .table = table_ix, .text = table});
    return true;
  }
  return false;
}

// RT-15..RT-24 over the interval table, then the chosen route's target.
template <class R, class K>
bool walk<R, K>::route_from(std::uint32_t subnet, std::uint32_t vpc) {
  const auto& sn = t.subnets[subnet];
  if (sn.table == npos)
    return block(codes::unknown_resource, sn.id, text("no route table"),
                 {.what = ev::stop_no_route_table, .subnet = subnet, .vpc = vpc});
  const auto& table = t.tables[sn.table];
  if (loop_at(sn.table, table.id, sn.table)) return false;
  const auto interval = t.table_interval(sn.table, dest);
  if constexpr (R::words) {
    const auto& w = f.bound_words[interval].warnings;
    for (std::uint32_t i = w.off; i < w.off + w.len; ++i) note({.what = ev::warn_text, .text = t.texts[i]});
  }
  const auto ri = f.bound_routes[interval];
  if (ri == npos)
    return block(codes::no_route, table.id, at(blocked_rule::kind::no_route, dest),
                 {.what = ev::stop_no_route, .subnet = subnet, .vpc = vpc, .table = sn.table});
  const auto& r = t.routes[ri];
  if constexpr (R::words)
    if (const auto* shadowed = f.bound_words[interval].shadowed; shadowed && shadowed->target.kind == target_kind::gateway_endpoint)
      note({.what = ev::warn_shadowed, .table = sn.table, .route = ri, .interval = interval});
  forward_hop({.what = ev::route, .subnet = subnet, .table = sn.table, .route = ri, .interval = interval}, table.id,
              sn.table);
  if (r.dead)
    return block(codes::bad_state_route, table.id, route_rule(r.r), {.what = ev::stop_blackhole, .table = sn.table, .route = ri});
  switch (r.kind) {
    case target_kind::local: return deliver_in_vpc(vpc, subnet);
    case target_kind::nat_gateway: return through_nat(r.target);
    case target_kind::internet_gateway: return through_igw(r.target, r.target_id, vpc);
    case target_kind::egress_only_internet_gateway: return through_eigw(r.target, r.target_id, vpc);
    case target_kind::gateway_endpoint: return through_gateway_endpoint(r.target);
    case target_kind::peering_connection: return through_peering(r.target, vpc);
    case target_kind::network_interface:
    case target_kind::instance: return through_appliance(r, ri, subnet);
    case target_kind::transit_gateway: return through_tgw(r, vpc, subnet);
    default: break;
  }
  note({.what = ev::warn_unsupported_target, .route = ri});
  return block(codes::unsupported_component, r.target_id, route_rule(r.r), {.what = ev::stop_unsupported_target, .route = ri});
}

// RT-14: the ENI holding the destination in the VPC; NACL-3 when it is in another subnet.
template <class R, class K>
bool walk<R, K>::deliver_in_vpc(std::uint32_t vpc, std::uint32_t from_subnet) {
  const auto ei = t.eni_at(vpc, dest);
  if (ei == npos) {
    // The most specific subnet of the VPC holding the address names the place.
    std::string_view where = t.vpcs[vpc].id;
    K best_size = 0;
    bool found = false;
    const auto& sub = t.vpcs[vpc].subnets;
    for (std::uint32_t i = sub.off; i < sub.off + sub.len; ++i) {
      const auto& s = t.subnets[t.u32[i]];
      K lo, hi;
      if constexpr (family_of<K>::v6) lo = s.lo6, hi = s.hi6;
      else lo = s.lo, hi = s.hi;
      if (lo <= dest && dest <= hi && (!found || hi - lo < best_size)) {
        where = s.id;
        best_size = hi - lo;
        found = true;
      }
    }
    return block(codes::unknown_destination, where, at(blocked_rule::kind::no_eni, dest),
                 {.what = ev::stop_no_interface, .vpc = vpc});
  }
  const auto& eni = t.enis[ei];
  if ((from_subnet == npos || eni.subnet != from_subnet) && !cross_acl(eni.subnet, false, src_addr)) return false;
  return arrive_at_eni(eni);
}

template <class R, class K>
bool walk<R, K>::arrive_at_eni(const c_eni& eni) {
  const auto eni_ix = static_cast<std::uint32_t>(&eni - t.enis.data());
  // IF-5 before the endpoint's groups (a flow to the endpoint interface's address).
  if (eni.endpoint != npos && !rules::interface_endpoint_carries(proto))
    return block(codes::protocol_restriction, t.endpoints[eni.endpoint].id, text("interface endpoints carry TCP only"),
                 {.what = ev::stop_interface_protocol, .endpoint = eni.endpoint});
  if (!eni.defaulted_group.empty()) note({.what = ev::warn_default_group, .eni = eni_ix});
  // SG-8, IF-7: the receiver's groups, matched on the source (after a NAT, the NAT's address).
  const auto rule = sg_match(in_family<K>(eni).ingress, src_addr, sender());
  if (rule == npos)
    return block(in_family<K>(eni).ingress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, eni.ingress_component,
                 at(blocked_rule::kind::sg_ingress, src_addr), {.what = ev::stop_sg_ingress, .eni = eni_ix});
  hop({.what = ev::sg_ingress, .eni = eni_ix, .sg_rule = rule});
  if (eni.endpoint == npos) {
    if (appliance) reply_through_appliance(eni_ix);
    hop({.what = ev::arrive, .eni = eni_ix});
    arrived(via_nat ? via_kind::nat_gateway : via_kind::local);
    return true;
  }
  const auto& ep = t.endpoints[eni.endpoint];
  if (!ep.available)
    return block(codes::bad_state, ep.id, text("state ", ep.state), {.what = ev::stop_endpoint_state, .endpoint = eni.endpoint});
  hop({.what = ev::interface_endpoint, .eni = eni_ix, .endpoint = eni.endpoint});
  if (!endpoint_policy(eni.endpoint)) return false;
  arrived(via_kind::interface_endpoint);
  if (ep.service_hop) hop({.what = ev::service, .endpoint = eni.endpoint});
  return true;
}

// RT-14: the reply must come back through the appliance; a route table that sends it elsewhere
// makes the routing asymmetric, which AWS does not support (a stateful appliance drops the flow).
// A warning only: worked out for recorders with words.
template <class R, class K>
void walk<R, K>::reply_through_appliance(std::uint32_t dst_ix) {
  if constexpr (R::words) {
    const auto back_table = t.subnets[t.enis[dst_ix].subnet].assoc;
    if (back_table == npos) return;
    const auto ri = t.table_route(back_table, src_addr);
    if (ri == npos) return;  // no way back at all: the reply is a problem of its own
    const auto& r = t.routes[ri];
    const bool same = r.target_id == appliance->id || (!appliance->igw_component.empty() && appliance->igw_component != appliance->id &&
                                                        r.target_id == appliance->igw_component);
    if (!same) note({.what = ev::warn_asymmetric_appliance, .eni = dst_ix, .table = back_table, .route = ri});
  }
}

// NAT-4, NAT-8, NAT-11..NAT-14.
template <class R, class K>
bool walk<R, K>::through_nat(std::uint32_t nat_ix) {
  const auto& g = t.nats[nat_ix];
  if (!g.available) return block(codes::bad_state, g.id, text("state ", g.state), {.what = ev::stop_nat_state, .nat = nat_ix});
  // NAT-10: IPv6 only as NAT64, to 64:ff9b::/96; other IPv6 destinations need an egress-only or
  // internet gateway.
  if constexpr (family_of<K>::v6)
    if (!rules::is_nat64_prefix(dest))
      return block(codes::nat_ipv6, g.id, text("a NAT gateway carries IPv6 only as NAT64 to 64:ff9b::/96 (NAT-10)"),
                   {.what = ev::stop_nat_ipv6, .nat = nat_ix});
  if (!rules::nat_carries(proto))
    return block(codes::protocol_restriction, g.id, text("TCP, UDP and ICMP only"), {.what = ev::stop_nat_protocol, .nat = nat_ix});
  // NAT-4(4), NAT-12: the NAT subnet's NACL applies inbound (to an IPv6 packet: its IPv6 entries, NACL-9).
  if (!cross_acl(g.subnet, false, src_addr)) return false;
  forward_hop({.what = ev::nat, .nat = nat_ix}, g.id);
  if constexpr (family_of<K>::v6) {
    // NAT-10: NAT64 translates to IPv4: the destination is the IPv4 address in the last 32 bits
    // (RFC 6052), the source the NAT gateway's private IPv4 address; the packet goes on as IPv4
    // from the NAT gateway's subnet, and the reply comes back through it (its IPv4 NACL crossings
    // first, then this flow's IPv6 ones).
    walk<R, std::uint32_t> v4(t, src, leg, proto, port, src_ports, max_hops_, rec_, static_cast<std::uint32_t>(dest));
    const bool ok = v4.after_nat64(nat_ix, v.hops);
    v = v4.v;
    return ok;
  }
  if constexpr (!family_of<K>::v6)
    if (g.private_ip) src_addr = g.private_ip->to_uint();
  src_ports = nat_gateway_ports;
  via_nat = true;
  nat = nat_ix;
  // The NAT subnet's route table decides what happens next; leaving the subnet crosses its NACL outbound.
  const auto& sn = t.subnets[g.subnet];
  const bool leaves = !in_subnet(sn, dest);
  if (sn.table != npos && leaves && !cross_acl(g.subnet, true, dest)) return false;
  return route_from(g.subnet, g.vpc);
}

// NAT-10: the IPv4 part of a NAT64 flow, from the NAT gateway `nat_ix` translated it (after `hops`
// hops of the IPv6 part), to the end of its IPv4 reply.
template <class R, class K>
bool walk<R, K>::after_nat64(std::uint32_t nat_ix, std::uint16_t hops) {
  const auto& g = t.nats[nat_ix];
  v.hops = hops;
  if (g.private_ip) src_addr = g.private_ip->to_uint();
  src_ports = nat_gateway_ports;
  via_nat = true;
  nat64 = true;
  nat = nat_ix;
  const auto& sn = t.subnets[g.subnet];
  const bool leaves = !in_subnet(sn, dest);
  if (sn.table != npos && leaves && !cross_acl(g.subnet, true, dest)) return false;
  if (!route_from(g.subnet, g.vpc)) return false;
  return return_path();
}

// IGW-2, IGW-3, IGW-6, NAT-3, RT-13.
template <class R, class K>
bool walk<R, K>::through_igw(std::uint32_t igw, std::string_view target_id, std::uint32_t vpc) {
  bool attached = false;
  if (igw != npos) {
    const auto& a = t.igws[igw].attached_vpcs;
    for (std::uint32_t i = a.off; i < a.off + a.len; ++i) attached = attached || t.u32[i] == vpc;
  }
  if (!attached)
    return block(codes::bad_state_attachment, target_id, text("not attached to ", t.vpcs[vpc].id),
                 {.what = ev::stop_igw_detached, .vpc = vpc, .text = target_id});
  if (nat != npos && t.nats[nat].is_private)
    return block(codes::private_nat_no_internet, t.nats[nat].id, text("connectivity type private"),
                 {.what = ev::stop_private_nat, .nat = nat});
  if constexpr (family_of<K>::v6) {
    if (rules::is_nat64_prefix(dest)) return nat64_prefix_to_gateway(target_id);
    // IGW-1, IGW-5: IPv6 crosses the internet gateway untranslated; the source's own IPv6 address
    // (IGW-3, checked where the flow starts) is its internet address, no public IPv4 needed.
    hop({.what = ev::igw, .text = target_id});
    arrived(via_kind::internet_gateway);
    hop({.what = ev::internet});
    return true;
  } else {
    switch (rules::igw_destination_of(dest)) {
      case rules::igw_destination::rfc1918:
        return block(codes::igw_rfc1918_egress, target_id, at(blocked_rule::kind::rfc1918, dest),
                     {.what = ev::stop_igw_private_destination, .egress = true, .text = target_id});
      case rules::igw_destination::rfc6598:
        return block(codes::igw_rfc6598_egress, target_id, at(blocked_rule::kind::rfc6598, dest),
                     {.what = ev::stop_igw_private_destination, .egress = false, .text = target_id});
      case rules::igw_destination::routable: break;
    }
    // IGW-3; RT-13: an appliance with a public IPv4 translates a private source, as a NAT instance.
    if (!via_nat && !src.has_public) {
      if (!(appliance && appliance->has_public))
        return block(codes::igw_public_ip_for_egress, src.igw_component, text("no public IPv4 on ", src.id),
                     {.what = ev::stop_no_public_ip, .text = target_id});
      note({.what = ev::warn_nat_instance, .eni = static_cast<std::uint32_t>(appliance - t.enis.data())});
    }
    hop({.what = ev::igw, .text = target_id});
    arrived(via_nat ? via_kind::nat_gateway : via_kind::internet_gateway);
    hop({.what = ev::internet});
    return true;
  }
}

// IGW-8: an egress-only internet gateway carries IPv6 out of a VPC it is attached to (IGW-2), and
// the replies back; it never admits a connection initiated from the internet. `via` is
// `internet-gateway` (design.md); the hop's kind names the egress-only gateway.
template <class R, class K>
bool walk<R, K>::through_eigw(std::uint32_t eigw, std::string_view target_id, std::uint32_t vpc) {
  if constexpr (!family_of<K>::v6) {
    return block(codes::unsupported_component, target_id, text("egress-only internet gateways carry IPv6 only (IGW-8)"),
                 {.what = ev::stop_eigw_ipv4, .text = target_id});
  } else {
    bool attached = false;
    if (eigw != npos) {
      const auto& a = t.eigws[eigw].attached_vpcs;
      for (std::uint32_t i = a.off; i < a.off + a.len; ++i) attached = attached || t.u32[i] == vpc;
    }
    if (!attached)
      return block(codes::bad_state_attachment, target_id, text("not attached to ", t.vpcs[vpc].id),
                   {.what = ev::stop_eigw_detached, .vpc = vpc, .text = target_id});
    if (nat != npos && t.nats[nat].is_private)
      return block(codes::private_nat_no_internet, t.nats[nat].id, text("connectivity type private"),
                   {.what = ev::stop_private_nat, .nat = nat});
    if (rules::is_nat64_prefix(dest)) return nat64_prefix_to_gateway(target_id);
    hop({.what = ev::eigw, .text = target_id});
    arrived(via_kind::internet_gateway);
    hop({.what = ev::internet});
    return true;
  }
}

// GW-4..GW-8, GW-11, POL-4: the gateway endpoint carries same-region S3/DynamoDB traffic.
template <class R, class K>
bool walk<R, K>::through_gateway_endpoint(std::uint32_t ep_ix) {
  const auto& ep = t.endpoints[ep_ix];
  if (!ep.available)
    return block(codes::bad_state, ep.id, text("state ", ep.state), {.what = ev::stop_gateway_endpoint_state, .endpoint = ep_ix});
  if (!rules::gateway_endpoint_carries(proto))
    return block(codes::gateway_endpoint_protocol, ep.id, text("gateway endpoints carry TCP and ICMP echo only"),
                 {.what = ev::stop_gateway_endpoint_protocol, .endpoint = ep_ix});
  // GW-11, DNS-7: the route does the diversion, but AWS asks for both DNS attributes.
  if (ep.dns_attributes_off) note({.what = ev::warn_gateway_dns, .endpoint = ep_ix});
  hop({.what = ev::gateway_endpoint, .endpoint = ep_ix});
  if (!endpoint_policy(ep_ix)) return false;
  if (ep.service_hop) hop({.what = ev::service, .endpoint = ep_ix});
  arrived(via_nat ? via_kind::nat_gateway : via_kind::gateway_endpoint);
  return true;
}

// RT-14: the reply to a peering connection or transit gateway goes back through it, so the
// destination subnet's route table needs a route to the source through `gateway`.
template <class R, class K>
bool walk<R, K>::route_back_through(std::uint32_t dst_ix, std::string_view gateway) {
  const auto back_table = t.subnets[t.enis[dst_ix].subnet].assoc;
  if (back_table == npos) return true;  // no table in the input: route_from reports that on its own
  const auto ri = t.table_route(back_table, src_addr);
  if (ri != npos && t.routes[ri].target_id == gateway) return true;
  return block(codes::no_route, t.tables[back_table].id,
               ri == npos ? at(blocked_rule::kind::no_route, src_addr) : route_rule(t.routes[ri].r),
               {.what = ev::stop_no_route_back, .eni = dst_ix, .table = back_table, .route = ri, .text = gateway});
}

// PEER-1, PEER-2, RT-14: into the peer VPC, and a route back through the same connection.
template <class R, class K>
bool walk<R, K>::through_peering(std::uint32_t pcx_ix, std::uint32_t from_vpc) {
  const auto& pcx = t.peerings[pcx_ix];
  if (!pcx.active)
    return block(codes::bad_state, pcx.id, text("status ", pcx.status), {.what = ev::stop_peering_state, .peering = pcx_ix});
  if (via_nat) note({.what = ev::warn_nat_peering});  // NAT-7, PEER-2: no edge-to-edge routing
  const auto& peer = pcx.requester == from_vpc ? pcx.sides[0] : pcx.sides[1];
  bool inside = false;
  const span cidrs = pick<K>(peer.cidrs, peer.cidrs6);
  for (std::uint32_t i = cidrs.off; i < cidrs.off + cidrs.len; ++i)
    inside = inside || (f.cidrs[i].first <= dest && dest <= f.cidrs[i].second);
  if (!inside)
    return block(codes::pcx_address_in_vpc_cidr, pcx.id, text("destination outside ", peer.vpc_id),
                 {.what = ev::stop_peering_outside, .vpc = peer.vpc, .peering = pcx_ix});
  forward_hop({.what = ev::peering, .vpc = peer.vpc, .peering = pcx_ix}, pcx.id);
  if (!peer.present)
    return block(codes::unknown_resource, peer.vpc_id, text("peer VPC not in the input"),
                 {.what = ev::stop_peer_vpc_missing, .vpc = peer.vpc, .peering = pcx_ix});
  const auto ei = t.eni_at(peer.vpc, dest);
  if (ei == npos) return deliver_in_vpc(peer.vpc, npos);
  if (!route_back_through(ei, pcx.id)) return false;
  if (!deliver_in_vpc(peer.vpc, npos)) return false;
  v.via = via_kind::peering;
  return true;
}

// RT-13, RT-14, NACL-4: a route to a network interface (or an instance's primary one) sends the
// packet to an appliance: into its subnet, through its groups both ways (SG-5, SG-8), its
// source/destination check off, on by the route table of its subnet. Loops through appliances
// meet the route table check.
template <class R, class K>
bool walk<R, K>::through_appliance(const c_route& r, std::uint32_t route_ix, std::uint32_t from_subnet) {
  if (r.target == npos)
    return block(codes::unknown_resource, r.target_id, route_rule(r.r), {.what = ev::stop_appliance_missing, .route = route_ix});
  const auto& eni = t.enis[r.target];
  if (r.appliance && !rules::instance_runs(*r.appliance))
    return block(codes::bad_state, r.appliance->id.str(), text("state ", r.appliance->state.text()),
                 {.what = ev::stop_appliance_state, .route = route_ix});
  if (eni.subnet != from_subnet && !cross_acl(eni.subnet, false, src_addr)) return false;  // NACL-4
  const auto in = sg_match(in_family<K>(eni).own_ingress, src_addr, sender());
  if (in == npos)
    return block(in_family<K>(eni).own_ingress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, eni.egress_component,
                 at(blocked_rule::kind::sg_ingress, src_addr),
                 {.what = ev::stop_appliance_sg, .eni = r.target, .address = src_addr, .egress = false});
  hop({.what = ev::appliance_sg, .eni = r.target, .sg_rule = in, .egress = false});
  appliance = &eni;
  if (eni.source_dest_check)
    return block(codes::eni_source_dest_check, eni.id, text("source/destination check on"),
                 {.what = ev::stop_source_dest_check, .eni = r.target});
  forward_hop({.what = ev::appliance, .eni = r.target}, eni.id);
  const std::uint32_t next = t.eni_at(eni.vpc, dest);
  const auto out = sg_match(in_family<K>(eni).egress, dest, next == npos ? nullptr : &t.enis[next]);
  if (out == npos)
    return block(in_family<K>(eni).egress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, eni.egress_component,
                 at(blocked_rule::kind::sg_egress, dest),
                 {.what = ev::stop_appliance_sg, .eni = r.target, .address = dest, .egress = true});
  hop({.what = ev::appliance_sg, .eni = r.target, .sg_rule = out, .egress = true});
  const bool leaves = !in_subnet(t.subnets[eni.subnet], dest);
  if (leaves && !cross_acl(eni.subnet, true, dest)) return false;
  return route_from(eni.subnet, eni.vpc);
}

// RT-14 and the Transit Gateway guide (tgw-vpc-attachments.html, tgw-nacls.html): the packet enters
// by the source VPC's attachment, through its subnet in the packet's AZ (none:
// TGW_ROUTE_AZ_RESTRICTION), whose NACL checks it inbound even in the sender's own subnet.
template <class R, class K>
bool walk<R, K>::through_tgw(const c_route& r, std::uint32_t vpc, std::uint32_t from_subnet) {
  if (r.target == npos)
    return block(codes::unknown_resource, r.target_id, text("not in the input"), {.what = ev::stop_tgw_missing, .text = r.target_id});
  const auto& g = t.tgws[r.target];
  if (!g.available) return block(codes::bad_state, g.id, text("state ", g.state), {.what = ev::stop_tgw_state, .tgw = r.target});
  const auto in_ix = t.attachment_of(r.target, vpc);
  if (in_ix == npos)
    return block(codes::unknown_resource, g.id, text("no attachment of ", t.vpcs[vpc].id),
                 {.what = ev::stop_tgw_no_attachment, .vpc = vpc, .tgw = r.target});
  const auto& in = t.tgw_attachments[in_ix];
  if (!in.available)
    return block(codes::bad_state_attachment, in.id, text("state ", in.state),
                 {.what = ev::stop_tgw_attachment_state, .vpc = vpc, .tgw = r.target, .attachment = in_ix});
  const auto& from = t.subnets[from_subnet];
  const std::string_view zone = from.present ? from.zone : src.zone;
  const auto entry = t.attachment_subnet_in(in, zone);
  if (entry == npos)
    return block(codes::tgw_route_az_restriction, in.id, text("no subnet in ", zone),
                 {.what = ev::stop_tgw_az, .vpc = vpc, .tgw = r.target, .attachment = in_ix, .text = zone});
  if (!cross_acl(entry, false, src_addr)) return false;
  // tgw-nacls: in the sender's own subnet both rules apply to the packet going in, and none to the
  // reply coming out of the transit gateway.
  if (entry == from_subnet)
    for (auto& c : crossings_)
      if (c.subnet == from_subnet) c.reply = false;
  forward_hop({.what = ev::tgw_enter, .subnet = entry, .vpc = vpc, .tgw = r.target, .attachment = in_ix, .text = zone}, in.id);
  tgw = r.target;
  return tgw_route(r.target, in, in_ix, zone);
}

// The route table associated with the attachment the packet came in by picks the attachment it
// leaves by; a VPC attachment hands it to its subnet (in the destination's AZ when it has one),
// whose NACL checks it outbound and whose route table routes on. The destination needs a way back
// through the transit gateway (RT-14). Only VPC attachments are modelled.
template <class R, class K>
bool walk<R, K>::tgw_route(std::uint32_t tgw_ix, const c_tgw_attachment& in, std::uint32_t in_ix, std::string_view zone) {
  const auto& g = t.tgws[tgw_ix];
  if (in.association_id.empty())
    return block(codes::tgw_missing_association, in.id, text("no route table association"),
                 {.what = ev::stop_tgw_no_association, .tgw = tgw_ix, .attachment = in_ix});
  if (in.association == npos)
    return block(codes::unknown_resource, in.association_id, text("not in the input"),
                 {.what = ev::stop_tgw_table_missing, .text = in.association_id});
  const auto& table = t.tgw_tables[in.association];
  if (loop_at(tgw_table_keys | in.association, table.id, in.association)) return false;
  const auto* r = t.tgw_route(in.association, dest);
  if (!r) {
    if constexpr (family_of<K>::v6)
      if (const auto a = t.unpropagated_attachment(in.association, dest); a != npos)
        return block(codes::tgw_rtb_cannot_route, table.id, text("no IPv6 route: Ipv6Support is disable on ", t.tgw_attachments[a].id),
                     {.what = ev::stop_tgw_no_ipv6_support, .table = in.association, .attachment = a});
    return block(codes::tgw_rtb_cannot_route, table.id, at(blocked_rule::kind::no_route, dest),
                 {.what = ev::stop_tgw_no_route, .table = in.association});
  }
  if (rules::tgw_route_drops(*r))
    return block(codes::tgw_rtb_bad_state_route, table.id, tgw_rule(r),
                 {.what = ev::stop_tgw_blackhole, .table = in.association, .tgw_route = r});
  forward_hop({.what = ev::tgw_table, .table = in.association, .attachment = in_ix, .tgw_route = r}, table.id,
              tgw_table_keys | in.association);
  const auto out_it = t.tgwa_ix.find(std::string_view(r->attachments.front().str()));
  if (out_it == t.tgwa_ix.end())
    return block(codes::unknown_resource, r->attachments.front().str(), tgw_rule(r),
                 {.what = ev::stop_tgw_out_missing, .tgw_route = r, .text = r->attachments.front().str()});
  const auto out_ix = out_it->second;
  const auto& out = t.tgw_attachments[out_ix];
  if (!out.available)
    return block(codes::bad_state_attachment, out.id, text("state ", out.state), {.what = ev::stop_tgw_out_state, .attachment = out_ix});
  if (out.resource_type != "vpc") {
    note({.what = ev::warn_unsupported_attachment, .attachment = out_ix});
    return block(codes::unsupported_component, out.id, tgw_rule(r),
                 {.what = ev::stop_tgw_out_unsupported, .attachment = out_ix, .tgw_route = r});
  }
  if (out.vpc == npos)
    return block(codes::unknown_resource, out.resource_id, text("VPC not in the input"),
                 {.what = ev::stop_tgw_vpc_missing, .attachment = out_ix});
  const auto dst_ix = t.eni_at(out.vpc, dest);
  const c_eni* dst = dst_ix == npos ? nullptr : &t.enis[dst_ix];
  std::uint32_t exit = dst ? t.attachment_subnet_in(out, dst->zone) : npos;
  if (exit == npos) exit = t.attachment_subnet_in(out, zone);
  if (exit == npos && out.subnets.len) exit = t.u32[out.subnets.off];
  if (exit == npos)
    return block(codes::unknown_resource, out.id, text("no subnet"), {.what = ev::stop_tgw_no_subnet, .attachment = out_ix});
  forward_hop({.what = ev::tgw_leave, .subnet = exit, .tgw = tgw_ix, .attachment = out_ix}, out.id);
  // RT-14: the reply needs a route back, from the destination's subnet to the transit gateway and
  // from the transit gateway to the attachment the packet came in by.
  if (dst) {
    if (!route_back_through(dst_ix, g.id)) return false;
    if (out.association != npos) {
      const auto* back = t.tgw_route(out.association, src_addr);
      if constexpr (family_of<K>::v6)
        if (!back)
          if (const auto a = t.unpropagated_attachment(out.association, src_addr); a != npos)
            return block(codes::tgw_rtb_cannot_route, t.tgw_tables[out.association].id,
                         text("no IPv6 route back: Ipv6Support is disable on ", t.tgw_attachments[a].id),
                         {.what = ev::stop_tgw_no_ipv6_support, .table = out.association, .attachment = a, .egress = true});
      if (!back)
        return block(codes::tgw_rtb_cannot_route, t.tgw_tables[out.association].id, at(blocked_rule::kind::no_route, src_addr),
                     {.what = ev::stop_tgw_no_route_back, .table = out.association, .attachment = out_ix, .text = in.id});
      if (rules::tgw_route_drops(*back))
        return block(codes::tgw_rtb_cannot_route, t.tgw_tables[out.association].id, tgw_rule(back),
                     {.what = ev::stop_tgw_no_route_back, .table = out.association, .attachment = out_ix, .tgw_route = back,
                      .text = in.id});
      if (back->attachments.front().str() != in.id)
        note({.what = ev::warn_asymmetric_tgw, .table = out.association, .attachment = in_ix, .tgw_route = back});
    }
  }
  const auto& esn = t.subnets[exit];
  const bool leaves = !in_subnet(esn, dest);
  if (leaves && !cross_acl(exit, true, dest)) return false;
  // tgw-nacls: to a destination in the attachment's own subnet no rule applies to the packet going
  // out of the transit gateway, and both (outbound, then inbound) to the reply going into it.
  if (!leaves && esn.acl != npos) {
    crossings_.push_back(crossing{esn.acl, exit, true, dest, src_ports, true});
    crossings_.push_back(crossing{esn.acl, exit, false, src_addr, src_ports, true});
  }
  if (!route_from(exit, out.vpc)) return false;
  v.via = via_kind::transit_gateway;
  return true;
}

// NACL-7, NACL-19: the reply crosses every NACL again in the other direction, to the ports the
// forward packet came from. Security groups pass replies (SG-20).
template <class R, class K>
bool walk<R, K>::return_path() {
  for (auto it = crossings_.rbegin(); it != crossings_.rend(); ++it) {
    const auto& c = *it;
    if (!c.reply) continue;
    const bool egress = !c.egress;
    const auto ports = proto.has_ports() ? c.src_ports : port_range::all();
    const auto d = acl_allows(t.acls[c.acl], egress, ports, c.peer);  // NACL-9: the flow's family
    if (!d.allowed) {
      blocked_rule r = at(d.entry ? blocked_rule::kind::acl_entry : blocked_rule::kind::acl_return_final, c.peer, egress);
      if (d.entry) r.object = d.entry;
      r.ports = c.src_ports;
      return block(codes::subnet_acl_restriction, t.acls[c.acl].id, r,
                   {.what = ev::stop_acl_reply, .subnet = c.subnet, .acl = c.acl, .address = c.peer, .egress = egress,
                    .entry = d.entry, .ports = c.src_ports});
    }
    hop({.what = ev::acl_reply, .subnet = c.subnet, .acl = c.acl, .address = c.peer, .egress = egress, .entry = d.entry,
         .ports = c.src_ports});
  }
  return true;
}

}  // namespace vpcsim::engine

#pragma GCC diagnostic pop
