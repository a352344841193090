// The model as AWS CLI captures (aws_writer.hpp): every key spelled through aws_keys.hpp, each
// field in the shape the importer reads (src/io/aws_*.cpp), so that write then import is lossless.
#include <vpcsim/error.hpp>
#include "aws_keys.hpp"
#include <vpcsim/io/aws_writer.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace vpcsim {

namespace {

using json = nlohmann::json;
namespace k = aws_keys;

json tags_json(const tag_map& tags) {
  json out = json::array();
  for (const auto& [key, value] : tags) out.push_back({{k::key, key}, {k::value, value}});
  return out;
}

template <class Id>
json ids_json(const std::vector<Id>& ids) {
  json out = json::array();
  for (const auto& i : ids) out.push_back(i.value);
  return out;
}

json groups_json(const std::vector<security_group_id>& groups) {
  json out = json::array();
  for (const auto& g : groups) out.push_back({{k::group_id, g.value}});
  return out;
}

// Common to resources: the owner, as every describe-* response that has one shows it.
void owner(json& o, const scope& where) {
  if (!where.account.empty()) o[k::owner_id] = where.account;
}

std::string_view origin_text(route_origin o) {
  switch (o) {
    case route_origin::create_route_table: return "CreateRouteTable";
    case route_origin::create_route: return "CreateRoute";
    case route_origin::propagated: return "EnableVgwRoutePropagation";
  }
  return "CreateRoute";
}

// RT-13: the field of a `Route` that names each kind of target.
std::string_view target_key(target_kind t) {
  switch (t) {
    case target_kind::local:
    case target_kind::internet_gateway:
    case target_kind::virtual_private_gateway:
    case target_kind::gateway_endpoint: return k::gateway_id;
    case target_kind::egress_only_internet_gateway: return k::egress_only_internet_gateway_id;
    case target_kind::nat_gateway: return k::nat_gateway_id;
    case target_kind::gateway_load_balancer_endpoint: return k::vpc_endpoint_id;
    case target_kind::network_interface: return k::network_interface_id;
    case target_kind::instance: return k::instance_id;
    case target_kind::peering_connection: return k::vpc_peering_connection_id;
    case target_kind::transit_gateway: return k::transit_gateway_id;
    case target_kind::local_gateway: return k::local_gateway_id;
    case target_kind::carrier_gateway: return k::carrier_gateway_id;
    case target_kind::core_network: return k::core_network_arn;
  }
  return k::gateway_id;
}

// IpProtocol and a NACL entry's Protocol: `-1` for all, else the name or number (SG-12, NACL-12).
std::string protocol_text(const vpcsim::protocol& p, bool numeric) {
  if (p.is_all()) return "-1";
  return numeric ? std::to_string(p.number) : p.name();
}

json vpc_json(const vpc& v) {
  json o{{k::vpc_id, v.id.value}, {k::state, v.state.text()}, {k::is_default, v.is_default}};
  owner(o, v.where);
  if (!v.cidr_blocks.empty()) o[k::cidr_block] = v.cidr_blocks.front().to_string();
  json set = json::array();
  for (const auto& c : v.cidr_blocks)
    set.push_back({{k::cidr_block, c.to_string()}, {k::cidr_block_state, {{k::state, "associated"}}}});
  o[k::cidr_block_association_set] = set;
  if (!v.ipv6_cidr_blocks.empty()) {
    json v6 = json::array();
    for (const auto& c : v.ipv6_cidr_blocks)
      v6.push_back({{k::ipv6_cidr_block, c.to_string()}, {k::ipv6_cidr_block_state, {{k::state, "associated"}}}});
    o[k::ipv6_cidr_block_association_set] = v6;
  }
  // DNS-11: AWS names the default set `default` only for VPCs without one; a real capture always has an id.
  if (!v.dhcp_options.empty()) o[k::dhcp_options_id] = v.dhcp_options.value;
  o[k::tags] = tags_json(v.tags);
  return o;
}

json subnet_json(const subnet& s) {
  json o{{k::subnet_id, s.id.value},
         {k::vpc_id, s.vpc.value},
         {k::map_public_ip_on_launch, s.map_public_ip_on_launch},
         {k::default_for_az, s.default_for_az},
         {k::enable_dns64, s.enable_dns64},
         {k::ipv6_native, s.ipv6_native},
         {k::state, s.state.text()},
         {k::tags, tags_json(s.tags)}};
  owner(o, s.where);
  if (s.cidr_block) o[k::cidr_block] = s.cidr_block->to_string();  // VPC-6: none on an IPv6-only subnet
  if (!s.availability_zone.empty()) o[k::availability_zone] = s.availability_zone;
  if (!s.availability_zone_id.empty()) o[k::availability_zone_id] = s.availability_zone_id;
  json v6 = json::array();
  for (const auto& c : s.ipv6_cidr_blocks)
    v6.push_back({{k::ipv6_cidr_block, c.to_string()}, {k::ipv6_cidr_block_state, {{k::state, "associated"}}}});
  o[k::ipv6_cidr_block_association_set] = v6;
  return o;
}

json route_table_json(const route_table& t) {
  json o{{k::route_table_id, t.id.value}, {k::vpc_id, t.vpc.value}, {k::tags, tags_json(t.tags)}};
  owner(o, t.where);
  json routes = json::array();
  for (const auto& r : t.routes) {
    json x;
    std::visit(
        [&](const auto& d) {
          using D = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<D, cidr4>) x[k::destination_cidr_block] = d.to_string();
          else if constexpr (std::is_same_v<D, cidr6>) x[k::destination_ipv6_cidr_block] = d.to_string();
          else x[k::destination_prefix_list_id] = d.value;
        },
        r.destination);
    x[target_key(r.target.kind)] = r.target.id;
    x[k::origin] = origin_text(r.origin);
    x[k::state] = r.state == route_state::blackhole ? "blackhole" : "active";
    routes.push_back(x);
  }
  o[k::routes] = routes;
  json assocs = json::array();
  for (const auto& a : t.associations) {
    json x{{k::main, a.main}, {k::route_table_id, t.id.value}, {k::association_state, {{k::state, "associated"}}}};
    if (!a.id.empty()) x[k::route_table_association_id] = a.id;
    if (a.subnet) x[k::subnet_id] = a.subnet->value;
    if (a.gateway) x[k::gateway_id] = *a.gateway;
    assocs.push_back(x);
  }
  o[k::associations] = assocs;
  json vgws = json::array();
  for (const auto& g : t.propagating_vgws) vgws.push_back({{k::gateway_id, g.value}});
  o[k::propagating_vgws] = vgws;
  return o;
}

