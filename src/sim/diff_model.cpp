// The model diff: resources matched by id, else by name, compared attribute by attribute and item by
// item (rules, routes, entries, associations), each quoted as answers quote it.
#include <vpcsim/sim/diff.hpp>

#include "diff_detail.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <type_traits>
#include <utility>

namespace vpcsim {

std::string_view to_string(resource_change_kind k) noexcept {
  switch (k) {
    case resource_change_kind::added: return "added";
    case resource_change_kind::removed: return "removed";
    case resource_change_kind::changed: return "changed";
  }
  return "changed";
}

std::string resource_change::label() const {
  const std::string& id = after_id.empty() ? before_id : after_id;
  return name.empty() || name == id ? id : id + " (" + name + ")";
}

// Helpers in a named namespace: the library is built in unity batches, where anonymous namespaces
// of neighbouring files meet.
namespace diff_model_impl {

// A resource as diff sees it: single-valued attributes (each key once) and multi-valued items.
struct facets {
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::string> items;

  void attr(std::string key, std::string value) { attributes.emplace_back(std::move(key), std::move(value)); }
  void item(std::string text) { items.push_back(std::move(text)); }
  void tags(const tag_map& t) {
    for (const auto& [k, v] : t) item("tag " + k + "=" + v);
  }
};

std::string yes_no(bool b) { return b ? "true" : "false"; }

template <class T>
std::string join(const std::vector<T>& v) {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) out += ", ";
    if constexpr (std::is_same_v<T, std::string>) out += x;
    else if constexpr (requires { x.str(); }) out += x.str();
    else out += x.to_string();
  }
  return out;
}

std::string where(const scope& s) { return s.account.empty() ? s.region : s.account + "/" + s.region; }

std::string attachment_text(const gateway_attachment& a) { return "attachment " + a.vpc.str() + " (" + a.state.text() + ")"; }

facets describe_resource(const network& net, const vpc& v) {
  facets f;
  f.attr("scope", where(v.where));
  f.attr("cidr_blocks", join(v.cidr_blocks));
  f.attr("ipv6_cidr_blocks", join(v.ipv6_cidr_blocks));
  f.attr("default", yes_no(v.is_default));
  f.attr("state", v.state.text());
  // The effective DNS attributes (DNS-4, DNS-5), saying when AWS's default was assumed.
  const auto dns = [](dns_attribute a) { return yes_no(a.enabled) + (a.assumed ? " (assumed)" : ""); };
  f.attr("enable_dns_support", dns(net.dns_support(v.id)));
  f.attr("enable_dns_hostnames", dns(net.dns_hostnames(v.id)));
  f.tags(v.tags);
  return f;
}

facets describe_resource(const network&, const subnet& s) {
  facets f;
  f.attr("scope", where(s.where));
  f.attr("vpc", s.vpc.str());
  f.attr("cidr_block", s.cidr_block ? s.cidr_block->to_string() : "");
  f.attr("ipv6_native", yes_no(s.ipv6_native));
  f.attr("ipv6_cidr_blocks", join(s.ipv6_cidr_blocks));
  f.attr("availability_zone", s.availability_zone);
  f.attr("availability_zone_id", s.availability_zone_id);
  f.attr("map_public_ip_on_launch", yes_no(s.map_public_ip_on_launch));
  f.attr("default_for_az", yes_no(s.default_for_az));
  f.attr("enable_dns64", yes_no(s.enable_dns64));
  f.attr("state", s.state.text());
  f.tags(s.tags);
  return f;
}

facets describe_resource(const network&, const route_table& r) {
  facets f;
  f.attr("scope", where(r.where));
  f.attr("vpc", r.vpc.str());
  for (const auto& route : r.routes) {
    std::string text = "route " + to_string(route.destination) + " -> " + std::string(to_string(route.target.kind));
    if (route.target.kind != target_kind::local) text += " " + route.target.id;
    if (route.state == route_state::blackhole) text += " (blackhole)";
    if (route.origin == route_origin::propagated) text += " (propagated)";
    f.item(std::move(text));
  }
  for (const auto& a : r.associations) {
    if (a.main) f.item("main association");
    if (a.subnet) f.item("association " + a.subnet->str());
    if (a.gateway) f.item("edge association " + *a.gateway);
  }
  for (const auto& g : r.propagating_vgws) f.item("propagating " + g.str());
  f.tags(r.tags);
  return f;
}

