// The requests the EC2 API refuses, checked on a whole network (model/creation_rules.hpp). Rule
// ids are those of docs/aws-semantics.md; every message names the resource as the user wrote it.
#include <vpcsim/model/creation_rules.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <variant>

namespace vpcsim {

namespace {

// `'app-a' (subnet-0abc…)`, or the id alone when the resource has no name.
template <class T>
std::string named(const T& r) {
  const std::string& name = display_name(r);
  return name.empty() ? r.id.value : "'" + name + "' (" + r.id.value + ")";
}
template <class Id>
std::string named(const network& n, const Id& id) {
  if (const auto* r = n.find(id)) return named(*r);
  return id.value;
}

bool allowed_size(const cidr4& c) { return c.prefix_length() >= 16 && c.prefix_length() <= 28; }

class checker {
 public:
  explicit checker(const network& n) : n_(n) {}

  std::vector<creation_refusal> run() {
    vpcs();
    subnets();
    route_tables();
    endpoints();
    security_groups();
    interfaces();
    addresses();
    std::stable_sort(out_.begin(), out_.end(), [](const creation_refusal& a, const creation_refusal& b) {
      return std::tie(a.rule, a.resource, a.message) < std::tie(b.rule, b.resource, b.message);
    });
    out_.erase(std::unique(out_.begin(), out_.end(),
                           [](const creation_refusal& a, const creation_refusal& b) { return a.message == b.message; }),
               out_.end());
    return std::move(out_);
  }

 private:
  void refuse(std::string rule, std::string code, std::string kind, std::string id, std::string field, std::string message) {
    out_.push_back({rule, std::move(code), std::move(kind), std::move(id), std::move(field), std::move(message) + " (" + rule + ")"});
  }

  // VPC-1: each IPv4 block is /16 to /28; VPC-2: a block overlaps no other block of the VPC.
  void vpcs() {
    for (const auto& [id, v] : n_.all<vpc>()) {
      for (std::size_t i = 0; i < v.cidr_blocks.size(); ++i) {
        const auto& c = v.cidr_blocks[i];
        if (!allowed_size(c))
          refuse("VPC-1", "vpc_cidr_size", "VPC", id.value, "cidr",
                 "VPC " + named(v) + ": CIDR block " + c.to_string() + " is a /" + std::to_string(c.prefix_length()) +
                     "; AWS allows a VPC block from /16 to /28");
        for (std::size_t j = 0; j < i; ++j)
          if (c.overlaps(v.cidr_blocks[j]))
            refuse("VPC-2", "vpc_cidr_overlap", "VPC", id.value, "cidr",
                   "VPC " + named(v) + ": CIDR block " + c.to_string() + " overlaps its block " +
                       v.cidr_blocks[j].to_string() + "; AWS refuses a block that overlaps one the VPC has");
      }
    }
  }