json permission_json(const sg_rule& r) {
  json p{{k::ip_protocol, protocol_text(r.protocol, false)},
         {k::ip_ranges, json::array()},
         {k::ipv6_ranges, json::array()},
         {k::prefix_list_ids, json::array()},
         {k::user_id_group_pairs, json::array()}};
  if (r.protocol.has_ports()) {
    p[k::from_port] = r.ports.from;
    p[k::to_port] = r.ports.to;
  } else if (r.icmp) {
    // SG-13: for ICMP, FromPort is the type and ToPort the code.
    p[k::from_port] = r.icmp->type;
    p[k::to_port] = r.icmp->code;
  }
  json peer;
  std::string_view list;
  std::visit(
      [&](const auto& x) {
        using P = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<P, cidr4>) {
          peer = {{k::cidr_ip, x.to_string()}};
          list = k::ip_ranges;
        } else if constexpr (std::is_same_v<P, cidr6>) {
          peer = {{k::cidr_ipv6, x.to_string()}};
          list = k::ipv6_ranges;
        } else if constexpr (std::is_same_v<P, prefix_list_id>) {
          peer = {{k::prefix_list_id, x.value}};
          list = k::prefix_list_ids;
        } else {
          peer = {{k::group_id, x.value}};
          list = k::user_id_group_pairs;
        }
      },
      r.peer);
  if (!r.description.empty()) peer[k::description] = r.description;
  p[list].push_back(peer);
  return p;
}

