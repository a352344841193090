// The compiled engine: the network as flat index-based tables, walked for verdicts only.
// The walk follows the plain solver (solver.cpp) step by step and applies the same rules of
// aws-semantics.md, cited where they are re-expressed over the tables; route precedence, DNS
// resolution and endpoint policies are decided by the shared functions (routing.hpp, dns.hpp,
// policy.hpp) when the tables are built, never on the hot path.
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

#include <algorithm>
#include <cctype>
#include <limits>
#include <unordered_map>

namespace vpcsim {

namespace {
constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();
// At this many hops the solver stops with a LOOP verdict (the default hop limit); such flows go to it.

// Whether any resource of the input has this id (the topology's vertices).
bool has_resource(const network& net, const std::string& id) {
  return net.find(vpc_id{id}) || net.find(subnet_id{id}) || net.find(instance_id{id}) ||
         net.find(network_interface_id{id}) || net.find(route_table_id{id}) || net.find(network_acl_id{id}) ||
         net.find(security_group_id{id}) || net.find(internet_gateway_id{id}) ||
         net.find(egress_only_internet_gateway_id{id}) || net.find(nat_gateway_id{id}) || net.find(vpn_gateway_id{id}) ||
         net.find(vpc_endpoint_id{id}) || net.find(peering_connection_id{id}) || net.find(transit_gateway_id{id});
}

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
  bool compiled = true;  // false: more rules than the engine's fixed buffers take
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
  bool has_public = false;         // a public IPv4 mapped to the primary address (IGW-3)
  std::uint32_t primary = 0;
};

struct c_subnet {
  std::string_view id;
  bool present = false;
  std::uint32_t vpc = npos;
  std::uint32_t lo = 1, hi = 0;
  std::uint32_t acl = npos;     // topology's filtered_by
  std::uint32_t table = npos;   // topology's routes_with (the walk's table)
  std::uint32_t assoc = npos;   // network::route_table_for (the peer's return route, RT-14)
};

struct c_route {
  const route* r = nullptr;
  std::string_view target_id;
  target_kind kind = target_kind::local;
  std::uint32_t target = npos;  // index of the NAT, IGW, endpoint or peering connection
  bool dead = false;            // blackhole, or a target the input lacks (RT-22..RT-24)
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
      pcx_ix;

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
  std::size_t n_vpc = 0, n_subnet = 0, n_sg = 0, n_acl = 0, n_table = 0, n_nat = 0, n_igw = 0, n_ep = 0, n_pcx = 0;

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
      if (rules.size() > max_acl_rules) c.compiled = false;
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
      // A target no resource of the input has (topology.hpp's `missing` nodes) is a blackhole.
      const bool missing = r.target.kind != target_kind::local && !has_resource(net, r.target.id);
      cr.dead = r.state == route_state::blackhole || missing;  // RT-22, RT-23, RT-24
      auto find_ix = [&](const auto& m) {
        auto it = m.find(std::string_view(r.target.id));
        return it == m.end() ? npos : it->second;
      };
      switch (r.target.kind) {
        case target_kind::nat_gateway: cr.target = find_ix(t.nat_ix); break;
        case target_kind::internet_gateway: cr.target = find_ix(t.igw_ix); break;
        case target_kind::gateway_endpoint: cr.target = find_ix(t.ep_ix); break;
        case target_kind::peering_connection: cr.target = find_ix(t.pcx_ix); break;
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

  // Subnets: their NACL and route table as the topology links them (NACL-1, RT-1, RT-2).
  t.subnets.resize(n_subnet);
  for (const auto& [id, ix] : t.subnet_ix) {
    auto& c = t.subnets[ix];
    c.id = id;
    const auto* s = net.find(subnet_id{std::string(id)});
    c.present = s != nullptr;
    if (s) {
      c.vpc = t.vpc_ix.at(s->vpc.str());
      c.lo = s->cidr_block.first_uint(), c.hi = s->cidr_block.last_uint();
    }
    // The topology's links of a subnet in the input (RT-1, RT-2, NACL-1); none for one that is not.
    const subnet_id sid{std::string(id)};
    if (const auto choice = net.route_table_for(sid); choice.table) {
      c.assoc = t.table_ix.at(choice.table->id.str());
      if (s) c.table = c.assoc;
    }
    if (s)
      if (const auto* acl = net.network_acl_for(sid)) c.acl = t.acl_ix.at(acl->id.str());
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
    t.eni_by_id.emplace(id.str(), eix);
    c.id = id.str();
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
}

compiled_network::~compiled_network() = default;

// Name tags as the solver reads them (name_index): the id, or the text itself.
std::string compiled_network::id_for(const std::string& name) const {
  return std::string(names_.id_for(name).value_or(name));
}

std::string_view compiled_network::intern(std::string s) const {
  std::lock_guard lock(mutex_);
  return *strings_.insert(std::move(s)).first;
}

const compiled_policy_table* compiled_network::policy_table(const std::optional<std::string>& action,
                                                            const std::optional<std::string>& resource) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = policies_.find({action, resource}); it != policies_.end()) return it->second.get();
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
  std::lock_guard lock(mutex_);
  auto [it, fresh] = policies_.emplace(std::make_pair(action, resource), std::move(table));
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