facets describe_resource(const network&, const network_acl& n) {
  facets f;
  f.attr("scope", where(n.where));
  f.attr("vpc", n.vpc.str());
  f.attr("default", yes_no(n.is_default));
  for (const auto& e : n.entries) f.item(std::string(e.egress ? "outbound " : "inbound ") + to_string(e));
  for (const auto& a : n.associations) f.item("association " + a.subnet.str());
  f.tags(n.tags);
  return f;
}

facets describe_resource(const network&, const security_group& g) {
  facets f;
  f.attr("scope", where(g.where));
  f.attr("vpc", g.vpc.str());
  f.attr("group_name", g.name);
  f.attr("description", g.description);
  for (const auto& r : g.ingress) f.item("inbound " + describe(r, true));
  for (const auto& r : g.egress) f.item("outbound " + describe(r, false));
  f.tags(g.tags);
  return f;
}

facets describe_resource(const network&, const internet_gateway& g) {
  facets f;
  f.attr("scope", where(g.where));
  for (const auto& a : g.attachments) f.item(attachment_text(a));
  f.tags(g.tags);
  return f;
}

facets describe_resource(const network&, const egress_only_internet_gateway& g) {
  facets f;
  f.attr("scope", where(g.where));
  for (const auto& a : g.attachments) f.item(attachment_text(a));
  f.tags(g.tags);
  return f;
}

facets describe_resource(const network&, const nat_gateway& n) {
  facets f;
  f.attr("scope", where(n.where));
  f.attr("vpc", n.vpc.str());
  f.attr("subnet", n.subnet.str());
  f.attr("connectivity", n.connectivity == nat_connectivity::public_ ? "public" : "private");
  f.attr("state", n.state.text());
  for (const auto& a : n.addresses) {
    std::string text = "address";
    if (!a.allocation_id.empty()) text += " " + a.allocation_id;
    if (a.private_ip) text += " private " + a.private_ip->to_string();
    if (a.public_ip) text += " public " + a.public_ip->to_string();
    if (a.network_interface) text += " on " + a.network_interface->str();
    f.item(std::move(text));
  }
  f.tags(n.tags);
  return f;
}

facets describe_resource(const network&, const vpn_gateway& g) {
  facets f;
  f.attr("scope", where(g.where));
  f.attr("state", g.state.text());
  for (const auto& a : g.attachments) f.item(attachment_text(a));
  f.tags(g.tags);
  return f;
}

std::string statement_text(const policy_statement& s) {
  std::string out = "policy statement ";
  if (!s.sid.empty()) out += s.sid + ": ";
  out += s.effect == policy_effect::allow ? "Allow" : "Deny";
  auto list = [&](const char* what, const std::vector<std::string>& v) {
    if (!v.empty()) out += std::string(" ") + what + " " + join(v);
  };
  list("principals", s.principals);
  list("not principals", s.not_principals);
  list("actions", s.actions);
  list("not actions", s.not_actions);
  list("on", s.resources);
  list("not on", s.not_resources);
  if (!s.condition.empty()) out += " when " + s.condition;
  return out;
}

facets describe_resource(const network&, const vpc_endpoint& e) {
  facets f;
  f.attr("scope", where(e.where));
  f.attr("vpc", e.vpc.str());
  f.attr("type", std::string(to_string(e.type)));
  f.attr("service_name", e.service_name);
  f.attr("state", e.state.text());
  f.attr("private_dns_enabled", yes_no(e.private_dns_enabled));
  f.attr("private_dns_only_for_inbound_resolver_endpoint",
         e.private_dns_only_for_inbound_resolver_endpoint ? yes_no(*e.private_dns_only_for_inbound_resolver_endpoint) : "");
  f.attr("dns_record_ip_type", e.dns_record_ip_type);
  for (const auto& r : e.route_tables) f.item("route table " + r.str());
  for (const auto& s : e.subnets) f.item("subnet " + s.str());
  for (const auto& n : e.network_interfaces) f.item("network interface " + n.str());
  for (const auto& g : e.security_groups) f.item("security group " + g.str());
  for (const auto& d : e.dns_names) f.item("dns name " + d);
  // No policy is AWS's full access (POL-2); the statements are compared one by one.
  if (!e.policy) f.item("policy: AWS default, full access");
  else
    for (const auto& s : e.policy->statements) f.item(statement_text(s));
  f.tags(e.tags);
  return f;
}