json security_group_json(const security_group& g) {
  json o{{k::group_id, g.id.value}, {k::group_name, g.name},   {k::description, g.description},
         {k::vpc_id, g.vpc.value},  {k::tags, tags_json(g.tags)}};
  owner(o, g.where);
  json in = json::array(), out = json::array();
  for (const auto& r : g.ingress) in.push_back(permission_json(r));
  for (const auto& r : g.egress) out.push_back(permission_json(r));
  o[k::ip_permissions] = in;
  o[k::ip_permissions_egress] = out;
  return o;
}

json network_acl_json(const network_acl& n) {
  json o{{k::network_acl_id, n.id.value}, {k::vpc_id, n.vpc.value}, {k::is_default, n.is_default}, {k::tags, tags_json(n.tags)}};
  owner(o, n.where);
  json entries = json::array();
  for (const auto& e : n.entries) {
    json x{{k::rule_number, e.rule_number},
           {k::egress, e.egress},
           {k::rule_action, e.action == rule_action::allow ? "allow" : "deny"},
           {k::protocol, protocol_text(e.protocol, true)}};  // NACL-12: a number string
    if (e.cidr_block) x[k::cidr_block] = e.cidr_block->to_string();
    if (e.ipv6_cidr_block) x[k::ipv6_cidr_block] = e.ipv6_cidr_block->to_string();
    if (e.ports) x[k::port_range] = {{k::from, e.ports->from}, {k::to, e.ports->to}};
    if (e.icmp) x[k::icmp_type_code] = {{k::type, e.icmp->type}, {k::code, e.icmp->code}};
    entries.push_back(x);
  }
  o[k::entries] = entries;
  json assocs = json::array();
  for (const auto& a : n.associations) {
    json x{{k::network_acl_id, n.id.value}, {k::subnet_id, a.subnet.value}};
    if (!a.id.empty()) x[k::network_acl_association_id] = a.id;
    assocs.push_back(x);
  }
  o[k::associations] = assocs;
  return o;
}

json aws_attachments_json(const std::vector<gateway_attachment>& atts) {
  json out = json::array();
  for (const auto& a : atts) out.push_back({{k::vpc_id, a.vpc.value}, {k::state, a.state.text()}});
  return out;
}

json nat_gateway_json(const nat_gateway& g) {
  json o{{k::nat_gateway_id, g.id.value},
         {k::vpc_id, g.vpc.value},
         {k::subnet_id, g.subnet.value},
         {k::state, g.state.text()},
         {k::connectivity_type, g.connectivity == nat_connectivity::public_ ? "public" : "private"},
         {k::tags, tags_json(g.tags)}};
  owner(o, g.where);
  json addrs = json::array();
  for (const auto& a : g.addresses) {
    json x = json::object();
    if (!a.allocation_id.empty()) x[k::allocation_id] = a.allocation_id;
    if (a.network_interface) x[k::network_interface_id] = a.network_interface->value;
    if (a.private_ip) x[k::private_ip] = a.private_ip->to_string();
    if (a.public_ip) x[k::public_ip] = a.public_ip->to_string();
    addrs.push_back(x);
  }
  o[k::nat_gateway_addresses] = addrs;
  return o;
}

json endpoint_json(const vpc_endpoint& e) {
  json o{{k::vpc_endpoint_id, e.id.value},
         {k::vpc_endpoint_type, to_string(e.type)},
         {k::vpc_id, e.vpc.value},
         {k::service_name, e.service_name},
         {k::state, e.state.text()},
         {k::route_table_ids, ids_json(e.route_tables)},
         {k::subnet_ids, ids_json(e.subnets)},
         {k::network_interface_ids, ids_json(e.network_interfaces)},
         {k::groups, groups_json(e.security_groups)},
         {k::private_dns_enabled, e.private_dns_enabled},
         {k::tags, tags_json(e.tags)}};
  owner(o, e.where);
  // `DnsOptions` as describe-vpc-endpoints prints it: the record type, then the inbound-only flag
  // where the service has one (IF-17, S3IF-4).
  if (!e.dns_record_ip_type.empty() || e.private_dns_only_for_inbound_resolver_endpoint) {
    json d = json::object();
    if (!e.dns_record_ip_type.empty()) d[k::dns_record_ip_type] = e.dns_record_ip_type;
    if (e.private_dns_only_for_inbound_resolver_endpoint)
      d[k::private_dns_only_for_inbound_resolver_endpoint] = *e.private_dns_only_for_inbound_resolver_endpoint;
    o[k::dns_options] = d;
  }
  json dns = json::array();
  for (const auto& d : e.dns_names) dns.push_back({{k::dns_name, d}});
  o[k::dns_entries] = dns;
  if (!e.policy_document.empty()) o[k::policy_document] = e.policy_document;
  return o;
}