  bool overflow = false;  // a case the tables do not take (see `fallbacks`): the caller falls back
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
    // A range: the ports not yet decided, as disjoint ranges (each rule splits one in at most two).
    std::array<port_range, compiled_network::max_acl_rules + 1> buffers[2];
    port_range* open = buffers[0].data();
    port_range* rest = buffers[1].data();
    std::size_t n_open = 1;
    open[0] = ports;
    for (std::uint32_t i = s.off; i < s.off + s.len; ++i) {
      const auto& e = t_.acl_rules[i];
      if (!matches(e)) continue;
      const port_range er = e.ports;
      std::size_t n_rest = 0;
      for (std::size_t k = 0; k < n_open; ++k) {
        const auto r = open[k];
        if (!r.overlaps(er)) {
          rest[n_rest++] = r;
          continue;
        }
        if (!e.allow) {
          entry = e.entry;
          return false;
        }
        if (r.from < er.from) rest[n_rest++] = {r.from, static_cast<std::uint16_t>(er.from - 1)};
        if (r.to > er.to) rest[n_rest++] = {static_cast<std::uint16_t>(er.to + 1), r.to};
      }
      std::swap(open, rest);
      n_open = n_rest;
      if (n_open == 0) return true;
    }
    return false;  // NACL-6: the final `*` deny
  }

  bool cross_acl(std::uint32_t subnet, bool egress, std::uint32_t peer) {
    const auto acl_ix = t_.subnets[subnet].acl;
    if (acl_ix == npos) return true;  // NACL-10: assumed AWS's default NACL
    const auto& acl = t_.acls[acl_ix];
    if (!acl.compiled) return overflow = true, false;
    const network_acl_entry* entry = nullptr;
    if (!acl_allows(acl, egress, port_range::single(port_), peer, entry)) {
      blocked_rule r = at(entry ? blocked_rule::kind::acl_entry : blocked_rule::kind::acl_final, peer, egress);
      r.object = entry;
      return block(codes::subnet_acl_restriction, acl.id, r);
    }
    ++v.hops;
    if (n_cross_ == crossings_.size()) return overflow = true, false;
    crossings_[n_cross_++] = crossing{acl_ix, egress, peer, src_ports_};
    return true;
  }

  bool route_from(std::uint32_t subnet, std::uint32_t vpc);
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
  bool return_path();
  bool holds(const c_eni& e, std::uint32_t a) const {
    for (std::uint32_t i = e.addresses.off; i < e.addresses.off + e.addresses.len; ++i)
      if (t_.u32[i] == a) return true;
    return false;
  }

  struct crossing {
    std::uint32_t acl = npos;
    bool egress = false;
    std::uint32_t peer = 0;
    port_range src_ports{};
  };

