#pragma once
// The compiled form of a network: flat, index-based tables built once from the model
// (compiled.cpp) and walked by the one walk (walk.hpp). Private to the library.
#include <vpcsim/model/network.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/sim/compiled.hpp>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vpcsim {

namespace engine {

constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

// The engine keeps one set of address tables per family, keyed by the address as an integer:
// IPv4 by `std::uint32_t`, IPv6 by `uint128`. The walk (walk.hpp) is one template over the key, so
// every rule is written once and decided for the family of the flow; IPv4 and IPv6 rules, routes
// and entries never meet (RT-9, NACL-9).
template <class K>
struct family_of;
template <>
struct family_of<std::uint32_t> {
  using cidr = cidr4;
  using address = address4;
  static constexpr bool v6 = false;
};
template <>
struct family_of<uint128> {
  using cidr = cidr6;
  using address = address6;
  static constexpr bool v6 = true;
};
// The member of a per-family pair that belongs to family K.
template <class K, class T>
constexpr const T& pick(const T& v4, const T& v6) noexcept {
  if constexpr (family_of<K>::v6) return v6;
  else return v4;
}
template <class K>
inline typename family_of<K>::address address_of(K a) {
  if constexpr (family_of<K>::v6) return make_address6(a);
  else return address4{a};
}
template <class K>
inline any_address to_ip(K a) {
  return address_of(a);
}

// One security group rule over the tables (SG-12..SG-15): a protocol, the destination ports it
// admits, and a peer that is an address interval or a group (prefix lists are expanded, SG-14).
template <class K>
struct c_sg_rule_t {
  int proto = -1;            // -1: all protocols
  port_range ports{};        // all ports for rules without ports (SG-12, SG-13)
  K lo = 1, hi = 0;          // address interval; empty when `group` is set
  std::uint32_t group = npos;    // referenced group (SG-15)
  // For the answer's words: the rule of the input and its group. A rule with `warning` set never
  // matches (an empty interval, no group): it marks where the input lacks a group or a prefix list
  // (see compiled.cpp's flatten_groups), reported when the walk reaches it and its ports match.
  const sg_rule* rule = nullptr;
  const security_group* owner = nullptr;
  std::uint32_t warning = npos;  // index into tables::texts
};
using c_sg_rule = c_sg_rule_t<std::uint32_t>;

struct span {
  std::uint32_t off = 0, len = 0;
};

template <class K>
struct c_acl_rule_t {
  K lo = 1, hi = 0;  // empty when the entry has no CIDR of this family (NACL-9)
  int proto = -1;
  port_range ports{};  // NACL-12: entries without ports match every port
  bool allow = false;
  const network_acl_entry* entry = nullptr;
};

struct c_acl {
  std::string_view id;
  std::string_view name;   // the input's name (`display_name`), for the answer
  span egress, ingress;    // IPv4 rules in rule-number order (NACL-5)
  span egress6, ingress6;  // IPv6 rules (NACL-9)
};

// An interface in one family: its addresses and each direction's security group rules as one set.
template <class K>
struct c_eni_family {
  span addresses;  // private IPv4s, or IPv6 addresses
  span egress, ingress;
  bool egress_empty = false, ingress_empty = false;  // SG_HAS_NO_RULES
  span own_ingress;  // as an appliance (RT-14)
  bool own_ingress_empty = false;
  bool has_address = false;  // IPv6: the interface has an IPv6 address (IGW-3)
  K primary = 0;
};

struct c_eni {
  std::string_view id;
  const network_interface* model = nullptr;  // for the answer's words
  const instance* attached = nullptr;         // the instance it is attached to, when in the input
  std::uint32_t subnet = npos, vpc = npos, endpoint = npos;
  span groups;     // security group indices, for group references (SG-15)
  c_eni_family<std::uint32_t> v4;
  std::string_view egress_component, ingress_component;
  std::string_view igw_component;  // instance id or ENI id (IGW-3)
  bool has_public = false;         // a public IPv4 mapped to the primary address (IGW-3, RT-13)
  std::string_view zone;           // availability zone
  std::string_view region;         // rules::region_of, empty when the input does not tell
  std::string_view defaulted_group;  // IF-7: the VPC's default group an endpoint without groups took
  // As an appliance (RT-14): its source/destination check.
  bool source_dest_check = true;
  c_eni_family<uint128> v6;  // last: IPv4 walks read only the lines before it
};

// An interface's tables in family K.
template <class K>
const c_eni_family<K>& in_family(const c_eni& e) noexcept {
  if constexpr (family_of<K>::v6) return e.v6;
  else return e.v4;
}

struct c_subnet {
  std::string_view id;
  bool present = false;
  std::uint32_t vpc = npos;
  std::uint32_t lo = 1, hi = 0;    // its IPv4 CIDR
  std::uint32_t acl = npos;     // topology's filtered_by
  std::uint32_t table = npos;   // topology's routes_with (the walk's table)
  std::uint32_t assoc = npos;   // network::route_table_for (the peer's return route, RT-14)
  bool implicit_main = false;   // `table` is the VPC's main table, no explicit association (RT-2)
  std::string_view zone;        // availability zone (a transit gateway attachment's subnet choice)
  bool dns64 = false;           // DNS-15: EnableDns64 (IPv6 answers for IPv4-only names)
  uint128 lo6 = 1, hi6 = 0;     // its IPv6 CIDR, empty when it has none
};

struct c_route {
  const route* r = nullptr;
  std::string_view target_id;
  target_kind kind = target_kind::local;
  // Index of the NAT, IGW, endpoint, peering connection, transit gateway, or the appliance's ENI
  // (RT-14: an instance target's primary interface).
  std::uint32_t target = npos;
  const instance* appliance = nullptr;  // the instance of an appliance target, when in the input
  bool dead = false;                    // blackhole, or a target the input lacks (RT-22..RT-24)
};

struct c_tgw {
  std::string_view id, state;
  bool available = false;
};

struct c_tgw_attachment {
  std::string_view id, state, resource_type, resource_id;
  std::string_view name;  // the input's name (`display_name`), for the answer
  bool available = false;
  std::uint32_t vpc = npos;         // the attached VPC, when a VPC attachment of a VPC in the input
  span subnets;                     // subnet indices, in the attachment's order
  std::string_view association_id;  // empty: no route table association
  std::uint32_t association = npos; // the associated table, when in the input
};

// TGW-2: an IPv6 CIDR block of a VPC whose attachment propagates into a table without Ipv6Support,
// so the block does not propagate: for the words of an IPv6 flow that finds no route.
struct c_tgw_unpropagated6 {
  uint128 lo = 1, hi = 0;
  std::uint32_t attachment = npos;
};

struct c_tgw_table {
  std::string_view id;
  std::string_view name;  // the input's name (`display_name`), for the answer
  span unpropagated6;  // into tables::tgw_unpropagated6
  span bounds;   // elementary IPv4 intervals: starts, and the winning route (select_tgw_route)
  span bounds6;  // the same over IPv6 (TGW-2: IPv6 routes, and IPv6 CIDRs propagated with Ipv6Support)
};

struct c_table {
  std::string_view id;
  std::string_view name;  // the input's name (`display_name`), for the answer
  span bounds;   // elementary IPv4 intervals: starts, and the winning route (RT-15..RT-19)
  span bounds6;  // the same over IPv6 (RT-9: a separate table in effect)
  span routes;
};

// What `select_route` said of an elementary interval besides its winner, for the answer's words:
// the block that matched (a prefix list's entry), the prefix-list route to a gateway endpoint the
// winner shadows (GW-7b, GW-7c), and its warnings (texts[warnings.off..]).
template <class K>
struct c_interval_t {
  typename family_of<K>::cidr matched;
  const route* shadowed = nullptr;
  span warnings;
};

struct c_nat {
  std::string_view id, state;
  const nat_gateway* model = nullptr;  // for the answer's words
  bool available = false, is_private = false;
  std::uint32_t subnet = npos, vpc = npos;
  std::optional<address4> private_ip;
};

struct c_igw {
  std::string_view id;
  std::string_view name;  // the input's name (`display_name`), for the answer
  span attached_vpcs;  // also an egress-only internet gateway's (IGW-8)
  // IGW-9, RT-25: the gateway route table (edge association) of an internet gateway, in a VPC it
  // is attached to, or npos.
  std::uint32_t edge_table = npos;
};

struct c_endpoint {
  std::string_view id, state;
  std::string_view service;  // the short name of its service (`ecr.api`) when `service_hop`
  bool available = false, service_hop = false;
  bool dns_attributes_off = false;  // GW-11: a VPC DNS attribute is off (a warning, not a block)
  span ingress;  // an interface endpoint's IPv4 inbound rules (rules::endpoint_groups), for lint
};

struct c_peering {
  std::string_view id, status;
  std::string_view name;  // the input's name (`display_name`), for the answer
  bool active = false;
  std::uint32_t requester = npos, accepter = npos;
  struct side {
    std::uint32_t vpc = npos;
    std::string_view vpc_id;
    bool present = false;
    span cidrs, cidrs6;
  } sides[2];
};

struct c_vpc {
  std::string_view id;
  span subnets;
};

// The address tables of one family (see family_of).
template <class K>
struct family_tables {
  // (VPC, address): IPv4 packed in 64 bits, IPv6 as a pair.
  using vpc_key = std::conditional_t<family_of<K>::v6, std::pair<std::uint32_t, K>, std::uint64_t>;
  static vpc_key key_of(std::uint32_t vpc, K a) noexcept {
    if constexpr (family_of<K>::v6) return {vpc, a};
    else return (std::uint64_t{vpc} << 32) | a;
  }
  std::vector<c_sg_rule_t<K>> sg_rules;
  std::vector<c_acl_rule_t<K>> acl_rules;
  std::vector<K> bound_starts;
  std::vector<std::uint32_t> bound_routes;
  std::vector<c_interval_t<K>> bound_words;  // parallel to bound_starts
  std::vector<K> addresses;                  // interfaces' addresses
  std::vector<std::pair<K, K>> cidrs;        // peering sides' address intervals
  std::vector<std::pair<vpc_key, std::uint32_t>> eni_by_address;  // (VPC, address) -> ENI
  std::vector<K> tgw_bound_starts;
  std::vector<const transit_gateway_route*> tgw_bound_routes;  // nullptr: no route matches

