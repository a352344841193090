// Builds the topology graph from a network.
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/topology/graph.hpp>

namespace vpcsim::topology {

std::string_view to_string(node_kind k) noexcept {
  switch (k) {
    case node_kind::vpc: return "vpc";
    case node_kind::subnet: return "subnet";
    case node_kind::instance: return "instance";
    case node_kind::network_interface: return "network-interface";
    case node_kind::route_table: return "route-table";
    case node_kind::network_acl: return "network-acl";
    case node_kind::security_group: return "security-group";
    case node_kind::internet_gateway: return "internet-gateway";
    case node_kind::egress_only_internet_gateway: return "egress-only-internet-gateway";
    case node_kind::nat_gateway: return "nat-gateway";
    case node_kind::vpn_gateway: return "virtual-private-gateway";
    case node_kind::gateway_endpoint: return "gateway-endpoint";
    case node_kind::interface_endpoint: return "interface-endpoint";
    case node_kind::gateway_load_balancer_endpoint: return "gateway-load-balancer-endpoint";
    case node_kind::peering_connection: return "peering-connection";
    case node_kind::transit_gateway: return "transit-gateway";
    case node_kind::service: return "service";
    case node_kind::internet: return "internet";
    case node_kind::missing: return "missing";
  }
  return "missing";
}

std::string topology::service_key(std::string_view short_name, std::string_view region) {
  return std::string(short_name) + "@" + std::string(region);
}

vertex topology::add(node_kind kind, const std::string& id, const std::string& label) {
  auto v = boost::add_vertex(node{kind, id, label}, g_);
  by_id_.emplace(id, v);
  return v;
}

vertex topology::ensure(node_kind kind, const std::string& id) {
  if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  // Referenced but not in the input: a `missing` vertex labelled with what it should have been.
  return add(node_kind::missing, id, std::string(to_string(kind)));
}

void topology::connect(vertex from, vertex to, link_kind kind, int route_index) {
  boost::add_edge(from, to, link{kind, route_index}, g_);
}

namespace {
node_kind endpoint_node_kind(endpoint_type t) {
  switch (t) {
    case endpoint_type::gateway: return node_kind::gateway_endpoint;
    case endpoint_type::interface: return node_kind::interface_endpoint;
    case endpoint_type::gateway_load_balancer: return node_kind::gateway_load_balancer_endpoint;
  }
  return node_kind::missing;
}

node_kind target_node_kind(target_kind k) {
  switch (k) {
    case target_kind::local: return node_kind::vpc;
    case target_kind::internet_gateway: return node_kind::internet_gateway;
    case target_kind::egress_only_internet_gateway: return node_kind::egress_only_internet_gateway;
    case target_kind::nat_gateway: return node_kind::nat_gateway;
    case target_kind::gateway_endpoint: return node_kind::gateway_endpoint;
    case target_kind::gateway_load_balancer_endpoint: return node_kind::gateway_load_balancer_endpoint;
    case target_kind::network_interface: return node_kind::network_interface;
    case target_kind::instance: return node_kind::instance;
    case target_kind::peering_connection: return node_kind::peering_connection;
    case target_kind::transit_gateway: return node_kind::transit_gateway;
    case target_kind::virtual_private_gateway: return node_kind::vpn_gateway;
    case target_kind::local_gateway:
    case target_kind::carrier_gateway:
    case target_kind::core_network: return node_kind::missing;
  }
  return node_kind::missing;
}
}  // namespace

topology::topology(const network& net) : net_(net) {
  // Vertices: every component of the network, then the services and the internet.
  for (const auto& [id, r] : net.all<vpc>()) add(node_kind::vpc, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<subnet>()) add(node_kind::subnet, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<instance>()) add(node_kind::instance, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<network_interface>())
    add(node_kind::network_interface, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<route_table>()) add(node_kind::route_table, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<network_acl>()) add(node_kind::network_acl, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<security_group>()) add(node_kind::security_group, id.str(), r.name);
  for (const auto& [id, r] : net.all<internet_gateway>())
    add(node_kind::internet_gateway, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<egress_only_internet_gateway>())
    add(node_kind::egress_only_internet_gateway, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<nat_gateway>()) add(node_kind::nat_gateway, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<vpn_gateway>()) add(node_kind::vpn_gateway, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<vpc_endpoint>()) add(endpoint_node_kind(r.type), id.str(), r.service_name);
  for (const auto& [id, r] : net.all<peering_connection>())
    add(node_kind::peering_connection, id.str(), display_name(r));
  for (const auto& [id, r] : net.all<transit_gateway>())
    add(node_kind::transit_gateway, id.str(), display_name(r));
  const vertex internet = add(node_kind::internet, "internet", "internet");

  // Edges.
  for (const auto& [id, s] : net.all<subnet>()) {
    auto sv = *find(id.str());
    if (auto vv = find(s.vpc.str())) {
      connect(sv, *vv, link_kind::in_vpc);
      connect(*vv, sv, link_kind::contains);
    }
    if (auto choice = net.route_table_for(id); choice.table)  // RT-1, RT-2
      connect(sv, *find(choice.table->id.str()), link_kind::routes_with);
    if (const auto* acl = net.network_acl_for(id))  // NACL-1
      connect(sv, *find(acl->id.str()), link_kind::filtered_by);
  }
  for (const auto& [id, i] : net.all<instance>())
    for (const auto* eni : net.interfaces_of(id)) connect(*find(id.str()), *find(eni->id.str()), link_kind::attached);
  for (const auto& [id, e] : net.all<network_interface>()) {
    auto ev = *find(id.str());
    connect(ev, ensure(node_kind::subnet, e.subnet.str()), link_kind::in_subnet);
    for (const auto& g : e.security_groups)  // SG-5: every group of the ENI applies
      connect(ev, ensure(node_kind::security_group, g.str()), link_kind::filtered_by);
  }
  for (const auto& [id, n] : net.all<nat_gateway>())
    connect(*find(id.str()), ensure(node_kind::subnet, n.subnet.str()), link_kind::in_subnet);
  for (const auto& [id, g] : net.all<internet_gateway>()) connect(*find(id.str()), internet, link_kind::exits);
  for (const auto& [id, ep] : net.all<vpc_endpoint>()) {
    auto ev = *find(id.str());
    if (auto parts = services::parse_endpoint_service_name(ep.service_name)) {
      const auto key = service_key(parts->short_name, parts->region);
      vertex sv = by_id_.count(key) ? by_id_.at(key) : add(node_kind::service, key, ep.service_name);
      connect(ev, sv, link_kind::serves);
    }
    for (const auto& eni : ep.network_interfaces)
      connect(ev, ensure(node_kind::network_interface, eni.str()), link_kind::endpoint_eni);
  }
  for (const auto& [id, rt] : net.all<route_table>()) {
    auto rv = *find(id.str());
    for (std::size_t i = 0; i < rt.routes.size(); ++i) {
      const auto& t = rt.routes[i].target;
      const std::string target_id = t.kind == target_kind::local ? rt.vpc.str() : t.id;
      connect(rv, ensure(target_node_kind(t.kind), target_id), link_kind::route, static_cast<int>(i));
    }
  }
}

std::optional<vertex> topology::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::vector<vertex> topology::next(vertex v, link_kind k) const {
  std::vector<vertex> out;
  for (auto [it, end] = boost::out_edges(v, g_); it != end; ++it)
    if (g_[*it].kind == k) out.push_back(boost::target(*it, g_));
  return out;
}

std::optional<vertex> topology::next_one(vertex v, link_kind k) const {
  for (auto [it, end] = boost::out_edges(v, g_); it != end; ++it)
    if (g_[*it].kind == k) return boost::target(*it, g_);
  return std::nullopt;
}

std::vector<edge> topology::routes(vertex v) const {
  std::vector<edge> out;
  for (auto [it, end] = boost::out_edges(v, g_); it != end; ++it)
    if (g_[*it].kind == link_kind::route) out.push_back(*it);
  return out;
}

}  // namespace vpcsim::topology
