// The AWS defaults a native design implies, and the ids it generates (design_rules.hpp).
#include "design_rules.hpp"

#include <vpcsim/services/catalogue.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace vpcsim::detail::design {

namespace {

constexpr std::array<kind_info, kind_count> table{{
    {kind::vpc, "vpcs", "vpc-", "VPC", "VPCs"},
    {kind::prefix_list, "prefix_lists", "pl-", "prefix list", "prefix lists"},
    {kind::subnet, "subnets", "subnet-", "subnet", "subnets"},
    {kind::security_group, "security_groups", "sg-", "security group", "security groups"},
    {kind::internet_gateway, "internet_gateways", "igw-", "internet gateway", "internet gateways"},
    {kind::egress_only_internet_gateway, "egress_only_internet_gateways", "eigw-",
     "egress-only internet gateway", "egress-only internet gateways"},
    {kind::vpn_gateway, "vpn_gateways", "vgw-", "VPN gateway", "VPN gateways"},
    {kind::transit_gateway, "transit_gateways", "tgw-", "transit gateway", "transit gateways"},
    {kind::transit_gateway_route_table, "transit_gateway_route_tables", "tgw-rtb-",
     "transit gateway route table", "transit gateway route tables"},
    {kind::transit_gateway_attachment, "transit_gateway_attachments", "tgw-attach-",
     "transit gateway attachment", "transit gateway attachments"},
    {kind::peering_connection, "peering_connections", "pcx-", "peering connection", "peering connections"},
    {kind::route_table, "route_tables", "rtb-", "route table", "route tables"},
    {kind::network_acl, "network_acls", "acl-", "network ACL", "network ACLs"},
    {kind::nat_gateway, "nat_gateways", "nat-", "NAT gateway", "NAT gateways"},
    {kind::endpoint, "endpoints", "vpce-", "endpoint", "endpoints"},
    {kind::network_interface, "network_interfaces", "eni-", "network interface", "network interfaces"},
    {kind::instance, "instances", "i-", "instance", "instances"},
    {kind::dhcp_options, "dhcp_options", "dopt-", "DHCP options", "DHCP options sets"},
    // Route 53 ids are upper-case letters and digits after a `Z`; generated ones are `Z0` + hex.
    {kind::hosted_zone, "hosted_zones", "Z", "hosted zone", "hosted zones"},
    {kind::resolver_endpoint, "resolver_endpoints", "rslvr-out-", "resolver endpoint", "resolver endpoints"},
    {kind::resolver_rule, "resolver_rules", "rslvr-rr-", "resolver rule", "resolver rules"},
}};

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

network_interface managed_interface(const scope& where, std::string id, const subnet& s, address4 ip,
                                    std::string type, std::string description) {
  network_interface e;
  e.id = network_interface_id{std::move(id)};
  e.where = where;
  e.subnet = s.id;
  e.vpc = s.vpc;
  e.availability_zone = s.availability_zone;
  e.private_ips.push_back(private_ip{ip, true, std::nullopt});
  e.interface_type = std::move(type);
  e.requester_managed = true;
  e.description = std::move(description);
  return e;
}

}  // namespace

const kind_info& info(kind k) { return table[static_cast<std::size_t>(k)]; }
const std::array<kind_info, kind_count>& kinds() { return table; }
bool is_design_key(std::string_view key) {
  return std::any_of(table.begin(), table.end(), [&](const kind_info& k) { return k.key == key; });
}

std::string generated_id(std::string_view prefix, std::string_view seed) {
  static constexpr char digits[] = "0123456789abcdef";
  std::uint64_t h = fnv1a(seed);
  std::string out(prefix);
  out += '0';
  for (int shift = 60; shift >= 0; shift -= 4) out += digits[(h >> shift) & 0xf];
  return out;
}

std::string generated_id(kind k, std::string_view name) {
  auto id = generated_id(info(k).prefix, std::string(info(k).key) + "/" + std::string(name));
  // Route 53 writes hosted zone ids in upper case (`Z0123456789ABCDEF`).
  if (k == kind::hosted_zone)
    std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return id;
}

bool has_id_shape(kind k, std::string_view text) {
  auto prefix = info(k).prefix;
  if (k == kind::hosted_zone)  // `Z` and upper-case letters and digits (Route 53 zone ids)
    return text.size() >= 8 && text.size() <= 32 && text.front() == 'Z' &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
  if (!text.starts_with(prefix)) return false;
  auto rest = text.substr(prefix.size());
  return (rest.size() == 8 || rest.size() == 17) && is_hex(rest);
}

std::optional<kind> kind_of_id(std::string_view text) {
  std::optional<kind> best;
  std::size_t best_len = 0;
  for (const auto& i : table)
    if (i.k != kind::hosted_zone && text.starts_with(i.prefix) && i.prefix.size() > best_len) {  // `Z…` is too common a start
      best = i.k;
      best_len = i.prefix.size();
    }
  return best;
}

std::string seed_main_association(std::string_view table_name) { return "main/" + std::string(table_name); }
std::string seed_association(std::string_view owner, std::string_view subnet_name) {
  return "association/" + std::string(owner) + "/" + std::string(subnet_name);
}
std::string seed_instance_interface(std::string_view instance_name) { return "instance/" + std::string(instance_name); }
std::string seed_endpoint_interface(std::string_view endpoint, std::string_view subnet_name) {
  return "endpoint/" + std::string(endpoint) + "/" + std::string(subnet_name);
}
std::string seed_nat_interface(std::string_view nat) { return "nat/" + std::string(nat); }

