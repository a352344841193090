#pragma once
// The compiled form of a network: flat, index-based tables built once from the model
// (compiled.cpp) and walked by the one walk (walk.hpp). Private to the library.
#include <vpcsim/model/network.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/filters.hpp>

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

// One security group rule over the tables (SG-12..SG-15): a protocol, the destination ports it
// admits, and a peer that is an address interval or a group (prefix lists are expanded, SG-14).
struct c_sg_rule {
  int proto = -1;            // -1: all protocols
  port_range ports{};        // all ports for rules without ports (SG-12, SG-13)
  std::uint32_t lo = 1, hi = 0;  // address interval; empty when `group` is set
  std::uint32_t group = npos;    // referenced group (SG-15)
  // For the answer's words: the rule of the input and its group. A rule with `warning` set never
  // matches (an empty interval, no group): it marks where the input lacks a group or a prefix list
  // (check_security_groups' warnings), reported when the walk reaches it and its ports match.
  const sg_rule* rule = nullptr;
  const security_group* owner = nullptr;
  std::uint32_t warning = npos;  // index into tables::texts
};

struct span {
  std::uint32_t off = 0, len = 0;
};

struct c_acl_rule {
  std::uint32_t lo = 1, hi = 0;  // empty when the entry has no IPv4 CIDR (NACL-9)
  int proto = -1;
  port_range ports{};  // NACL-12: entries without ports match every port
  bool allow = false;
  const network_acl_entry* entry = nullptr;
};

struct c_acl {
  std::string_view id;
  span egress, ingress;  // rules in rule-number order (NACL-5)
};

struct c_eni {
  std::string_view id;
  const network_interface* model = nullptr;  // for the answer's words
  std::uint32_t subnet = npos, vpc = npos, endpoint = npos;
  span addresses;  // private IPv4s
  span groups;     // security group indices, for group references (SG-15)
  span egress, ingress;
  bool egress_empty = false, ingress_empty = false;  // SG_HAS_NO_RULES
  std::string_view egress_component, ingress_component;
  std::string_view igw_component;  // instance id or ENI id (IGW-3)
  bool has_public = false;         // a public IPv4 mapped to the primary address (IGW-3, RT-13)
  std::uint32_t primary = 0;
  std::string_view zone;           // availability zone
  std::string_view defaulted_group;  // IF-7: the VPC's default group an endpoint without groups took
  // As an appliance (RT-14): its own groups inbound (SG-5, SG-8; IF-7 is for endpoints only) and
  // its source/destination check.
  span own_ingress;
  bool own_ingress_empty = false;
  bool source_dest_check = true;
};

struct c_subnet {
  std::string_view id;
  bool present = false;
  std::uint32_t vpc = npos;
  std::uint32_t lo = 1, hi = 0;
  std::uint32_t acl = npos;     // topology's filtered_by
  std::uint32_t table = npos;   // topology's routes_with (the walk's table)
  std::uint32_t assoc = npos;   // network::route_table_for (the peer's return route, RT-14)
  bool implicit_main = false;   // `table` is the VPC's main table, no explicit association (RT-2)
  std::string_view zone;        // availability zone (a transit gateway attachment's subnet choice)
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
  bool available = false;
  std::uint32_t vpc = npos;         // the attached VPC, when a VPC attachment of a VPC in the input
  span subnets;                     // subnet indices, in the attachment's order
  std::string_view association_id;  // empty: no route table association
  std::uint32_t association = npos; // the associated table, when in the input
};

struct c_tgw_table {
  std::string_view id;
  span bounds;  // elementary address intervals: starts, and the winning route (select_tgw_route)
};

struct c_table {
  std::string_view id;
  span bounds;  // elementary address intervals: starts, and the winning route (RT-15..RT-19)
  span routes;
};

// What `select_route` said of an elementary interval besides its winner, for the answer's words:
// the block that matched (a prefix list's entry), the prefix-list route to a gateway endpoint the
// winner shadows (GW-7b, GW-7c), and its warnings (texts[warnings.off..]).
struct c_interval {
  cidr4 matched;
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
  span attached_vpcs;
};