json interface_json(const network_interface& e) {
  json o{{k::network_interface_id, e.id.value},
         {k::subnet_id, e.subnet.value},
         {k::vpc_id, e.vpc.value},
         {k::groups, groups_json(e.security_groups)},
         {k::interface_type, e.interface_type},
         {k::requester_managed, e.requester_managed},
         {k::source_dest_check, e.source_dest_check},
         {k::status, e.status.text()},
         {k::description, e.description},
         {k::tag_set, tags_json(e.tags)}};
  owner(o, e.where);
  if (!e.availability_zone.empty()) o[k::availability_zone] = e.availability_zone;
  json ips = json::array();
  for (const auto& p : e.private_ips) {
    json x{{k::private_ip_address, p.address.to_string()}, {k::primary, p.primary}};
    if (p.public_ip) x[k::association] = {{k::public_ip, p.public_ip->to_string()}};
    ips.push_back(x);
  }
  o[k::private_ip_addresses] = ips;
  json v6 = json::array();
  for (const auto& a : e.ipv6_addresses) v6.push_back({{k::ipv6_address, a.to_string()}});
  o[k::ipv6_addresses] = v6;
  if (e.attachment) {
    json a{{k::device_index, e.attachment->device_index}, {k::status, e.attachment->status.text()}};
    if (e.attachment->instance) a[k::instance_id] = e.attachment->instance->value;
    o[k::attachment] = a;
  }
  return o;
}

json instance_json(const instance& i, const network& n) {
  json o{{k::instance_id, i.id.value},
         {k::state, {{k::name, i.state.text()}}},
         {k::security_groups, groups_json(i.security_groups)},
         {k::source_dest_check, i.source_dest_check},
         {k::tags, tags_json(i.tags)}};
  if (!i.instance_type.empty()) o[k::instance_type] = i.instance_type;
  if (i.vpc) o[k::vpc_id] = i.vpc->value;
  if (i.subnet) o[k::subnet_id] = i.subnet->value;
  if (i.private_ip) o[k::private_ip_address] = i.private_ip->to_string();
  if (i.public_ip) o[k::public_ip_address] = i.public_ip->to_string();
  // The instance's own list of its interfaces, by device index, as describe-instances nests it.
  json enis = json::array();
  int index = 0;
  for (const auto& id : i.network_interfaces) {
    const auto* e = n.find(id);
    json x{{k::network_interface_id, id.value},
           {k::subnet_id, e ? e->subnet.value : i.subnet.value_or(subnet_id{}).value},
           {k::vpc_id, e ? e->vpc.value : i.vpc.value_or(vpc_id{}).value},
           {k::attachment, {{k::device_index, e && e->attachment ? e->attachment->device_index : index}}}};
    enis.push_back(x);
    ++index;
  }
  o[k::network_interfaces] = enis;
  return o;
}

json prefix_list_json(const prefix_list& p) {
  json cidrs = json::array();
  for (const auto& c : p.cidrs) cidrs.push_back(c.to_string());
  for (const auto& c : p.ipv6_cidrs) cidrs.push_back(c.to_string());
  json o{{k::prefix_list_id, p.id.value}, {k::prefix_list_name, p.name}, {k::cidrs, cidrs}, {k::tags, tags_json(p.tags)}};
  // describe-prefix-lists names no owner for AWS's lists; a customer-managed list has its account.
  if (!p.aws_managed) o[k::owner_id] = p.where.account;
  if (p.max_entries) o[k::max_entries] = *p.max_entries;
  return o;
}

