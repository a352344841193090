// The compiled engine: the network as flat index-based tables (tables.hpp), built once, and the
// one walk (walk.hpp) over them. Route precedence (of subnet and transit gateway route tables),
// DNS resolution and endpoint policies are decided by the shared functions (routing.hpp, dns.hpp,
// policy.hpp) when the tables are built, never on the hot path. Here the walk records verdicts;
// explain.cpp runs the same walk with the recorder of full answers.
#include <vpcsim/error.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/policy.hpp>
#include <vpcsim/sim/routing.hpp>

#include "explain.hpp"
#include "rules.hpp"
#include "tables.hpp"
#include "walk.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <future>
#include <limits>
#include <mutex>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace vpcsim {

namespace {
using namespace engine;
using rules::region_of;
}  // namespace

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

// Flattens the rules of `groups` in one direction into `out` (SG-5: one set), in family K: IPv4
// rules keep IPv4 peers and prefix lists' IPv4 entries, IPv6 rules the IPv6 ones (SG-14); group
// references hold in both (SG-15). Returns whether the rule set is empty in the SG_HAS_NO_RULES
// sense: every group present and without rules.
template <class K>
bool flatten_groups(const network& net, compiled_network::tables& t, std::span<const security_group_id> groups,
                    bool ingress, std::size_t& sg_count, span& out) {
  using cidr = typename family_of<K>::cidr;
  auto& f = const_cast<family_tables<K>&>(t.family<K>());
  // ENIs with the same groups share one flattened set.
  std::string& key = t.flattened_key;
  key.assign(family_of<K>::v6 ? "6" : "4");
  key += ingress ? "in" : "out";
  for (const auto& g : groups) (key += ' ') += g.str();
  if (auto it = t.flattened.find(key); it != t.flattened.end()) {
    out = it->second.first;
    return it->second.second;
  }
  out.off = static_cast<std::uint32_t>(f.sg_rules.size());
  bool empty = !groups.empty();
  // A rule that never matches and carries a warning for the answer (see c_sg_rule_t::warning).
  auto marker = [&](c_sg_rule_t<K> c, std::string text) {
    c.lo = 1, c.hi = 0, c.group = npos;
    c.warning = static_cast<std::uint32_t>(t.texts.size());
    t.texts.push_back(std::move(text));
    f.sg_rules.push_back(c);
  };
  for (const auto& gid : groups) {
    const auto* g = net.find(gid);
    if (!g || !(ingress ? g->ingress : g->egress).empty()) empty = false;
    if (!g) {  // a missing group allows nothing
      marker(c_sg_rule_t<K>{}, "security group " + gid.str() + " is not in the input; it allows nothing");
      continue;
    }
    for (const auto& r : ingress ? g->ingress : g->egress) {
      c_sg_rule_t<K> c;
      c.proto = r.protocol.number;
      c.ports = r.protocol.has_ports() ? r.ports : port_range::all();  // SG-12, SG-13
      c.rule = &r;
      c.owner = g;
      if (const auto* block = std::get_if<cidr>(&r.peer)) {
        c.lo = block->first_uint();
        c.hi = block->last_uint();
        f.sg_rules.push_back(c);
      } else if (const auto* ref = std::get_if<security_group_id>(&r.peer)) {
        c.group = t.intern(t.sg_ix, ref->str(), sg_count);
        f.sg_rules.push_back(c);
      } else if (const auto* pl_id = std::get_if<prefix_list_id>(&r.peer)) {
        if (const auto* pl = net.find(*pl_id)) {  // SG-14: any entry of the list; a missing list matches nothing
          const auto& entries = [&]() -> const auto& {
            if constexpr (family_of<K>::v6) return pl->ipv6_cidrs;
            else return pl->cidrs;
          }();
          for (const auto& e : entries) {
            c.lo = e.first_uint();
            c.hi = e.last_uint();
            f.sg_rules.push_back(c);
          }
        } else {
          marker(c, "prefix list " + pl_id->str() + " is not in the input; its rules match nothing");
        }
      }  // the other family's peers never match (SG-14)
    }
  }
  out.len = static_cast<std::uint32_t>(f.sg_rules.size()) - out.off;
  t.flattened.emplace(key, std::make_pair(out, empty));
  return empty;
}

// Boundaries of a block in the family's key space, for elementary interval tables.
template <class K, class Cidr>
void add_bounds(std::vector<K>& starts, const Cidr& b) {
  starts.push_back(b.first_uint());
  if (b.last_uint() != std::numeric_limits<K>::max()) starts.push_back(b.last_uint() + 1);
}