struct c_endpoint {
  std::string_view id, state;
  bool available = false, service_hop = false;
  bool dns_attributes_off = false;  // GW-11: a VPC DNS attribute is off (a warning, not a block)
};

struct c_peering {
  std::string_view id, status;
  bool active = false;
  std::uint32_t requester = npos, accepter = npos;
  struct side {
    std::uint32_t vpc = npos;
    std::string_view vpc_id;
    bool present = false;
    span cidrs;
  } sides[2];
};

struct c_vpc {
  std::string_view id;
  span subnets;
};

}  // namespace engine


/// Endpoint policy decisions for one (action, resource): per endpoint, allowed or the rule (POL-4).
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
  std::vector<engine::c_endpoint> endpoints;
  std::vector<const vpc_endpoint*> endpoint_models;
  std::vector<engine::c_peering> peerings;
  std::vector<engine::c_tgw> tgws;
  std::vector<engine::c_tgw_attachment> tgw_attachments;
  std::vector<engine::c_tgw_table> tgw_tables;
  std::deque<transit_gateway_route> tgw_routes;  // each interval's winner (stable addresses)
  std::vector<std::uint32_t> tgw_bound_starts;
  std::vector<const transit_gateway_route*> tgw_bound_routes;  // nullptr: no route matches
  std::vector<std::pair<std::uint64_t, std::uint32_t>> tgw_attachment_of;  // (TGW << 32 | VPC) -> attachment

  std::vector<engine::c_sg_rule> sg_rules;
  std::vector<engine::c_acl_rule> acl_rules;
  std::vector<engine::c_route> routes;
  std::vector<std::uint32_t> bound_starts, bound_routes, u32;  // u32: addresses, groups, VPC lists, subnets
  std::vector<engine::c_interval> bound_words;  // parallel to bound_starts
  std::vector<std::string> texts;               // warnings the tables point at
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cidrs;   // peering sides' address intervals

  std::vector<std::pair<std::uint64_t, std::uint32_t>> eni_by_address;  // (VPC << 32 | address) -> ENI
  std::unordered_map<std::string_view, std::uint32_t> eni_by_id, instance_eni;

  std::unordered_map<std::string, std::pair<engine::span, bool>> flattened;  // built once per group list (construction only)
  std::string flattened_key;  // the buffer of its keys

  std::unordered_map<std::string_view, std::uint32_t> vpc_ix, subnet_ix, sg_ix, acl_ix, table_ix, nat_ix, igw_ix, ep_ix,
      pcx_ix, tgw_ix, tgwa_ix, tgw_rtb_ix;

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
  std::uint32_t eni_at(std::uint32_t vpc, std::uint32_t address) const {
    const std::uint64_t key = (std::uint64_t{vpc} << 32) | address;
    auto it = std::lower_bound(eni_by_address.begin(), eni_by_address.end(), std::make_pair(key, std::uint32_t{0}));
    return it != eni_by_address.end() && it->first == key ? it->second : engine::npos;
  }
  // The elementary interval of `table` holding `address` (an index into bound_*).
  std::uint32_t table_interval(std::uint32_t table, std::uint32_t address) const {
    const auto& b = tables[table].bounds;
    const auto* first = bound_starts.data() + b.off;
    const auto* it = std::upper_bound(first, first + b.len, address);
    return b.off + static_cast<std::uint32_t>(it - first) - 1;
  }
  // The route of `table` for `address` (RT-15..RT-19), or npos.
  std::uint32_t table_route(std::uint32_t table, std::uint32_t address) const {
    return bound_routes[table_interval(table, address)];
  }
  const transit_gateway_route* tgw_route(std::uint32_t table, std::uint32_t address) const {
    const auto& b = tgw_tables[table].bounds;
    const auto* first = tgw_bound_starts.data() + b.off;
    const auto* it = std::upper_bound(first, first + b.len, address);
    return tgw_bound_routes[b.off + static_cast<std::uint32_t>(it - first) - 1];
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
