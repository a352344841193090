#pragma once
/// The `blocked_by.code` values. Reachability Analyzer's names where one fits (RA-CODES, A.6.6),
/// vpcsim's own otherwise. Every code is documented in the README.

#include <array>
#include <string_view>

namespace vpcsim::codes {

// Reachability Analyzer explanation codes.
inline constexpr std::string_view sg_rules_mismatch = "ENI_SG_RULES_MISMATCH";
inline constexpr std::string_view sg_has_no_rules = "SG_HAS_NO_RULES";
inline constexpr std::string_view subnet_acl_restriction = "SUBNET_ACL_RESTRICTION";
inline constexpr std::string_view no_route = "NO_ROUTE_TO_DESTINATION";
inline constexpr std::string_view bad_state_route = "BAD_STATE_ROUTE";
inline constexpr std::string_view bad_state = "BAD_STATE";
inline constexpr std::string_view bad_state_attachment = "BAD_STATE_ATTACHMENT";
inline constexpr std::string_view igw_public_ip_for_egress = "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS";
inline constexpr std::string_view igw_rfc1918_egress = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS";
inline constexpr std::string_view igw_rfc6598_egress = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS";
/// IGW-6, IGW-12: from the internet, an IPv4 destination that no public IPv4 or Elastic IP maps to
/// a network interface (a private address, or an interface without a public IPv4).
inline constexpr std::string_view igw_private_ip_ingress = "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS";
inline constexpr std::string_view gateway_endpoint_protocol = "VPCE_GATEWAY_PROTOCOL_RESTRICTION";
inline constexpr std::string_view protocol_restriction = "PROTOCOL_RESTRICTION";
inline constexpr std::string_view pcx_address_in_vpc_cidr = "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR";
inline constexpr std::string_view unknown_destination = "UNKNOWN_DESTINATION";
inline constexpr std::string_view unknown_resource = "UNKNOWN_RESOURCE";
inline constexpr std::string_view unsupported_component = "UNSUPPORTED_COMPONENT";
inline constexpr std::string_view eni_source_dest_check = "ENI_SOURCE_DEST_CHECK_RESTRICTION";
inline constexpr std::string_view tgw_route_az_restriction = "TGW_ROUTE_AZ_RESTRICTION";
inline constexpr std::string_view tgw_missing_association = "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION";
inline constexpr std::string_view tgw_rtb_cannot_route = "TGW_RTB_CANNOT_ROUTE";
inline constexpr std::string_view tgw_rtb_bad_state_route = "TGW_RTB_BAD_STATE_ROUTE";

// vpcsim's own.
inline constexpr std::string_view endpoint_policy_deny = "ENDPOINT_POLICY_DENY";
inline constexpr std::string_view private_nat_no_internet = "PRIVATE_NAT_NO_INTERNET";
inline constexpr std::string_view dns_resolution_disabled = "DNS_RESOLUTION_DISABLED";
/// DNS-8, DNS-11: the VPC's DHCP options send queries to custom DNS servers, which do not see the
/// private zone (endpoint private DNS or a private hosted zone) that holds the name.
inline constexpr std::string_view custom_dns_servers = "CUSTOM_DNS_SERVERS";
/// DNS-13: a Resolver FORWARD rule sends the query to DNS servers outside the input.
inline constexpr std::string_view dns_forwarded = "DNS_FORWARDED";
/// DNS-12: the name resolves to nothing (a private hosted zone without the record: NXDOMAIN).
inline constexpr std::string_view dns_name_not_found = "DNS_NAME_NOT_FOUND";
inline constexpr std::string_view loop = "LOOP";
/// IGW-3: an IPv6 flow from a network interface that has no IPv6 address.
inline constexpr std::string_view no_ipv6_address = "NO_IPV6_ADDRESS";
/// VPC-6: an IPv4 flow from a network interface that has no private IPv4 address (an IPv6-only subnet).
inline constexpr std::string_view no_ipv4_address = "NO_IPV4_ADDRESS";
/// NAT-10: a NAT gateway carries IPv6 only as NAT64 (64:ff9b::/96 with DNS64).
inline constexpr std::string_view nat_ipv6 = "NAT_GATEWAY_IPV6";
/// IGW-8, NAT-2, IGW-12: an egress-only internet gateway or a NAT gateway carries connections out
/// only; it admits no connection started from the internet.
inline constexpr std::string_view no_inbound_from_internet = "NO_INBOUND_FROM_INTERNET";

/// Every code above, once, in the order above: tests/sim/scenario_table_test.cpp asserts that the
/// scenario table blocks a flow with each (issue #23) and that this list names every code of this file.
inline constexpr std::array all{
    sg_rules_mismatch, sg_has_no_rules, subnet_acl_restriction, no_route, bad_state_route, bad_state,
    bad_state_attachment, igw_public_ip_for_egress, igw_rfc1918_egress, igw_rfc6598_egress,
    igw_private_ip_ingress, gateway_endpoint_protocol, protocol_restriction, pcx_address_in_vpc_cidr, unknown_destination,
    unknown_resource, unsupported_component, eni_source_dest_check, tgw_route_az_restriction,
    tgw_missing_association, tgw_rtb_cannot_route, tgw_rtb_bad_state_route, endpoint_policy_deny,
    private_nat_no_internet, dns_resolution_disabled, custom_dns_servers, dns_forwarded, dns_name_not_found,
    loop, no_ipv6_address, no_ipv4_address, nat_ipv6, no_inbound_from_internet,
};

}  // namespace vpcsim::codes