// A route table as a sorted interval table in family K: the winner of RT-15..RT-19 (and GW-7) for
// every elementary interval between route boundaries, decided by the shared `select_route`.
template <class K>
span route_bounds(const network& net, compiled_network::tables& t, const route_table& rt, std::uint32_t routes_off) {
  using cidr = typename family_of<K>::cidr;
  auto& f = const_cast<family_tables<K>&>(t.family<K>());
  // Boundaries of every block of this family the table can match (RT-16: prefix lists entry by entry).
  std::vector<K> starts{0};
  for (const auto& r : rt.routes) {
    if (const auto* b = std::get_if<cidr>(&r.destination)) add_bounds(starts, *b);
    else if (const auto* pl_id = std::get_if<prefix_list_id>(&r.destination))
      if (const auto* pl = net.find(*pl_id)) {
        if constexpr (family_of<K>::v6)
          for (const auto& entry : pl->ipv6_cidrs) add_bounds(starts, entry);
        else
          for (const auto& entry : pl->cidrs) add_bounds(starts, entry);
      }
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  const span bounds{static_cast<std::uint32_t>(f.bound_starts.size()), static_cast<std::uint32_t>(starts.size())};
  const bool lists_present = std::all_of(rt.routes.begin(), rt.routes.end(), [&](const route& r) {
    const auto* pl_id = std::get_if<prefix_list_id>(&r.destination);
    return !pl_id || net.find(*pl_id);
  });
  if (starts.size() == 1 && lists_present && family_of<K>::v6) {
    // No IPv6 block at all (the usual IPv4-only table) and no missing prefix list to warn about:
    // one interval that no route matches, as select_route would say (RT-9), without asking it.
    f.bound_starts.push_back(0);
    f.bound_routes.push_back(npos);
    f.bound_words.push_back(c_interval_t<K>{});
    return bounds;
  }
  for (const auto s : starts) {
    // Every address of an elementary interval matches the same routes, so its first decides.
    auto choice = select_route(net, rt, address_of(s));
    f.bound_starts.push_back(s);
    f.bound_routes.push_back(choice.chosen ? routes_off + static_cast<std::uint32_t>(choice.index) : npos);
    c_interval_t<K> words{choice.matched, choice.shadowed_prefix_list_route,
                          {static_cast<std::uint32_t>(t.texts.size()), static_cast<std::uint32_t>(choice.warnings.size())}};
    for (auto& w : choice.warnings) t.texts.push_back(std::move(w));
    f.bound_words.push_back(words);
  }
  return bounds;
}

// A transit gateway route table as a sorted interval table in family K: the winner of the shared
// `select_tgw_route` (RT-14, TGW-1, TGW-2) for every elementary interval between the boundaries of
// its routes and of the CIDRs its VPC attachments propagate (IPv6 ones only with Ipv6Support).
template <class K>
span tgw_bounds(const network& net, compiled_network::tables& t, const transit_gateway_route_table& rt) {
  using cidr = typename family_of<K>::cidr;
  auto& f = const_cast<family_tables<K>&>(t.family<K>());
  std::vector<K> starts{0};
  for (const auto& r : rt.routes)
    if (const auto* b = std::get_if<cidr>(&r.destination)) add_bounds(starts, *b);
  for (const auto& a : rt.propagations)
    if (const auto* att = net.find(a); att && att->resource_type == "vpc")
      if (const auto* v = net.find(vpc_id{att->resource_id})) {
        if constexpr (family_of<K>::v6) {
          if (att->ipv6_support)
            for (const auto& b : v->ipv6_cidr_blocks) add_bounds(starts, b);
        } else {
          for (const auto& b : v->cidr_blocks) add_bounds(starts, b);
        }
      }
  // No block of this family at all (an IPv4-only table, for IPv6): one interval no route matches.
  const bool none = family_of<K>::v6 && starts.size() == 1;
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  const span bounds{static_cast<std::uint32_t>(f.tgw_bound_starts.size()), static_cast<std::uint32_t>(starts.size())};
  for (const auto s : starts) {
    // Every address of an elementary interval matches the same routes, so its first decides.
    const auto chosen = none ? std::nullopt : select_tgw_route(net, rt, address_of(s));
    f.tgw_bound_starts.push_back(s);
    f.tgw_bound_routes.push_back(chosen ? &t.tgw_routes.emplace_back(*chosen) : nullptr);
  }
  return bounds;
}

// The interfaces by id, each interface's instance (when in the input) and each instance's primary
// interface (network::primary_interface_of): lookups by id string over every interface and instance
// that the rest of the tables do not need, so on a large input they run on a thread of their own.
struct interface_links {
  std::unordered_map<std::string_view, std::uint32_t> eni_by_id, instance_eni;
  std::vector<const instance*> attached;  // by interface index (id order)
};

interface_links link_interfaces(const network& net) {
  interface_links l;
  const auto& enis = net.all<network_interface>();
  std::unordered_map<std::string_view, const instance*> instances;
  instances.reserve(net.all<instance>().size());
  for (const auto& [id, inst] : net.all<instance>()) instances.emplace(id.str(), &inst);
  l.eni_by_id.reserve(enis.size());
  l.instance_eni.reserve(instances.size());
  l.attached.resize(enis.size());
  std::vector<const network_interface*> models;  // by interface index
  models.reserve(enis.size());
  for (const auto& [id, e] : enis) {
    const auto eix = static_cast<std::uint32_t>(models.size());
    models.push_back(&e);
    l.eni_by_id.emplace(id.str(), eix);
    if (e.attachment && e.attachment->instance)
      if (auto it = instances.find(e.attachment->instance->str()); it != instances.end()) {
        l.attached[eix] = it->second;
        auto [p, fresh] = l.instance_eni.emplace(it->first, eix);
        if (!fresh && primary_before(e, *models[p->second])) p->second = eix;
      }
  }
  return l;
}

}  // namespace