facets describe_resource(const network&, const network_interface& n) {
  facets f;
  f.attr("scope", where(n.where));
  f.attr("vpc", n.vpc.str());
  f.attr("subnet", n.subnet.str());
  f.attr("availability_zone", n.availability_zone);
  f.attr("interface_type", n.interface_type);
  f.attr("status", n.status.text());
  f.attr("source_dest_check", yes_no(n.source_dest_check));
  f.attr("requester_managed", yes_no(n.requester_managed));
  f.attr("attachment", n.attachment ? (n.attachment->instance ? n.attachment->instance->str() : std::string("-")) +
                                          " device " + std::to_string(n.attachment->device_index) + " (" +
                                          n.attachment->status.text() + ")"
                                    : "");
  f.attr("description", n.description);
  for (const auto& p : n.private_ips)
    f.item("private ip " + p.address.to_string() + (p.primary ? " (primary)" : "") +
           (p.public_ip ? " public " + p.public_ip->to_string() : ""));
  for (const auto& a : n.ipv6_addresses) f.item("ipv6 " + a.to_string());
  for (const auto& g : n.security_groups) f.item("security group " + g.str());
  f.tags(n.tags);
  return f;
}

facets describe_resource(const network&, const instance& i) {
  facets f;
  f.attr("scope", where(i.where));
  f.attr("state", i.state.text());
  f.attr("vpc", i.vpc ? i.vpc->str() : "");
  f.attr("subnet", i.subnet ? i.subnet->str() : "");
  f.attr("private_ip", i.private_ip ? i.private_ip->to_string() : "");
  f.attr("public_ip", i.public_ip ? i.public_ip->to_string() : "");
  f.attr("source_dest_check", yes_no(i.source_dest_check));
  f.attr("instance_type", i.instance_type);
  for (std::size_t k = 0; k < i.network_interfaces.size(); ++k)
    f.item("network interface " + i.network_interfaces[k].str() + " device " + std::to_string(k));
  for (const auto& g : i.security_groups) f.item("security group " + g.str());
  f.tags(i.tags);
  return f;
}

facets describe_resource(const network&, const prefix_list& p) {
  facets f;
  f.attr("scope", where(p.where));
  f.attr("prefix_list_name", p.name);
  f.attr("aws_managed", yes_no(p.aws_managed));
  f.attr("max_entries", p.max_entries ? std::to_string(*p.max_entries) : "");
  for (const auto& c : p.cidrs) f.item("cidr " + c.to_string());
  for (const auto& c : p.ipv6_cidrs) f.item("cidr " + c.to_string());
  f.tags(p.tags);
  return f;
}

facets describe_resource(const network&, const peering_connection& p) {
  facets f;
  f.attr("scope", where(p.where));
  f.attr("status", p.status.text());
  auto side = [&](const char* which, const peering_side& s) {
    const std::string w = which;
    f.attr(w + " vpc", s.vpc.str() + " (" + s.account + "/" + s.region + ")");
    f.attr(w + " cidr_blocks", join(s.cidr_blocks));
    f.attr(w + " allow_dns_resolution_from_remote_vpc", yes_no(s.allow_dns_resolution_from_remote_vpc));
  };
  side("requester", p.requester);
  side("accepter", p.accepter);
  f.tags(p.tags);
  return f;
}

facets describe_resource(const network&, const transit_gateway& t) {
  facets f;
  f.attr("scope", where(t.where));
  f.attr("state", t.state.text());
  f.attr("association_default_route_table",
         t.association_default_route_table ? t.association_default_route_table->str() : "");
  f.attr("propagation_default_route_table",
         t.propagation_default_route_table ? t.propagation_default_route_table->str() : "");
  f.tags(t.tags);
  return f;
}

facets describe_resource(const network&, const transit_gateway_attachment& a) {
  facets f;
  f.attr("scope", where(a.where));
  f.attr("transit_gateway", a.transit_gateway.str());
  f.attr("resource", a.resource_type + " " + a.resource_id + (a.resource_owner.empty() ? "" : " (" + a.resource_owner + ")"));
  f.attr("state", a.state.text());
  f.attr("association", a.association ? a.association->str() : "");
  for (const auto& s : a.subnets) f.item("subnet " + s.str());
  f.tags(a.tags);
  return f;
}

