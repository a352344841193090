// Readers for gateways, VPC endpoints, prefix lists, peering and transit gateways.
#include "aws_import.hpp"

#include "aws_keys.hpp"
#include <vpcsim/io/policy_json.hpp>

namespace vpcsim::detail::aws {

namespace k = aws_keys;

namespace {

constexpr std::array<std::pair<std::string_view, nat_connectivity>, 2> nat_connectivities{{
    {"public", nat_connectivity::public_},
    {"private", nat_connectivity::private_},
}};

constexpr std::array<std::pair<std::string_view, endpoint_type>, 3> endpoint_types{{
    {"Gateway", endpoint_type::gateway},
    {"Interface", endpoint_type::interface},
    {"GatewayLoadBalancer", endpoint_type::gateway_load_balancer},
}};

// VPC Lattice endpoint types: real AWS data that vpcsim does not model.
constexpr std::array<std::string_view, 2> lattice_endpoint_types{"Resource", "ServiceNetwork"};

std::vector<gateway_attachment> read_attachments(reader& r, std::string_view key) {
  std::vector<gateway_attachment> out;
  r.each(key, [&](reader& a) {
    auto v = a.string(k::vpc_id, true);
    gateway_attachment att{vpc_id{v.value_or("")}, "attached"};
    read_state(a, k::state, att.state);
    if (v) out.push_back(std::move(att));
  });
  return out;
}

template <class Id>
std::vector<Id> ids(reader& r, std::string_view key) {
  std::vector<Id> out;
  for (auto& s : r.strings(key)) out.emplace_back(std::move(s));
  return out;
}

peering_side read_side(reader& r, std::string_view key) {
  peering_side side;
  auto info = r.child(key);
  if (!info) {
    if (!r.raw().contains(key)) r.error(messages::missing_field(r.at(), key));
    return side;
  }
  side.vpc = vpc_id{info->string(k::vpc_id, true).value_or("")};
  side.account = info->string(k::owner_id).value_or("");
  side.region = info->string(k::region).value_or("");
  info->each(k::cidr_block_set, [&](reader& c) {
    if (auto b = c.cidr4_field(k::cidr_block, true)) side.cidr_blocks.push_back(*b);
  });
  // Older captures have only the primary CidrBlock.
  auto primary = info->cidr4_field(k::cidr_block);
  if (side.cidr_blocks.empty() && primary) side.cidr_blocks.push_back(*primary);
  if (auto opts = info->child(k::peering_options))
    side.allow_dns_resolution_from_remote_vpc =
        opts->boolean(k::allow_dns_resolution_from_remote_vpc).value_or(false);  // DNS-10
  return side;
}

}  // namespace

void read_internet_gateway(reader& r) {
  internet_gateway g;
  auto id = r.id(k::internet_gateway_id, "internet-gateway");
  g.id = internet_gateway_id{id.value_or("")};
  g.where = r.scope_for(r.string(k::owner_id));
  g.attachments = read_attachments(r, k::attachments);
  g.tags = r.tags(k::tags);
  r.finish("internet gateway", k::ignored::internet_gateway);
  if (!r.failed()) r.imp().add(std::move(g), r, k::internet_gateways);
}

void read_egress_only_internet_gateway(reader& r) {
  egress_only_internet_gateway g;
  auto id = r.id(k::egress_only_internet_gateway_id, "egress-only-internet-gateway");
  g.id = egress_only_internet_gateway_id{id.value_or("")};
  g.where = r.scope_for(r.string(k::owner_id));
  g.attachments = read_attachments(r, k::attachments);
  g.tags = r.tags(k::tags);
  r.finish("egress-only internet gateway", k::ignored::internet_gateway);
  if (!r.failed()) r.imp().add(std::move(g), r, k::egress_only_internet_gateways);
}

void read_nat_gateway(reader& r) {
  nat_gateway n;
  auto id = r.id(k::nat_gateway_id, "nat-gateway");
  n.id = nat_gateway_id{id.value_or("")};
  n.where = r.scope_for(r.string(k::owner_id));
  n.vpc = vpc_id{r.string(k::vpc_id, true).value_or("")};
  n.subnet = subnet_id{r.string(k::subnet_id, true).value_or("")};
  // NAT-1: `public` unless the capture says otherwise (older captures predate the field).
  if (auto c = r.string(k::connectivity_type))
    if (auto v = lookup(r, k::connectivity_type, *c, nat_connectivities, "public or private"))
      n.connectivity = *v;
  read_state(r, k::state, n.state);
  r.each(k::nat_gateway_addresses, [&](reader& a) {
    nat_gateway_address x;
    x.allocation_id = a.string(k::allocation_id).value_or("");
    if (auto e = a.string(k::network_interface_id)) x.network_interface = network_interface_id{*e};
    x.private_ip = a.address4_field(k::private_ip);
    x.public_ip = a.address4_field(k::public_ip);
    n.addresses.push_back(std::move(x));
  });
  n.tags = r.tags(k::tags);
  r.finish("NAT gateway", k::ignored::nat_gateway);
  if (!r.failed()) r.imp().add(std::move(n), r, k::nat_gateways);
}

void read_vpn_gateway(reader& r) {
  vpn_gateway g;
  auto id = r.id(k::vpn_gateway_id, "vpn-gateway");
  g.id = vpn_gateway_id{id.value_or("")};
  g.where = r.scope_for(r.string(k::owner_id));
  read_state(r, k::state, g.state);
  g.attachments = read_attachments(r, k::vpc_attachments);
  g.tags = r.tags(k::tags);
  r.finish("VPN gateway", k::ignored::vpn_gateway);
  if (!r.failed()) r.imp().add(std::move(g), r, k::vpn_gateways);
}

void read_vpc_endpoint(reader& r) {
  vpc_endpoint e;
  auto id = r.id(k::vpc_endpoint_id, "vpc-endpoint");
  e.id = vpc_endpoint_id{id.value_or("")};
  e.where = r.scope_for(r.string(k::owner_id));
  e.vpc = vpc_id{r.string(k::vpc_id, true).value_or("")};
  e.service_name = r.string(k::service_name, true).value_or("");
  // Gateway endpoints predate the type field; a capture without it holds a gateway endpoint.
  if (auto t = r.string(k::vpc_endpoint_type)) {
    for (auto lattice : lattice_endpoint_types)
      if (*t == lattice) {
        r.warn(messages::unsupported_value(r.at(k::vpc_endpoint_type), "endpoint type '" + *t + "'"));
        return;
      }
    if (auto v = lookup(r, k::vpc_endpoint_type, *t, endpoint_types,
                        "Gateway, Interface or GatewayLoadBalancer"))
      e.type = *v;
  }
  read_state(r, k::state, e.state);
  e.route_tables = ids<route_table_id>(r, k::route_table_ids);
  e.subnets = ids<subnet_id>(r, k::subnet_ids);
  e.network_interfaces = ids<network_interface_id>(r, k::network_interface_ids);
  r.each(k::groups, [&](reader& g) {
    if (auto gid = g.string(k::group_id, true)) e.security_groups.emplace_back(*gid);
  });
  e.private_dns_enabled = r.boolean(k::private_dns_enabled).value_or(false);  // IF-11
  if (auto d = r.child(k::dns_options)) {
    e.private_dns_only_for_inbound_resolver_endpoint =
        d->boolean(k::private_dns_only_for_inbound_resolver_endpoint);  // S3IF-4, DDBIF-4
    e.dns_record_ip_type = d->string(k::dns_record_ip_type).value_or("");  // IF-17
  }
  r.each(k::dns_entries, [&](reader& d) {
    if (auto n = d.string(k::dns_name)) e.dns_names.push_back(*n);
  });
  if (auto doc = r.string(k::policy_document)) {
    e.policy_document = *doc;
    std::string problem;
    e.policy = parse_endpoint_policy(*doc, problem, r.imp().options().limits.max_json_depth);
    if (!e.policy) r.error(messages::bad_policy(r.at(), k::policy_document, problem));
  }
  e.tags = r.tags(k::tags);
  r.finish("VPC endpoint", k::ignored::vpc_endpoint);
  if (!r.failed()) r.imp().add(std::move(e), r, k::vpc_endpoints);
}

// `PrefixLists` holds either shape: describe-prefix-lists (AWS service lists with their `Cidrs`)
// or describe-managed-prefix-lists (owner, size, no entries; `Entries` come separately).
void read_prefix_list(reader& r) {
  prefix_list p;
  auto id = r.id(k::prefix_list_id, "prefix-list");
  p.id = prefix_list_id{id.value_or("")};
  auto owner = r.string(k::owner_id);
  // describe-prefix-lists lists only AWS-managed lists and names no owner;
  // describe-managed-prefix-lists names them with the owner `AWS`, which is no account: they
  // belong to the capture's account and region like the other copy (GW-5).
  p.aws_managed = !owner || *owner == k::aws_owner;
  p.where = r.scope_for(p.aws_managed ? std::nullopt : owner);
  p.name = r.string(k::prefix_list_name).value_or("");
  if (auto cidrs = r.array(k::cidrs))
    cidrs->each_element([&](std::size_t i, json v) {
      location at{r.ctx().file, child_pointer(child_pointer(r.pointer(), k::cidrs), i), r.at().resource};
      if (!v.is_string()) {
        r.error(messages::wrong_type(at, "each element of '" + std::string(k::cidrs) + "'", "a string",
                                     json_type_name(v)));
        return;
      }
      std::string text(v.string());
      if (text.find(':') != std::string::npos) {
        if (auto b = r.parse_cidr6(text, at, k::cidrs)) p.ipv6_cidrs.push_back(*b);
      } else if (auto b = r.parse_cidr4(text, at, k::cidrs)) {
        p.cidrs.push_back(*b);
      }
    });
  r.string(k::address_family);
  if (auto m = r.integer(k::max_entries)) p.max_entries = static_cast<int>(*m);
  p.tags = r.tags(k::tags);
  r.finish("prefix list", k::ignored::prefix_list);
  if (!r.failed()) r.imp().add(std::move(p), r, k::prefix_lists);
}

void read_peering_connection(reader& r) {
  peering_connection p;
  auto id = r.id(k::vpc_peering_connection_id, "peering-connection");
  p.id = peering_connection_id{id.value_or("")};
  p.requester = read_side(r, k::requester_vpc_info);
  p.accepter = read_side(r, k::accepter_vpc_info);
  p.where = r.scope_for(p.requester.account);
  if (auto s = r.child(k::status)) read_state(*s, k::code, p.status);
  p.tags = r.tags(k::tags);
  r.finish("peering connection", k::ignored::peering_connection);
  if (!r.failed()) r.imp().add(std::move(p), r, k::vpc_peering_connections);
}

void read_transit_gateway(reader& r) {
  transit_gateway t;
  auto id = r.id(k::transit_gateway_id, "transit-gateway");
  t.id = transit_gateway_id{id.value_or("")};
  t.where = r.scope_for(r.string(k::owner_id));
  read_state(r, k::state, t.state);
  if (auto o = r.child(k::options)) {
    if (auto a = o->string(k::association_default_route_table_id))
      t.association_default_route_table = transit_gateway_route_table_id{*a};
    if (auto p = o->string(k::propagation_default_route_table_id))
      t.propagation_default_route_table = transit_gateway_route_table_id{*p};
  }
  t.tags = r.tags(k::tags);
  r.finish("transit gateway", k::ignored::transit_gateway);
  if (!r.failed()) r.imp().add(std::move(t), r, k::transit_gateways);
}

void read_transit_gateway_attachment(reader& r) {
  transit_gateway_attachment a;
  auto id = r.id(k::transit_gateway_attachment_id, "transit-gateway-attachment");
  a.id = transit_gateway_attachment_id{id.value_or("")};
  a.transit_gateway = transit_gateway_id{r.string(k::transit_gateway_id, true).value_or("")};
  a.resource_type = r.string(k::resource_type).value_or("");
  a.resource_id = r.string(k::resource_id).value_or("");
  a.resource_owner = r.string(k::resource_owner_id).value_or("");
  a.where = r.scope_for(a.resource_owner);
  read_state(r, k::state, a.state);
  if (auto assoc = r.child(k::association)) {
    auto table = assoc->string(k::transit_gateway_route_table_id);
    state_of<tgw_association_state> state = "associated";
    read_state(*assoc, k::state, state);
    if (table && state == tgw_association_state::associated) a.association = transit_gateway_route_table_id{*table};
  }
  a.tags = r.tags(k::tags);
  r.finish("transit gateway attachment", k::ignored::transit_gateway_attachment);
  if (!r.failed()) r.imp().add(std::move(a), r, k::transit_gateway_attachments);
}

void read_transit_gateway_vpc_attachment(reader& r) {
  transit_gateway_attachment a;
  auto id = r.id(k::transit_gateway_attachment_id, "transit-gateway-attachment");
  a.id = transit_gateway_attachment_id{id.value_or("")};
  a.transit_gateway = transit_gateway_id{r.string(k::transit_gateway_id, true).value_or("")};
  a.resource_type = "vpc";
  a.resource_id = r.string(k::vpc_id, true).value_or("");
  a.resource_owner = r.string(k::vpc_owner_id).value_or("");
  a.where = r.scope_for(a.resource_owner);
  a.subnets = ids<subnet_id>(r, k::subnet_ids);
  read_state(r, k::state, a.state);
  // TGW-2: `Options.Ipv6Support` (`enable` | `disable`, default `disable`).
  if (auto o = r.child(k::options))
    if (auto v6 = o->string(k::ipv6_support)) {
      if (*v6 == "enable") a.ipv6_support = true;
      else if (*v6 != "disable") o->warn(messages::unsupported_value(o->at(k::ipv6_support), "Ipv6Support " + *v6));
    }
  a.tags = r.tags(k::tags);
  r.finish("transit gateway VPC attachment", k::ignored::transit_gateway_vpc_attachment);
  if (!r.failed()) r.imp().add(std::move(a), r, k::transit_gateway_vpc_attachments);
}

void read_transit_gateway_route_table(reader& r) {
  transit_gateway_route_table t;
  auto id = r.id(k::transit_gateway_route_table_id, "transit-gateway-route-table");
  t.id = transit_gateway_route_table_id{id.value_or("")};
  t.where = r.scope_for(std::nullopt);
  t.transit_gateway = transit_gateway_id{r.string(k::transit_gateway_id, true).value_or("")};
  read_state(r, k::state, t.state);
  t.tags = r.tags(k::tags);
  r.finish("transit gateway route table", k::ignored::transit_gateway_route_table);
  if (!r.failed()) r.imp().add(std::move(t), r, k::transit_gateway_route_tables);
}

void read_transit_gateway_static_routes(reader& r) {
  auto table = r.id(k::transit_gateway_route_table_id, "transit-gateway-route-table");
  tgw_routes_doc doc{r.at(), transit_gateway_route_table_id{table.value_or("")}, {}};
  r.each(k::routes, [&](reader& x) {
    transit_gateway_route route;
    auto text = x.string(k::destination_cidr_block);
    auto pl = x.string(k::prefix_list_id);
    x.each(k::transit_gateway_attachments, [&](reader& a) {
      if (auto aid = a.string(k::transit_gateway_attachment_id, true)) route.attachments.emplace_back(*aid);
    });
    route.type = x.string(k::type).value_or(route.type);
    read_state(x, k::state, route.state);
    if (text && text->find(':') == std::string::npos) {
      if (auto v4 = x.parse_cidr4(*text, x.at(k::destination_cidr_block), k::destination_cidr_block)) {
        route.destination = *v4;
        doc.routes.push_back(std::move(route));
      }
    } else if (text) {
      // TGW-2: search-transit-gateway-routes prints IPv6 destinations in the same field.
      if (auto v6 = x.parse_cidr6(*text, x.at(k::destination_cidr_block), k::destination_cidr_block)) {
        route.destination = *v6;
        doc.routes.push_back(std::move(route));
      }
    } else if (pl) {
      // The model holds CIDR destinations only, not prefix-list references.
      x.warn(messages::unsupported_value(x.at(), "transit gateway route to " + *pl));
    } else if (!x.failed()) {
      x.error(messages::missing_field(x.at(), k::destination_cidr_block));
    }
  });
  if (!r.failed()) r.imp().tgw_routes.push_back(std::move(doc));
}

void read_transit_gateway_propagations(reader& r) {
  auto table = r.id(k::transit_gateway_route_table_id, "transit-gateway-route-table");
  tgw_propagations_doc doc{r.at(), transit_gateway_route_table_id{table.value_or("")}, {}};
  r.each(k::transit_gateway_route_table_propagations, [&](reader& p) {
    auto aid = p.string(k::transit_gateway_attachment_id, true);
    if (aid && p.string(k::state).value_or("enabled") == "enabled") doc.attachments.emplace_back(*aid);
  });
  if (!r.failed()) r.imp().tgw_propagations.push_back(std::move(doc));
}

}  // namespace vpcsim::detail::aws
