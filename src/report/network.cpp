// The normalised model as text: one block per VPC, then what spans VPCs.
#include <vpcsim/report/network.hpp>

#include <set>
#include <sstream>

namespace vpcsim::report {

namespace {

template <class T>
std::string title(std::string_view kind, const T& r) {
  std::string out = std::string(kind) + " " + r.id.value;
  if (auto n = name_tag(r.tags); !n.empty()) out += " \"" + n + "\"";
  if (auto l = logical_id(r.tags); !l.empty()) out += " (" + l + ")";  // CFN-3: the template's name for it
  return out;
}

template <class Ids>
std::string join(const Ids& ids) {
  std::string out;
  for (const auto& i : ids) out += (out.empty() ? "" : ", ") + i.value;
  return out.empty() ? "none" : out;
}

template <class Xs>
std::string join_text(const Xs& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x.to_string();
  return out.empty() ? "none" : out;
}

std::string flag(const std::optional<bool>& captured, dns_attribute effective) {
  std::string out = effective.enabled ? "on" : "off";
  if (!captured) out += " (AWS default, not captured)";
  return out;
}

std::string attachments(const std::vector<gateway_attachment>& as) {
  std::string out;
  for (const auto& a : as) out += (out.empty() ? "" : ", ") + a.vpc.value + " " + a.state.text();
  return out.empty() ? "not attached" : out;
}

bool attached_to(const std::vector<gateway_attachment>& as, const vpc_id& v) {
  for (const auto& a : as)
    if (a.vpc == v) return true;
  return false;
}

void show_route_table(const route_table& t, std::ostream& out) {
  std::string line = "  " + title("route-table", t);
  if (t.is_main()) line += " main";
  std::vector<subnet_id> subnets;
  for (const auto& a : t.associations)
    if (a.subnet) subnets.push_back(*a.subnet);
    else if (a.gateway) line += ", edge " + *a.gateway;
  out << line << ", subnets " << join(subnets) << '\n';
  for (const auto& r : t.routes) {
    out << "    " << to_string(r.destination) << " -> " << r.target.id;
    if (r.target.kind != target_kind::local) out << " (" << to_string(r.target.kind) << ")";
    if (r.state == route_state::blackhole) out << " blackhole";
    if (r.origin == route_origin::propagated) out << " propagated";
    out << '\n';
  }
}

void show_vpc(const network& n, const vpc_id& id, std::ostream& out) {
  const vpc* v = n.find(id);
  if (v) {
    out << title("vpc", *v) << " [account " << (v->where.account.empty() ? "?" : v->where.account) << ", region "
        << (v->where.region.empty() ? "?" : v->where.region) << "]\n";
    out << "  cidr " << join_text(v->cidr_blocks);
    if (!v->ipv6_cidr_blocks.empty()) out << ", ipv6 " << join_text(v->ipv6_cidr_blocks);
    out << (v->is_default ? ", default VPC" : "") << ", " << v->state.text() << '\n';
    out << "  dns support " << flag(v->enable_dns_support, n.dns_support(id)) << ", dns hostnames "
        << flag(v->enable_dns_hostnames, n.dns_hostnames(id)) << '\n';
  } else {
    out << "vpc " << id.value << " (not in the input)\n";
  }
  for (const auto& [sid, s] : n.all<subnet>()) {
    if (s.vpc != id) continue;
    auto rt = n.route_table_for(sid);
    const network_acl* acl = n.network_acl_for(sid);
    out << "  " << title("subnet", s) << " " << cidr_text(s) << (s.ipv6_native ? " IPv6-only" : "") << " " << s.availability_zone
        << ", route table " << (rt.table ? rt.table->id.value + (rt.is_explicit ? "" : " (main)") : "none")
        << ", network ACL " << (acl ? acl->id.value : "none") << '\n';
  }
  for (const auto& [tid, t] : n.all<route_table>())
    if (t.vpc == id) show_route_table(t, out);
  for (const auto& [aid, a] : n.all<network_acl>()) {
    if (a.vpc != id) continue;
    std::vector<subnet_id> subnets;
    for (const auto& x : a.associations) subnets.push_back(x.subnet);
    out << "  " << title("network-acl", a) << (a.is_default ? " default" : "") << ", subnets " << join(subnets) << '\n';
    for (const auto& e : a.entries) out << "    " << (e.egress ? "out " : "in  ") << to_string(e) << '\n';
  }
  for (const auto& [gid, g] : n.all<security_group>()) {
    if (g.vpc != id) continue;
    out << "  " << title("security-group", g) << " (" << g.name << ")\n";
    for (const auto& r : g.ingress) out << "    in  " << describe(r, true) << '\n';
    for (const auto& r : g.egress) out << "    out " << describe(r, false) << '\n';
  }
  for (const auto& [gid, g] : n.all<internet_gateway>())
    if (attached_to(g.attachments, id)) out << "  " << title("internet-gateway", g) << ", " << attachments(g.attachments) << '\n';
  for (const auto& [gid, g] : n.all<egress_only_internet_gateway>())
    if (attached_to(g.attachments, id))
      out << "  " << title("egress-only-internet-gateway", g) << ", " << attachments(g.attachments) << '\n';
  for (const auto& [gid, g] : n.all<nat_gateway>()) {
    if (g.vpc != id) continue;
    out << "  " << title("nat-gateway", g) << (g.connectivity == nat_connectivity::public_ ? " public " : " private ")
        << g.state.text() << " in " << g.subnet.value;
    for (const auto& a : g.addresses)
      out << ", " << (a.private_ip ? a.private_ip->to_string() : "?")
          << (a.public_ip ? " -> " + a.public_ip->to_string() : "");
    out << '\n';
  }
  for (const auto& [gid, g] : n.all<vpn_gateway>())
    if (attached_to(g.attachments, id)) out << "  " << title("vpn-gateway", g) << ", " << attachments(g.attachments) << '\n';
  for (const auto* e : n.endpoints_in(id)) {
    out << "  " << title("vpc-endpoint", *e) << " " << to_string(e->type) << " " << e->service_name << " " << e->state.text();
    if (e->type == endpoint_type::gateway) out << ", route tables " << join(e->route_tables);
    else
      out << ", subnets " << join(e->subnets) << ", interfaces " << join(e->network_interfaces) << ", groups "
          << join(e->security_groups) << ", private DNS " << (e->private_dns_enabled ? "on" : "off");
    out << ", policy " << (!e->policy ? "full access (default)" : std::to_string(e->policy->statements.size()) + " statement(s)")
        << '\n';
  }
  for (const auto& [eid, e] : n.all<network_interface>()) {
    if (e.vpc != id) continue;
    out << "  " << title("network-interface", e) << " " << e.interface_type << " in " << e.subnet.value;
    for (const auto& p : e.private_ips)
      out << ", " << p.address.to_string() << (p.public_ip ? " (public " + p.public_ip->to_string() + ")" : "");
    out << ", groups " << join(e.security_groups);
    if (e.attachment && e.attachment->instance)
      out << ", attached to " << e.attachment->instance->value << " #" << e.attachment->device_index;
    out << '\n';
  }
  for (const auto& [iid, i] : n.all<instance>()) {
    if (i.vpc != id) continue;
    out << "  " << title("instance", i) << " " << i.state.text() << " " << i.instance_type;
    if (i.subnet) out << " in " << i.subnet->value;
    if (i.private_ip) out << ", " << i.private_ip->to_string();
    if (i.public_ip) out << " (public " << i.public_ip->to_string() << ")";
    out << ", interfaces " << join(i.network_interfaces) << '\n';
  }
}

std::set<vpc_id> vpcs_named(const network& n) {
  std::set<vpc_id> out;
  for (const auto& [id, v] : n.all<vpc>()) out.insert(id);
  for (const auto& [id, s] : n.all<subnet>()) out.insert(s.vpc);
  for (const auto& [id, t] : n.all<route_table>()) out.insert(t.vpc);
  for (const auto& [id, a] : n.all<network_acl>()) out.insert(a.vpc);
  for (const auto& [id, g] : n.all<security_group>()) out.insert(g.vpc);
  for (const auto& [id, g] : n.all<nat_gateway>()) out.insert(g.vpc);
  for (const auto& [id, e] : n.all<vpc_endpoint>()) out.insert(e.vpc);
  for (const auto& [id, e] : n.all<network_interface>()) out.insert(e.vpc);
  for (const auto& [id, i] : n.all<instance>())
    if (i.vpc) out.insert(*i.vpc);
  return out;
}

std::string side(const peering_side& s) {
  return s.vpc.value + " (" + (s.account.empty() ? "?" : s.account) + ", " + (s.region.empty() ? "?" : s.region) +
         ", " + join_text(s.cidr_blocks) + ")";
}

}  // namespace

void write_text(const network& n, std::ostream& out) {
  bool first = true;
  auto gap = [&] {
    if (!first) out << '\n';
    first = false;
  };
  for (const auto& id : vpcs_named(n)) {
    gap();
    show_vpc(n, id, out);
  }
  for (const auto& [iid, i] : n.all<instance>())
    if (!i.vpc) {
      gap();
      out << title("instance", i) << " " << i.state.text() << " (no VPC)\n";
    }
  for (const auto& [id, p] : n.all<peering_connection>()) {
    gap();
    out << title("peering-connection", p) << " " << p.status.text() << ": " << side(p.requester) << " <-> "
        << side(p.accepter) << '\n';
  }
  for (const auto& [id, t] : n.all<transit_gateway>()) {
    gap();
    out << title("transit-gateway", t) << " " << t.state.text() << '\n';
  }
  for (const auto& [id, a] : n.all<transit_gateway_attachment>()) {
    gap();
    out << title("transit-gateway-attachment", a) << " " << a.state.text() << " on " << a.transit_gateway.value << ": "
        << a.resource_type << " " << a.resource_id;
    if (!a.subnets.empty()) out << ", subnets " << join(a.subnets);
    out << ", route table " << (a.association ? a.association->value : "none") << '\n';
  }
  for (const auto& [id, t] : n.all<transit_gateway_route_table>()) {
    gap();
    out << title("transit-gateway-route-table", t) << " " << t.state.text() << " on " << t.transit_gateway.value
        << ", propagations " << join(t.propagations) << '\n';
    for (const auto& r : t.routes)
      out << "    " << vpcsim::to_string(r.destination) << " -> " << join(r.attachments) << " (" << r.type << ", "
          << r.state.text() << ")\n";
  }
  for (const auto& [id, p] : n.all<prefix_list>()) {
    gap();
    out << title("prefix-list", p) << " " << p.name << (p.aws_managed ? " (AWS-managed)" : "") << ": "
        << join_text(p.cidrs);
    if (!p.ipv6_cidrs.empty()) out << ", " << join_text(p.ipv6_cidrs);
    out << '\n';
  }
}


std::string to_text(const network& n) {
  std::ostringstream out;
  write_text(n, out);
  return out.str();
}

}  // namespace vpcsim::report