json aws_side_json(const peering_side& s) {
  json cidrs = json::array();
  for (const auto& c : s.cidr_blocks) cidrs.push_back({{k::cidr_block, c.to_string()}});
  json o{{k::vpc_id, s.vpc.value},
         {k::cidr_block_set, cidrs},
         {k::peering_options, {{k::allow_dns_resolution_from_remote_vpc, s.allow_dns_resolution_from_remote_vpc}}}};
  if (!s.account.empty()) o[k::owner_id] = s.account;
  if (!s.region.empty()) o[k::region] = s.region;
  return o;
}

json peering_json(const peering_connection& p) {
  return {{k::vpc_peering_connection_id, p.id.value},
          {k::requester_vpc_info, aws_side_json(p.requester)},
          {k::accepter_vpc_info, aws_side_json(p.accepter)},
          {k::status, {{k::code, p.status.text()}}},
          {k::tags, tags_json(p.tags)}};
}

json transit_gateway_json(const transit_gateway& t) {
  json options = json::object();
  if (t.association_default_route_table) options[k::association_default_route_table_id] = t.association_default_route_table->value;
  if (t.propagation_default_route_table) options[k::propagation_default_route_table_id] = t.propagation_default_route_table->value;
  json o{{k::transit_gateway_id, t.id.value}, {k::state, t.state.text()}, {k::options, options}, {k::tags, tags_json(t.tags)}};
  owner(o, t.where);
  return o;
}

json attachment_json(const transit_gateway_attachment& a) {
  json o{{k::transit_gateway_attachment_id, a.id.value},
         {k::transit_gateway_id, a.transit_gateway.value},
         {k::resource_type, a.resource_type},
         {k::resource_id, a.resource_id},
         {k::resource_owner_id, a.resource_owner},
         {k::state, a.state.text()},
         {k::tags, tags_json(a.tags)}};
  if (a.association) o[k::association] = {{k::transit_gateway_route_table_id, a.association->value}, {k::state, "associated"}};
  return o;
}