std::string main_route_table_name(std::string_view v) { return std::string(v) + "-main"; }
std::string default_network_acl_name(std::string_view v) { return std::string(v) + "-default"; }
std::string default_security_group_name(std::string_view v) { return std::string(v) + "-default"; }

route_table main_route_table(const vpc& v, std::string_view vpc_name) {
  auto name = main_route_table_name(vpc_name);
  return aws_defaults::main_route_table(v, route_table_id{generated_id(kind::route_table, name)},
                                        generated_id("rtbassoc-", seed_main_association(name)));
}

network_acl default_network_acl(const vpc& v, std::string_view vpc_name) {
  return aws_defaults::default_network_acl(
      v, network_acl_id{generated_id(kind::network_acl, default_network_acl_name(vpc_name))});
}

security_group default_security_group(const vpc& v, std::string_view vpc_name) {
  return aws_defaults::default_security_group(
      v, security_group_id{generated_id(kind::security_group, default_security_group_name(vpc_name))});
}

network_interface instance_interface(const instance& i, std::string id, const subnet& s, address4 ip) {
  network_interface e;
  e.id = network_interface_id{std::move(id)};
  e.where = i.where;
  e.subnet = s.id;
  e.vpc = s.vpc;
  e.availability_zone = s.availability_zone;
  e.private_ips.push_back(private_ip{ip, true, i.public_ip});
  e.security_groups = i.security_groups;
  e.attachment = interface_attachment{i.id, 0, "attached"};
  e.source_dest_check = i.source_dest_check;
  return e;
}

network_interface endpoint_interface(const vpc_endpoint& ep, std::string id, const subnet& s, address4 ip) {
  // describe-network-interfaces' InterfaceType: a Gateway Load Balancer endpoint's is its own.
  auto e = managed_interface(ep.where, std::move(id), s, ip,
                             ep.type == endpoint_type::gateway_load_balancer ? "gateway_load_balancer_endpoint" : "vpc_endpoint",
                             "VPC Endpoint Interface " + ep.id.value);
  e.security_groups = ep.security_groups;
  return e;
}

network_interface nat_interface(const nat_gateway& n, std::string id, const subnet& s, address4 ip) {
  // NAT-12: no security group on a NAT gateway's interface.
  return managed_interface(n.where, std::move(id), s, ip, "nat_gateway", "Interface for NAT Gateway " + n.id.value);
}

std::optional<prefix_list> aws_prefix_list(std::string_view short_name, const scope& where) {
  auto ranges = services::published_ranges(short_name, where.region);
  if (ranges.empty()) return std::nullopt;
  prefix_list p;
  p.name = services::endpoint_service_name(short_name, where.region);
  p.id = prefix_list_id{generated_id(kind::prefix_list, p.name)};
  p.where = where;
  p.cidrs = ranges.blocks();
  p.aws_managed = true;
  return p;
}

std::string full_service_name(std::string_view service, std::string_view region) {
  if (service.starts_with("com.") || service.starts_with("aws.")) return std::string(service);
  return services::endpoint_service_name(service, region);
}

bool gateway_by_default(std::string_view full) {
  auto parts = services::parse_endpoint_service_name(full);
  if (!parts) return false;
  const auto* s = services::find_service(parts->short_name);
  return s && s->gateway_endpoint;
}

bool private_dns_by_default(endpoint_type t) { return t == endpoint_type::interface; }

const std::array<target_kind, 14>& target_kinds() {
  static constexpr std::array<target_kind, 14> all{
      target_kind::local, target_kind::internet_gateway, target_kind::egress_only_internet_gateway,
      target_kind::nat_gateway, target_kind::gateway_endpoint, target_kind::gateway_load_balancer_endpoint,
      target_kind::network_interface, target_kind::instance, target_kind::peering_connection,
      target_kind::transit_gateway, target_kind::virtual_private_gateway, target_kind::local_gateway,
      target_kind::carrier_gateway, target_kind::core_network};
  return all;
}

std::optional<target_kind> parse_target_kind(std::string_view text) {
  for (auto k : target_kinds())
    if (to_string(k) == text) return k;
  return std::nullopt;
}

std::optional<target_kind> target_kind_of_id(std::string_view id) {
  // RT-13: the id's prefix says what it is; `vpce-` on a GatewayId is a gateway endpoint (GW-6).
  static constexpr std::pair<std::string_view, target_kind> prefixes[] = {
      {"igw-", target_kind::internet_gateway}, {"eigw-", target_kind::egress_only_internet_gateway},
      {"nat-", target_kind::nat_gateway},       {"vgw-", target_kind::virtual_private_gateway},
      {"vpce-", target_kind::gateway_endpoint}, {"eni-", target_kind::network_interface},
      {"i-", target_kind::instance},            {"pcx-", target_kind::peering_connection},
      {"tgw-", target_kind::transit_gateway},   {"lgw-", target_kind::local_gateway},
      {"cagw-", target_kind::carrier_gateway},  {"arn:aws:networkmanager:", target_kind::core_network}};
  if (id == "local") return target_kind::local;
  for (const auto& [prefix, k] : prefixes)
    if (id.starts_with(prefix)) return k;
  return std::nullopt;
}

std::string_view default_attachment_state(kind k) {
  // describe-internet-gateways reports an attached IGW as `available`; VGWs and EIGWs say `attached`.
  return k == kind::internet_gateway ? "available" : "attached";
}

}  // namespace vpcsim::detail::design
