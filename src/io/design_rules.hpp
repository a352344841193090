#pragma once
// Internals of the native design format shared by its loader and its writer (not installed):
// resource kinds, generated ids, and the AWS defaults a design implies. The writer leaves out
// exactly what the loader would imply, so both build the implied parts with these functions.

#include <vpcsim/model/aws_defaults.hpp>
#include <vpcsim/model/network.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim::detail::design {

/// Every resource type a design can declare, in the order the loader builds them.
enum class kind {
  vpc,
  prefix_list,
  subnet,
  security_group,
  internet_gateway,
  egress_only_internet_gateway,
  vpn_gateway,
  transit_gateway,
  transit_gateway_route_table,
  transit_gateway_attachment,
  peering_connection,
  route_table,
  network_acl,
  nat_gateway,
  endpoint,
  network_interface,
  instance,
  dhcp_options,
  hosted_zone,
  resolver_endpoint,
  resolver_rule,
};
inline constexpr std::size_t kind_count = 21;

struct kind_info {
  kind k;
  std::string_view key;     ///< the design's top-level array: `route_tables`
  std::string_view prefix;  ///< AWS id prefix: `rtb-`
  std::string_view label;   ///< in messages: `route table`
  std::string_view plural;  ///< in messages: `route tables`
};

const kind_info& info(kind k);
/// Whether `key` is a design's top-level array (`vpcs`, `route_tables`, ...): tells a design that
/// lacks its `"vpcsim": 1` from other JSON.
bool is_design_key(std::string_view key);
const std::array<kind_info, kind_count>& kinds();

/// `prefix` + `0` + 16 hex digits of a stable hash of `seed` (FNV-1a 64): the shape of a
/// current AWS id, the same on every machine and every run.
std::string generated_id(std::string_view prefix, std::string_view seed);
/// The id of a resource named `name` that gives none.
std::string generated_id(kind k, std::string_view name);
/// Whether `text` has the shape of an AWS id of this kind: the prefix, then 8 or 17 hex digits.
bool has_id_shape(kind k, std::string_view text);
/// The kind whose prefix `text` starts with (longest prefix wins: `tgw-attach-` over `tgw-`).
std::optional<kind> kind_of_id(std::string_view text);

// The seeds of generated ids of parts the loader makes: associations, interfaces, addresses.
std::string seed_main_association(std::string_view table);
std::string seed_association(std::string_view owner, std::string_view subnet);
std::string seed_instance_interface(std::string_view instance);
std::string seed_endpoint_interface(std::string_view endpoint, std::string_view subnet);
std::string seed_nat_interface(std::string_view nat);

/// The names of what every VPC has without being declared (RT-2, NACL-1, SG-10).
std::string main_route_table_name(std::string_view vpc);
std::string default_network_acl_name(std::string_view vpc);
std::string default_security_group_name(std::string_view vpc);

// What AWS creates with a VPC (model/aws_defaults.hpp), under the design loader's names: the ids
// of the parts a design does not declare are generated from the VPC's name.
using aws_defaults::allow_all_egress;
using aws_defaults::default_acl_rules;
using aws_defaults::default_group_description;
using aws_defaults::default_group_egress;
using aws_defaults::default_group_ingress;
using aws_defaults::final_denies;
using aws_defaults::local_routes;
using aws_defaults::sort_entries;
/// RT-6: a VPC's main route table as AWS creates it, its id and association's from the VPC's name.
route_table main_route_table(const vpc& v, std::string_view vpc_name);
/// A VPC's default NACL as AWS creates it (NACL-10), without associations.
network_acl default_network_acl(const vpc& v, std::string_view vpc_name);
/// A VPC's default security group as AWS creates it (SG-10).
security_group default_security_group(const vpc& v, std::string_view vpc_name);

/// The primary interface AWS creates with an instance (device 0).
network_interface instance_interface(const instance& i, std::string id, const subnet& s, address4 ip);
/// The requester-managed interface an interface endpoint has in one subnet (IF-2).
network_interface endpoint_interface(const vpc_endpoint& e, std::string id, const subnet& s, address4 ip);
/// The requester-managed interface of a NAT gateway in its subnet (NAT-5).
network_interface nat_interface(const nat_gateway& n, std::string id, const subnet& s, address4 ip);

/// GW-5: the AWS-managed prefix list of a gateway-endpoint service in a region, with AWS's
/// published ranges; nullopt when vpcsim has none for that service.
std::optional<prefix_list> aws_prefix_list(std::string_view short_name, const scope& where);

/// `com.amazonaws.REGION.X` for a short name, or the text itself when it is already a full name.
std::string full_service_name(std::string_view service, std::string_view region);
/// Whether a service name without an explicit type means a gateway endpoint (S3, DynamoDB; GW-1).
bool gateway_by_default(std::string_view full_service_name);
/// IF-11c: private DNS is on by default for interface endpoints of AWS services.
bool private_dns_by_default(endpoint_type t);

/// The route target kind an id names by its prefix (`nat-` -> NAT gateway; `vpce-` -> gateway
/// endpoint); nullopt for prefixes that name no target.
std::optional<target_kind> target_kind_of_id(std::string_view id);
/// The target kind spelled as `to_string(target_kind)` spells it (`nat-gateway`), or nullopt.
std::optional<target_kind> parse_target_kind(std::string_view text);
/// Every target kind, in declaration order.
const std::array<target_kind, 14>& target_kinds();

/// `igw-…`, `vgw-…` and `eigw-…` attachments are `available` (IGW) or `attached` (the others).
std::string_view default_attachment_state(kind k);

}  // namespace vpcsim::detail::design