facets describe_resource(const network&, const transit_gateway_route_table& r) {
  facets f;
  f.attr("scope", where(r.where));
  f.attr("transit_gateway", r.transit_gateway.str());
  f.attr("state", r.state.text());
  for (const auto& route : r.routes)
    f.item("route " + vpcsim::to_string(route.destination) + " -> " + join(route.attachments) + " (" + route.type + ", " +
           route.state.text() + ")");
  for (const auto& p : r.propagations) f.item("propagation " + p.str());
  f.tags(r.tags);
  return f;
}

// How each resource type is named in the diff (as answers name the kinds where they overlap).
template <class T>
constexpr std::string_view type_name() {
  if constexpr (std::is_same_v<T, vpc>) return "vpc";
  else if constexpr (std::is_same_v<T, subnet>) return "subnet";
  else if constexpr (std::is_same_v<T, route_table>) return "route-table";
  else if constexpr (std::is_same_v<T, network_acl>) return "network-acl";
  else if constexpr (std::is_same_v<T, security_group>) return "security-group";
  else if constexpr (std::is_same_v<T, internet_gateway>) return "internet-gateway";
  else if constexpr (std::is_same_v<T, egress_only_internet_gateway>) return "egress-only-internet-gateway";
  else if constexpr (std::is_same_v<T, nat_gateway>) return "nat-gateway";
  else if constexpr (std::is_same_v<T, vpn_gateway>) return "vpn-gateway";
  else if constexpr (std::is_same_v<T, vpc_endpoint>) return "vpc-endpoint";
  else if constexpr (std::is_same_v<T, network_interface>) return "network-interface";
  else if constexpr (std::is_same_v<T, instance>) return "instance";
  else if constexpr (std::is_same_v<T, prefix_list>) return "prefix-list";
  else if constexpr (std::is_same_v<T, peering_connection>) return "peering-connection";
  else if constexpr (std::is_same_v<T, transit_gateway>) return "transit-gateway";
  else if constexpr (std::is_same_v<T, transit_gateway_attachment>) return "transit-gateway-attachment";
  else return "transit-gateway-route-table";
}

// The name a resource is matched by when its id is on one side only: the input's name for it
// (logical id or Terraform address, else Name tag; a group's name without one: display_name).
template <class T>
std::string match_name(const T& r) {
  return display_name(r);
}

// Items only in `a` (multiset difference, in `a`'s order).
std::vector<std::string> only_in(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::map<std::string_view, std::size_t> left;
  for (const auto& s : b) ++left[s];
  std::vector<std::string> out;
  for (const auto& s : a) {
    auto it = left.find(s);
    if (it != left.end() && it->second > 0) --it->second;
    else out.push_back(s);
  }
  return out;
}

template <class T>
resource_change compare(const network& nb, const T* b, const network& na, const T* a) {
  resource_change c;
  c.type = type_name<T>();
  if (b) c.before_id = b->id.str();
  if (a) c.after_id = a->id.str();
  c.name = match_name(a ? *a : *b);
  if (!a || !b) {
    c.kind = a ? resource_change_kind::added : resource_change_kind::removed;
    facets f = a ? describe_resource(na, *a) : describe_resource(nb, *b);
    (a ? c.added : c.removed) = std::move(f.items);
    return c;
  }
  const facets fb = describe_resource(nb, *b), fa = describe_resource(na, *a);
  for (std::size_t k = 0; k < std::max(fb.attributes.size(), fa.attributes.size()); ++k) {
    // Both sides list the same keys in the same order (one describe_resource per type).
    const auto& [key, before] = fb.attributes[k];
    const auto& after = fa.attributes[k].second;
    if (before != after) c.attributes.push_back({key, before, after});
  }
  c.added = only_in(fa.items, fb.items);
  c.removed = only_in(fb.items, fa.items);
  if (!b->id.str().empty() && b->id != a->id) c.attributes.push_back({"id", b->id.str(), a->id.str()});
  return c;
}