compiled_network::compiled_network(const network& net) : net_(net), t_(std::make_unique<tables>()) {
  // The name index and the interfaces' links (link_interfaces) walk every interface and instance:
  // on a large input (a second or so each at 500,000 of both) each is built on a thread of its own
  // while the tables are.
  constexpr std::size_t apart = 20'000;
  const bool large = net.all<network_interface>().size() + net.all<instance>().size() >= apart;
  std::future<name_index> names;
  if (large)
    names = std::async(std::launch::async, [&net] { return name_index(net); });
  else
    names_.emplace(net);
  auto links = std::async(large ? std::launch::async : std::launch::deferred, [&net] { return link_interfaces(net); });
  auto& t = *t_;
  std::size_t n_vpc = 0, n_subnet = 0, n_sg = 0, n_acl = 0, n_table = 0, n_nat = 0, n_igw = 0, n_ep = 0, n_pcx = 0,
              n_tgw = 0, n_tgwa = 0, n_tgw_rtb = 0, n_eigw = 0;

  // Dense indices: every id the tables may name, present in the input or not.
  for (const auto& [id, v] : net.all<vpc>()) t.intern(t.vpc_ix, id.str(), n_vpc);
  for (const auto& [id, s] : net.all<subnet>()) t.intern(t.subnet_ix, id.str(), n_subnet), t.intern(t.vpc_ix, s.vpc.str(), n_vpc);
  // Interfaces numbered in id order, each with its subnet's and VPC's indices (one pass over them).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> eni_places;  // (subnet, VPC)
  eni_places.reserve(net.all<network_interface>().size());
  for (const auto& [id, e] : net.all<network_interface>()) {
    eni_places.emplace_back(t.intern(t.subnet_ix, e.subnet.str(), n_subnet), t.intern(t.vpc_ix, e.vpc.str(), n_vpc));
  }
  for (const auto& [id, g] : net.all<nat_gateway>())
    t.intern(t.nat_ix, id.str(), n_nat), t.intern(t.subnet_ix, g.subnet.str(), n_subnet), t.intern(t.vpc_ix, g.vpc.str(), n_vpc);
  for (const auto& [id, g] : net.all<internet_gateway>()) t.intern(t.igw_ix, id.str(), n_igw);
  for (const auto& [id, g] : net.all<egress_only_internet_gateway>()) t.intern(t.eigw_ix, id.str(), n_eigw);
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
    c.name = display_name(a);
    for (bool egress : {true, false}) {
      std::vector<const network_acl_entry*> rules;
      for (const auto& e : a.entries)
        if (e.egress == egress) rules.push_back(&e);
      std::stable_sort(rules.begin(), rules.end(), [](auto* x, auto* y) { return x->rule_number < y->rule_number; });
      // NACL-9: each family's entries in their own table; an entry of the other family never matches.
      auto build = [&](auto& f, auto block_of) {
        span s{static_cast<std::uint32_t>(f.acl_rules.size()), static_cast<std::uint32_t>(rules.size())};
        for (const auto* e : rules) {
          typename std::remove_reference_t<decltype(f.acl_rules)>::value_type r;
          if (const auto& b = block_of(*e)) r.lo = b->first_uint(), r.hi = b->last_uint();
          r.proto = e->protocol.number;
          r.ports = e->protocol.has_ports() && e->ports ? *e->ports : port_range::all();
          r.allow = e->action == rule_action::allow;
          r.entry = e;
          f.acl_rules.push_back(r);
        }
        return s;
      };
      (egress ? c.egress : c.ingress) = build(t.f4, [](const network_acl_entry& e) -> const auto& { return e.cidr_block; });
      (egress ? c.egress6 : c.ingress6) =
          build(t.f6, [](const network_acl_entry& e) -> const auto& { return e.ipv6_cidr_block; });
    }
  }

  // Gateways, endpoints, peering connections.
  t.nats.resize(n_nat);
  for (const auto& [id, g] : net.all<nat_gateway>()) {
    auto& c = t.nats[t.nat_ix.at(id.str())];
    c.id = id.str();
    c.model = &g;
    c.state = g.state.text();
    c.available = rules::nat_forwards(g);  // NAT-14
    c.is_private = !rules::nat_reaches_internet(g);  // NAT-3
    c.subnet = t.subnet_ix.at(g.subnet.str());
    c.vpc = t.vpc_ix.at(g.vpc.str());
    for (const auto& a : g.addresses) {
      if (!c.private_ip && a.private_ip) c.private_ip = a.private_ip;
      if (a.public_ip) t.nat_public_ips.emplace_back(a.public_ip->to_uint(), t.nat_ix.at(id.str()));  // NAT-2
    }
  }
  std::sort(t.nat_public_ips.begin(), t.nat_public_ips.end());
  t.igws.resize(n_igw);
  for (const auto& [id, g] : net.all<internet_gateway>()) {
    auto& c = t.igws[t.igw_ix.at(id.str())];
    c.id = id.str();
    c.name = display_name(g);
    c.attached_vpcs.off = static_cast<std::uint32_t>(t.u32.size());
    for (const auto& a : g.attachments)
      if (a.is_attached())
        if (auto it = t.vpc_ix.find(a.vpc.str()); it != t.vpc_ix.end()) t.u32.push_back(it->second);
    c.attached_vpcs.len = static_cast<std::uint32_t>(t.u32.size()) - c.attached_vpcs.off;
  }
  t.eigws.resize(n_eigw);
  for (const auto& [id, g] : net.all<egress_only_internet_gateway>()) {
    auto& c = t.eigws[t.eigw_ix.at(id.str())];
    c.id = id.str();
    c.name = display_name(g);
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
    c.state = e.state.text();
    c.available = e.is_available();
    if (const auto parts = services::parse_endpoint_service_name(e.service_name)) {
      c.service_hop = true;
      // The short name (`ecr.api`) as a view: the end of the full name, else kept with the tables.
      const std::string_view full = e.service_name;
      c.service = full.ends_with(parts->short_name) ? full.substr(full.size() - parts->short_name.size())
                                                     : t.keep(parts->short_name);
    }
    c.dns_attributes_off = !net.dns_support(e.vpc).enabled || !net.dns_hostnames(e.vpc).enabled;
    t.endpoint_models[ix] = &e;
  }
  t.peerings.resize(n_pcx);
  for (const auto& [id, p] : net.all<peering_connection>()) {
    auto& c = t.peerings[t.pcx_ix.at(id.str())];
    c.id = id.str();
    c.name = display_name(p);
    c.status = p.status.text();
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
      s.cidrs.off = static_cast<std::uint32_t>(t.f4.cidrs.size());
      for (const auto& b : sides[i]->cidr_blocks) t.f4.cidrs.emplace_back(b.first_uint(), b.last_uint());
      if (v)
        for (const auto& b : v->cidr_blocks) t.f4.cidrs.emplace_back(b.first_uint(), b.last_uint());
      s.cidrs.len = static_cast<std::uint32_t>(t.f4.cidrs.size()) - s.cidrs.off;
      // The peer VPC's IPv6 CIDRs: a peering connection carries IPv6 between VPCs that have them.
      s.cidrs6.off = static_cast<std::uint32_t>(t.f6.cidrs.size());
      if (v)
        for (const auto& b : v->ipv6_cidr_blocks) t.f6.cidrs.emplace_back(b.first_uint(), b.last_uint());
      s.cidrs6.len = static_cast<std::uint32_t>(t.f6.cidrs.size()) - s.cidrs6.off;
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
      if (s->cidr_block) c.lo = s->cidr_block->first_uint(), c.hi = s->cidr_block->last_uint();  // VPC-6: else empty
      if (!s->ipv6_cidr_blocks.empty())
        c.lo6 = s->ipv6_cidr_blocks.front().first_uint(), c.hi6 = s->ipv6_cidr_blocks.front().last_uint();
      c.zone = s->availability_zone;
      c.dns64 = s->enable_dns64;
    }
    // The walk's links of a subnet in the input (RT-1, RT-2, NACL-1); the peer's return route
    // (RT-14) asks the network for any subnet.
    const subnet_id sid{std::string(id)};
    if (const auto choice = net.route_table_for(sid); choice.table) {
      c.assoc = t.table_ix.at(choice.table->id.str());
      c.implicit_main = !choice.is_explicit;
    }
    if (const auto* rt = rules::subnet_route_table(net, sid)) c.table = t.table_ix.at(rt->id.str());
    if (const auto* acl = rules::subnet_acl(net, sid)) c.acl = t.acl_ix.at(acl->id.str());
  }

  // The endpoints listing each ENI, in id order (network::endpoints_in's order).
  std::unordered_map<std::string_view, std::vector<const vpc_endpoint*>> endpoint_of;
  for (const auto& [id, ep] : net.all<vpc_endpoint>())
    for (const auto& eni : ep.network_interfaces) endpoint_of[eni.str()].push_back(&ep);

  std::set<std::string, std::less<>> ipv6_vpcs;  // VPCs with an IPv6 CIDR
  for (const auto& [id, v] : net.all<vpc>())
    if (!v.ipv6_cidr_blocks.empty()) ipv6_vpcs.insert(id.str());

  // ENIs: addresses, groups, and each direction's security group rules as one set (SG-5).
  t.enis.resize(net.all<network_interface>().size());
  // rules::region_of: its VPC's region, looked up once per VPC, else the interface's own or its zone's.
  std::vector<std::optional<std::string_view>> vpc_region(n_vpc);
  auto region_in = [&](std::uint32_t vpc, const network_interface& e) -> std::string_view {
    auto& r = vpc_region[vpc];
    if (!r) {
      const auto* v = net.find(e.vpc);
      r = v ? std::string_view(v->where.region) : std::string_view{};
    }
    if (!r->empty()) return *r;
    auto region = region_of(net, e);
    return region.empty() ? std::string_view{} : t.keep(std::move(region));
  };
  // Interfaces with the same groups (most share theirs with others) share their rule sets, found by
  // the groups' indices once per interface and family rather than by their ids in each direction.
  struct rule_sets {
    span egress, ingress;
    bool egress_empty = false, ingress_empty = false;
  };
  std::unordered_map<std::string, rule_sets> shared_sets;
  std::string sets_key;
  std::vector<std::uint32_t> in_ix;
  std::uint32_t eix = 0;
  for (const auto& [id, e] : net.all<network_interface>()) {
    auto& c = t.enis[eix];
    c.id = id.str();
    c.model = &e;
    c.zone = e.availability_zone;
    c.source_dest_check = e.source_dest_check;
    std::tie(c.subnet, c.vpc) = eni_places[eix];
    c.region = region_in(c.vpc, e);
    c.v4.addresses.off = static_cast<std::uint32_t>(t.f4.addresses.size());
    for (const auto& p : e.private_ips) {
      t.f4.addresses.push_back(p.address.to_uint());
      t.f4.eni_by_address.emplace_back(t.f4.key_of(c.vpc, p.address.to_uint()), eix);
      if (p.public_ip) t.public_ips.push_back({p.public_ip->to_uint(), {eix, p.address.to_uint()}});  // IGW-5
    }
    c.v4.addresses.len = static_cast<std::uint32_t>(t.f4.addresses.size()) - c.v4.addresses.off;
    c.v6.addresses.off = static_cast<std::uint32_t>(t.f6.addresses.size());
    for (const auto& a : e.ipv6_addresses) {
      t.f6.addresses.push_back(to_uint(a));
      t.f6.eni_by_address.emplace_back(t.f6.key_of(c.vpc, to_uint(a)), eix);
    }
    c.v6.addresses.len = static_cast<std::uint32_t>(t.f6.addresses.size()) - c.v6.addresses.off;
    if (!e.ipv6_addresses.empty()) {
      c.v6.has_address = true;
      c.v6.primary = to_uint(e.ipv6_addresses.front());
    }
    c.groups.off = static_cast<std::uint32_t>(t.u32.size());
    for (const auto& g : e.security_groups) t.u32.push_back(t.intern(t.sg_ix, g.str(), n_sg));
    c.groups.len = static_cast<std::uint32_t>(t.u32.size()) - c.groups.off;
    if (const auto p = e.primary_ip()) {
      c.v4.primary = p->to_uint();
      c.v4.has_address = true;
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
    const security_group* def = nullptr;
    const auto in = rules::ingress_groups(net, e, ep, &def);
    const auto& own = e.security_groups;  // clang 14: no capture of a structured binding
    // The key of the interface's rule sets: its egress then its ingress groups' indices.
    const span own_ix = c.groups;
    in_ix.clear();
    if (in.data() != own.data())
      for (const auto& g : in) in_ix.push_back(t.intern(t.sg_ix, g.str(), n_sg));
    auto sets = [&]<class K>(c_eni_family<K>& f) {
      sets_key.assign(1, family_of<K>::v6 ? '6' : '4');
      auto add = [&](std::uint32_t ix) { sets_key.append(reinterpret_cast<const char*>(&ix), sizeof ix); };
      for (std::uint32_t i = own_ix.off; i < own_ix.off + own_ix.len; ++i) add(t.u32[i]);
      add(npos);
      if (in.data() == own.data())
        for (std::uint32_t i = own_ix.off; i < own_ix.off + own_ix.len; ++i) add(t.u32[i]);
      else
        for (const auto ix : in_ix) add(ix);
      auto [it, fresh] = shared_sets.try_emplace(sets_key);
      auto& r = it->second;
      if (fresh) {
        r.egress_empty = flatten_groups<K>(net, t, own, false, n_sg, r.egress);
        r.ingress_empty = flatten_groups<K>(net, t, in, true, n_sg, r.ingress);
      }
      f.egress = r.egress, f.egress_empty = r.egress_empty;
      f.ingress = r.ingress, f.ingress_empty = r.ingress_empty;
      // An interface's own groups are `in` unless IF-7 gave it its endpoint's or the default group.
      if (!own.empty()) f.own_ingress = f.ingress, f.own_ingress_empty = f.ingress_empty;
    };
    sets(c.v4);
    // IPv6 flows exist only in VPCs with an IPv6 CIDR (their interfaces' addresses come from it):
    // elsewhere no IPv6 packet reaches an interface, so its IPv6 rule sets are never read.
    if (!e.ipv6_addresses.empty() || ipv6_vpcs.contains(e.vpc.str())) sets(c.v6);
    c.egress_component = e.security_groups.empty() ? c.id : std::string_view(e.security_groups.front().str());
    if (def) c.defaulted_group = def->id.str();
    // The first group, as a view into the network (`in` is a copy).
    c.ingress_component = in.empty()                   ? c.id
                          : !e.security_groups.empty() ? std::string_view(e.security_groups.front().str())
                          : def                        ? std::string_view(def->id.str())
                                                       : std::string_view(ep->security_groups.front().str());
    ++eix;
  }
  {  // the links built beside the loop above
    auto l = links.get();
    for (std::uint32_t i = 0; i < l.attached.size(); ++i) t.enis[i].attached = l.attached[i];
    t.eni_by_id = std::move(l.eni_by_id);
    t.instance_eni = std::move(l.instance_eni);
  }

  // Route tables as sorted interval tables: the winner of RT-15..RT-19 (and GW-7) for every
  // elementary interval between route boundaries, decided by the shared `select_route`.
  t.tables.resize(n_table);
  for (const auto& [id, rt] : net.all<route_table>()) {
    const auto ix = t.table_ix.at(id.str());
    auto& c = t.tables[ix];
    c.id = id.str();
    c.name = display_name(rt);
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
        case target_kind::egress_only_internet_gateway: cr.target = find_ix(t.eigw_ix); break;
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
    c.bounds = route_bounds<std::uint32_t>(net, t, rt, c.routes.off);
    c.bounds6 = route_bounds<uint128>(net, t, rt, c.routes.off);  // RT-9: a table of its own
  }
  // IGW-9, RT-25: a route table associated with an internet gateway attached to the table's VPC
  // routes the traffic entering by that gateway (one table per gateway; the first in id order).
  for (const auto& [id, rt] : net.all<route_table>())
    for (const auto& a : rt.associations) {
      if (!a.gateway) continue;
      const auto g = t.igw_ix.find(std::string_view(*a.gateway));
      const auto v = t.vpc_ix.find(rt.vpc.str());
      if (g == t.igw_ix.end() || v == t.vpc_ix.end()) continue;
      auto& igw = t.igws[g->second];
      bool attached = false;
      for (std::uint32_t i = igw.attached_vpcs.off; i < igw.attached_vpcs.off + igw.attached_vpcs.len; ++i)
        attached = attached || t.u32[i] == v->second;
      if (attached && igw.edge_table == npos) igw.edge_table = t.table_ix.at(id.str());
    }

  std::sort(t.f4.eni_by_address.begin(), t.f4.eni_by_address.end());
  // A public IPv4 maps to one private IPv4 (IGW-5); should an input repeat one, the first interface
  // in id order keeps it.
  std::stable_sort(t.public_ips.begin(), t.public_ips.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  t.public_ips.erase(std::unique(t.public_ips.begin(), t.public_ips.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                     t.public_ips.end());
  // network::interface_with_address keeps one ENI per (VPC, address): the lower id. Keep the one
  // the network names.
  {
    auto& by = t.f4.eni_by_address;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> unique;
    for (std::size_t i = 0; i < by.size();) {
      std::size_t j = i;
      while (j < by.size() && by[j].first == by[i].first) ++j;
      std::uint32_t chosen = by[i].second;
      if (j - i > 1) {
        const auto& eni = t.enis[chosen];
        const auto* named = net.interface_with_address(vpc_id{std::string(t.vpcs[eni.vpc].id)},
                                                       address4{static_cast<std::uint32_t>(by[i].first)});
        if (named) chosen = t.eni_by_id.at(named->id.str());
      }
      unique.emplace_back(by[i].first, chosen);
      i = j;
    }
    by = std::move(unique);
  }
  // IPv6 addresses are unique (AWS assigns each from the subnet's IPv6 CIDR): the first in id order
  // when an input repeats one.
  {
    auto& by = t.f6.eni_by_address;
    std::stable_sort(by.begin(), by.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    by.erase(std::unique(by.begin(), by.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), by.end());
  }
  // An interface endpoint as lint sees it, before any of its interfaces: the IPv4 inbound rules of
  // its groups as one set (IF-7, SG-5).
  for (const auto& [id, ep] : net.all<vpc_endpoint>())
    if (ep.type == endpoint_type::interface)
      flatten_groups<std::uint32_t>(net, t, rules::endpoint_groups(net, ep, nullptr), true, n_sg,
                                    t.endpoints[t.ep_ix.at(id.str())].ingress);
  t.flattened.clear();

  // Transit gateways, their VPC attachments and route tables (RT-14: the TGW's table decides).
  t.tgws.resize(n_tgw);
  for (const auto& [id, g] : net.all<transit_gateway>()) {
    auto& c = t.tgws[t.tgw_ix.at(id.str())];
    c.id = id.str();
    c.state = g.state.text();
    c.available = rules::tgw_forwards(g);
  }
  t.tgw_tables.resize(n_tgw_rtb);
  for (const auto& [id, rt] : net.all<transit_gateway_route_table>()) {
    auto& c = t.tgw_tables[t.tgw_rtb_ix.at(id.str())];
    c.id = id.str();
    c.name = display_name(rt);
    c.bounds = tgw_bounds<std::uint32_t>(net, t, rt);
    c.bounds6 = tgw_bounds<uint128>(net, t, rt);  // TGW-2: IPv6 routes and propagations
  }
  // TGW-2: the IPv6 blocks attachments without Ipv6Support keep out of each table, for the words.
  for (const auto& [id, rt] : net.all<transit_gateway_route_table>()) {
    auto& c = t.tgw_tables[t.tgw_rtb_ix.at(id.str())];
    c.unpropagated6.off = static_cast<std::uint32_t>(t.tgw_unpropagated6.size());
    for (const auto& a : rt.propagations)
      if (const auto* att = net.find(a); att && att->resource_type == "vpc" && !att->ipv6_support)
        if (const auto* v = net.find(vpc_id{att->resource_id}))
          for (const auto& b : v->ipv6_cidr_blocks)
            t.tgw_unpropagated6.push_back({b.first_uint(), b.last_uint(), t.tgwa_ix.at(a.str())});
    c.unpropagated6.len = static_cast<std::uint32_t>(t.tgw_unpropagated6.size()) - c.unpropagated6.off;
  }
  t.tgw_attachments.resize(n_tgwa);
  for (const auto& [id, a] : net.all<transit_gateway_attachment>()) {
    const auto ix = t.tgwa_ix.at(id.str());
    auto& c = t.tgw_attachments[ix];
    c.id = id.str();
    c.name = display_name(a);
    c.state = a.state.text();
    c.available = rules::tgw_forwards(a);
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
  if (names.valid()) names_.emplace(names.get());
}

compiled_network::~compiled_network() = default;

// Name tags as the solver reads them (name_index): the id, or the text itself.
std::string compiled_network::id_for(const std::string& name) const {
  return std::string(names_->id_for(name).value_or(name));
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
  const auto n = t.endpoints.size();
  table->allowed.resize(n);
  table->denial.resize(n);
  table->action.resize(n);
  table->resource.resize(n);
  table->statement.resize(n, -1);
  table->excluded_allow.resize(n, -1);
  table->explicit_deny.resize(n);
  table->warnings.resize(n);
  for (std::size_t i = 0; i < t.endpoints.size(); ++i) {
    const auto& ep = *t.endpoint_models[i];
    // POL-2, POL-4: the endpoint's policy (AWS's full access when none) for the leg's request.
    const auto parts = services::parse_endpoint_service_name(ep.service_name);
    const auto* svc = parts ? services::find_service(parts->short_name) : nullptr;
    policy_request pr;
    pr.action = action ? *action : svc ? services::default_action(*svc) : "*";
    pr.resource = resource ? *resource : "*";
    // POL-9: the request goes through this endpoint, so its id and VPC decide conditions on
    // aws:SourceVpce and aws:SourceVpc.
    pr.source_vpce = ep.id.str();
    pr.source_vpc = ep.vpc.str();
    const endpoint_policy* policy = ep.policy ? &*ep.policy : nullptr;
    const auto full = full_access_policy();
    const auto d = evaluate(policy ? *policy : full, pr);
    table->allowed[i] = d.allowed();
    table->action[i] = pr.action;
    table->resource[i] = pr.resource;
    table->statement[i] = d.statement;
    table->excluded_allow[i] = d.excluded_allow;
    table->explicit_deny[i] = d.verdict == policy_verdict::explicit_deny;
    table->warnings[i] = d.warnings;
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

compiled_source compiled_network::internet_source(const std::string& from, const ip_address& a, const std::string& region) const {
  compiled_source out;
  out.from = from;
  out.region = region;
  out.resolver_key = a.is_v6() ? "internet|6" : "internet|4";  // destinations resolve in the source's family
  out.internet = a;
  return out;
}

compiled_destination compiled_network::internet_destination(const std::string& to, const compiled_source& src,
                                                            const std::optional<std::string>& action,
                                                            const std::optional<std::string>& resource, int ip_version) const {
  const bool v6 = src.internet->is_v6();
  const std::string family = v6 ? "IPv6" : "IPv4";
  if (ip_version && ip_version != (v6 ? 6 : 4))
    throw usage_error("vpcsim.trace.family_mismatch", "the internet source " + src.from + " is " + family +
                                                          ": --ip-version " + std::to_string(ip_version) + " cannot apply");
  vpcsim::destination d;
  d.by = "IP address";
  if (auto a4 = parse_address4(to)) {
    d.address = *a4;
  } else if (auto a6 = parse_address6(to)) {
    d.address = *a6;
  } else {
    // An instance (its primary interface) or an interface: its address as the internet reaches it,
    // in the source's family: its public IPv4 (IGW-5), else its private one (which the internet
    // cannot reach, IGW-6); or its first IPv6 address.
    const network_interface* eni = nullptr;
    if (to.rfind("i-", 0) == 0) {
      if (const auto* inst = net_.find(instance_id{to})) eni = net_.primary_interface_of(inst->id);
    } else if (to.rfind("eni-", 0) == 0) {
      eni = net_.find(network_interface_id{to});
    }
    if (!eni)
      throw usage_error("vpcsim.trace.unknown_destination",
                        "from the internet, --to takes an instance or network interface (id or name) of the input, or a public "
                        "IPv4 or IPv6 address; '" + to + "' is none of them");
    if (v6) {
      if (eni->ipv6_addresses.empty())
        throw no_answer_in_family("'" + to + "' has no IPv6 address (" + eni->id.str() + ")", "");
      d.address = eni->ipv6_addresses.front();
      d.by = "IPv6 address of " + eni->id.str();
    } else {
      const auto p = eni->primary_ip();
      if (!p) throw usage_error("vpcsim.trace.unknown_destination", "network interface " + eni->id.str() + " has no private IPv4 address");
      if (const auto pub = eni->public_ip_for(*p)) {
        d.address = *pub;
        d.by = "public IPv4 of " + eni->id.str() + " (mapped to " + p->to_string() + ")";
      } else {
        d.address = *p;
        d.by = "private IPv4 of " + eni->id.str() + " (it has no public IPv4)";
      }
    }
  }
  if (d.address.is_v6() != v6)
    throw usage_error("vpcsim.trace.family_mismatch", "the internet source " + src.from + " is " + family + " but '" + to +
                                                          "' is not: a flow stays in one family (RT-9)");
  compiled_destination out;
  out.to = to;
  out.action = action;
  out.resource = resource;
  compiled_leg leg;
  leg.resolved = true;
  leg.address = d.address;
  leg.name = to;
  leg.policy = policy_table(action, resource);
  auto r = std::make_shared<resolution_result>();
  r->dest = std::move(d);
  leg.resolution = std::move(r);
  out.legs.push_back(std::move(leg));
  return out;
}

compiled_source compiled_network::source(const std::string& given, const std::string& region) const {
  std::string from = id_for(given);
  // The solver's source rules: an instance (its first ENI), an ENI, or a private IPv4 of one.
  // Ids by the compiled indexes (an instance's primary interface, network::primary_interface_of);
  // addresses by the network's.
  const network_interface* src = nullptr;
  std::uint32_t eni = engine::npos;
  if (from.rfind("i-", 0) == 0) {
    const auto it = t_->instance_eni.find(from);
    if (it == t_->instance_eni.end())
      throw usage_error("vpcsim.trace.unknown_source", net_.find(instance_id{from}) ? "instance " + from + " has no network interface in the input"
                                                                                   : "instance " + from + " is not in the input");
    eni = it->second;
  } else if (from.rfind("eni-", 0) == 0) {
    const auto it = t_->eni_by_id.find(from);
    if (it == t_->eni_by_id.end()) throw usage_error("vpcsim.trace.unknown_source", "network interface " + from + " is not in the input");
    eni = it->second;
  } else if (auto a = parse_address4(from)) {
    auto enis = net_.interfaces_with_address(*a);
    if (rules::on_internet(net_, *a)) {
      if (const auto* p = t_->public_ip(a->to_uint()))
        throw usage_error("vpcsim.trace.unknown_source", from + " is the public IPv4 of " + std::string(t_->enis[p->second.first].id) +
                                                             ": give the instance or network interface as --from");
      if (const auto nat = t_->nat_with_public_ip(a->to_uint()); nat != engine::npos)
        throw usage_error("vpcsim.trace.unknown_source", from + " is the public IPv4 of " + std::string(t_->nats[nat].id) +
                                                             ", not a client on the internet");
      return internet_source(from, *a, region);  // IGW-12
    }
    if (enis.empty()) throw usage_error("vpcsim.trace.unknown_source", "no network interface has the address " + from);
    if (enis.size() > 1)
      throw usage_error("vpcsim.trace.ambiguous_source",
                        from + " is held by network interfaces in several VPCs; give the instance or ENI id");
    src = enis.front();
  } else if (auto a6 = parse_address6(from)) {
    // An interface's IPv6 address (the first interface in id order that holds it).
    for (const auto& [id, e] : net_.all<network_interface>())
      if (!src && std::find(e.ipv6_addresses.begin(), e.ipv6_addresses.end(), *a6) != e.ipv6_addresses.end()) src = &e;
    // IGW-12: a global unicast address (2000::/3) outside every VPC is an internet source.
    if (!src && rules::on_internet(net_, *a6)) return internet_source(from, *a6, region);
    if (!src) throw usage_error("vpcsim.trace.unknown_source", "no network interface has the address " + from);
  } else {
    throw usage_error("vpcsim.trace.unknown_source",
                      "'" + from + "' is not an instance id, a network interface id or an IPv4 or IPv6 address");
  }
  if (eni == engine::npos) eni = t_->eni_by_id.at(src->id.str());
  // From here on the compiled interface only: on a large input each read of the model is a cache miss.
  const auto& c = t_->enis[eni];
  // VPC-6: an interface of an IPv6-only subnet has IPv6 addresses only; it sends IPv6 only.
  if (!c.v4.has_address && !c.v6.has_address)
    throw usage_error("vpcsim.trace.unknown_source", "network interface " + std::string(c.id) + " has no private IPv4 address");
  compiled_source out;
  out.from = std::move(from);
  out.eni = eni;
  out.inst = c.attached;  // an instance's own primary interface, or the interface's instance
  out.region = c.region.empty() ? region : std::string(c.region);
  if (out.region.empty())
    throw usage_error("vpcsim.trace.unknown_region", "the region of " + std::string(c.id) + " is not in the input; pass --region");
  out.resolver_key.reserve(64);
  out.resolver_key.append(t_->vpcs[c.vpc].id).append("|").append(out.region).append("|").append(c.zone);
  // DNS-15: the subnet's EnableDns64 changes IPv6 answers.
  if (const auto& sn = t_->subnets[c.subnet]; sn.dns64) out.resolver_key.append("|dns64 ").append(sn.id);
  out.ipv6_only = !c.v4.has_address;
  if (out.ipv6_only) out.resolver_key += "|ipv6-only";
  return out;
}

compiled_destination compiled_network::destination(const std::string& given, const compiled_source& src,
                                                   const std::optional<std::string>& action,
                                                   const std::optional<std::string>& resource, int ip_version) const {
  const std::string to = id_for(given);
  if (src.internet) return internet_destination(to, src, action, resource, ip_version);
  const auto& eni = *net_.find(network_interface_id{std::string(t_->enis[src.eni].id)});
  compiled_destination out;
  out.to = to;
  out.action = action;
  out.resource = resource;
  auto resolve = [&](const std::string& name, const std::optional<std::string>& act, const std::optional<std::string>& res) {
    compiled_leg leg;
    // VPC-6: an IPv6-only client asks AAAA, so its names (not an IPv4 address it was given, which
    // the walk refuses) resolve in IPv6 when --ip-version does not say.
    const int family = ip_version || !src.ipv6_only || parse_address4(name) ? ip_version : 6;
    std::shared_ptr<const resolution_result> r;
    try {
      r = std::make_shared<const resolution_result>(
          resolve_destination(net_, name, eni.vpc, src.region, eni.availability_zone, family, net_.find(eni.subnet)));
    } catch (const no_answer_in_family& e) {
      // VPC-6, DNS-14: for an IPv6-only client a name without an AAAA answer (nor DNS64's) is not a
      // question in the wrong family but a name it cannot reach: its query gets no address. The
      // advice for a dual-stack client (another --to, --ip-version 4) is not for it.
      if (!src.ipv6_only || family != 6) throw;
      const std::string& why = e.reason();
      const std::string subnet = eni.subnet.str();
      resolution_result failed;
      failed.failure = blocked_by{std::string(codes::dns_name_not_found), subnet, "no AAAA answer for " + name,
                                  eni.id.str() + " is in IPv6-only subnet " + subnet + " and asks AAAA only (VPC-6): " + why,
                                  "Enable DNS64 on " + subnet + " (aws ec2 modify-subnet-attribute --subnet-id " + subnet +
                                      " --enable-dns64) with a route for 64:ff9b::/96 to a NAT gateway (DNS-15, NAT-10), or "
                                      "use a name with an AAAA answer",
                                  {}};
      r = std::make_shared<const resolution_result>(std::move(failed));
    }
    if (r->failure) {
      leg.fail_code = intern(r->failure->code);
      leg.fail_component = intern(r->failure->component);
      leg.fail_rule = intern(r->failure->rule);
    } else {
      leg.resolved = true;
      leg.address = r->dest->address;
      if (const auto* ep = r->dest->endpoint) leg.endpoint = t_->ep_ix.at(ep->id.str());
    }
    leg.resolution = std::move(r);
    leg.name = name;
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

verdict compiled_network::trace(const compiled_source& src, const compiled_destination& dst, protocol proto,
                                std::uint16_t port, port_range client_ports, std::size_t max_hops) const {
  verdict out;
  // IGW-12: a source on the internet is walked from its address.
  const engine::c_eni origin = src.internet ? engine::internet_origin(*src.internet) : engine::c_eni{};
  const auto& eni = src.internet ? origin : t_->enis[src.eni];
  auto one = [&](const compiled_leg& leg, leg_verdict& v) {
    if (!leg.resolved) return engine::unresolved(leg, v);
    verdict_recorder rec;
    if (leg.address.is_v6()) {  // RT-9, NACL-9: the walk over the IPv6 tables
      engine::walk<verdict_recorder, uint128> w(*t_, eni, leg, proto, port, client_ports, max_hops, rec);
      if (src.internet) w.run_from_internet();
      else w.run(src.inst);
      v = w.v;
    } else {
      engine::walk<verdict_recorder, std::uint32_t> w(*t_, eni, leg, proto, port, client_ports, max_hops, rec);
      if (src.internet) w.run_from_internet();
      else w.run(src.inst);
      v = w.v;
    }
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
  const auto dst = destination(request.to, src, request.action, request.resource, request.ip_version);
  return trace(src, dst, request.protocol, request.port, request.client_ports, request.max_hops);
}

std::string compiled_network::rule_text(const leg_verdict& v, protocol proto, std::uint16_t port) const {
  return explain::rule_text(v.rule, proto, port);
}

answer compiled_network::answer_for(const compiled_source& src, const compiled_leg& leg, const flow_request& request) const {
  if (src.internet) {  // IGW-12
    static const network_interface none{};
    return explain::full_answer(net_, *t_, none, engine::internet_origin(*src.internet), nullptr, leg, request, true);
  }
  const auto& eni = t_->enis[src.eni];
  return explain::full_answer(net_, *t_, *eni.model, eni, src.inst, leg, request);
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
