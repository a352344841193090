// What the importer does once every file is read: apply data that refers to resources of
// other files, then check the network the way AWS would show it (`vpcsim.validate.*`).
#include "aws_import.hpp"

#include "aws_keys.hpp"

#include "../model/id_key.hpp"

#include <vpcsim/model/creation_rules.hpp>

#include <algorithm>
#include <array>
#include <future>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

namespace vpcsim::detail::aws {

namespace k = aws_keys;

void importer::finish() {
  apply_deferred();
  if (!options_.locations) {
    validate();
    locations_.emplace();
    return;
  }
  // The locations are built while the checks run, on a second thread from 20,000 definitions on
  // (`huge`: 1 s of a million nodes): both only read the definitions.
  auto located = std::async(defined_.size() >= 20'000 ? std::launch::async : std::launch::deferred,
                            [this] { return locations(); });
  validate();
  locations_ = located.get();
}

bool importer::add_instance_interface(const network_interface& e, const copy_location& where, bool known_only) {
  if (const auto known = interfaces_.find(e.id.value); known != interfaces_.end()) {
    // Both copies describe one interface, which lives in one subnet for its whole life.
    if (known->second->subnet != e.subnet) {
      auto resource = label("network-interface", e.id.value);
      auto [at, pointer] = where();
      report(messages::interface_in_two_subnets({at.file, pointer, resource}, known->second->subnet,
                                                where_defined(resource), e.subnet));
    }
    return true;
  }
  if (known_only) return false;
  // Defined where its instance is (the instance's copy stands in for its own record).
  auto at = where().first;
  defined_.try_emplace(label("network-interface", e.id.value),
                       provenance{file_index(at.file), scope_index(e.where), std::move(at.pointer), k::reservations});
  put(network_interface(e));
  return true;
}

load_result importer::take() {
  if (!locations_) locations_ = options_.locations ? locations() : decltype(locations()){};  // refused before `finish()`
  load_result out{std::move(net_), std::move(diagnostics_), std::move(*locations_), {}};
  defined_.clear();
  return out;
}

std::map<std::string, source_location> importer::locations() const {
  // Keyed by the resource's id, as lint findings name it: `subnet subnet-0abc` -> `subnet-0abc`.
  // Of two kinds of resource with one id, the one whose label sorts first. Sorted first, so each
  // goes in at the tree's end; the sort compares 16 bytes of the id held in the entry (id_key),
  // and reads the strings only on a tie.
  struct entry {
    detail::id_key<2> id;
    const definitions::value_type* definition = nullptr;
  };
  std::vector<entry> order;
  order.reserve(defined_.size());
  for (const auto& d : defined_) {
    const auto space = d.first.rfind(' ');
    if (space == std::string::npos || d.second.pointer.empty()) continue;
    order.push_back({detail::id_key<2>(std::string_view(d.first).substr(space + 1)), &d});
  }
  std::sort(order.begin(), order.end(), [](const entry& a, const entry& b) {
    if (const auto c = a.id <=> b.id; c != 0) return c < 0;
    return a.definition->first < b.definition->first;
  });
  std::map<std::string, source_location> out;
  for (const auto& e : order) {
    if (!out.empty() && std::prev(out.end())->first == e.id.id) continue;
    const auto& where = e.definition->second;
    out.emplace_hint(out.end(), std::string(e.id.id), source_location{files_[where.file], 0, 0, where.pointer});
  }
  return out;
}

location importer::where_defined(const std::string& resource) const {
  auto it = defined_.find(resource);
  return it == defined_.end() ? location{"", "", resource} : location{files_[it->second.file], it->second.pointer, resource};
}

std::uint32_t importer::scope_index(const scope& where) {
  // A few scopes, one per file read: the last one first.
  for (std::size_t i = scopes_.size(); i-- > 0;)
    if (scopes_[i] == where) return static_cast<std::uint32_t>(i);
  scopes_.push_back(where);
  return static_cast<std::uint32_t>(scopes_.size() - 1);
}

std::uint32_t importer::file_index(const std::string& file) {
  auto [f, fresh] = file_index_.try_emplace(file, static_cast<std::uint32_t>(files_.size()));
  if (fresh) files_.push_back(file);
  return f->second;
}

bool importer::merge_attachment(const transit_gateway_attachment& a) {
  const auto* existing = net_.find(a.id);
  if (!existing) return false;
  transit_gateway_attachment m = *existing;
  if (m.resource_type.empty()) m.resource_type = a.resource_type;
  if (m.resource_id.empty()) m.resource_id = a.resource_id;
  if (m.resource_owner.empty()) m.resource_owner = a.resource_owner;
  if (m.subnets.empty()) m.subnets = a.subnets;
  if (!m.association) m.association = a.association;
  // Only describe-transit-gateway-vpc-attachments carries `Options` (TGW-2).
  m.ipv6_support = m.ipv6_support || a.ipv6_support;
  m.tags.insert(a.tags.begin(), a.tags.end());
  net_.put(std::move(m));
  return true;
}

bool importer::merge_prefix_list(const prefix_list& p) {
  const auto* existing = net_.find(p.id);
  if (!existing) return false;
  // describe-managed-prefix-lists gives no entries, describe-prefix-lists and
  // get-managed-prefix-list-entries do: the entries come from whichever copy has them, in either
  // order. Two copies with different entries are a real duplicate.
  auto same = [](auto a, auto b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  const bool both = (!existing->cidrs.empty() || !existing->ipv6_cidrs.empty()) &&
                    (!p.cidrs.empty() || !p.ipv6_cidrs.empty());
  if (both && !(same(existing->cidrs, p.cidrs) && same(existing->ipv6_cidrs, p.ipv6_cidrs))) return false;
  prefix_list m = *existing;
  if (m.name.empty()) m.name = p.name;
  if (m.cidrs.empty() && m.ipv6_cidrs.empty()) {
    m.cidrs = p.cidrs;
    m.ipv6_cidrs = p.ipv6_cidrs;
  }
  if (!m.max_entries) m.max_entries = p.max_entries;
  m.aws_managed = m.aws_managed && p.aws_managed;
  m.tags.insert(p.tags.begin(), p.tags.end());
  net_.put(std::move(m));
  return true;
}

void importer::apply_deferred() {
  apply_dns();
  // describe-vpc-attribute may come before or after describe-vpcs (DNS-4, DNS-5).
  for (const auto& d : dns_attributes) {
    const vpc* v = net_.find(d.vpc);
    if (!v) {
      report(messages::orphan_data(d.at, "DNS attributes for vpc " + d.vpc.value + ", which is not in the input"));
      continue;
    }
    vpc copy = *v;
    if (d.support) copy.enable_dns_support = d.support;
    if (d.hostnames) copy.enable_dns_hostnames = d.hostnames;
    net_.put(std::move(copy));
  }
  for (const auto& d : tgw_routes) {
    const transit_gateway_route_table* t = net_.find(d.table);
    if (!t) {
      report(messages::orphan_data(d.at, "routes of transit gateway route table " + d.table.value +
                                             ", which is not in the input"));
      continue;
    }
    transit_gateway_route_table copy = *t;
    copy.routes.insert(copy.routes.end(), d.routes.begin(), d.routes.end());
    net_.put(std::move(copy));
  }
  for (const auto& d : tgw_propagations) {
    const transit_gateway_route_table* t = net_.find(d.table);
    if (!t) {
      report(messages::orphan_data(d.at, "propagations of transit gateway route table " + d.table.value +
                                             ", which is not in the input"));
      continue;
    }
    transit_gateway_route_table copy = *t;
    for (const auto& a : d.attachments)
      if (std::find(copy.propagations.begin(), copy.propagations.end(), a) == copy.propagations.end())
        copy.propagations.push_back(a);
    net_.put(std::move(copy));
  }
  for (const auto& d : prefix_list_entries) {
    const prefix_list* p = d.list ? net_.find(*d.list) : nullptr;
    if (!p) {
      report(messages::orphan_data(d.at, d.list ? "entries of prefix list " + d.list->value + ", which is not in the input"
                                                : std::string("prefix list entries that name no prefix list")));
      continue;
    }
    prefix_list copy = *p;
    copy.cidrs.insert(copy.cidrs.end(), d.cidrs.begin(), d.cidrs.end());
    copy.ipv6_cidrs.insert(copy.ipv6_cidrs.end(), d.ipv6_cidrs.begin(), d.ipv6_cidrs.end());
    net_.put(std::move(copy));
  }
  // A prefix list's entries are a set: the same entries from describe-prefix-lists and
  // get-managed-prefix-list-entries count once, and no file order shows in the model.
  std::vector<prefix_list> changed;
  for (const auto& [id, p] : net_.all<prefix_list>()) {
    prefix_list copy = p;
    auto canonical = [](auto& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    canonical(copy.cidrs);
    canonical(copy.ipv6_cidrs);
    if (copy != p) changed.push_back(std::move(copy));
  }
  for (auto& p : changed) net_.put(std::move(p));
  // An instance's interfaces stand in for describe-network-interfaces data the capture lacks.
  // An instance without that array gets no made-up interface: AWS lists the primary ENI of
  // every VPC instance, and a made-up id would show up in answers as if AWS had it.
  for (const auto& entry : instance_enis) {
    const instance_interfaces& enis = entry.second;  // clang 14 lambdas cannot capture a structured binding
    for (std::size_t i = 0; i < enis.interfaces.size(); ++i)
      add_instance_interface(enis.interfaces[i], [&] { return std::pair{enis.at, enis.pointers[i]}; });
  }
  // Elastic IPs: the public address of a private one when the ENI data lacks it (IGW-3).
  for (const auto& eip : elastic_ips) {
    if (eip.eni) {
      const network_interface* e = net_.find(*eip.eni);
      if (!e) {
        report(messages::orphan_data(eip.at, "Elastic IP " + eip.public_ip.to_string() + " of network interface " +
                                                 eip.eni->value + ", which is not in the input"));
        continue;
      }
      network_interface copy = *e;
      auto priv = eip.private_ip ? eip.private_ip : copy.primary_ip();
      for (auto& p : copy.private_ips)
        if (priv && p.address == *priv && !p.public_ip) p.public_ip = eip.public_ip;
      if (copy != *e) net_.put(std::move(copy));
    }
    if (eip.instance) {
      const instance* i = net_.find(*eip.instance);
      if (i && !i->public_ip && (!eip.private_ip || eip.private_ip == i->private_ip)) {
        instance copy = *i;
        copy.public_ip = eip.public_ip;
        net_.put(std::move(copy));
      }
    }
  }
}

void importer::validate() {
  // The findings of each part, reported in this order at the end (in strict mode the first error
  // then throws, as if reported at once). Every part only reads the network and the definitions.
  enum part { subnets, refused, tables, acls, vpcs, groups, interfaces, lists, gateways, unattached, parts };
  std::array<std::vector<diagnostic>, parts> found;
  auto at = [&](std::string_view kind, const std::string& id) { return where_defined(label(kind, id)); };
  auto check_vpc = [&](part p, std::string_view kind, const std::string& id, const vpc_id& v) {
    if (!net_.find(v)) found[p].push_back(messages::missing_vpc(at(kind, id), v));
  };

  // The largest parts of a large network are what AWS would refuse, the interfaces and the
  // instances (about 25 ms each on `enterprise`): the first and the last run on a second thread
  // meanwhile, from 20,000 interfaces.
  auto apart = std::async(net_.all<network_interface>().size() >= 20'000 ? std::launch::async : std::launch::deferred, [&] {
    // What AWS would refuse to create (model/creation_rules.hpp) is what AWS holds in a capture:
    // a capture is not one moment (a CIDR disassociated between two calls, hand-edited data as in
    // the corpus snapshot `test`), so each is a warning here; in a design it is an error.
    for (const auto& r : creation_refusals(net_)) {
      static const std::map<std::string, std::string_view, std::less<>> kinds{
          {"VPC", "vpc"}, {"subnet", "subnet"}, {"route table", "route-table"}, {"endpoint", "vpc-endpoint"},
          {"security group", "security-group"}, {"network interface", "network-interface"}};
      const auto k = kinds.find(r.kind);
      found[refused].push_back(messages::aws_would_refuse(
          at(k == kinds.end() ? std::string_view(r.kind) : k->second, r.resource), r.code, r.message));
    }
    // The instances some interface is attached to, from one pass over the interfaces (as
    // network::interfaces_of finds them, without a lookup per instance).
    std::unordered_set<std::string_view> attached;
    attached.reserve(net_.all<network_interface>().size());
    for (const auto& [id, e] : net_.all<network_interface>())
      if (e.attachment && e.attachment->instance) attached.insert(e.attachment->instance->value);
    for (const auto& [id, i] : net_.all<instance>())
      if (i.subnet && !attached.contains(id.value))
        found[unattached].push_back(messages::instance_without_interface(at("instance", id.value)));
  });

  for (const auto& [id, s] : net_.all<subnet>()) check_vpc(subnets, "subnet", id.value, s.vpc);

  std::map<vpc_id, std::vector<route_table_id>> mains;
  std::map<subnet_id, route_table_id> explicit_tables;
  for (const auto& [id, t] : net_.all<route_table>()) {
    location loc = at("route-table", id.value);
    check_vpc(tables, "route-table", id.value, t.vpc);
    // RT-2: one main association per VPC; a table lists it once.
    const auto main_count = std::count_if(t.associations.begin(), t.associations.end(),
                                          [](const route_table_association& a) { return a.main; });
    if (main_count > 1) found[tables].push_back(messages::multiple_main_associations(loc, static_cast<std::size_t>(main_count)));
    if (main_count > 0) mains[t.vpc].push_back(id);
    for (const auto& a : t.associations) {
      if (!a.subnet) continue;
      if (!net_.find(*a.subnet)) found[tables].push_back(messages::missing_subnet(loc, *a.subnet));
      auto [it, inserted] = explicit_tables.emplace(*a.subnet, id);
      if (!inserted && it->second != id)
        found[tables].push_back(messages::multiple_route_table_associations(at("subnet", a.subnet->value), it->second, id));
    }
    for (const auto& r : t.routes) {
      // A route AWS already shows as blackhole says its target is gone (RT-22, RT-23).
      if (r.state == route_state::blackhole) continue;
      const std::string& tid = r.target.id;
      bool present = true;
      switch (r.target.kind) {
        case target_kind::internet_gateway: present = net_.find(internet_gateway_id{tid}); break;
        case target_kind::egress_only_internet_gateway:
          present = net_.find(egress_only_internet_gateway_id{tid});
          break;
        case target_kind::nat_gateway: present = net_.find(nat_gateway_id{tid}); break;
        case target_kind::virtual_private_gateway: present = net_.find(vpn_gateway_id{tid}); break;
        case target_kind::gateway_endpoint:
        case target_kind::gateway_load_balancer_endpoint: present = net_.find(vpc_endpoint_id{tid}); break;
        case target_kind::network_interface: present = net_.find(network_interface_id{tid}); break;
        case target_kind::instance: present = net_.find(instance_id{tid}); break;
        case target_kind::peering_connection: present = net_.find(peering_connection_id{tid}); break;
        case target_kind::transit_gateway: present = net_.find(transit_gateway_id{tid}); break;
        // Not modelled: local is the VPC itself; Outposts, Wavelength and Cloud WAN are out of scope.
        case target_kind::local:
        case target_kind::local_gateway:
        case target_kind::carrier_gateway:
        case target_kind::core_network: break;
      }
      if (!present) found[tables].push_back(messages::missing_route_target(loc, r));
    }
  }

  std::map<vpc_id, std::vector<network_acl_id>> defaults;
  for (const auto& [id, n] : net_.all<network_acl>()) {
    location loc = at("network-acl", id.value);
    check_vpc(acls, "network-acl", id.value, n.vpc);
    if (n.is_default) defaults[n.vpc].push_back(id);
    for (const auto& a : n.associations)
      if (!net_.find(a.subnet)) found[acls].push_back(messages::missing_subnet(loc, a.subnet));
  }

  for (const auto& [id, v] : net_.all<vpc>()) {
    location loc = at("vpc", id.value);
    auto m = mains.find(id);
    if (m == mains.end()) found[vpcs].push_back(messages::no_main_route_table(loc));
    else if (m->second.size() > 1)
      found[vpcs].push_back(messages::multiple_main_route_tables(loc, m->second[0], m->second[1]));
    auto d = defaults.find(id);
    if (d == defaults.end()) found[vpcs].push_back(messages::no_default_network_acl(loc));
    else if (d->second.size() > 1)
      found[vpcs].push_back(messages::multiple_default_network_acls(loc, d->second[0], d->second[1]));
  }

  for (const auto& [id, g] : net_.all<security_group>()) check_vpc(groups, "security-group", id.value, g.vpc);

  // A route or rule that names a prefix list without entries matches nothing: say so, once per
  // list and resource, instead of answering as if the list were empty on purpose.
  auto check_list = [&](const prefix_list_id& pl, std::string_view kind, const std::string& id,
                        const std::string& used_by) {
    const prefix_list* p = net_.find(pl);
    if (!p) found[lists].push_back(messages::missing_prefix_list(at(kind, id), pl));
    else if (p->cidrs.empty() && p->ipv6_cidrs.empty())
      found[lists].push_back(messages::prefix_list_without_entries(at(kind, id), *p, used_by));
  };
  for (const auto& [id, t] : net_.all<route_table>()) {
    std::set<prefix_list_id> seen;
    for (const auto& r : t.routes)
      if (const auto* pl = std::get_if<prefix_list_id>(&r.destination); pl && seen.insert(*pl).second)
        check_list(*pl, "route-table", id.value, "a route of " + id.value);
  }
  for (const auto& [id, g] : net_.all<security_group>()) {
    std::set<prefix_list_id> seen;
    for (const auto* rules : {&g.ingress, &g.egress})
      for (const auto& r : *rules)
        if (const auto* pl = std::get_if<prefix_list_id>(&r.peer); pl && seen.insert(*pl).second)
          check_list(*pl, "security-group", id.value, "a rule of " + id.value);
  }
  for (const auto& [id, n] : net_.all<nat_gateway>()) {
    check_vpc(gateways, "nat-gateway", id.value, n.vpc);
    if (!net_.find(n.subnet)) found[gateways].push_back(messages::missing_subnet(at("nat-gateway", id.value), n.subnet));
  }
  for (const auto& [id, e] : net_.all<vpc_endpoint>()) check_vpc(gateways, "vpc-endpoint", id.value, e.vpc);
  for (const auto& [id, e] : net_.all<network_interface>()) {
    check_vpc(interfaces, "network-interface", id.value, e.vpc);
    const subnet* s = net_.find(e.subnet);
    if (!s) {
      found[interfaces].push_back(messages::missing_subnet(at("network-interface", id.value), e.subnet));
      continue;
    }
    for (const auto& p : e.private_ips)
      if (!s->cidr_block || !s->cidr_block->contains(p.address))
        found[interfaces].push_back(
            messages::address_outside_subnet(at("network-interface", id.value), e, p.address, *s));
  }

  apart.get();
  for (auto& f : found)
    for (auto& d : f) report(std::move(d));
}

}  // namespace vpcsim::detail::aws
