// Readers for VPCs, subnets, route tables, security groups and network ACLs.
#include "aws_import.hpp"

#include "aws_keys.hpp"

#include <algorithm>

namespace vpcsim::detail::aws {

namespace k = aws_keys;

namespace {

// A CIDR association counts only while associated; AWS keeps disassociated ones listed for a while.
bool associated(reader& r, std::string_view state_key) {
  auto s = r.child(state_key);
  if (!s) return true;
  return s->string(k::state).value_or("associated") == "associated";
}

template <class T>
void push_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

constexpr std::array<std::pair<std::string_view, route_state>, 2> route_states{{
    {"active", route_state::active},
    {"blackhole", route_state::blackhole},  // RT-22
}};

constexpr std::array<std::pair<std::string_view, route_origin>, 3> route_origins{{
    {"CreateRouteTable", route_origin::create_route_table},
    {"CreateRoute", route_origin::create_route},
    {"EnableVgwRoutePropagation", route_origin::propagated},  // RT-15, RT-17
}};

constexpr std::array<std::pair<std::string_view, rule_action>, 2> rule_actions{{
    {"allow", rule_action::allow},
    {"deny", rule_action::deny},
}};

// `GatewayId` holds several kinds, told apart by the id prefix (RT-13).
constexpr std::array<std::pair<std::string_view, target_kind>, 3> gateway_prefixes{{
    {"igw-", target_kind::internet_gateway},
    {"vgw-", target_kind::virtual_private_gateway},
    {"vpce-", target_kind::gateway_endpoint},  // GW-6: prefix-list route of a gateway endpoint
}};

std::optional<route_target> read_target(reader& r) {
  // Target precedence, first present wins. AWS sets exactly one target field per route except
  // for routes to an instance, where it reports both InstanceId and the instance's
  // NetworkInterfaceId: such a route is read as `instance` (the route names the instance).
  auto gateway = r.string(k::gateway_id);
  const std::pair<std::string_view, target_kind> others[] = {
      {k::nat_gateway_id, target_kind::nat_gateway},
      {k::transit_gateway_id, target_kind::transit_gateway},
      {k::vpc_peering_connection_id, target_kind::peering_connection},
      {k::egress_only_internet_gateway_id, target_kind::egress_only_internet_gateway},
      {k::local_gateway_id, target_kind::local_gateway},
      {k::carrier_gateway_id, target_kind::carrier_gateway},
      {k::core_network_arn, target_kind::core_network},
      {k::vpc_endpoint_id, target_kind::gateway_load_balancer_endpoint},
      {k::instance_id, target_kind::instance},
      {k::network_interface_id, target_kind::network_interface},
  };
  std::optional<route_target> found;
  for (const auto& [key, kind] : others)
    if (auto id = r.string(key); id && !found) found = route_target{kind, *id};
  if (gateway) {
    if (*gateway == "local") return route_target{target_kind::local, *gateway};
    for (const auto& [prefix, kind] : gateway_prefixes)
      if (gateway->starts_with(prefix)) return route_target{kind, *gateway};
    r.error(messages::bad_value(r.at(), k::gateway_id, *gateway, "local or an igw-, vgw- or vpce- id"));
    return std::nullopt;
  }
  return found;
}

std::optional<route> read_route(reader& r) {
  auto v4 = r.cidr4_field(k::destination_cidr_block);
  auto v6 = r.cidr6_field(k::destination_ipv6_cidr_block);
  auto pl = r.string(k::destination_prefix_list_id);
  auto target = read_target(r);
  auto state = r.string(k::state);
  auto origin = r.string(k::origin);
  r.finish("route", k::ignored::route);

  route out;
  if (v4) out.destination = *v4;
  else if (v6) out.destination = *v6;
  else if (pl) out.destination = prefix_list_id{*pl};
  else {
    const auto& raw = r.raw();
    if (!raw.contains(k::destination_cidr_block) && !raw.contains(k::destination_ipv6_cidr_block))
      r.error(messages::missing_field(r.at(), k::destination_cidr_block));
    return std::nullopt;
  }
  if (state) {
    auto s = lookup(r, k::state, *state, route_states, "active or blackhole");
    if (!s) return std::nullopt;
    out.state = *s;
  }
  if (origin) {
    auto o = lookup(r, k::origin, *origin, route_origins,
                    "CreateRouteTable, CreateRoute or EnableVgwRoutePropagation");
    if (!o) return std::nullopt;
    out.origin = *o;
  }
  if (!target) {
    if (!r.failed()) r.warn(messages::route_without_target(r.at(), to_string(out.destination)));
    return std::nullopt;
  }
  out.target = *target;
  return out;
}

// One port bound: 0..65535 (SG-13, NACL-13).
std::optional<std::uint16_t> port(reader& r, std::string_view key, std::int64_t v) {
  if (v < 0 || v > 65535) {
    r.error(messages::bad_value(r.at(), key, std::to_string(v), "a port from 0 to 65535"));
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(v);
}

// An ICMP type or code: -1 (all) or 0..255.
int icmp_value(reader& r, std::string_view key, std::optional<std::int64_t> v) {
  if (!v) return -1;
  if (*v < -1 || *v > 255) {
    r.error(messages::bad_value(r.at(), key, std::to_string(*v), "-1 or an ICMP type or code from 0 to 255"));
    return -1;
  }
  return static_cast<int>(*v);
}

std::optional<vpcsim::protocol> read_protocol(reader& r, std::string_view key) {
  // IpProtocol is a string in AWS output; accept a number too, as some tools write it.
  auto v = r.get(key);
  if (!v) {
    r.error(messages::missing_field(r.at(), key));
    return std::nullopt;
  }
  std::string text;
  if (v->is_string()) text = v->string();
  else if (v->is_number_integer()) text = v->is_number_unsigned() ? std::to_string(v->uint64()) : std::to_string(v->int64());
  else {
    r.error(messages::wrong_type(r.at(key), "'" + std::string(key) + "'", "a string", json_type_name(*v)));
    return std::nullopt;
  }
  // SG-12, NACL-12: names and numbers are one protocol (`tcp` = 6, `-1` = all).
  auto p = vpcsim::protocol::parse(text);
  if (!p) r.error(messages::bad_value(r.at(), key, text, "a protocol name, a number from 0 to 255, or -1"));
  return p;
}

void read_permission(reader& p, std::vector<sg_rule>& rules) {
  auto proto = read_protocol(p, k::ip_protocol);
  auto from = p.integer(k::from_port);
  auto to = p.integer(k::to_port);
  sg_rule base;
  if (proto) {
    base.protocol = *proto;
    if (proto->has_ports() && from && to) {
      // SG-13: an inclusive TCP/UDP range. Without FromPort/ToPort every port matches.
      auto lo = port(p, k::from_port, *from);
      auto hi = port(p, k::to_port, *to);
      if (lo && hi && *lo > *hi)
        p.error(messages::bad_value(p.at(), k::to_port, std::to_string(*hi),
                                    "at least 'FromPort' (" + std::to_string(*lo) + ")"));
      else if (lo && hi) base.ports = port_range{*lo, *hi};
    } else if (proto->is_icmp()) {
      // SG-13: for ICMP, FromPort is the type and ToPort the code; -1 means all.
      base.icmp = icmp_type_code{icmp_value(p, k::from_port, from), icmp_value(p, k::to_port, to)};
    }
    // SG-12: -1 and protocols without ports allow every port whatever range is given.
  }
  auto with_peer = [&](reader& x, sg_peer peer) {
    sg_rule rule = base;
    rule.peer = std::move(peer);
    rule.description = x.string(k::description).value_or("");
    rules.push_back(std::move(rule));
  };
  p.each(k::ip_ranges, [&](reader& x) {
    if (auto c = x.cidr4_field(k::cidr_ip, true)) with_peer(x, *c);
  });
  p.each(k::ipv6_ranges, [&](reader& x) {
    if (auto c = x.cidr6_field(k::cidr_ipv6, true)) with_peer(x, *c);
  });
  p.each(k::prefix_list_ids, [&](reader& x) {
    if (auto id = x.string(k::prefix_list_id, true)) with_peer(x, prefix_list_id{*id});
  });
  p.each(k::user_id_group_pairs, [&](reader& x) {
    // SG-15: the peer is the group; UserId, VpcId and the peering fields only locate it.
    auto id = x.string(k::group_id, true);
    if (id) with_peer(x, security_group_id{*id});
  });
  p.finish("security group rule", k::ignored::ip_permission);
}

}  // namespace

void read_vpc(reader& r) {
  vpc v;
  auto id = r.id(k::vpc_id, "vpc");
  v.id = vpc_id{id.value_or("")};
  v.where = r.scope_for(r.string(k::owner_id));
  if (auto c = r.cidr4_field(k::cidr_block, true)) v.cidr_blocks.push_back(*c);
  r.each(k::cidr_block_association_set, [&](reader& a) {
    auto c = a.cidr4_field(k::cidr_block, true);
    if (c && associated(a, k::cidr_block_state)) push_unique(v.cidr_blocks, *c);
    a.get(k::association_id);
  });
  r.each(k::ipv6_cidr_block_association_set, [&](reader& a) {
    auto c = a.cidr6_field(k::ipv6_cidr_block, true);
    if (c && associated(a, k::ipv6_cidr_block_state)) push_unique(v.ipv6_cidr_blocks, *c);
  });
  v.is_default = r.boolean(k::is_default).value_or(false);
  read_state(r, k::state, v.state);
  // DNS-11: the DHCP options set the VPC uses (`default` is AWS's default set: AmazonProvidedDNS).
  if (auto o = r.string(k::dhcp_options_id); o && *o != "default") v.dhcp_options = dhcp_options_id{*o};
  v.tags = r.tags(k::tags);
  r.finish("vpc", k::ignored::vpc);
  if (!r.failed()) r.imp().add(std::move(v), r, k::vpcs);
}

void read_subnet(reader& r) {
  subnet s;
  auto id = r.id(k::subnet_id, "subnet");
  s.id = subnet_id{id.value_or("")};
  s.where = r.scope_for(r.string(k::owner_id));
  s.vpc = vpc_id{r.string(k::vpc_id, true).value_or("")};
  s.cidr_block = r.cidr4_field(k::cidr_block);
  r.each(k::ipv6_cidr_block_association_set, [&](reader& a) {
    auto c = a.cidr6_field(k::ipv6_cidr_block, true);
    if (c && associated(a, k::ipv6_cidr_block_state)) push_unique(s.ipv6_cidr_blocks, *c);
    a.get(k::association_id);
  });
  // VPC-6: an IPv6-only subnet (`Ipv6Native`) has no CidrBlock; every other subnet has one.
  s.ipv6_native = r.boolean(k::ipv6_native).value_or(false);
  const bool has_cidr = r.raw().contains(k::cidr_block);
  if (!has_cidr && !s.ipv6_native)
    r.error(messages::missing_field(r.at(), k::cidr_block, "unless Ipv6Native is true (only an IPv6-only subnet has no IPv4 CIDR, VPC-6)"));
  else if (s.ipv6_native && has_cidr)
    r.error(messages::bad_value(r.at(), k::ipv6_native, "true", "false for a subnet with a CidrBlock (an IPv6-only subnet has no IPv4 CIDR, VPC-6)"));
  else if (s.ipv6_native && s.ipv6_cidr_blocks.empty() && !r.failed())
    r.error(messages::missing_field(r.at(), k::ipv6_cidr_block_association_set,
                                    "with an associated IPv6 CIDR block on an IPv6-only subnet (Ipv6Native, VPC-6)"));
  s.availability_zone = r.string(k::availability_zone).value_or("");
  s.availability_zone_id = r.string(k::availability_zone_id).value_or("");
  s.map_public_ip_on_launch = r.boolean(k::map_public_ip_on_launch).value_or(false);
  s.default_for_az = r.boolean(k::default_for_az).value_or(false);
  s.enable_dns64 = r.boolean(k::enable_dns64).value_or(false);  // DNS-15
  read_state(r, k::state, s.state);
  s.tags = r.tags(k::tags);
  r.finish("subnet", k::ignored::subnet);
  if (!r.failed()) r.imp().add(std::move(s), r, k::subnets);
}

void read_route_table(reader& r) {
  route_table t;
  auto id = r.id(k::route_table_id, "route-table");
  t.id = route_table_id{id.value_or("")};
  t.where = r.scope_for(r.string(k::owner_id));
  t.vpc = vpc_id{r.string(k::vpc_id, true).value_or("")};
  r.each(k::routes, [&](reader& x) {
    if (auto rt = read_route(x)) t.routes.push_back(std::move(*rt));
  });
  r.each(k::associations, [&](reader& a) {
    route_table_association assoc;
    assoc.id = a.string(k::route_table_association_id).value_or("");
    assoc.main = a.boolean(k::main).value_or(false);
    if (auto s = a.string(k::subnet_id)) assoc.subnet = subnet_id{*s};
    if (auto g = a.string(k::gateway_id)) assoc.gateway = *g;  // RT-25: edge association
    a.get(k::route_table_id);  // repeats the table's id
    // A disassociated (or failed) association no longer decides anything.
    if (associated(a, k::association_state)) t.associations.push_back(std::move(assoc));
  });
  r.each(k::propagating_vgws, [&](reader& p) {
    if (auto g = p.string(k::gateway_id, true)) t.propagating_vgws.push_back(vpn_gateway_id{*g});
  });
  t.tags = r.tags(k::tags);
  r.finish("route table", k::ignored::route_table);
  if (!r.failed()) r.imp().add(std::move(t), r, k::route_tables);
}

void read_security_group(reader& r) {
  security_group g;
  auto id = r.id(k::group_id, "security-group");
  g.id = security_group_id{id.value_or("")};
  g.where = r.scope_for(r.string(k::owner_id));
  g.vpc = vpc_id{r.string(k::vpc_id, true).value_or("")};
  g.name = r.string(k::group_name).value_or("");
  g.description = r.string(k::description).value_or("");
  r.each(k::ip_permissions, [&](reader& p) { read_permission(p, g.ingress); });
  r.each(k::ip_permissions_egress, [&](reader& p) { read_permission(p, g.egress); });
  g.tags = r.tags(k::tags);
  r.finish("security group", k::ignored::security_group);
  if (!r.failed()) r.imp().add(std::move(g), r, k::security_groups);
}

void read_network_acl(reader& r) {
  network_acl n;
  auto id = r.id(k::network_acl_id, "network-acl");
  n.id = network_acl_id{id.value_or("")};
  n.where = r.scope_for(r.string(k::owner_id));
  n.vpc = vpc_id{r.string(k::vpc_id, true).value_or("")};
  n.is_default = r.boolean(k::is_default).value_or(false);
  r.each(k::entries, [&](reader& e) {
    network_acl_entry x;
    auto number = e.integer(k::rule_number, true);
    auto egress = e.boolean(k::egress, true);
    auto action = e.string(k::rule_action, true);
    auto proto = read_protocol(e, k::protocol);
    x.cidr_block = e.cidr4_field(k::cidr_block);
    x.ipv6_cidr_block = e.cidr6_field(k::ipv6_cidr_block);
    if (!e.raw().contains(k::cidr_block) && !e.raw().contains(k::ipv6_cidr_block))
      e.error(messages::missing_field(e.at(), k::cidr_block));
    // NACL-5: rules are numbered 1-32766; AWS lists its final `*` deny (NACL-6) as 32767 for IPv4
    // and 32768 for IPv6, and nothing else above 32766.
    if (number && (*number < 1 || *number > 32768))
      e.error(messages::bad_value(e.at(), k::rule_number, std::to_string(*number),
                                  "a rule number from 1 to 32766 (NACL-5), or AWS's final deny 32767 or 32768"));
    if (auto pr = e.child(k::port_range)) {
      auto lo_v = pr->integer(k::from, true);
      auto hi_v = pr->integer(k::to, true);
      auto lo = lo_v ? port(*pr, k::from, *lo_v) : std::nullopt;
      auto hi = hi_v ? port(*pr, k::to, *hi_v) : std::nullopt;
      if (lo && hi) {
        // NACL-13: an inclusive range, ascending as FromPort/ToPort are (SG-13).
        const std::uint16_t from = lo.value_or(0), to = hi.value_or(0);
        if (from > to)
          pr->error(messages::bad_value(pr->at(), k::to, std::to_string(to), "at least 'From' (" + std::to_string(from) + ")"));
        else
          x.ports = port_range{from, to};
      }
    }
    if (auto ic = e.child(k::icmp_type_code))  // NACL-13: -1 means all types / codes
      x.icmp = icmp_type_code{icmp_value(*ic, k::type, ic->integer(k::type)),
                              icmp_value(*ic, k::code, ic->integer(k::code))};
    std::optional<rule_action> act;
    if (action) act = lookup(e, k::rule_action, *action, rule_actions, "allow or deny");
    if (number && *number > 32766 && *number <= 32768 && act == rule_action::allow)
      e.error(messages::bad_value(e.at(), k::rule_number, std::to_string(*number),
                                  "a rule number from 1 to 32766 for an allow rule (32767 and 32768 are AWS's final "
                                  "deny, NACL-6)"));
    e.finish("network ACL entry", k::ignored::network_acl_entry);
    if (!number || !egress || !act || !proto) return;
    // Rule 32767 (32768 for IPv6) is AWS's `*` deny, kept as listed (NACL-6).
    x.rule_number = static_cast<int>(*number);
    x.egress = *egress;
    x.action = *act;
    x.protocol = *proto;  // NACL-12: numbers, names normalised
    n.entries.push_back(std::move(x));
  });
  // NACL-5: each direction is evaluated in ascending rule-number order.
  std::stable_sort(n.entries.begin(), n.entries.end(), [](const auto& a, const auto& b) {
    return std::pair{a.egress, a.rule_number} < std::pair{b.egress, b.rule_number};
  });
  r.each(k::associations, [&](reader& a) {
    network_acl_association assoc;
    assoc.id = a.string(k::network_acl_association_id).value_or("");
    auto s = a.string(k::subnet_id, true);
    a.get(k::network_acl_id);  // repeats the ACL's id
    if (s) {
      assoc.subnet = subnet_id{*s};
      n.associations.push_back(std::move(assoc));
    }
  });
  n.tags = r.tags(k::tags);
  r.finish("network ACL", k::ignored::network_acl);
  if (!r.failed()) r.imp().add(std::move(n), r, k::network_acls);
}

}  // namespace vpcsim::detail::aws