  std::uint32_t eni_at(std::uint32_t vpc, K address) const {
    const vpc_key key = key_of(vpc, address);
    auto it = std::lower_bound(eni_by_address.begin(), eni_by_address.end(), key,
                               [](const auto& e, const vpc_key& k) { return e.first < k; });
    return it != eni_by_address.end() && it->first == key ? it->second : npos;
  }
  // The elementary interval of a table with bounds `b` holding `address` (an index into bound_*).
  std::uint32_t table_interval(span b, K address) const {
    const auto* first = bound_starts.data() + b.off;
    const auto* it = std::upper_bound(first, first + b.len, address);
    return b.off + static_cast<std::uint32_t>(it - first) - 1;
  }
  const transit_gateway_route* tgw_route(span b, K address) const {
    if (b.len == 0) return nullptr;
    const auto* first = tgw_bound_starts.data() + b.off;
    const auto* it = std::upper_bound(first, first + b.len, address);
    return tgw_bound_routes[b.off + static_cast<std::uint32_t>(it - first) - 1];
  }
};

}  // namespace engine


/// Endpoint policy decisions for one (action, resource): per endpoint, allowed or the rule (POL-4).
namespace engine {
// IGW-12: the source of a flow started on the internet, at `address` (of either family), as the
// walk reads a source: no VPC, subnet, group or address of an interface, so no group reference
// matches it (SG-15); answers name it `internet`.
inline c_eni internet_origin(const ip_address& address) {
  c_eni e;
  e.id = e.igw_component = e.egress_component = e.ingress_component = "internet";
  if (address.is_v6()) {
    e.v6.primary = to_uint(address.to_v6());
    e.v6.has_address = true;
  } else {
    e.v4.primary = address.to_v4().to_uint();
    e.v4.has_address = true;
  }
  return e;
}

// DNS-4: the verdict of a leg whose name did not resolve: no path at all, blocked by the failure.
inline void unresolved(const compiled_leg& leg, leg_verdict& v) {
  v.blocked = true;
  v.code = leg.fail_code;
  v.component = leg.fail_component;
  v.rule.what = blocked_rule::kind::text;
  v.rule.text = leg.fail_rule;
}
}  // namespace engine

