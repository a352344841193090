// The compiled engine: the network as flat index-based tables, walked for verdicts only.
// The walk follows the plain solver (solver.cpp) step by step and applies the same rules of
// aws-semantics.md, cited where they are re-expressed over the tables; route precedence (of subnet
// and transit gateway route tables), DNS resolution and endpoint policies are decided by the
// shared functions (routing.hpp, dns.hpp, policy.hpp) when the tables are built, never on the hot
// path. Every path is walked here: there is no fallback to the solver.
#include <vpcsim/error.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/filters.hpp>
#include <vpcsim/sim/policy.hpp>
#include <vpcsim/sim/routing.hpp>

#include "explain.hpp"
#include "rules.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <cctype>
#include <deque>
#include <limits>
#include <mutex>
#include <set>
#include <unordered_map>

namespace vpcsim {

namespace {
constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();
// The NACL rules per direction the port-range check keeps on the stack; a larger NACL spills.
constexpr std::size_t inline_acl_rules = 64;

// One security group rule over the tables (SG-12..SG-15): a protocol, the destination ports it
// admits, and a peer that is an address interval or a group (prefix lists are expanded, SG-14).
struct c_sg_rule {
  int proto = -1;            // -1: all protocols
  port_range ports{};        // all ports for rules without ports (SG-12, SG-13)
  std::uint32_t lo = 1, hi = 0;  // address interval; empty when `group` is set
  std::uint32_t group = npos;    // referenced group (SG-15)
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

struct c_nat {
  std::string_view id, state;
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

using rules::region_of;
}  // namespace

/// Endpoint policy decisions for one (action, resource): per endpoint, allowed or the rule (POL-4).
struct compiled_policy_table {
  std::vector<std::uint8_t> allowed;
  std::vector<blocked_rule> denial;
};

struct compiled_network::tables {
  std::vector<c_eni> enis;
  std::vector<c_subnet> subnets;
  std::vector<c_vpc> vpcs;
  std::vector<c_acl> acls;
  std::vector<c_table> tables;
  std::vector<c_nat> nats;
  std::vector<c_igw> igws;
  std::vector<c_endpoint> endpoints;
  std::vector<const vpc_endpoint*> endpoint_models;
  std::vector<c_peering> peerings;
  std::vector<c_tgw> tgws;
  std::vector<c_tgw_attachment> tgw_attachments;
  std::vector<c_tgw_table> tgw_tables;
  std::deque<transit_gateway_route> tgw_routes;  // each interval's winner (stable addresses)
  std::vector<std::uint32_t> tgw_bound_starts;
  std::vector<const transit_gateway_route*> tgw_bound_routes;  // nullptr: no route matches
  std::vector<std::pair<std::uint64_t, std::uint32_t>> tgw_attachment_of;  // (TGW << 32 | VPC) -> attachment

  std::vector<c_sg_rule> sg_rules;
  std::vector<c_acl_rule> acl_rules;
  std::vector<c_route> routes;
  std::vector<std::uint32_t> bound_starts, bound_routes, u32;  // u32: addresses, groups, VPC lists, subnets
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cidrs;   // peering sides' address intervals

  std::vector<std::pair<std::uint64_t, std::uint32_t>> eni_by_address;  // (VPC << 32 | address) -> ENI
  std::unordered_map<std::string_view, std::uint32_t> eni_by_id, instance_eni;