  // VPC-3: a subnet is /16 to /28 and inside a block of its VPC; VPC-4: subnets of a VPC are disjoint.
  void subnets() {
    std::map<vpc_id, std::vector<const subnet*>> by_vpc;
    for (const auto& [id, s] : n_.all<subnet>()) {
      if (!s.cidr_block) continue;  // VPC-6: an IPv6-only subnet has no IPv4 CIDR to judge
      if (!allowed_size(*s.cidr_block))
        refuse("VPC-3", "subnet_cidr_size", "subnet", id.value, "cidr",
               "subnet " + named(s) + ": " + s.cidr_block->to_string() + " is a /" +
                   std::to_string(s.cidr_block->prefix_length()) + "; AWS allows a subnet from /16 to /28");
      const cidr4& block = *s.cidr_block;  // clang 14 lambdas cannot capture a structured binding
      if (const vpc* v = n_.find(s.vpc);
          v && std::none_of(v->cidr_blocks.begin(), v->cidr_blocks.end(),
                            [&](const cidr4& c) { return c.contains(block); }))
        refuse("VPC-3", "subnet_outside_vpc", "subnet", id.value, "cidr",
               "subnet " + named(s) + ": " + s.cidr_block->to_string() + " is outside every CIDR block of VPC " +
                   named(*v));
      by_vpc[s.vpc].push_back(&s);
    }
    for (auto& [vpc, list] : by_vpc) {
      std::sort(list.begin(), list.end(), [](const subnet* a, const subnet* b) {
        return std::tie(a->cidr_block, a->id.value) < std::tie(b->cidr_block, b->id.value);
      });
      for (std::size_t i = 1; i < list.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
          const subnet& a = *list[j];
          const subnet& b = *list[i];
          if (!a.cidr_block || !b.cidr_block || !a.cidr_block->overlaps(*b.cidr_block)) continue;
          overlapping_.insert(vpc);
          refuse("VPC-4", "subnet_overlap", "subnet", b.id.value, "cidr",
                 a.cidr_block == b.cidr_block
                     ? "subnet " + named(b) + " has the same CIDR " + b.cidr_block->to_string() + " as subnet " + named(a) +
                           "; subnets of a VPC cannot overlap"
                     : "subnet " + named(b) + ", " + b.cidr_block->to_string() + ", overlaps subnet " + named(a) + ", " +
                           a.cidr_block->to_string() + "; subnets of a VPC cannot overlap");
        }
    }
  }

  // VPC-7: a private IPv4 address is one interface's in its VPC (`InvalidIPAddress.InUse`). Of
  // two interfaces holding one, the one with the lower id holds it (network::interface_with_address), so the
  // other is refused. Not said in a VPC whose subnets overlap: VPC-4 says it once there.
  void addresses() {
    struct held {
      std::uint32_t address;
      const network_interface* eni;
    };
    std::vector<held> all;
    for (const auto& [id, e] : n_.all<network_interface>())
      for (const auto& p : e.private_ips) all.push_back({p.address.to_uint(), &e});
    std::sort(all.begin(), all.end(), [](const held& a, const held& b) {
      return std::tie(a.address, a.eni->vpc.value, a.eni->id.value) < std::tie(b.address, b.eni->vpc.value, b.eni->id.value);
    });
    for (std::size_t i = 1; i < all.size(); ++i) {
      const held& holder = all[i - 1];
      const held& other = all[i];
      if (other.address != holder.address || other.eni->vpc != holder.eni->vpc || other.eni == holder.eni ||
          overlapping_.count(other.eni->vpc))
        continue;
      std::size_t first = i - 1;  // the lowest id of the run holds the address
      while (first > 0 && all[first - 1].address == other.address && all[first - 1].eni->vpc == other.eni->vpc) --first;
      const network_interface& e = *other.eni;
      const network_interface& h = *all[first].eni;
      const instance* owner = instance_of(e);
      refuse("VPC-7", "address_in_use", owner ? "instance" : "network interface", owner ? owner->id.value : e.id.value, "",
             interface_label(e) + " has private IPv4 " + make_address4(other.address).to_string() + ", which " +
                 interface_label(h) + " already has in VPC " + named(n_, e.vpc) +
                 "; AWS refuses an address in use, and traces deliver it to " + h.id.value + " (the lower id)");
    }
  }

  const instance* instance_of(const network_interface& e) const {
    return e.attachment && e.attachment->instance ? n_.find(*e.attachment->instance) : nullptr;
  }
  // `instance 'web' (i-…), interface eni-…,` or `network interface 'fw' (eni-…)`: an instance's
  // interface is named by its instance, where a design writes its address and groups.
  std::string interface_label(const network_interface& e) const {
    const instance* owner = instance_of(e);
    return owner ? "instance " + named(*owner) + ", interface " + e.id.value + "," : "network interface " + named(e);
  }

  // Whether two resources are in different VPCs both in the network (an external one is not judged).
  bool different_vpcs(const vpc_id& a, const vpc_id& b) const { return a != b && n_.find(a) && n_.find(b); }