struct compiled_policy_table {
  std::vector<std::uint8_t> allowed;
  std::vector<blocked_rule> denial;
  // For the answer's words, per endpoint: the request asked (POL-4), the statement that allowed it
  // (-1: none quoted), whether a Deny decided, and the evaluation's warnings.
  std::vector<std::string> action, resource;
  std::vector<int> statement;
  std::vector<int> excluded_allow;  // an Allow whose condition this endpoint does not meet (POL-9)
  std::vector<std::uint8_t> explicit_deny;
  std::vector<std::vector<std::string>> warnings;
};

struct compiled_network::tables {
  std::vector<engine::c_eni> enis;
  std::vector<engine::c_subnet> subnets;
  std::vector<engine::c_vpc> vpcs;
  std::vector<engine::c_acl> acls;
  std::vector<engine::c_table> tables;
  std::vector<engine::c_nat> nats;
  std::vector<engine::c_igw> igws;
  std::vector<engine::c_igw> eigws;  // egress-only internet gateways (IGW-8)
  std::vector<engine::c_endpoint> endpoints;
  std::vector<const vpc_endpoint*> endpoint_models;
  std::vector<engine::c_peering> peerings;
  std::vector<engine::c_tgw> tgws;
  std::vector<engine::c_tgw_attachment> tgw_attachments;
  std::vector<engine::c_tgw_table> tgw_tables;
  std::deque<transit_gateway_route> tgw_routes;  // each interval's winner (stable addresses)
  std::vector<engine::c_tgw_unpropagated6> tgw_unpropagated6;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> tgw_attachment_of;  // (TGW << 32 | VPC) -> attachment
  // IGW-5, IGW-12: each public IPv4 (auto-assigned or Elastic IP) -> (interface, the private IPv4 it
  // maps to), sorted; NAT-2: each NAT gateway's public IPv4 -> the gateway, sorted.
  std::vector<std::pair<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>>> public_ips;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> nat_public_ips;