// One directory per scope: `ACCOUNT/REGION/` when the account is 12 digits (the importer
// reads both levels), else the region alone, with owners in the data.
std::string dir_of(const scope& s) {
  bool account = s.account.size() == 12 && std::all_of(s.account.begin(), s.account.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::string region = s.region.empty() ? "no-region" : s.region;
  if (account) return s.account + "/" + region + "/";
  return (s.account.empty() ? std::string("no-account") : "owner-" + s.account) + "/" + region + "/";
}

// Where emit() sends the responses: items of a describe-* list by directory and key, whole
// documents by relative path, and the end of each resource type (all its items were sent).
struct sink {
  virtual ~sink() = default;
  virtual void item(const std::string& dir, std::string_view key, json value) = 0;
  virtual void document(const std::string& relative, json value) = 0;
  virtual void end_of_type() {}
};

// Every resource of `n`, type by type and by id within a type.
void emit(const network& n, sink& out) {
  auto add = [&](const scope& s, std::string_view key, json item) { out.item(dir_of(s), key, std::move(item)); };
  for (const auto& [id, v] : n.all<vpc>()) {
    add(v.where, k::vpcs, vpc_json(v));
    // describe-vpc-attribute, one answer per captured attribute (DNS-4, DNS-5).
    auto attribute = [&, &where = v.where, &vpc_id = id.value](std::string_view key, const std::optional<bool>& value) {
      if (!value) return;
      out.document(dir_of(where) + "VpcAttribute-" + vpc_id + "-" + std::string(key) + ".json",
                   json{{k::vpc_id, vpc_id}, {key, {{k::value, *value}}}});
    };
    attribute(k::enable_dns_support, v.enable_dns_support);
    attribute(k::enable_dns_hostnames, v.enable_dns_hostnames);
  }
  out.end_of_type();
  for (const auto& [id, s] : n.all<subnet>()) add(s.where, k::subnets, subnet_json(s));
  out.end_of_type();
  for (const auto& [id, t] : n.all<route_table>()) add(t.where, k::route_tables, route_table_json(t));
  out.end_of_type();
  for (const auto& [id, g] : n.all<security_group>()) add(g.where, k::security_groups, security_group_json(g));
  out.end_of_type();
  for (const auto& [id, a] : n.all<network_acl>()) add(a.where, k::network_acls, network_acl_json(a));
  out.end_of_type();
  for (const auto& [id, g] : n.all<internet_gateway>()) {
    json o{{k::internet_gateway_id, id.value}, {k::attachments, aws_attachments_json(g.attachments)}, {k::tags, tags_json(g.tags)}};
    owner(o, g.where);
    add(g.where, k::internet_gateways, o);
  }
  out.end_of_type();
  for (const auto& [id, g] : n.all<egress_only_internet_gateway>()) {
    json o{{k::egress_only_internet_gateway_id, id.value}, {k::attachments, aws_attachments_json(g.attachments)}, {k::tags, tags_json(g.tags)}};
    owner(o, g.where);
    add(g.where, k::egress_only_internet_gateways, o);
  }
  out.end_of_type();
  for (const auto& [id, g] : n.all<nat_gateway>()) add(g.where, k::nat_gateways, nat_gateway_json(g));
  out.end_of_type();
  for (const auto& [id, g] : n.all<vpn_gateway>()) {
    json o{{k::vpn_gateway_id, id.value}, {k::state, g.state.text()}, {k::vpc_attachments, aws_attachments_json(g.attachments)}, {k::tags, tags_json(g.tags)}};
    owner(o, g.where);
    add(g.where, k::vpn_gateways, o);
  }
  out.end_of_type();
  for (const auto& [id, e] : n.all<vpc_endpoint>()) add(e.where, k::vpc_endpoints, endpoint_json(e));
  out.end_of_type();
  for (const auto& [id, e] : n.all<network_interface>()) add(e.where, k::network_interfaces, interface_json(e));
  out.end_of_type();
  for (const auto& [id, i] : n.all<instance>()) {
    json r{{k::instances, json::array({instance_json(i, n)})}};
    owner(r, i.where);
    add(i.where, k::reservations, r);
  }
  out.end_of_type();
  for (const auto& [id, p] : n.all<prefix_list>()) add(p.where, k::prefix_lists, prefix_list_json(p));
  out.end_of_type();
  for (const auto& [id, p] : n.all<peering_connection>()) add(p.where, k::vpc_peering_connections, peering_json(p));
  out.end_of_type();
  for (const auto& [id, t] : n.all<transit_gateway>()) add(t.where, k::transit_gateways, transit_gateway_json(t));
  out.end_of_type();
  for (const auto& [id, a] : n.all<transit_gateway_attachment>()) {
    add(a.where, k::transit_gateway_attachments, attachment_json(a));
    // The VPC attachment view carries the subnets (describe-transit-gateway-vpc-attachments).
    if (a.resource_type == "vpc" && (!a.subnets.empty() || a.ipv6_support)) {
      json v{{k::transit_gateway_attachment_id, id.value}, {k::transit_gateway_id, a.transit_gateway.value},
             {k::vpc_id, a.resource_id}, {k::subnet_ids, ids_json(a.subnets)}, {k::state, a.state.text()}};
      if (a.ipv6_support) v[k::options] = {{k::ipv6_support, "enable"}};  // TGW-2
      add(a.where, k::transit_gateway_vpc_attachments, v);
    }
  }
  out.end_of_type();
  for (const auto& [id, t] : n.all<transit_gateway_route_table>()) {
    add(t.where, k::transit_gateway_route_tables,
        {{k::transit_gateway_route_table_id, id.value}, {k::transit_gateway_id, t.transit_gateway.value}, {k::state, t.state.text()}, {k::tags, tags_json(t.tags)}});
    json routes = json::array();
    for (const auto& r : t.routes) {
      json atts = json::array();
      for (const auto& a : r.attachments) atts.push_back({{k::transit_gateway_attachment_id, a.value}});
      routes.push_back({{k::destination_cidr_block, vpcsim::to_string(r.destination)}, {k::transit_gateway_attachments, atts},
                        {k::type, r.type}, {k::state, r.state.text()}});
    }
    if (!routes.empty())
      add(t.where, k::transit_gateway_static_routes, {{k::transit_gateway_route_table_id, id.value}, {k::routes, routes}});
    json props = json::array();
    for (const auto& a : t.propagations) props.push_back({{k::transit_gateway_attachment_id, a.value}, {k::state, "enabled"}});
    if (!props.empty())
      add(t.where, k::transit_gateway_propagations,
          {{k::transit_gateway_route_table_id, id.value}, {k::transit_gateway_route_table_propagations, props}});
  }
  out.end_of_type();  // DNS-11: describe-dhcp-options.
  for (const auto& [id, o] : n.all<dhcp_options>()) {
    json configs = json::array();
    auto config = [&](const std::string& key, const std::vector<std::string>& values) {
      json vs = json::array();
      for (const auto& v : values) vs.push_back({{k::value, v}});
      configs.push_back({{k::key, key}, {k::values, vs}});
    };
    if (!o.domain_name.empty()) config(std::string(k::domain_name_option), o.domain_name);
    if (!o.domain_name_servers.empty()) config(std::string(k::domain_name_servers), o.domain_name_servers);
    std::map<std::string, std::vector<std::string>> others;  // `key=value`, grouped by key
    for (const auto& kv : o.other)
      if (const auto eq = kv.find('='); eq != std::string::npos) others[kv.substr(0, eq)].push_back(kv.substr(eq + 1));
    for (const auto& [key, values] : others) config(key, values);
    json item{{k::dhcp_configurations, configs}, {k::dhcp_options_id, id.value}, {k::tags, tags_json(o.tags)}};
    owner(item, o.where);
    add(o.where, k::dhcp_options, item);
  }
  out.end_of_type();
  // DNS-3, DNS-12: list-hosted-zones, and per zone get-hosted-zone and list-resource-record-sets
  // (tagged with the zone id as the README's recipe does).
  for (const auto& [id, z] : n.all<hosted_zone>()) {
    json zone{{k::id, "/hostedzone/" + id.value}, {k::name, z.name + "."}, {"CallerReference", id.value},
              {k::config, {{k::comment, z.comment}, {k::private_zone, z.private_zone}}},
              {"ResourceRecordSetCount", z.records.size()}};
    if (z.comment.empty()) zone[k::config].erase(std::string(k::comment));
    add(z.where, k::hosted_zones, zone);
    json vpcs = json::array();
    for (const auto& v : z.vpcs) vpcs.push_back({{k::vpc_region, v.region}, {k::vpc_id_upper, v.vpc.value}});
    json got{{k::hosted_zone, zone}};
    if (z.private_zone) got[k::vpcs_of_zone] = vpcs;
    out.document(dir_of(z.where) + "hosted-zone-" + id.value + ".json", got);
    if (!z.records_known) continue;
    json records = json::array();
    for (const auto& r : z.records) {
      json x{{k::name, r.name + "."}, {k::type, r.type_name}};
      if (!r.set_identifier.empty()) x[k::set_identifier] = r.set_identifier;
      if (r.is_alias()) {
        x[k::alias_target] = {{k::hosted_zone_id, r.alias_zone_id}, {k::dns_name_upper, r.alias_target + "."},
                              {"EvaluateTargetHealth", false}};
      } else {
        json values = json::array();
        for (const auto& v : r.values) values.push_back({{k::value, v}});
        x["TTL"] = 300;
        x[k::resource_records] = values;
      }
      records.push_back(std::move(x));
    }
    out.document(dir_of(z.where) + "record-sets-" + id.value + ".json",
                 json{{k::resource_record_sets, records}, {"IsTruncated", false}, {"MaxItems", "300"},
                      {k::hosted_zone_id, id.value}});
  }
  out.end_of_type();
  // DNS-13: list-resolver-endpoints, list-resolver-rules, list-resolver-rule-associations.
  for (const auto& [id, e] : n.all<resolver_endpoint>()) {
    json item{{k::id, id.value}, {k::name, name_tag(e.tags)}, {k::security_group_ids, ids_json(e.security_groups)},
              {k::direction, e.direction}, {k::host_vpc_id, e.vpc.value}, {k::status, e.status.text()}};
    add(e.where, k::resolver_endpoints, item);
  }
  out.end_of_type();
  for (const auto& [id, r] : n.all<resolver_rule>()) {
    json item{{k::id, id.value}, {k::domain_name, r.domain_name + "."}, {k::status, r.status.text()},
              {k::rule_type, std::string(to_string(r.type))}, {k::name, name_tag(r.tags)}};
    if (!r.targets.empty()) {
      json targets = json::array();
      for (const auto& t : r.targets) targets.push_back({{k::ip, t.ip}, {k::port, t.port}});
      item[k::target_ips] = targets;
    }
    if (!r.endpoint.empty()) item[k::resolver_endpoint_id] = r.endpoint.value;
    owner(item, r.where);
    add(r.where, k::resolver_rules, item);
    for (const auto& v : r.vpcs)
      add(r.where, k::resolver_rule_associations,
          {{k::resolver_rule_id, id.value}, {k::name, name_tag(r.tags)}, {k::vpc_id_upper, v.value}, {k::status, "COMPLETE"}});
  }
  out.end_of_type();
}

}  // namespace