  // A route's target as messages name it: `'edge' (igw-0abc…)`.
  std::string target_name(const route_target& t) const {
    switch (t.kind) {
      case target_kind::internet_gateway: return named(n_, internet_gateway_id{t.id});
      case target_kind::egress_only_internet_gateway: return named(n_, egress_only_internet_gateway_id{t.id});
      case target_kind::nat_gateway: return named(n_, nat_gateway_id{t.id});
      case target_kind::gateway_endpoint:
      case target_kind::gateway_load_balancer_endpoint: return named(n_, vpc_endpoint_id{t.id});
      case target_kind::network_interface: return named(n_, network_interface_id{t.id});
      default: return t.id;
    }
  }

  // The VPC of a route's target, when the target belongs to one VPC (VPC-5).
  std::optional<vpc_id> target_vpc(const route_target& t) const {
    switch (t.kind) {
      case target_kind::internet_gateway:
        if (const auto* g = n_.find(internet_gateway_id{t.id}); g && !g->attachments.empty()) return g->attachments.front().vpc;
        return std::nullopt;
      case target_kind::egress_only_internet_gateway:
        if (const auto* g = n_.find(egress_only_internet_gateway_id{t.id}); g && !g->attachments.empty())
          return g->attachments.front().vpc;
        return std::nullopt;
      case target_kind::nat_gateway:
        if (const auto* g = n_.find(nat_gateway_id{t.id})) return g->vpc;
        return std::nullopt;
      case target_kind::gateway_endpoint:
      case target_kind::gateway_load_balancer_endpoint:
        if (const auto* e = n_.find(vpc_endpoint_id{t.id})) return e->vpc;
        return std::nullopt;
      case target_kind::network_interface:
        if (const auto* e = n_.find(network_interface_id{t.id})) return e->vpc;
        return std::nullopt;
      default: return std::nullopt;  // peering, transit gateway, VPN: they join VPCs by design
    }
  }

  // Whether `c` is an entire CIDR block of VPC `v` or of one of its subnets (RT-26).
  template <class C>
  bool whole_block(const vpc_id& v, const C& c) const {
    const vpc* owner = n_.find(v);
    if (!owner) return true;  // a VPC the input lacks is not judged
    if constexpr (std::is_same_v<C, cidr4>) {
      if (std::find(owner->cidr_blocks.begin(), owner->cidr_blocks.end(), c) != owner->cidr_blocks.end()) return true;
      for (const auto& [sid, sn] : n_.all<subnet>())
        if (sn.vpc == v && sn.cidr_block == c) return true;
    } else {
      if (std::find(owner->ipv6_cidr_blocks.begin(), owner->ipv6_cidr_blocks.end(), c) != owner->ipv6_cidr_blocks.end()) return true;
      for (const auto& [sid, sn] : n_.all<subnet>())
        if (sn.vpc == v && std::find(sn.ipv6_cidr_blocks.begin(), sn.ipv6_cidr_blocks.end(), c) != sn.ipv6_cidr_blocks.end())
          return true;
    }
    return false;
  }

  // RT-26: a gateway route table (edge-associated with an internet or virtual private gateway, RT-25)
  // routes only to `local`, a network interface (read as `instance` when AWS names the instance
  // too) or a Gateway Load Balancer endpoint, and with one of the last two, only an entire CIDR
  // block of the VPC or of one of its subnets: no host, no prefix list, nothing outside the VPC.
  void edge_routes(const route_table& t) {
    const auto edge = std::find_if(t.associations.begin(), t.associations.end(), [](const auto& a) { return a.gateway.has_value(); });
    if (edge == t.associations.end()) return;
    const std::string& g = *edge->gateway;
    const std::string gateway = g.rfind("igw-", 0) == 0   ? "internet gateway " + named(n_, internet_gateway_id{g})
                                : g.rfind("vgw-", 0) == 0 ? "virtual private gateway " + named(n_, vpn_gateway_id{g})
                                                          : g;
    const std::string table = "gateway route table " + named(t) + ", associated with " + gateway + ",";
    for (const auto& r : t.routes) {
      const std::string dest = to_string(r.destination);
      switch (r.target.kind) {
        case target_kind::local: continue;
        case target_kind::network_interface:
        case target_kind::instance:
        case target_kind::gateway_load_balancer_endpoint: break;
        default:
          refuse("RT-26", "gateway_route_table_target", "route table", t.id.value, "routes",
                 table + " routes " + dest + " to " + target_name(r.target) +
                     "; a gateway route table routes only to local, a network interface or a Gateway Load Balancer endpoint");
          continue;
      }
      const bool whole = std::visit(
          [&](const auto& d) {
            using D = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<D, prefix_list_id>) return false;
            else return whole_block(t.vpc, d);
          },
          r.destination);
      if (!whole)
        refuse("RT-26", "gateway_route_table_destination", "route table", t.id.value, "routes",
               table + " routes " + dest + " to " + target_name(r.target) +
                   "; to a network interface or a Gateway Load Balancer endpoint, a gateway route table routes only an entire "
                   "CIDR block of its VPC or of one of its subnets");
    }
  }

