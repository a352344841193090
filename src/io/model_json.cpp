// The normalised model as JSON (show --format json, converters).
#include "../model/overloaded.hpp"

#include <vpcsim/io/model_json.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>

namespace vpcsim {

namespace {

using json = nlohmann::json;

using detail::overloaded;

template <class Id>
json id_list(const std::vector<Id>& ids) {
  json out = json::array();
  for (const auto& i : ids) out.push_back(i.value);
  return out;
}

template <class T>
json text_list(const std::vector<T>& xs) {
  json out = json::array();
  for (const auto& x : xs) out.push_back(x.to_string());
  return out;
}

template <class T>
json optional_text(const std::optional<T>& x) {
  return x ? json(x->to_string()) : json(nullptr);
}

template <class Id>
json optional_id(const std::optional<Id>& x) {
  return x ? json(x->value) : json(nullptr);
}

// Common to every resource: id, scope, tags.
template <class T>
json base(const T& r) {
  return {{"id", r.id.value}, {"account", r.where.account}, {"region", r.where.region}, {"tags", r.tags}};
}

json ports_json(const port_range& p) { return {{"from", p.from}, {"to", p.to}}; }
json icmp_json(const std::optional<icmp_type_code>& i) {
  return i ? json{{"type", i->type}, {"code", i->code}} : json(nullptr);
}

std::string_view origin_name(route_origin o) {
  switch (o) {
    case route_origin::create_route_table: return "create-route-table";
    case route_origin::create_route: return "create-route";
    case route_origin::propagated: return "propagated";
  }
  return "unknown";
}

std::string_view endpoint_type_name(endpoint_type t) {
  switch (t) {
    case endpoint_type::gateway: return "gateway";
    case endpoint_type::interface: return "interface";
    case endpoint_type::gateway_load_balancer: return "gateway-load-balancer";
  }
  return "unknown";
}

json destination_json(const route_destination& d) {
  return std::visit(overloaded{[](const cidr4& c) { return json{{"cidr", c.to_string()}}; },
                               [](const cidr6& c) { return json{{"ipv6_cidr", c.to_string()}}; },
                               [](const prefix_list_id& p) { return json{{"prefix_list", p.value}}; }},
                    d);
}

json peer_json(const sg_peer& p) {
  return std::visit(overloaded{[](const cidr4& c) { return json{{"cidr", c.to_string()}}; },
                               [](const cidr6& c) { return json{{"ipv6_cidr", c.to_string()}}; },
                               [](const security_group_id& g) { return json{{"security_group", g.value}}; },
                               [](const prefix_list_id& l) { return json{{"prefix_list", l.value}}; }},
                    p);
}

json attachments_json(const std::vector<gateway_attachment>& as) {
  json out = json::array();
  for (const auto& a : as) out.push_back({{"vpc", a.vpc.value}, {"state", a.state.text()}});
  return out;
}

json to_json_of(const vpc& v) {
  json j = base(v);
  j["cidr_blocks"] = text_list(v.cidr_blocks);
  j["ipv6_cidr_blocks"] = text_list(v.ipv6_cidr_blocks);
  j["is_default"] = v.is_default;
  j["state"] = v.state.text();
  j["enable_dns_support"] = v.enable_dns_support ? json(*v.enable_dns_support) : json(nullptr);
  j["enable_dns_hostnames"] = v.enable_dns_hostnames ? json(*v.enable_dns_hostnames) : json(nullptr);
  return j;
}

json to_json_of(const subnet& s) {
  json j = base(s);
  j["vpc"] = s.vpc.value;
  j["cidr_block"] = s.cidr_block ? json(s.cidr_block->to_string()) : json(nullptr);
  j["ipv6_native"] = s.ipv6_native;
  j["ipv6_cidr_blocks"] = text_list(s.ipv6_cidr_blocks);
  j["availability_zone"] = s.availability_zone;
  j["availability_zone_id"] = s.availability_zone_id;
  j["map_public_ip_on_launch"] = s.map_public_ip_on_launch;
  j["default_for_az"] = s.default_for_az;
  j["enable_dns64"] = s.enable_dns64;
  j["state"] = s.state.text();
  return j;
}

json to_json_of(const route_table& t) {
  json j = base(t);
  j["vpc"] = t.vpc.value;
  j["routes"] = json::array();
  for (const auto& r : t.routes)
    j["routes"].push_back({{"destination", destination_json(r.destination)},
                           {"target", {{"kind", to_string(r.target.kind)}, {"id", r.target.id}}},
                           {"state", r.state == route_state::active ? "active" : "blackhole"},
                           {"origin", origin_name(r.origin)}});
  j["associations"] = json::array();
  for (const auto& a : t.associations)
    j["associations"].push_back({{"id", a.id}, {"main", a.main}, {"subnet", optional_id(a.subnet)},
                                 {"gateway", a.gateway ? json(*a.gateway) : json(nullptr)}});
  j["propagating_vgws"] = id_list(t.propagating_vgws);
  return j;
}

json to_json_of(const network_acl& n) {
  json j = base(n);
  j["vpc"] = n.vpc.value;
  j["is_default"] = n.is_default;
  j["entries"] = json::array();
  for (const auto& e : n.entries)
    j["entries"].push_back({{"rule_number", e.rule_number},
                            {"egress", e.egress},
                            {"action", e.action == rule_action::allow ? "allow" : "deny"},
                            {"protocol", e.protocol.name()},
                            {"cidr_block", optional_text(e.cidr_block)},
                            {"ipv6_cidr_block", optional_text(e.ipv6_cidr_block)},
                            {"ports", e.ports ? ports_json(*e.ports) : json(nullptr)},
                            {"icmp", icmp_json(e.icmp)}});
  j["associations"] = json::array();
  for (const auto& a : n.associations) j["associations"].push_back({{"id", a.id}, {"subnet", a.subnet.value}});
  return j;
}

json rules_json(const std::vector<sg_rule>& rules) {
  json out = json::array();
  for (const auto& r : rules)
    out.push_back({{"protocol", r.protocol.name()},
                   {"ports", ports_json(r.ports)},
                   {"icmp", icmp_json(r.icmp)},
                   {"peer", peer_json(r.peer)},
                   {"description", r.description}});
  return out;
}

json to_json_of(const security_group& g) {
  json j = base(g);
  j["vpc"] = g.vpc.value;
  j["name"] = g.name;
  j["description"] = g.description;
  j["ingress"] = rules_json(g.ingress);
  j["egress"] = rules_json(g.egress);
  return j;
}

json to_json_of(const internet_gateway& g) {
  json j = base(g);
  j["attachments"] = attachments_json(g.attachments);
  return j;
}

json to_json_of(const egress_only_internet_gateway& g) {
  json j = base(g);
  j["attachments"] = attachments_json(g.attachments);
  return j;
}

json to_json_of(const nat_gateway& n) {
  json j = base(n);
  j["vpc"] = n.vpc.value;
  j["subnet"] = n.subnet.value;
  j["connectivity"] = n.connectivity == nat_connectivity::public_ ? "public" : "private";
  j["state"] = n.state.text();
  j["addresses"] = json::array();
  for (const auto& a : n.addresses)
    j["addresses"].push_back({{"allocation_id", a.allocation_id},
                              {"network_interface", optional_id(a.network_interface)},
                              {"private_ip", optional_text(a.private_ip)},
                              {"public_ip", optional_text(a.public_ip)}});
  return j;
}

json to_json_of(const vpn_gateway& g) {
  json j = base(g);
  j["state"] = g.state.text();
  j["attachments"] = attachments_json(g.attachments);
  return j;
}

json policy_json(const endpoint_policy& p) {
  json statements = json::array();
  for (const auto& s : p.statements)
    statements.push_back({{"sid", s.sid},
                          {"effect", s.effect == policy_effect::allow ? "allow" : "deny"},
                          {"principals", s.principals},
                          {"not_principals", s.not_principals},
                          {"actions", s.actions},
                          {"not_actions", s.not_actions},
                          {"resources", s.resources},
                          {"not_resources", s.not_resources},
                          {"condition", s.condition}});
  return {{"version", p.version}, {"statements", statements}};
}

json to_json_of(const vpc_endpoint& e) {
  json j = base(e);
  j["vpc"] = e.vpc.value;
  j["type"] = endpoint_type_name(e.type);
  j["service_name"] = e.service_name;
  j["state"] = e.state.text();
  j["route_tables"] = id_list(e.route_tables);
  j["subnets"] = id_list(e.subnets);
  j["network_interfaces"] = id_list(e.network_interfaces);
  j["security_groups"] = id_list(e.security_groups);
  j["private_dns_enabled"] = e.private_dns_enabled;
  j["private_dns_only_for_inbound_resolver_endpoint"] =
      e.private_dns_only_for_inbound_resolver_endpoint ? json(*e.private_dns_only_for_inbound_resolver_endpoint)
                                                       : json(nullptr);
  j["dns_record_ip_type"] = e.dns_record_ip_type;
  j["dns_names"] = e.dns_names;
  j["policy_document"] = e.policy_document;
  j["policy"] = e.policy ? policy_json(*e.policy) : json(nullptr);
  return j;
}

json to_json_of(const network_interface& e) {
  json j = base(e);
  j["subnet"] = e.subnet.value;
  j["vpc"] = e.vpc.value;
  j["availability_zone"] = e.availability_zone;
  j["private_ips"] = json::array();
  for (const auto& p : e.private_ips)
    j["private_ips"].push_back(
        {{"address", p.address.to_string()}, {"primary", p.primary}, {"public_ip", optional_text(p.public_ip)}});
  j["ipv6_addresses"] = text_list(e.ipv6_addresses);
  j["security_groups"] = id_list(e.security_groups);
  j["interface_type"] = e.interface_type;
  j["attachment"] = e.attachment ? json{{"instance", optional_id(e.attachment->instance)},
                                        {"device_index", e.attachment->device_index},
                                        {"status", e.attachment->status.text()}}
                                 : json(nullptr);
  j["requester_managed"] = e.requester_managed;
  j["source_dest_check"] = e.source_dest_check;
  j["status"] = e.status.text();
  j["description"] = e.description;
  return j;
}

json to_json_of(const instance& i) {
  json j = base(i);
  j["state"] = i.state.text();
  j["vpc"] = optional_id(i.vpc);
  j["subnet"] = optional_id(i.subnet);
  j["private_ip"] = optional_text(i.private_ip);
  j["public_ip"] = optional_text(i.public_ip);
  j["network_interfaces"] = id_list(i.network_interfaces);
  j["security_groups"] = id_list(i.security_groups);
  j["source_dest_check"] = i.source_dest_check;
  j["instance_type"] = i.instance_type;
  return j;
}

json to_json_of(const prefix_list& p) {
  json j = base(p);
  j["name"] = p.name;
  j["cidrs"] = text_list(p.cidrs);
  j["ipv6_cidrs"] = text_list(p.ipv6_cidrs);
  j["aws_managed"] = p.aws_managed;
  j["max_entries"] = p.max_entries ? json(*p.max_entries) : json(nullptr);
  return j;
}

json side_json(const peering_side& s) {
  return {{"vpc", s.vpc.value},
          {"account", s.account},
          {"region", s.region},
          {"cidr_blocks", text_list(s.cidr_blocks)},
          {"allow_dns_resolution_from_remote_vpc", s.allow_dns_resolution_from_remote_vpc}};
}

json to_json_of(const peering_connection& p) {
  json j = base(p);
  j["requester"] = side_json(p.requester);
  j["accepter"] = side_json(p.accepter);
  j["status"] = p.status.text();
  return j;
}

json to_json_of(const transit_gateway& t) {
  json j = base(t);
  j["state"] = t.state.text();
  j["association_default_route_table"] = optional_id(t.association_default_route_table);
  j["propagation_default_route_table"] = optional_id(t.propagation_default_route_table);
  return j;
}

json to_json_of(const transit_gateway_attachment& a) {
  json j = base(a);
  j["transit_gateway"] = a.transit_gateway.value;
  j["resource_type"] = a.resource_type;
  j["resource_id"] = a.resource_id;
  j["resource_owner"] = a.resource_owner;
  j["subnets"] = id_list(a.subnets);
  j["state"] = a.state.text();
  j["association"] = optional_id(a.association);
  j["ipv6_support"] = a.ipv6_support;
  return j;
}

json to_json_of(const transit_gateway_route_table& t) {
  json j = base(t);
  j["transit_gateway"] = t.transit_gateway.value;
  j["routes"] = json::array();
  for (const auto& r : t.routes)
    j["routes"].push_back({{"destination", vpcsim::to_string(r.destination)},
                           {"attachments", id_list(r.attachments)},
                           {"type", r.type},
                           {"state", r.state.text()}});
  j["propagations"] = id_list(t.propagations);
  j["state"] = t.state.text();
  return j;
}

template <class T>
json table_json(const network& n) {
  json out = json::array();
  for (const auto& [id, r] : n.all<T>()) out.push_back(to_json_of(r));
  return out;
}

}  // namespace

nlohmann::json to_json(const network& n) {
  return {{"schema_version", json_schema_version},
          {"vpcs", table_json<vpc>(n)},
          {"subnets", table_json<subnet>(n)},
          {"route_tables", table_json<route_table>(n)},
          {"network_acls", table_json<network_acl>(n)},
          {"security_groups", table_json<security_group>(n)},
          {"internet_gateways", table_json<internet_gateway>(n)},
          {"egress_only_internet_gateways", table_json<egress_only_internet_gateway>(n)},
          {"nat_gateways", table_json<nat_gateway>(n)},
          {"vpn_gateways", table_json<vpn_gateway>(n)},
          {"vpc_endpoints", table_json<vpc_endpoint>(n)},
          {"network_interfaces", table_json<network_interface>(n)},
          {"instances", table_json<instance>(n)},
          {"prefix_lists", table_json<prefix_list>(n)},
          {"peering_connections", table_json<peering_connection>(n)},
          {"transit_gateways", table_json<transit_gateway>(n)},
          {"transit_gateway_attachments", table_json<transit_gateway_attachment>(n)},
          {"transit_gateway_route_tables", table_json<transit_gateway_route_table>(n)}};
}

}  // namespace vpcsim