  const compiled_network::tables& t_;
  const c_eni& src_;
  const compiled_leg& leg_;
  protocol proto_;
  std::uint16_t port_;
  std::uint32_t dest_;
  std::uint32_t src_addr_;  // changes at a NAT gateway (NAT-8)
  port_range src_ports_;    // NAT-11
  std::size_t max_hops_;    // limits::max_hops: a longer path goes to the solver (LOOP)
  bool via_nat_ = false;
  std::uint32_t nat_ = npos;
  std::array<crossing, compiled_network::max_crossings> crossings_{};
  std::size_t n_cross_ = 0;
  std::array<std::uint32_t, 64> visited_{};  // route tables seen (the destination is fixed)
  std::size_t n_visited_ = 0;
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

// RT-15..RT-24 over the interval table, then the chosen route's target.
bool fast_walk::route_from(std::uint32_t subnet, std::uint32_t vpc) {
  const auto& sn = t_.subnets[subnet];
  if (sn.table == npos) return block(codes::unknown_resource, sn.id, text("no route table"));
  const auto& table = t_.tables[sn.table];
  // A route table seen again (a routing loop), or a path as long as the hop limit: LOOP verdicts,
  // which the solver words with the path it walked; the plain solver answers them.
  const bool seen = std::find(visited_.begin(), visited_.begin() + static_cast<std::ptrdiff_t>(n_visited_), sn.table) !=
                    visited_.begin() + static_cast<std::ptrdiff_t>(n_visited_);
  if (seen || n_visited_ == visited_.size() || v.hops >= max_hops_) return overflow = true, false;
  visited_[n_visited_++] = sn.table;
  const auto ri = t_.table_route(sn.table, dest_);
  if (ri == npos) return block(codes::no_route, table.id, at(blocked_rule::kind::no_route, dest_));
  const auto& r = t_.routes[ri];
  ++v.hops;
  if (r.dead) {
    blocked_rule b;
    b.what = blocked_rule::kind::route;
    b.object = r.r;
    return block(codes::bad_state_route, table.id, b);
  }
  switch (r.kind) {
    case target_kind::local: return deliver_in_vpc(vpc, subnet);
    case target_kind::nat_gateway: return through_nat(r.target);
    case target_kind::internet_gateway: return through_igw(r.target, r.target_id, vpc);
    case target_kind::gateway_endpoint: return through_gateway_endpoint(r.target);
    case target_kind::peering_connection: return through_peering(r.target, vpc);
    // Appliances (RT-14) are rare and their paths long: the plain solver walks them.
    case target_kind::network_interface:
    case target_kind::instance:
    // Transit gateways: their own route tables, also left to the plain solver.
    case target_kind::transit_gateway: return overflow = true, false;
    default: break;
  }
  blocked_rule b;
  b.what = blocked_rule::kind::route;
  b.object = r.r;
  return block(codes::unsupported_component, r.target_id, b);
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
  const c_eni* peer = holds(src_, src_addr_) ? &src_ : nullptr;
  if (!sg_allows(eni.ingress, src_addr_, peer))
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
  ++v.hops;
  if (nat.private_ip) src_addr_ = nat.private_ip->to_uint();
  src_ports_ = nat_gateway_ports;
  via_nat_ = true;
  nat_ = nat_ix;
  const auto& sn = t_.subnets[nat.subnet];
  const bool leaves = !(sn.present && sn.lo <= dest_ && dest_ <= sn.hi);
  if (sn.table != npos && leaves && !cross_acl(nat.subnet, true, dest_)) return false;
  return route_from(nat.subnet, nat.vpc);
}

// IGW-2, IGW-3, IGW-6, NAT-3.
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
  if (!via_nat_ && !src_.has_public)
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

// PEER-1, PEER-2, RT-14.
bool fast_walk::through_peering(std::uint32_t pcx_ix, std::uint32_t from_vpc) {
  const auto& pcx = t_.peerings[pcx_ix];
  if (!pcx.active) return block(codes::bad_state, pcx.id, text("status ", pcx.status));
  const auto& peer = pcx.requester == from_vpc ? pcx.sides[0] : pcx.sides[1];
  bool inside = false;
  for (std::uint32_t i = peer.cidrs.off; i < peer.cidrs.off + peer.cidrs.len; ++i)
    inside = inside || (t_.cidrs[i].first <= dest_ && dest_ <= t_.cidrs[i].second);
  if (!inside) return block(codes::pcx_address_in_vpc_cidr, pcx.id, text("destination outside ", peer.vpc_id));
  ++v.hops;
  if (!peer.present) return block(codes::unknown_resource, peer.vpc_id, text("peer VPC not in the input"));
  const auto ei = t_.eni_at(peer.vpc, dest_);
  if (ei == npos) return deliver_in_vpc(peer.vpc, npos);
  // RT-14: the peer's subnet needs the reverse route through the same connection.
  const auto back_table = t_.subnets[t_.enis[ei].subnet].assoc;
  if (back_table != npos) {
    const auto ri = t_.table_route(back_table, src_addr_);
    if (ri == npos || t_.routes[ri].target_id != pcx.id) {
      blocked_rule b = at(blocked_rule::kind::no_route, src_addr_);
      if (ri != npos) b.what = blocked_rule::kind::route, b.object = t_.routes[ri].r;
      return block(codes::no_route, t_.tables[back_table].id, b);
    }
  }
  if (!deliver_in_vpc(peer.vpc, npos)) return false;
  v.via = via_kind::peering;
  return true;
}

// NACL-7, NACL-19: the reply crosses every NACL again, to the ports the forward packet came from.
bool fast_walk::return_path() {
  for (std::size_t i = n_cross_; i-- > 0;) {
    const auto& c = crossings_[i];
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
      return true;
    }
    fast_walk w(*t_, eni, leg, proto, port, client_ports, max_hops);
    w.run(src.inst);
    v = w.v;
    return !w.overflow;
  };
  if (!dst.composite) {
    if (!one(dst.legs.front(), out)) return fallback(src, dst, proto, port, client_ports, max_hops);
    return out;
  }
  out.reachable = true;
  for (const auto& leg : dst.legs) {
    leg_verdict& v = out.legs[out.leg_count++];
    if (!one(leg, v)) return fallback(src, dst, proto, port, client_ports, max_hops);
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

// The plain solver's answer, projected onto a verdict whose strings the compiled network keeps.
verdict compiled_network::fallback(const compiled_source& src, const compiled_destination& dst, protocol proto,
                                   std::uint16_t port, port_range client_ports, std::size_t max_hops) const {
  fallbacks_.fetch_add(1, std::memory_order_relaxed);
  flow_request req;
  req.from = src.from;
  req.to = dst.to;
  req.protocol = proto;
  req.port = port;
  req.region = src.region;
  req.action = dst.action;
  req.resource = dst.resource;
  req.client_ports = client_ports;
  req.max_hops = max_hops;
  std::call_once(plain_once_, [&] { plain_ = std::make_unique<solver>(net_); });
  const answer a = plain_->trace(req);
  auto project = [&](const answer& x, leg_verdict& v) {
    v.reachable = x.reachable;
    if (x.via) {
      for (auto k : {via_kind::local, via_kind::interface_endpoint, via_kind::gateway_endpoint, via_kind::nat_gateway,
                     via_kind::internet_gateway, via_kind::peering, via_kind::transit_gateway})
        if (to_string(k) == *x.via) v.via = k;
    }
    if (x.blocked) {
      v.blocked = true;
      v.code = intern(x.blocked->code);
      v.component = intern(x.blocked->component);
      v.rule.what = blocked_rule::kind::text;
      v.rule.text = intern(x.blocked->rule);
    }
    v.hops = static_cast<std::uint16_t>(x.path.size());
  };
  verdict out;
  project(a, out);
  for (const auto& l : a.legs) project(l, out.legs[out.leg_count++]);
  return out;
}

std::string compiled_network::rule_text(const leg_verdict& v, protocol proto, std::uint16_t port) const {
  return explain::rule_text(v.rule, proto, port);
}

const resource_names& compiled_network::display() const {
  std::call_once(display_once_, [&] { display_ = std::make_unique<resource_names>(net_); });
  return *display_;
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