  std::unordered_map<std::string, std::pair<span, bool>> flattened;  // built once per group list (construction only)
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
    return it != eni_by_address.end() && it->first == key ? it->second : npos;
  }
  std::uint32_t table_route(std::uint32_t table, std::uint32_t address) const {
    const auto& b = tables[table].bounds;
    const auto* first = bound_starts.data() + b.off;
    const auto* it = std::upper_bound(first, first + b.len, address);
    return bound_routes[b.off + static_cast<std::uint32_t>(it - first) - 1];
  }
  const transit_gateway_route* tgw_route(std::uint32_t table, std::uint32_t address) const {
    const auto& b = tgw_tables[table].bounds;
    const auto* first = tgw_bound_starts.data() + b.off;
    const auto* it = std::upper_bound(first, first + b.len, address);
    return tgw_bound_routes[b.off + static_cast<std::uint32_t>(it - first) - 1];
  }
  // The VPC attachment of `vpc` to `tgw` the walk enters by (an available one first), or npos.
  std::uint32_t attachment_of(std::uint32_t tgw, std::uint32_t vpc) const {
    const std::uint64_t key = (std::uint64_t{tgw} << 32) | vpc;
    auto it = std::lower_bound(tgw_attachment_of.begin(), tgw_attachment_of.end(), std::make_pair(key, std::uint32_t{0}));
    return it != tgw_attachment_of.end() && it->first == key ? it->second : npos;
  }
  // The first subnet of attachment `a` in availability zone `zone`, or npos.
  std::uint32_t attachment_subnet_in(const c_tgw_attachment& a, std::string_view zone) const {
    for (std::uint32_t i = a.subnets.off; i < a.subnets.off + a.subnets.len; ++i)
      if (subnets[u32[i]].present && subnets[u32[i]].zone == zone) return u32[i];
    return npos;
  }
};

std::string_view to_string(via_kind v) noexcept {
  switch (v) {
    case via_kind::local: return "local";
    case via_kind::interface_endpoint: return "interface-endpoint";
    case via_kind::gateway_endpoint: return "gateway-endpoint";
    case via_kind::nat_gateway: return "nat-gateway";
    case via_kind::internet_gateway: return "internet-gateway";
    case via_kind::peering: return "peering";
    case via_kind::transit_gateway: return "transit-gateway";
    case via_kind::none: break;
  }
  return {};
}

namespace {

// Flattens the rules of `groups` in one direction into `out` (SG-5: one set). Returns whether the
// rule set is empty in the SG_HAS_NO_RULES sense: every group present and without rules.
bool flatten_groups(const network& net, compiled_network::tables& t, const std::vector<security_group_id>& groups,
                    bool ingress, std::size_t& sg_count, span& out) {
  // ENIs with the same groups share one flattened set.
  std::string& key = t.flattened_key;
  key.assign(ingress ? "in" : "out");
  for (const auto& g : groups) (key += ' ') += g.str();
  if (auto it = t.flattened.find(key); it != t.flattened.end()) {
    out = it->second.first;
    return it->second.second;
  }
  out.off = static_cast<std::uint32_t>(t.sg_rules.size());
  bool empty = !groups.empty();
  for (const auto& gid : groups) {
    const auto* g = net.find(gid);
    if (!g || !(ingress ? g->ingress : g->egress).empty()) empty = false;
    if (!g) continue;  // a missing group allows nothing
    for (const auto& r : ingress ? g->ingress : g->egress) {
      c_sg_rule c;
      c.proto = r.protocol.number;
      c.ports = r.protocol.has_ports() ? r.ports : port_range::all();  // SG-12, SG-13
      if (const auto* cidr = std::get_if<cidr4>(&r.peer)) {
        c.lo = cidr->first_uint();
        c.hi = cidr->last_uint();
        t.sg_rules.push_back(c);
      } else if (const auto* ref = std::get_if<security_group_id>(&r.peer)) {
        c.group = t.intern(t.sg_ix, ref->str(), sg_count);
        t.sg_rules.push_back(c);
      } else if (const auto* pl_id = std::get_if<prefix_list_id>(&r.peer)) {
        if (const auto* pl = net.find(*pl_id))  // SG-14: any entry of the list; a missing list matches nothing
          for (const auto& e : pl->cidrs) {
            c.lo = e.first_uint();
            c.hi = e.last_uint();
            t.sg_rules.push_back(c);
          }
      }  // IPv6 peers never match an IPv4 flow
    }
  }
  out.len = static_cast<std::uint32_t>(t.sg_rules.size()) - out.off;
  t.flattened.emplace(key, std::make_pair(out, empty));
  return empty;
}

}  // namespace

compiled_network::compiled_network(const network& net) : net_(net), names_(net), t_(std::make_unique<tables>()) {
  auto& t = *t_;
  std::size_t n_vpc = 0, n_subnet = 0, n_sg = 0, n_acl = 0, n_table = 0, n_nat = 0, n_igw = 0, n_ep = 0, n_pcx = 0,
              n_tgw = 0, n_tgwa = 0, n_tgw_rtb = 0;

  // Dense indices: every id the tables may name, present in the input or not.
  for (const auto& [id, v] : net.all<vpc>()) t.intern(t.vpc_ix, id.str(), n_vpc);
  for (const auto& [id, s] : net.all<subnet>()) t.intern(t.subnet_ix, id.str(), n_subnet), t.intern(t.vpc_ix, s.vpc.str(), n_vpc);
  for (const auto& [id, e] : net.all<network_interface>())
    t.intern(t.subnet_ix, e.subnet.str(), n_subnet), t.intern(t.vpc_ix, e.vpc.str(), n_vpc);
  for (const auto& [id, g] : net.all<nat_gateway>())
    t.intern(t.nat_ix, id.str(), n_nat), t.intern(t.subnet_ix, g.subnet.str(), n_subnet), t.intern(t.vpc_ix, g.vpc.str(), n_vpc);
  for (const auto& [id, g] : net.all<internet_gateway>()) t.intern(t.igw_ix, id.str(), n_igw);
  for (const auto& [id, e] : net.all<vpc_endpoint>()) t.intern(t.ep_ix, id.str(), n_ep);
  for (const auto& [id, p] : net.all<peering_connection>()) {
    t.intern(t.pcx_ix, id.str(), n_pcx);
    t.intern(t.vpc_ix, p.requester.vpc.str(), n_vpc), t.intern(t.vpc_ix, p.accepter.vpc.str(), n_vpc);
  }
  for (const auto& [id, a] : net.all<network_acl>()) t.intern(t.acl_ix, id.str(), n_acl);
  for (const auto& [id, r] : net.all<route_table>()) t.intern(t.table_ix, id.str(), n_table);
  for (const auto& [id, g] : net.all<transit_gateway>()) t.intern(t.tgw_ix, id.str(), n_tgw);
  for (const auto& [id, r] : net.all<transit_gateway_route_table>()) t.intern(t.tgw_rtb_ix, id.str(), n_tgw_rtb);
  for (const auto& [id, a] : net.all<transit_gateway_attachment>()) {
    t.intern(t.tgwa_ix, id.str(), n_tgwa);
    for (const auto& s : a.subnets) t.intern(t.subnet_ix, s.str(), n_subnet);
    if (a.resource_type == "vpc") t.intern(t.vpc_ix, a.resource_id, n_vpc);
  }
  {
    std::uint32_t eix = 0;
    for (const auto& [id, e] : net.all<network_interface>()) t.eni_by_id.emplace(id.str(), eix++);
  }

  // VPCs and their subnets (for `subnet_containing` on the rare blocked path).
  t.vpcs.resize(n_vpc);
  for (const auto& [id, ix] : t.vpc_ix) t.vpcs[ix].id = id;
  {
    std::vector<std::vector<std::uint32_t>> per_vpc(n_vpc);
    for (const auto& [id, s] : net.all<subnet>()) per_vpc[t.vpc_ix.at(s.vpc.str())].push_back(t.subnet_ix.at(id.str()));
    for (std::size_t v = 0; v < n_vpc; ++v) {
      t.vpcs[v].subnets = {static_cast<std::uint32_t>(t.u32.size()), static_cast<std::uint32_t>(per_vpc[v].size())};
      t.u32.insert(t.u32.end(), per_vpc[v].begin(), per_vpc[v].end());
    }
  }

  // NACLs: each direction's entries in rule-number order (NACL-5).
  t.acls.resize(n_acl);
  for (const auto& [id, a] : net.all<network_acl>()) {
    auto& c = t.acls[t.acl_ix.at(id.str())];
    c.id = id.str();
    for (bool egress : {true, false}) {
      std::vector<const network_acl_entry*> rules;
      for (const auto& e : a.entries)
        if (e.egress == egress) rules.push_back(&e);
      std::stable_sort(rules.begin(), rules.end(), [](auto* x, auto* y) { return x->rule_number < y->rule_number; });
      span s{static_cast<std::uint32_t>(t.acl_rules.size()), static_cast<std::uint32_t>(rules.size())};
      for (const auto* e : rules) {
        c_acl_rule r;
        if (e->cidr_block) r.lo = e->cidr_block->first_uint(), r.hi = e->cidr_block->last_uint();
        r.proto = e->protocol.number;
        r.ports = e->protocol.has_ports() && e->ports ? *e->ports : port_range::all();
        r.allow = e->action == rule_action::allow;
        r.entry = e;
        t.acl_rules.push_back(r);
      }
      (egress ? c.egress : c.ingress) = s;
    }
  }

  // Gateways, endpoints, peering connections.
  t.nats.resize(n_nat);
  for (const auto& [id, g] : net.all<nat_gateway>()) {
    auto& c = t.nats[t.nat_ix.at(id.str())];
    c.id = id.str();
    c.state = g.state;
    c.available = rules::nat_forwards(g);  // NAT-14
    c.is_private = !rules::nat_reaches_internet(g);  // NAT-3
    c.subnet = t.subnet_ix.at(g.subnet.str());
    c.vpc = t.vpc_ix.at(g.vpc.str());
    for (const auto& a : g.addresses)
      if (!c.private_ip && a.private_ip) c.private_ip = a.private_ip;
  }
  t.igws.resize(n_igw);
  for (const auto& [id, g] : net.all<internet_gateway>()) {
    auto& c = t.igws[t.igw_ix.at(id.str())];
    c.attached_vpcs.off = static_cast<std::uint32_t>(t.u32.size());
    for (const auto& a : g.attachments)
      if (a.is_attached())
        if (auto it = t.vpc_ix.find(a.vpc.str()); it != t.vpc_ix.end()) t.u32.push_back(it->second);
    c.attached_vpcs.len = static_cast<std::uint32_t>(t.u32.size()) - c.attached_vpcs.off;
  }
  t.endpoints.resize(n_ep);
  t.endpoint_models.resize(n_ep);
  for (const auto& [id, e] : net.all<vpc_endpoint>()) {
    const auto ix = t.ep_ix.at(id.str());
    auto& c = t.endpoints[ix];
    c.id = id.str();
    c.state = e.state;
    c.available = e.is_available();
    c.service_hop = services::parse_endpoint_service_name(e.service_name).has_value();
    t.endpoint_models[ix] = &e;
  }
  t.peerings.resize(n_pcx);
  for (const auto& [id, p] : net.all<peering_connection>()) {
    auto& c = t.peerings[t.pcx_ix.at(id.str())];
    c.id = id.str();
    c.status = p.status;
    c.active = p.is_active();
    c.requester = t.vpc_ix.at(p.requester.vpc.str());
    c.accepter = t.vpc_ix.at(p.accepter.vpc.str());
    const peering_side* sides[2] = {&p.accepter, &p.requester};  // [0]: the side reached from the requester
    for (int i = 0; i < 2; ++i) {
      auto& s = c.sides[i];
      s.vpc = t.vpc_ix.at(sides[i]->vpc.str());
      s.vpc_id = sides[i]->vpc.str();
      const auto* v = net.find(sides[i]->vpc);
      s.present = v != nullptr;
      s.cidrs.off = static_cast<std::uint32_t>(t.cidrs.size());
      for (const auto& b : sides[i]->cidr_blocks) t.cidrs.emplace_back(b.first_uint(), b.last_uint());
      if (v)
        for (const auto& b : v->cidr_blocks) t.cidrs.emplace_back(b.first_uint(), b.last_uint());
      s.cidrs.len = static_cast<std::uint32_t>(t.cidrs.size()) - s.cidrs.off;
    }
  }

  // Route tables as sorted interval tables: the winner of RT-15..RT-19 (and GW-7) for every
  // elementary interval between route boundaries, decided by the shared `select_route`.
  t.tables.resize(n_table);
  for (const auto& [id, rt] : net.all<route_table>()) {
    const auto ix = t.table_ix.at(id.str());
    auto& c = t.tables[ix];
    c.id = id.str();
    c.routes = {static_cast<std::uint32_t>(t.routes.size()), static_cast<std::uint32_t>(rt.routes.size())};
    for (std::size_t i = 0; i < rt.routes.size(); ++i) {
      const route& r = rt.routes[i];
      c_route cr;
      cr.r = &r;
      cr.target_id = r.target.id;
      cr.kind = r.target.kind;
      cr.dead = rules::route_drops(net, r);  // RT-22, RT-23, RT-24
      auto find_ix = [&](const auto& m) {
        auto it = m.find(std::string_view(r.target.id));
        return it == m.end() ? npos : it->second;
      };
      switch (r.target.kind) {
        case target_kind::nat_gateway: cr.target = find_ix(t.nat_ix); break;
        case target_kind::internet_gateway: cr.target = find_ix(t.igw_ix); break;
        case target_kind::gateway_endpoint: cr.target = find_ix(t.ep_ix); break;
        case target_kind::peering_connection: cr.target = find_ix(t.pcx_ix); break;
        case target_kind::transit_gateway: cr.target = find_ix(t.tgw_ix); break;
        // RT-14: an appliance is the network interface routed to, or the instance's primary one.
        case target_kind::network_interface:
          cr.target = find_ix(t.eni_by_id);
          if (const auto* eni = net.find(network_interface_id{r.target.id}); eni && eni->attachment && eni->attachment->instance)
            cr.appliance = net.find(*eni->attachment->instance);
          break;
        case target_kind::instance:
          if ((cr.appliance = net.find(instance_id{r.target.id})))
            if (const auto* eni = net.primary_interface_of(cr.appliance->id)) cr.target = t.eni_by_id.at(eni->id.str());
          break;
        default: break;
      }
      // A live route to a target the tables do not hold: the walk would dereference nothing.
      if (!cr.dead && cr.target == npos &&
          (r.target.kind == target_kind::nat_gateway || r.target.kind == target_kind::gateway_endpoint ||
           r.target.kind == target_kind::peering_connection))
        cr.dead = true;
      t.routes.push_back(cr);
    }
    // Boundaries of every IPv4 block the table can match (RT-16: prefix lists entry by entry).
    std::vector<std::uint32_t> starts{0};
    for (const auto& r : rt.routes) {
      auto add = [&](const cidr4& b) {
        starts.push_back(b.first_uint());
        if (b.last_uint() != std::numeric_limits<std::uint32_t>::max()) starts.push_back(b.last_uint() + 1);
      };
      if (const auto* b = std::get_if<cidr4>(&r.destination)) add(*b);
      else if (const auto* pl_id = std::get_if<prefix_list_id>(&r.destination))
        if (const auto* pl = net.find(*pl_id))
          for (const auto& entry : pl->cidrs) add(entry);
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    c.bounds = {static_cast<std::uint32_t>(t.bound_starts.size()), static_cast<std::uint32_t>(starts.size())};
    for (const auto s : starts) {
      // Every address of an elementary interval matches the same routes, so its first decides.
      const auto choice = select_route(net, rt, address4{s});
      t.bound_starts.push_back(s);
      t.bound_routes.push_back(choice.chosen ? c.routes.off + static_cast<std::uint32_t>(choice.index) : npos);
    }
  }

  // Subnets: their NACL and route table (NACL-1, RT-1, RT-2).
  t.subnets.resize(n_subnet);
  for (const auto& [id, ix] : t.subnet_ix) {
    auto& c = t.subnets[ix];
    c.id = id;
    const auto* s = net.find(subnet_id{std::string(id)});
    c.present = s != nullptr;
    if (s) {
      c.vpc = t.vpc_ix.at(s->vpc.str());
      c.lo = s->cidr_block.first_uint(), c.hi = s->cidr_block.last_uint();
      c.zone = s->availability_zone;
    }
    // The walk's links of a subnet in the input (RT-1, RT-2, NACL-1); the peer's return route
    // (RT-14) asks the network for any subnet.
    const subnet_id sid{std::string(id)};
    if (const auto choice = net.route_table_for(sid); choice.table) c.assoc = t.table_ix.at(choice.table->id.str());
    if (const auto* rt = rules::subnet_route_table(net, sid)) c.table = t.table_ix.at(rt->id.str());
    if (const auto* acl = rules::subnet_acl(net, sid)) c.acl = t.acl_ix.at(acl->id.str());
  }

  // The endpoints listing each ENI, in id order (network::endpoints_in's order).
  std::unordered_map<std::string_view, std::vector<const vpc_endpoint*>> endpoint_of;
  for (const auto& [id, ep] : net.all<vpc_endpoint>())
    for (const auto& eni : ep.network_interfaces) endpoint_of[eni.str()].push_back(&ep);

  // ENIs: addresses, groups, and each direction's security group rules as one set (SG-5).
  t.enis.resize(net.all<network_interface>().size());
  std::uint32_t eix = 0;
  for (const auto& [id, e] : net.all<network_interface>()) {
    auto& c = t.enis[eix];
    c.id = id.str();
    c.zone = e.availability_zone;
    c.source_dest_check = e.source_dest_check;
    c.subnet = t.subnet_ix.at(e.subnet.str());
    c.vpc = t.vpc_ix.at(e.vpc.str());
    c.addresses.off = static_cast<std::uint32_t>(t.u32.size());
    for (const auto& p : e.private_ips) {
      t.u32.push_back(p.address.to_uint());
      t.eni_by_address.emplace_back((std::uint64_t{c.vpc} << 32) | p.address.to_uint(), eix);
    }
    c.addresses.len = static_cast<std::uint32_t>(t.u32.size()) - c.addresses.off;
    c.groups.off = static_cast<std::uint32_t>(t.u32.size());
    for (const auto& g : e.security_groups) t.u32.push_back(t.intern(t.sg_ix, g.str(), n_sg));
    c.groups.len = static_cast<std::uint32_t>(t.u32.size()) - c.groups.off;
    if (const auto p = e.primary_ip()) {
      c.primary = p->to_uint();
      c.has_public = e.public_ip_for(*p).has_value();
    }
    c.igw_component = e.attachment && e.attachment->instance ? std::string_view(e.attachment->instance->str()) : c.id;

    // IF-7: the ENI of an interface endpoint (the last that lists it) takes the endpoint's groups,
    // or the VPC's default group when the endpoint has none.
    const vpc_endpoint* ep = nullptr;
    if (auto it = endpoint_of.find(id.str()); it != endpoint_of.end())
      for (const auto* candidate : it->second)
        if (candidate->vpc == e.vpc) ep = candidate;
    if (ep) c.endpoint = t.ep_ix.at(ep->id.str());
    c.egress_empty = flatten_groups(net, t, e.security_groups, false, n_sg, c.egress);
    c.egress_component = e.security_groups.empty() ? c.id : std::string_view(e.security_groups.front().str());
    const security_group* def = nullptr;
    const std::vector<security_group_id> in = rules::ingress_groups(net, e, ep, &def);
    c.ingress_empty = flatten_groups(net, t, in, true, n_sg, c.ingress);
    // An interface's own groups are `in` unless IF-7 gave it its endpoint's or the default group.
    if (!e.security_groups.empty()) c.own_ingress = c.ingress, c.own_ingress_empty = c.ingress_empty;
    // The first group, as a view into the network (`in` is a copy).
    c.ingress_component = in.empty()                   ? c.id
                          : !e.security_groups.empty() ? std::string_view(e.security_groups.front().str())
                          : def                        ? std::string_view(def->id.str())
                                                       : std::string_view(ep->security_groups.front().str());
    ++eix;
  }
  std::sort(t.eni_by_address.begin(), t.eni_by_address.end());
  // network::interface_with_address keeps one ENI per (VPC, address): the last put. Keep the one
  // the network names.
  {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> unique;
    for (std::size_t i = 0; i < t.eni_by_address.size();) {
      std::size_t j = i;
      while (j < t.eni_by_address.size() && t.eni_by_address[j].first == t.eni_by_address[i].first) ++j;
      std::uint32_t chosen = t.eni_by_address[i].second;
      if (j - i > 1) {
        const auto& eni = t.enis[chosen];
        const auto* named = net.interface_with_address(vpc_id{std::string(t.vpcs[eni.vpc].id)},
                                                       address4{static_cast<std::uint32_t>(t.eni_by_address[i].first)});
        if (named) chosen = t.eni_by_id.at(named->id.str());
      }
      unique.emplace_back(t.eni_by_address[i].first, chosen);
      i = j;
    }
    t.eni_by_address = std::move(unique);
  }
  t.flattened.clear();

  // Transit gateways, their VPC attachments and route tables (RT-14: the TGW's table decides).
  t.tgws.resize(n_tgw);
  for (const auto& [id, g] : net.all<transit_gateway>()) {
    auto& c = t.tgws[t.tgw_ix.at(id.str())];
    c.id = id.str();
    c.state = g.state;
    c.available = rules::tgw_forwards(g.state);
  }
  t.tgw_tables.resize(n_tgw_rtb);
  for (const auto& [id, rt] : net.all<transit_gateway_route_table>()) {
    auto& c = t.tgw_tables[t.tgw_rtb_ix.at(id.str())];
    c.id = id.str();
    // Boundaries of every block the table can match: its routes' and its propagating VPCs' CIDRs.
    std::vector<std::uint32_t> starts{0};
    auto add = [&](const cidr4& b) {
      starts.push_back(b.first_uint());
      if (b.last_uint() != std::numeric_limits<std::uint32_t>::max()) starts.push_back(b.last_uint() + 1);
    };
    for (const auto& r : rt.routes) add(r.destination);
    for (const auto& a : rt.propagations)
      if (const auto* att = net.find(a); att && att->resource_type == "vpc")
        if (const auto* v = net.find(vpc_id{att->resource_id}))
          for (const auto& b : v->cidr_blocks) add(b);
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    c.bounds = {static_cast<std::uint32_t>(t.tgw_bound_starts.size()), static_cast<std::uint32_t>(starts.size())};
    for (const auto s : starts) {
      // Every address of an elementary interval matches the same routes, so its first decides.
      const auto chosen = select_tgw_route(net, rt, address4{s});
      t.tgw_bound_starts.push_back(s);
      t.tgw_bound_routes.push_back(chosen ? &t.tgw_routes.emplace_back(*chosen) : nullptr);
    }
  }
  t.tgw_attachments.resize(n_tgwa);
  for (const auto& [id, a] : net.all<transit_gateway_attachment>()) {
    const auto ix = t.tgwa_ix.at(id.str());
    auto& c = t.tgw_attachments[ix];
    c.id = id.str();
    c.state = a.state;
    c.available = rules::tgw_forwards(a.state);
    c.resource_type = a.resource_type;
    c.resource_id = a.resource_id;
    if (a.resource_type == "vpc" && net.find(vpc_id{a.resource_id})) c.vpc = t.vpc_ix.at(a.resource_id);
    c.subnets.off = static_cast<std::uint32_t>(t.u32.size());
    for (const auto& s : a.subnets) t.u32.push_back(t.subnet_ix.at(s.str()));
    c.subnets.len = static_cast<std::uint32_t>(t.u32.size()) - c.subnets.off;
    if (a.association) {
      c.association_id = a.association->str();
      if (auto it = t.tgw_rtb_ix.find(c.association_id); it != t.tgw_rtb_ix.end() && net.find(*a.association))
        c.association = it->second;
    }
  }
  // The attachment each VPC enters each transit gateway by (rules::tgw_entry_attachment).
  for (const auto& [id, a] : net.all<transit_gateway_attachment>()) {
    if (a.resource_type != "vpc") continue;
    const auto tg = t.tgw_ix.find(a.transit_gateway.str());
    if (tg == t.tgw_ix.end()) continue;
    const std::uint64_t key = (std::uint64_t{tg->second} << 32) | t.vpc_ix.at(a.resource_id);
    if (const auto* entry = rules::tgw_entry_attachment(net, a.transit_gateway, vpc_id{a.resource_id}))
      t.tgw_attachment_of.emplace_back(key, t.tgwa_ix.at(entry->id.str()));
  }
  std::sort(t.tgw_attachment_of.begin(), t.tgw_attachment_of.end());
  t.tgw_attachment_of.erase(std::unique(t.tgw_attachment_of.begin(), t.tgw_attachment_of.end()), t.tgw_attachment_of.end());
}

compiled_network::~compiled_network() = default;

// Name tags as the solver reads them (name_index): the id, or the text itself.
std::string compiled_network::id_for(const std::string& name) const {
  return std::string(names_.id_for(name).value_or(name));
}

std::string_view compiled_network::intern(std::string s) const {
  return t_->keep(std::move(s));
}

const compiled_policy_table* compiled_network::policy_table(const std::optional<std::string>& action,
                                                            const std::optional<std::string>& resource) const {
  {
    std::lock_guard lock(t_->mutex);
    if (auto it = t_->policies.find({action, resource}); it != t_->policies.end()) return it->second.get();
  }
  auto table = std::make_unique<compiled_policy_table>();
  const auto& t = *t_;
  table->allowed.resize(t.endpoints.size());
  table->denial.resize(t.endpoints.size());
  for (std::size_t i = 0; i < t.endpoints.size(); ++i) {
    const auto& ep = *t.endpoint_models[i];
    // POL-2, POL-4: the endpoint's policy (AWS's full access when none) for the leg's request.
    const auto parts = services::parse_endpoint_service_name(ep.service_name);
    const auto* svc = parts ? services::find_service(parts->short_name) : nullptr;
    policy_request pr;
    pr.action = action ? *action : svc ? services::default_action(*svc) : "*";
    pr.resource = resource ? *resource : "*";
    const endpoint_policy* policy = ep.policy ? &*ep.policy : nullptr;
    const auto full = full_access_policy();
    const auto d = evaluate(policy ? *policy : full, pr);
    table->allowed[i] = d.allowed();
    if (!d.allowed()) {
      blocked_rule r;
      if (policy && d.verdict == policy_verdict::explicit_deny && d.statement >= 0) {
        // A statement of the endpoint's own policy (full access has no Deny).
        r.what = blocked_rule::kind::policy_statement;
        r.object = &policy->statements[static_cast<std::size_t>(d.statement)];
      } else {
        r.what = blocked_rule::kind::text;
        r.text = intern("no statement allows " + pr.action + " on " + pr.resource);
      }
      table->denial[i] = r;
    }
  }
  std::lock_guard lock(t_->mutex);
  auto [it, fresh] = t_->policies.emplace(std::make_pair(action, resource), std::move(table));
  return it->second.get();
}

compiled_source compiled_network::source(const std::string& given, const std::string& region) const {
  const std::string from = id_for(given);
  // The solver's source rules: an instance (its first ENI), an ENI, or a private IPv4 of one.
  const network_interface* src = nullptr;
  const instance* inst = nullptr;
  if (from.rfind("i-", 0) == 0) {
    inst = net_.find(instance_id{from});
    if (!inst) throw usage_error("vpcsim.trace.unknown_source", "instance " + from + " is not in the input");
    src = net_.primary_interface_of(inst->id);
    if (!src)
      throw usage_error("vpcsim.trace.unknown_source", "instance " + from + " has no network interface in the input");
  } else if (from.rfind("eni-", 0) == 0) {
    src = net_.find(network_interface_id{from});
    if (!src) throw usage_error("vpcsim.trace.unknown_source", "network interface " + from + " is not in the input");
  } else if (auto a = parse_address4(from)) {
    auto enis = net_.interfaces_with_address(*a);
    if (enis.empty()) throw usage_error("vpcsim.trace.unknown_source", "no network interface has the address " + from);
    if (enis.size() > 1)
      throw usage_error("vpcsim.trace.ambiguous_source",
                        from + " is held by network interfaces in several VPCs; give the instance or ENI id");
    src = enis.front();
  } else {
    throw usage_error("vpcsim.trace.unknown_source",
                      "'" + from + "' is not an instance id, a network interface id or an IPv4 address");
  }
  if (!src->primary_ip())
    throw usage_error("vpcsim.trace.unknown_source", "network interface " + src->id.str() + " has no private IPv4 address");
  if (!inst && src->attachment && src->attachment->instance) inst = net_.find(*src->attachment->instance);
  compiled_source out;
  out.from = from;
  out.eni = t_->eni_by_id.at(src->id.str());
  out.inst = inst;
  out.region = region_of(net_, *src);
  if (out.region.empty()) out.region = region;
  if (out.region.empty())
    throw usage_error("vpcsim.trace.unknown_region", "the region of " + src->id.str() + " is not in the input; pass --region");
  out.resolver_key = src->vpc.str() + "|" + out.region + "|" + src->availability_zone;
  return out;
}

compiled_destination compiled_network::destination(const std::string& given, const compiled_source& src,
                                                   const std::optional<std::string>& action,
                                                   const std::optional<std::string>& resource) const {
  const std::string to = id_for(given);
  const auto& eni = *net_.find(network_interface_id{std::string(t_->enis[src.eni].id)});
  compiled_destination out;
  out.to = to;
  out.action = action;
  out.resource = resource;
  auto resolve = [&](const std::string& name, const std::optional<std::string>& act, const std::optional<std::string>& res) {
    compiled_leg leg;
    auto r = resolve_destination(net_, name, eni.vpc, src.region, eni.availability_zone);
    if (r.failure) {
      leg.fail_code = intern(r.failure->code);
      leg.fail_component = intern(r.failure->component);
      leg.fail_rule = intern(r.failure->rule);
    } else {
      leg.resolved = true;
      leg.address = r.dest->address;
    }
    leg.policy = policy_table(act, res);
    return leg;
  };
  // ECR-1, ECR-2: a composite destination is traced leg by leg.
  if (const auto legs = services::composite_legs(to, src.region); !legs.empty()) {
    if (legs.size() > verdict::max_legs) throw error("vpcsim.compiled.legs", "composite with too many legs: " + to);
    out.composite = true;
    for (const auto& l : legs)
      out.legs.push_back(resolve(l.service, action ? action : std::optional<std::string>(l.action),
                                 resource ? resource : std::optional<std::string>(l.resource)));
  } else {
    out.legs.push_back(resolve(to, action, resource));
  }
  return out;
}

namespace {

// One walk over the tables: the solver's `walk` (solver.cpp) without paths or words.
class fast_walk {
 public:
  fast_walk(const compiled_network::tables& t, const c_eni& src, const compiled_leg& leg, protocol proto,
            std::uint16_t port, port_range client_ports, std::size_t max_hops)
      : t_(t), src_(src), leg_(leg), proto_(proto), port_(port), dest_(leg.address.to_uint()), src_addr_(src.primary),
        src_ports_(client_ports), max_hops_(max_hops) {}

  leg_verdict v;

  void run(const instance* inst);

 private:
  bool block(std::string_view code, std::string_view component, blocked_rule rule) {
    v.reachable = false;
    v.via = via_kind::none;
    v.blocked = true;
    v.code = code;
    v.component = component;
    v.rule = rule;
    return false;
  }
  static blocked_rule text(std::string_view prefix, std::string_view text = {}) {
    blocked_rule r;
    r.what = blocked_rule::kind::text;
    r.prefix = prefix;
    r.text = text;
    return r;
  }
  static blocked_rule at(blocked_rule::kind k, std::uint32_t address, bool egress = false) {
    blocked_rule r;
    r.what = k;
    r.address = address4{address};
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

  // SG-5, SG-12..SG-15: any rule of the set admits the packet.
  bool sg_allows(span rules, std::uint32_t peer, const c_eni* peer_eni) const {
    for (std::uint32_t i = rules.off; i < rules.off + rules.len; ++i) {
      const auto& r = t_.sg_rules[i];
      if (r.proto != -1 && r.proto != proto_.number) continue;
      if (r.proto != -1 && !r.ports.contains(port_)) continue;
      if (r.group == npos) {
        if (r.lo <= peer && peer <= r.hi) return true;
      } else if (peer_eni) {
        for (std::uint32_t g = peer_eni->groups.off; g < peer_eni->groups.off + peer_eni->groups.len; ++g)
          if (t_.u32[g] == r.group) return true;
      }
    }
    return false;
  }

  // NACL-5, NACL-6, NACL-19: first match in rule-number order; a range of ports is allowed only
  // when every port meets an allow first. Returns allowed; `entry` the deny that decided.
  bool acl_allows(const c_acl& acl, bool egress, port_range ports, std::uint32_t peer, const network_acl_entry*& entry) const {
    const span s = egress ? acl.egress : acl.ingress;
    entry = nullptr;
    auto matches = [&](const c_acl_rule& e) {
      return e.lo <= peer && peer <= e.hi && (e.proto == -1 || e.proto == proto_.number);
    };
    if (ports.from == ports.to || !proto_.has_ports()) {  // one port: the first match decides
      for (std::uint32_t i = s.off; i < s.off + s.len; ++i) {
        const auto& e = t_.acl_rules[i];
        if (!matches(e) || (proto_.has_ports() && !e.ports.contains(ports.from))) continue;
        if (!e.allow) entry = e.entry;
        return e.allow;
      }
      return false;  // NACL-6: the final `*` deny
    }
    // A range: the ports not yet decided, as disjoint ranges. Each rule splits at most one range in
    // two, so there are at most rules + 1; past `inline_acl_rules` they spill to the heap.
    boost::container::small_vector<port_range, inline_acl_rules + 1> open{ports}, rest;
    for (std::uint32_t i = s.off; i < s.off + s.len; ++i) {
      const auto& e = t_.acl_rules[i];
      if (!matches(e)) continue;
      const port_range er = e.ports;
      rest.clear();
      for (const auto r : open) {
        if (!r.overlaps(er)) {
          rest.push_back(r);
          continue;
        }
        if (!e.allow) {
          entry = e.entry;
          return false;
        }
        if (r.from < er.from) rest.push_back({r.from, static_cast<std::uint16_t>(er.from - 1)});
        if (r.to > er.to) rest.push_back({static_cast<std::uint16_t>(er.to + 1), r.to});
      }
      open.swap(rest);
      if (open.empty()) return true;
    }
    return false;  // NACL-6: the final `*` deny
  }

  bool cross_acl(std::uint32_t subnet, bool egress, std::uint32_t peer) {
    const auto acl_ix = t_.subnets[subnet].acl;
    if (acl_ix == npos) return true;  // NACL-10: assumed AWS's default NACL
    const auto& acl = t_.acls[acl_ix];
    const network_acl_entry* entry = nullptr;
    if (!acl_allows(acl, egress, port_range::single(port_), peer, entry)) {
      blocked_rule r = at(entry ? blocked_rule::kind::acl_entry : blocked_rule::kind::acl_final, peer, egress);
      r.object = entry;
      return block(codes::subnet_acl_restriction, acl.id, r);
    }
    ++v.hops;
    crossings_.push_back(crossing{acl_ix, subnet, egress, peer, src_ports_, true});
    return true;
  }

  bool route_from(std::uint32_t subnet, std::uint32_t vpc);
  bool loop_at(std::uint32_t key, std::string_view table);
  void forward_hop(std::string_view component, std::uint32_t table_key = npos) {
    ++v.hops;
    trail_.push_back(step{component, table_key});
  }
  bool deliver_in_vpc(std::uint32_t vpc, std::uint32_t from_subnet);
  bool arrive_at_eni(const c_eni& eni);
  bool endpoint_policy(std::uint32_t ep) {
    if (leg_.policy->allowed[ep]) return true;  // POL-4
    return block(codes::endpoint_policy_deny, t_.endpoints[ep].id, leg_.policy->denial[ep]);
  }
  bool through_nat(std::uint32_t nat);
  bool through_igw(std::uint32_t igw, std::string_view target_id, std::uint32_t vpc);
  bool through_gateway_endpoint(std::uint32_t ep);
  bool through_peering(std::uint32_t pcx, std::uint32_t from_vpc);
  bool through_appliance(const c_route& r, std::uint32_t from_subnet);
  bool through_tgw(const c_route& r, std::uint32_t vpc, std::uint32_t from_subnet);
  bool tgw_route(const c_tgw& tgw, const c_tgw_attachment& in, std::string_view zone);
  bool route_back_through(const c_eni& dst, std::string_view gateway);
  bool return_path();
  bool holds(const c_eni& e, std::uint32_t a) const {
    for (std::uint32_t i = e.addresses.off; i < e.addresses.off + e.addresses.len; ++i)
      if (t_.u32[i] == a) return true;
    return false;
  }
  // Straight from the source a group reference can match the sender; after a NAT gateway (another
  // address), an appliance (SG-19) or a transit gateway (SG-17, referencing off by default) not.
  const c_eni* sender() const { return !indirect_ && holds(src_, src_addr_) ? &src_ : nullptr; }

  // A NACL crossed by the forward packet; the reply crosses it the other way (NACL-7) unless
  // `reply` is off (tgw-nacls: the attachment's own subnet).
  struct crossing {
    std::uint32_t acl = npos, subnet = npos;
    bool egress = false;
    std::uint32_t peer = 0;
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

  const compiled_network::tables& t_;
  const c_eni& src_;
  const compiled_leg& leg_;
  protocol proto_;
  std::uint16_t port_;
  std::uint32_t dest_;
  std::uint32_t src_addr_;  // changes at a NAT gateway (NAT-8)
  port_range src_ports_;    // NAT-11
  std::size_t max_hops_;    // limits::max_hops: a longer path is a LOOP verdict
  bool via_nat_ = false;
  std::uint32_t nat_ = npos;
  const c_eni* appliance_ = nullptr;  // the last appliance the packet went through (RT-14)
  bool indirect_ = false;             // through an appliance or a transit gateway
  boost::container::small_vector<crossing, 16> crossings_;
  boost::container::small_vector<step, 16> trail_;
};

void fast_walk::run(const instance* inst) {
  v.hops = 1;  // the source
  if (inst && inst->state != "running") {
    block(codes::bad_state, inst->id.str(), text("state ", inst->state));
    return;
  }
  const std::uint32_t dst_eni = t_.eni_at(src_.vpc, dest_);
  if (!sg_allows(src_.egress, dest_, dst_eni == npos ? nullptr : &t_.enis[dst_eni])) {
    block(src_.egress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, src_.egress_component,
          at(blocked_rule::kind::sg_egress, dest_));
    return;
  }
  ++v.hops;
  // RT-7, NACL-2: within one subnet, no route table and no NACL apply.
  if (dst_eni != npos && t_.enis[dst_eni].subnet == src_.subnet) {
    if (arrive_at_eni(t_.enis[dst_eni])) return_path();
    return;
  }
  if (!cross_acl(src_.subnet, true, dest_)) return;
  if (!route_from(src_.subnet, src_.vpc)) return;
  return_path();
}

// A route table (of a subnet or a transit gateway) seen again routes the same way again: a loop,
// worded with its cycle of forwarding components. The hop limit bounds any walk (limits::max_hops).
// True (and the verdict blocked) when the walk must stop at `table`.
bool fast_walk::loop_at(std::uint32_t key, std::string_view table) {
  const auto first = std::find_if(trail_.begin(), trail_.end(), [&](const step& s) { return s.table == key; });
  if (first != trail_.end()) {
    std::string cycle = "routing loop ";
    for (auto it = first; it != trail_.end(); ++it) (cycle += it->component) += " -> ";
    cycle += table;
    block(codes::loop, table, text({}, t_.keep(std::move(cycle))));
    return true;
  }
  if (v.hops >= max_hops_) {
    block(codes::loop, table, text({}, t_.keep("more than " + std::to_string(max_hops_) + " hops")));
    return true;
  }
  return false;
}

// RT-15..RT-24 over the interval table, then the chosen route's target.
bool fast_walk::route_from(std::uint32_t subnet, std::uint32_t vpc) {
  const auto& sn = t_.subnets[subnet];
  if (sn.table == npos) return block(codes::unknown_resource, sn.id, text("no route table"));
  const auto& table = t_.tables[sn.table];
  if (loop_at(sn.table, table.id)) return false;
  const auto ri = t_.table_route(sn.table, dest_);
  if (ri == npos) return block(codes::no_route, table.id, at(blocked_rule::kind::no_route, dest_));
  const auto& r = t_.routes[ri];
  forward_hop(table.id, sn.table);
  if (r.dead) return block(codes::bad_state_route, table.id, route_rule(r.r));
  switch (r.kind) {
    case target_kind::local: return deliver_in_vpc(vpc, subnet);
    case target_kind::nat_gateway: return through_nat(r.target);
    case target_kind::internet_gateway: return through_igw(r.target, r.target_id, vpc);
    case target_kind::gateway_endpoint: return through_gateway_endpoint(r.target);
    case target_kind::peering_connection: return through_peering(r.target, vpc);
    case target_kind::network_interface:
    case target_kind::instance: return through_appliance(r, subnet);
    case target_kind::transit_gateway: return through_tgw(r, vpc, subnet);
    default: break;
  }
  return block(codes::unsupported_component, r.target_id, route_rule(r.r));
}

// RT-14: the ENI holding the destination in the VPC; NACL-3 when it is in another subnet.
bool fast_walk::deliver_in_vpc(std::uint32_t vpc, std::uint32_t from_subnet) {
  const auto ei = t_.eni_at(vpc, dest_);
  if (ei == npos) {
    // The most specific subnet of the VPC holding the address names the place.
    std::string_view where = t_.vpcs[vpc].id;
    std::uint32_t best_size = 0;
    bool found = false;
    const auto& sub = t_.vpcs[vpc].subnets;
    for (std::uint32_t i = sub.off; i < sub.off + sub.len; ++i) {
      const auto& s = t_.subnets[t_.u32[i]];
      if (s.lo <= dest_ && dest_ <= s.hi && (!found || s.hi - s.lo < best_size)) {
        where = s.id;
        best_size = s.hi - s.lo;
        found = true;
      }
    }
    return block(codes::unknown_destination, where, at(blocked_rule::kind::no_eni, dest_));
  }
  const auto& eni = t_.enis[ei];
  if ((from_subnet == npos || eni.subnet != from_subnet) && !cross_acl(eni.subnet, false, src_addr_)) return false;
  return arrive_at_eni(eni);
}

bool fast_walk::arrive_at_eni(const c_eni& eni) {
  // SG-8, IF-7: the receiver's groups, matched on the source (after a NAT, the NAT's address).
  if (!sg_allows(eni.ingress, src_addr_, sender()))
    return block(eni.ingress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, eni.ingress_component,
                 at(blocked_rule::kind::sg_ingress, src_addr_));
  ++v.hops;
  if (eni.endpoint == npos) {
    ++v.hops;
    v.via = via_nat_ ? via_kind::nat_gateway : via_kind::local;
    v.reachable = true;
    return true;
  }
  const auto& ep = t_.endpoints[eni.endpoint];
  if (!rules::interface_endpoint_carries(proto_))  // IF-5
    return block(codes::protocol_restriction, ep.id, text("interface endpoints carry TCP only"));
  if (!ep.available) return block(codes::bad_state, ep.id, text("state ", ep.state));
  ++v.hops;
  if (!endpoint_policy(eni.endpoint)) return false;
  v.via = via_kind::interface_endpoint;
  v.reachable = true;
  if (ep.service_hop) ++v.hops;
  return true;
}

// NAT-4, NAT-8, NAT-11..NAT-14.
bool fast_walk::through_nat(std::uint32_t nat_ix) {
  const auto& nat = t_.nats[nat_ix];
  if (!nat.available) return block(codes::bad_state, nat.id, text("state ", nat.state));
  if (!rules::nat_carries(proto_))
    return block(codes::protocol_restriction, nat.id, text("TCP, UDP and ICMP only"));
  if (!cross_acl(nat.subnet, false, src_addr_)) return false;
  forward_hop(nat.id);
  if (nat.private_ip) src_addr_ = nat.private_ip->to_uint();
  src_ports_ = nat_gateway_ports;
  via_nat_ = true;
  nat_ = nat_ix;
  const auto& sn = t_.subnets[nat.subnet];
  const bool leaves = !(sn.present && sn.lo <= dest_ && dest_ <= sn.hi);
  if (sn.table != npos && leaves && !cross_acl(nat.subnet, true, dest_)) return false;
  return route_from(nat.subnet, nat.vpc);
}

// IGW-2, IGW-3, IGW-6, NAT-3, RT-13.
bool fast_walk::through_igw(std::uint32_t igw, std::string_view target_id, std::uint32_t vpc) {
  bool attached = false;
  if (igw != npos) {
    const auto& a = t_.igws[igw].attached_vpcs;
    for (std::uint32_t i = a.off; i < a.off + a.len; ++i) attached = attached || t_.u32[i] == vpc;
  }
  if (!attached) return block(codes::bad_state_attachment, target_id, text("not attached to ", t_.vpcs[vpc].id));
  if (nat_ != npos && t_.nats[nat_].is_private)
    return block(codes::private_nat_no_internet, t_.nats[nat_].id, text("connectivity type private"));
  switch (rules::igw_destination_of(dest_)) {
    case rules::igw_destination::rfc1918:
      return block(codes::igw_rfc1918_egress, target_id, at(blocked_rule::kind::rfc1918, dest_));
    case rules::igw_destination::rfc6598:
      return block(codes::igw_rfc6598_egress, target_id, at(blocked_rule::kind::rfc6598, dest_));
    case rules::igw_destination::routable: break;
  }
  // IGW-3; RT-13: an appliance with a public IPv4 translates a private source, as a NAT instance.
  if (!via_nat_ && !src_.has_public && !(appliance_ && appliance_->has_public))
    return block(codes::igw_public_ip_for_egress, src_.igw_component, text("no public IPv4 on ", src_.id));
  v.hops += 2;  // the internet gateway, then the internet or the service
  v.via = via_nat_ ? via_kind::nat_gateway : via_kind::internet_gateway;
  v.reachable = true;
  return true;
}

// GW-4..GW-8, POL-4.
bool fast_walk::through_gateway_endpoint(std::uint32_t ep_ix) {
  const auto& ep = t_.endpoints[ep_ix];
  if (!ep.available) return block(codes::bad_state, ep.id, text("state ", ep.state));
  if (!rules::gateway_endpoint_carries(proto_))
    return block(codes::gateway_endpoint_protocol, ep.id, text("gateway endpoints carry TCP and ICMP echo only"));
  ++v.hops;
  if (!endpoint_policy(ep_ix)) return false;
  if (ep.service_hop) ++v.hops;
  v.via = via_nat_ ? via_kind::nat_gateway : via_kind::gateway_endpoint;
  v.reachable = true;
  return true;
}

// RT-14: the reply to a peering connection or transit gateway goes back through it, so the
// destination subnet's route table needs a route to the source through `gateway`.
bool fast_walk::route_back_through(const c_eni& dst, std::string_view gateway) {
  const auto back_table = t_.subnets[dst.subnet].assoc;
  if (back_table == npos) return true;  // no table in the input: route_from reports that on its own
  const auto ri = t_.table_route(back_table, src_addr_);
  if (ri != npos && t_.routes[ri].target_id == gateway) return true;
  return block(codes::no_route, t_.tables[back_table].id,
               ri == npos ? at(blocked_rule::kind::no_route, src_addr_) : route_rule(t_.routes[ri].r));
}

// PEER-1, PEER-2, RT-14.
bool fast_walk::through_peering(std::uint32_t pcx_ix, std::uint32_t from_vpc) {
  const auto& pcx = t_.peerings[pcx_ix];
  if (!pcx.active) return block(codes::bad_state, pcx.id, text("status ", pcx.status));
  const auto& peer = pcx.requester == from_vpc ? pcx.sides[0] : pcx.sides[1];
  bool inside = false;
  for (std::uint32_t i = peer.cidrs.off; i < peer.cidrs.off + peer.cidrs.len; ++i)
    inside = inside || (t_.cidrs[i].first <= dest_ && dest_ <= t_.cidrs[i].second);
  if (!inside) return block(codes::pcx_address_in_vpc_cidr, pcx.id, text("destination outside ", peer.vpc_id));
  forward_hop(pcx.id);
  if (!peer.present) return block(codes::unknown_resource, peer.vpc_id, text("peer VPC not in the input"));
  const auto ei = t_.eni_at(peer.vpc, dest_);
  if (ei == npos) return deliver_in_vpc(peer.vpc, npos);
  if (!route_back_through(t_.enis[ei], pcx.id)) return false;
  if (!deliver_in_vpc(peer.vpc, npos)) return false;
  v.via = via_kind::peering;
  return true;
}

// RT-13, RT-14, NACL-4: a route to a network interface (or an instance's primary one) sends the
// packet to an appliance: into its subnet, through its groups both ways (SG-5, SG-8), its
// source/destination check off, on by the route table of its subnet.
bool fast_walk::through_appliance(const c_route& r, std::uint32_t from_subnet) {
  if (r.target == npos) return block(codes::unknown_resource, r.target_id, route_rule(r.r));
  const auto& eni = t_.enis[r.target];
  if (r.appliance && r.appliance->state != "running")
    return block(codes::bad_state, r.appliance->id.str(), text("state ", r.appliance->state));
  if (eni.subnet != from_subnet && !cross_acl(eni.subnet, false, src_addr_)) return false;  // NACL-4
  if (!sg_allows(eni.own_ingress, src_addr_, sender()))
    return block(eni.own_ingress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, eni.egress_component,
                 at(blocked_rule::kind::sg_ingress, src_addr_));
  ++v.hops;
  appliance_ = &eni;
  indirect_ = true;
  if (eni.source_dest_check)
    return block(codes::eni_source_dest_check, eni.id, text("source/destination check on"));
  forward_hop(eni.id);
  const std::uint32_t next = t_.eni_at(eni.vpc, dest_);
  if (!sg_allows(eni.egress, dest_, next == npos ? nullptr : &t_.enis[next]))
    return block(eni.egress_empty ? codes::sg_has_no_rules : codes::sg_rules_mismatch, eni.egress_component,
                 at(blocked_rule::kind::sg_egress, dest_));
  ++v.hops;
  const auto& sn = t_.subnets[eni.subnet];
  const bool leaves = !(sn.present && sn.lo <= dest_ && dest_ <= sn.hi);
  if (leaves && !cross_acl(eni.subnet, true, dest_)) return false;
  return route_from(eni.subnet, eni.vpc);
}

// RT-14 and the Transit Gateway guide (tgw-vpc-attachments.html, tgw-nacls.html): the packet enters
// by the source VPC's attachment, through its subnet in the packet's AZ (none:
// TGW_ROUTE_AZ_RESTRICTION), whose NACL checks it inbound even in the sender's own subnet.
bool fast_walk::through_tgw(const c_route& r, std::uint32_t vpc, std::uint32_t from_subnet) {
  if (r.target == npos) return block(codes::unknown_resource, r.target_id, text("not in the input"));
  const auto& tgw = t_.tgws[r.target];
  if (!tgw.available) return block(codes::bad_state, tgw.id, text("state ", tgw.state));
  const auto in_ix = t_.attachment_of(r.target, vpc);
  if (in_ix == npos) return block(codes::unknown_resource, tgw.id, text("no attachment of ", t_.vpcs[vpc].id));
  const auto& in = t_.tgw_attachments[in_ix];
  if (!in.available) return block(codes::bad_state_attachment, in.id, text("state ", in.state));
  const auto& from = t_.subnets[from_subnet];
  const std::string_view zone = from.present ? from.zone : src_.zone;
  const auto entry = t_.attachment_subnet_in(in, zone);
  if (entry == npos) return block(codes::tgw_route_az_restriction, in.id, text("no subnet in ", zone));
  if (!cross_acl(entry, false, src_addr_)) return false;
  // tgw-nacls: in the sender's own subnet both rules apply to the packet going in, and none to the
  // reply coming out of the transit gateway.
  if (entry == from_subnet)
    for (auto& c : crossings_)
      if (c.subnet == from_subnet) c.reply = false;
  forward_hop(in.id);
  indirect_ = true;
  return tgw_route(tgw, in, zone);
}

// The route table associated with the attachment the packet came in by picks the attachment it
// leaves by; a VPC attachment hands it to its subnet (in the destination's AZ when it has one),
// whose NACL checks it outbound and whose route table routes on. The destination needs a way back
// through the transit gateway (RT-14). Only VPC attachments are modelled.
bool fast_walk::tgw_route(const c_tgw& tgw, const c_tgw_attachment& in, std::string_view zone) {
  if (in.association_id.empty())
    return block(codes::tgw_missing_association, in.id, text("no route table association"));
  if (in.association == npos) return block(codes::unknown_resource, in.association_id, text("not in the input"));
  const auto& table = t_.tgw_tables[in.association];
  if (loop_at(tgw_table_keys | in.association, table.id)) return false;
  const auto* r = t_.tgw_route(in.association, dest_);
  if (!r) return block(codes::tgw_rtb_cannot_route, table.id, at(blocked_rule::kind::no_route, dest_));
  if (r->state == "blackhole" || r->attachments.empty())
    return block(codes::tgw_rtb_bad_state_route, table.id, tgw_rule(r));
  forward_hop(table.id, tgw_table_keys | in.association);
  const auto out_it = t_.tgwa_ix.find(std::string_view(r->attachments.front().str()));
  if (out_it == t_.tgwa_ix.end())
    return block(codes::unknown_resource, r->attachments.front().str(), tgw_rule(r));
  const auto& out = t_.tgw_attachments[out_it->second];
  if (!out.available) return block(codes::bad_state_attachment, out.id, text("state ", out.state));
  if (out.resource_type != "vpc") return block(codes::unsupported_component, out.id, tgw_rule(r));
  if (out.vpc == npos) return block(codes::unknown_resource, out.resource_id, text("VPC not in the input"));
  const auto dst_ix = t_.eni_at(out.vpc, dest_);
  const c_eni* dst = dst_ix == npos ? nullptr : &t_.enis[dst_ix];
  std::uint32_t exit = dst ? t_.attachment_subnet_in(out, dst->zone) : npos;
  if (exit == npos) exit = t_.attachment_subnet_in(out, zone);
  if (exit == npos && out.subnets.len) exit = t_.u32[out.subnets.off];
  if (exit == npos) return block(codes::unknown_resource, out.id, text("no subnet"));
  forward_hop(out.id);
  // RT-14: the reply needs a route back, from the destination's subnet to the transit gateway and
  // from the transit gateway to the attachment the packet came in by.
  if (dst) {
    if (!route_back_through(*dst, tgw.id)) return false;
    if (out.association != npos) {
      const auto* back = t_.tgw_route(out.association, src_addr_);
      if (!back) return block(codes::tgw_rtb_cannot_route, t_.tgw_tables[out.association].id,
                              at(blocked_rule::kind::no_route, src_addr_));
      if (back->state == "blackhole" || back->attachments.empty())
        return block(codes::tgw_rtb_cannot_route, t_.tgw_tables[out.association].id, tgw_rule(back));
    }
  }
  const auto& esn = t_.subnets[exit];
  const bool leaves = !(esn.present && esn.lo <= dest_ && dest_ <= esn.hi);
  if (leaves && !cross_acl(exit, true, dest_)) return false;
  // tgw-nacls: to a destination in the attachment's own subnet no rule applies to the packet going
  // out of the transit gateway, and both (outbound, then inbound) to the reply going into it.
  if (!leaves && esn.acl != npos) {
    crossings_.push_back(crossing{esn.acl, exit, true, dest_, src_ports_, true});
    crossings_.push_back(crossing{esn.acl, exit, false, src_addr_, src_ports_, true});
  }
  if (!route_from(exit, out.vpc)) return false;
  v.via = via_kind::transit_gateway;
  return true;
}

// NACL-7, NACL-19: the reply crosses every NACL again, to the ports the forward packet came from.
bool fast_walk::return_path() {
  for (auto it = crossings_.rbegin(); it != crossings_.rend(); ++it) {
    const auto& c = *it;
    if (!c.reply) continue;
    const bool egress = !c.egress;
    const auto ports = proto_.has_ports() ? c.src_ports : port_range::all();
    const network_acl_entry* entry = nullptr;
    if (!acl_allows(t_.acls[c.acl], egress, ports, c.peer, entry)) {
      blocked_rule r = at(entry ? blocked_rule::kind::acl_entry : blocked_rule::kind::acl_return_final, c.peer, egress);
      r.object = entry;
      r.ports = c.src_ports;
      return block(codes::subnet_acl_restriction, t_.acls[c.acl].id, r);
    }
    ++v.hops;
  }
  return true;
}

}  // namespace

verdict compiled_network::trace(const compiled_source& src, const compiled_destination& dst, protocol proto,
                                std::uint16_t port, port_range client_ports, std::size_t max_hops) const {
  verdict out;
  const auto& eni = t_->enis[src.eni];
  auto one = [&](const compiled_leg& leg, leg_verdict& v) {
    if (!leg.resolved) {  // DNS-4: no path at all
      v.blocked = true;
      v.code = leg.fail_code;
      v.component = leg.fail_component;
      v.rule.what = blocked_rule::kind::text;
      v.rule.text = leg.fail_rule;
      return;
    }
    fast_walk w(*t_, eni, leg, proto, port, client_ports, max_hops);
    w.run(src.inst);
    v = w.v;
  };
  if (!dst.composite) {
    one(dst.legs.front(), out);
    return out;
  }
  out.reachable = true;
  for (const auto& leg : dst.legs) {
    leg_verdict& v = out.legs[out.leg_count++];
    one(leg, v);
    if (!v.reachable && out.reachable) {
      out.reachable = false;
      out.blocked = v.blocked;
      out.code = v.code;
      out.component = v.component;
      out.rule = v.rule;
    }
  }
  return out;
}

verdict compiled_network::trace(const flow_request& request) const {
  const auto src = source(request.from, request.region);
  const auto dst = destination(request.to, src, request.action, request.resource);
  return trace(src, dst, request.protocol, request.port, request.client_ports, request.max_hops);
}

std::string compiled_network::rule_text(const leg_verdict& v, protocol proto, std::uint16_t port) const {
  return explain::rule_text(v.rule, proto, port);
}

const resource_names& compiled_network::display() const {
  std::call_once(t_->display_once, [&] { t_->display = std::make_unique<resource_names>(net_); });
  return *t_->display;
}

answer compiled_network::to_answer(const verdict& v, const flow_request& request) const {
  auto fill = [&](const leg_verdict& l, answer& a) {
    a.from = request.from;
    a.from_name = std::string(display().of(request.from));
    a.protocol = request.protocol.name();
    a.port = request.port;
    a.reachable = l.reachable;
    if (l.via != via_kind::none) a.via = std::string(to_string(l.via));
    if (l.blocked)
      a.blocked = blocked_by{std::string(l.code), std::string(l.component), rule_text(l, request.protocol, request.port), {}, {},
                             std::string(display().of(l.component))};
  };
  answer out;
  fill(v, out);
  out.to = request.to;
  const auto legs = v.leg_count ? services::composite_legs(request.to, "") : std::vector<services::leg>{};
  for (std::size_t i = 0; i < v.leg_count; ++i) {
    answer l;
    fill(v.legs[i], l);
    if (i < legs.size()) l.to = legs[i].service;
    out.legs.push_back(std::move(l));
  }
  return out;
}

}  // namespace vpcsim