  std::vector<engine::c_route> routes;
  std::vector<std::uint32_t> u32;  // groups, VPC lists, subnets
  std::vector<std::string> texts;  // warnings the tables point at
  engine::family_tables<std::uint32_t> f4;  // IPv4
  engine::family_tables<uint128> f6;        // IPv6
  template <class K>
  const engine::family_tables<K>& family() const noexcept {
    if constexpr (engine::family_of<K>::v6) return f6;
    else return f4;
  }
  std::unordered_map<std::string_view, std::uint32_t> eni_by_id;
  // Each instance of the input with an interface -> its primary interface (network::primary_interface_of).
  std::unordered_map<std::string_view, std::uint32_t> instance_eni;

  std::unordered_map<std::string, std::pair<engine::span, bool>> flattened;  // built once per group list (construction only)
  std::string flattened_key;  // the buffer of its keys

  std::unordered_map<std::string_view, std::uint32_t> vpc_ix, subnet_ix, sg_ix, acl_ix, table_ix, nat_ix, igw_ix, ep_ix,
      pcx_ix, tgw_ix, tgwa_ix, tgw_rtb_ix, eigw_ix;

  // Caches filled after construction, guarded by `mutex` (preparation and rare paths only): texts
  // the verdicts point at (resolution failures, a LOOP verdict's cycle), and endpoint policy
  // decisions per (action, resource).
  mutable std::mutex mutex;
  mutable std::set<std::string, std::less<>> strings;
  mutable std::map<std::pair<std::optional<std::string>, std::optional<std::string>>,
                   std::unique_ptr<compiled_policy_table>>
      policies;
  mutable std::unique_ptr<resource_names> display;  // the input's names, built on the first answer
  mutable std::once_flag display_once;
  std::string_view keep(std::string s) const {
    std::lock_guard lock(mutex);
    return *strings.insert(std::move(s)).first;
  }