std::map<std::string, nlohmann::json> to_aws_cli(const network& n) {
  struct files_sink : sink {
    std::map<std::string, nlohmann::json> files;
    void item(const std::string& dir, std::string_view key, json value) override {
      files[dir + std::string(key) + ".json"][key].push_back(std::move(value));
    }
    void document(const std::string& relative, json value) override { files[relative] = std::move(value); }
  } out;
  emit(n, out);
  return std::move(out.files);
}

aws_write_summary write_aws_cli(const network& n, const std::filesystem::path& directory,
                                const aws_write_options& options) {
  // Writes each response as soon as it is complete: memory holds one file's JSON per scope and
  // type at most, not the whole capture.
  struct disk_sink : sink {
    const std::filesystem::path& root;
    std::size_t limit;
    aws_write_summary summary;
    struct pending {
      std::string dir;
      std::string key;
      json items = json::array();
      std::size_t parts = 0;  // files written so far
    };
    std::map<std::string, pending> open;  // by directory + key

    disk_sink(const std::filesystem::path& r, std::size_t l) : root(r), limit(l) {}

    void write(const std::string& relative, const json& doc) {
      auto path = root / relative;
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      std::string text = doc.dump(1);
      text += '\n';
      std::ofstream file(path, std::ios::binary);
      file.write(text.data(), static_cast<std::streamsize>(text.size()));
      file.close();
      if (ec || !file)
        throw error("vpcsim.convert.unwritable", "[vpcsim.convert.unwritable] " + path.generic_string() + ": cannot write");
      ++summary.files;
      summary.bytes += text.size();
    }
    void flush(pending& p) {
      if (p.items.empty()) return;
      ++p.parts;
      // `Reservations.json`, then `Reservations-2.json`, … (the importer reads every file).
      std::string name = p.parts == 1 ? p.key : p.key + "-" + std::to_string(p.parts);
      write(p.dir + name + ".json", json{{p.key, std::move(p.items)}});
      p.items = json::array();
    }
    void item(const std::string& dir, std::string_view key, json value) override {
      auto& p = open[dir + std::string(key)];
      if (p.key.empty()) {
        p.dir = dir;
        p.key = std::string(key);
      }
      p.items.push_back(std::move(value));
      if (limit != 0 && p.items.size() >= limit) flush(p);
    }
    void document(const std::string& relative, json value) override { write(relative, value); }
    void end_of_type() override {
      for (auto& [name, p] : open) flush(p);
      open.clear();
    }
  } out(directory, options.max_items_per_file);
  emit(n, out);
  return out.summary;
}

void write_aws_cli(const network& n, const std::filesystem::path& directory) {
  write_aws_cli(n, directory, aws_write_options{});
}

}  // namespace vpcsim