  // RT-28: one route per destination in a table; VPC-5: a target of the table's VPC; QUOTA-2.
  void route_tables() {
    for (const auto& [id, t] : n_.all<route_table>()) {
      std::map<std::string, std::size_t> seen;
      std::size_t v4 = 0, v6 = 0;
      for (const auto& r : t.routes) {
        const std::string dest = to_string(r.destination);
        if (!seen.emplace(dest, 0).second)
          refuse("RT-28", "duplicate_route", "route table", id.value, "routes",
                 "route table " + named(t) + " has two routes to " + dest + "; AWS refuses a second route with the same destination");
        if (r.origin == route_origin::create_route)
          (std::holds_alternative<cidr6>(r.destination) ? v6 : v4) += 1;
        if (auto v = target_vpc(r.target); v && different_vpcs(*v, t.vpc))
          refuse("VPC-5", "other_vpc", "route table", id.value, "routes",
                 "route table " + named(t) + " of VPC " + named(n_, t.vpc) + ": its route to " + dest + " goes to " + target_name(r.target) +
                     ", which is in VPC " + named(n_, *v) + "; a route's target must be in the table's VPC");
      }
      edge_routes(t);
      for (auto [count, family] : {std::pair{v4, "IPv4"}, std::pair{v6, "IPv6"}})
        if (count > quota_routes_per_route_table)
          refuse("QUOTA-2", "over_quota", "route table", id.value, "routes",
                 "route table " + named(t) + " has " + std::to_string(count) + " " + family + " routes; AWS's default quota is " +
                     std::to_string(quota_routes_per_route_table) + " per table (raise it with Service Quotas first)");
    }
  }

  // IF-2: at most one subnet per AZ; VPC-5: subnets, route tables and groups of the endpoint's VPC.
  void endpoints() {
    for (const auto& [id, e] : n_.all<vpc_endpoint>()) {
      std::map<std::string, const subnet*> by_az;
      for (const auto& sid : e.subnets) {
        const subnet* s = n_.find(sid);
        if (!s) continue;
        if (different_vpcs(s->vpc, e.vpc))
          refuse("VPC-5", "other_vpc", "endpoint", id.value, "subnets",
                 "endpoint " + named(e) + " of VPC " + named(n_, e.vpc) + " names subnet " + named(*s) + " of VPC " +
                     named(n_, s->vpc) + "; an endpoint's subnets must be in its VPC");
        if (e.type == endpoint_type::interface && !s->availability_zone.empty()) {
          auto [it, fresh] = by_az.emplace(s->availability_zone, s);
          if (!fresh)
            refuse("IF-2", "endpoint_az_twice", "endpoint", id.value, "subnets",
                   "endpoint " + named(e) + " names subnets " + named(*it->second) + " and " + named(*s) + ", both in " +
                       s->availability_zone + "; an interface endpoint takes one subnet per Availability Zone");
        }
      }
      for (const auto& rid : e.route_tables)
        if (const auto* t = n_.find(rid); t && different_vpcs(t->vpc, e.vpc))
          refuse("VPC-5", "other_vpc", "endpoint", id.value, "route_tables",
                 "endpoint " + named(e) + " of VPC " + named(n_, e.vpc) + " names route table " + named(*t) + " of VPC " +
                     named(n_, t->vpc) + "; an endpoint's route tables must be in its VPC");
      for (const auto& gid : e.security_groups)
        if (const auto* g = n_.find(gid); g && different_vpcs(g->vpc, e.vpc))
          refuse("SG-2", "other_vpc", "endpoint", id.value, "security_groups",
                 "endpoint " + named(e) + " of VPC " + named(n_, e.vpc) + " uses security group " + named(*g) + " of VPC " +
                     named(n_, g->vpc) + "; a security group can only be used in its VPC");
    }
  }