  std::uint32_t intern(std::unordered_map<std::string_view, std::uint32_t>& m, std::string_view id, std::size_t& count) {
    auto [it, fresh] = m.emplace(id, static_cast<std::uint32_t>(count));
    if (fresh) ++count;
    return it->second;
  }
  // IGW-5: the (interface, private IPv4) public IPv4 `a` maps to, or nullptr.
  const std::pair<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>>* public_ip(std::uint32_t a) const {
    auto it = std::lower_bound(public_ips.begin(), public_ips.end(), a, [](const auto& e, std::uint32_t k) { return e.first < k; });
    return it != public_ips.end() && it->first == a ? &*it : nullptr;
  }
  // NAT-2: the NAT gateway whose public IPv4 is `a`, or engine::npos.
  std::uint32_t nat_with_public_ip(std::uint32_t a) const {
    auto it = std::lower_bound(nat_public_ips.begin(), nat_public_ips.end(), a, [](const auto& e, std::uint32_t k) { return e.first < k; });
    return it != nat_public_ips.end() && it->first == a ? it->second : engine::npos;
  }
  // The ENI holding `address` in `vpc`, or npos.
  template <class K>
  std::uint32_t eni_at(std::uint32_t vpc, K address) const {
    return family<K>().eni_at(vpc, address);
  }
  // The elementary interval of `table` holding `address` (an index into the family's bound_*).
  template <class K>
  std::uint32_t table_interval(std::uint32_t table, K address) const {
    return family<K>().table_interval(engine::pick<K>(tables[table].bounds, tables[table].bounds6), address);
  }
  // The route of `table` for `address` (RT-15..RT-19), or npos.
  template <class K>
  std::uint32_t table_route(std::uint32_t table, K address) const {
    return family<K>().bound_routes[table_interval(table, address)];
  }
  template <class K>
  const transit_gateway_route* tgw_route(std::uint32_t table, K address) const {
    return family<K>().tgw_route(engine::pick<K>(tgw_tables[table].bounds, tgw_tables[table].bounds6), address);
  }
  // TGW-2: the attachment propagating into `table` without Ipv6Support whose VPC's IPv6 CIDR holds
  // `address` (the reason an IPv6 flow finds no route), or engine::npos.
  std::uint32_t unpropagated_attachment(std::uint32_t table, const uint128& address) const {
    const auto s = tgw_tables[table].unpropagated6;
    for (std::uint32_t i = s.off; i < s.off + s.len; ++i)
      if (tgw_unpropagated6[i].lo <= address && address <= tgw_unpropagated6[i].hi) return tgw_unpropagated6[i].attachment;
    return engine::npos;
  }
  // The VPC attachment of `vpc` to `tgw` the walk enters by (an available one first), or engine::npos.
  std::uint32_t attachment_of(std::uint32_t tgw, std::uint32_t vpc) const {
    const std::uint64_t key = (std::uint64_t{tgw} << 32) | vpc;
    auto it = std::lower_bound(tgw_attachment_of.begin(), tgw_attachment_of.end(), std::make_pair(key, std::uint32_t{0}));
    return it != tgw_attachment_of.end() && it->first == key ? it->second : engine::npos;
  }
  // The first subnet of attachment `a` in availability zone `zone`, or engine::npos.
  std::uint32_t attachment_subnet_in(const engine::c_tgw_attachment& a, std::string_view zone) const {
    for (std::uint32_t i = a.subnets.off; i < a.subnets.off + a.subnets.len; ++i)
      if (subnets[u32[i]].present && subnets[u32[i]].zone == zone) return u32[i];
    return engine::npos;
  }
};

}  // namespace vpcsim