// Whether a resource type lives outside every VPC.
template <class T>
constexpr bool outside_vpcs = std::is_same_v<T, prefix_list> || std::is_same_v<T, peering_connection> ||
                              std::is_same_v<T, transit_gateway> || std::is_same_v<T, transit_gateway_attachment> ||
                              std::is_same_v<T, transit_gateway_route_table>;

template <class T>
void diff_table(const network& before, const network& after, std::vector<resource_change>& out,
                detail::unequal_resources* unequal) {
  const auto& tb = before.all<T>();
  const auto& ta = after.all<T>();
  std::vector<const T*> only_before, only_after;
  auto differs = [unequal](const std::string& id) {
    if (!unequal) return;
    unequal->ids.push_back(id);
    unequal->outside_vpcs = unequal->outside_vpcs || outside_vpcs<T>;
  };
  for (const auto& [id, b] : tb) {
    auto it = ta.find(id);
    if (it == ta.end()) {
      only_before.push_back(&b);
      differs(id.str());
    } else if (!(b == it->second)) {
      differs(id.str());
      auto c = compare(before, &b, after, &it->second);
      // Equal field for field but for what diff does not show (e.g. a rule's description): no change.
      if (!c.added.empty() || !c.removed.empty() || !c.attributes.empty()) out.push_back(std::move(c));
    }
  }
  for (const auto& [id, a] : ta)
    if (!tb.count(id)) {
      only_after.push_back(&a);
      differs(id.str());
    }

  // Unmatched ids: match by a name that exactly one unmatched resource has on each side.
  std::map<std::string, std::pair<std::vector<const T*>, std::vector<const T*>>> by_name;
  for (const T* b : only_before)
    if (auto n = match_name(*b); !n.empty()) by_name[n].first.push_back(b);
  for (const T* a : only_after)
    if (auto n = match_name(*a); !n.empty()) by_name[n].second.push_back(a);
  std::vector<const T*> matched_before, matched_after;
  for (const auto& [name, sides] : by_name)
    if (sides.first.size() == 1 && sides.second.size() == 1) {
      out.push_back(compare(before, sides.first.front(), after, sides.second.front()));
      matched_before.push_back(sides.first.front());
      matched_after.push_back(sides.second.front());
    }
  auto matched = [](const std::vector<const T*>& v, const T* r) { return std::find(v.begin(), v.end(), r) != v.end(); };
  for (const T* b : only_before)
    if (!matched(matched_before, b)) out.push_back(compare<T>(before, b, after, nullptr));
  for (const T* a : only_after)
    if (!matched(matched_after, a)) out.push_back(compare<T>(before, nullptr, after, a));
}

}  // namespace diff_model_impl

model_diff diff_models(const network& before, const network& after) { return detail::diff_models(before, after, nullptr); }

model_diff detail::diff_models(const network& before, const network& after, unequal_resources* unequal) {
  model_diff d;
  // One type at a time, in the network's table order; within a type, by id (the after side's when
  // the resource exists after), so the order never depends on the input files' order.
  auto per_type = [&]<class T>() {
    std::vector<resource_change> changes;
    diff_model_impl::diff_table<T>(before, after, changes, unequal);
    std::stable_sort(changes.begin(), changes.end(), [](const resource_change& x, const resource_change& y) {
      const auto& ix = x.after_id.empty() ? x.before_id : x.after_id;
      const auto& iy = y.after_id.empty() ? y.before_id : y.after_id;
      return std::tie(ix, x.kind) < std::tie(iy, y.kind);
    });
    for (auto& c : changes) d.changes.push_back(std::move(c));
  };
  per_type.template operator()<vpc>();
  per_type.template operator()<subnet>();
  per_type.template operator()<route_table>();
  per_type.template operator()<network_acl>();
  per_type.template operator()<security_group>();
  per_type.template operator()<internet_gateway>();
  per_type.template operator()<egress_only_internet_gateway>();
  per_type.template operator()<nat_gateway>();
  per_type.template operator()<vpn_gateway>();
  per_type.template operator()<vpc_endpoint>();
  per_type.template operator()<network_interface>();
  per_type.template operator()<instance>();
  per_type.template operator()<prefix_list>();
  per_type.template operator()<peering_connection>();
  per_type.template operator()<transit_gateway>();
  per_type.template operator()<transit_gateway_attachment>();
  per_type.template operator()<transit_gateway_route_table>();
  return d;
}

}  // namespace vpcsim