  // QUOTA-1: rules per group, per direction, IPv4 (CIDRs, groups, prefix lists) and IPv6 apart.
  void security_groups() {
    for (const auto& [id, g] : n_.all<security_group>()) {
      for (auto [rules, direction, field] : {std::tuple{&g.ingress, "inbound", "ingress"}, std::tuple{&g.egress, "outbound", "egress"}}) {
        const auto v6 = static_cast<std::size_t>(std::count_if(rules->begin(), rules->end(), [](const sg_rule& r) {
          return std::holds_alternative<cidr6>(r.peer);
        }));
        for (auto [count, family] : {std::pair{rules->size() - v6, "IPv4"}, std::pair{v6, "IPv6"}})
          if (count > quota_rules_per_security_group)
            refuse("QUOTA-1", "over_quota", "security group", id.value, field,
                   "security group " + named(g) + " has " + std::to_string(count) + " " + direction + " " + family +
                       " rules; AWS's default quota is " + std::to_string(quota_rules_per_security_group) +
                       " (raise it with Service Quotas first)");
      }
    }
  }

  // QUOTA-3: security groups per interface; SG-2: each of the interface's VPC. An instance's
  // interface is refused as the instance's (where a design writes its groups).
  void interfaces() {
    // The groups by id, hashed: each interface names one to five of them.
    std::unordered_map<std::string_view, const security_group*> groups;
    groups.reserve(n_.all<security_group>().size());
    for (const auto& [gid, g] : n_.all<security_group>()) groups.emplace(gid.value, &g);
    for (const auto& [id, e] : n_.all<network_interface>()) {
      // An endpoint's or NAT gateway's own interfaces: their owner's rules above speak for them.
      if (e.requester_managed || e.interface_type != "interface") continue;
      const network_interface& eni = e;  // clang 14 lambdas cannot capture a structured binding
      // The owner and the words are looked up only for a refusal (most interfaces have none).
      auto refuse_here = [&](std::string rule, std::string code, std::string message) {
        const instance* owner = instance_of(eni);
        refuse(std::move(rule), std::move(code), owner ? "instance" : "network interface",
               owner ? owner->id.value : eni.id.value, "security_groups", interface_label(eni) + message);
      };
      if (e.security_groups.size() > quota_security_groups_per_interface)
        refuse_here("QUOTA-3", "over_quota",
                    " has " + std::to_string(e.security_groups.size()) + " security groups; AWS's default quota is " +
                        std::to_string(quota_security_groups_per_interface) +
                        " per interface (raise it with Service Quotas first)");
      for (const auto& gid : e.security_groups) {
        const auto g = groups.find(gid.value);
        if (g != groups.end() && different_vpcs(g->second->vpc, e.vpc))
          refuse_here("SG-2", "other_vpc",
                      " in VPC " + named(n_, e.vpc) + " uses security group " + named(*g->second) + " of VPC " +
                          named(n_, g->second->vpc) + "; a security group can only be used in its VPC");
      }
    }
  }

  const network& n_;
  std::vector<creation_refusal> out_;
  std::set<vpc_id> overlapping_;  // VPCs with overlapping subnets (VPC-4)
};

}  // namespace

std::vector<creation_refusal> creation_refusals(const network& n) { return checker(n).run(); }

}  // namespace vpcsim
