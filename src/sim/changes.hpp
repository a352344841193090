#pragma once
// Changes in the input's own terms, each text written once (issue #23): the AWS CLI commands and
// the design locations that lint findings and trace fixes give. Private to the library.

#include <vpcsim/error.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/net/protocol.hpp>

#include <map>
#include <string>

namespace vpcsim::changes {

/// Whether `locations` (load_result::locations) are a design's: some resource has a JSON pointer
/// and a line (a capture's have a pointer only, a template's a line only).
bool is_design(const std::map<std::string, source_location>& locations);
/// `shop.jsonc:27:5` (the column when known); empty without a line.
std::string location_text(const source_location& l);

/// One rule's protocol and ports as `--ip-permissions` writes them: `IpProtocol=tcp,FromPort=443,ToPort=443`
/// (`IpProtocol=-1` for all protocols).
std::string ip_permission(protocol p, port_range ports);
/// The peer of a security group rule as `--ip-permissions` writes it: `PrefixListIds=[{PrefixListId=pl-…}]`,
/// `UserIdGroupPairs=[{GroupId=sg-…}]`, `IpRanges=[{CidrIp=10.0.1.0/24}]` or `Ipv6Ranges=[{CidrIpv6=…}]`.
std::string ip_permission_peer(const std::string& peer);
/// `aws ec2 authorize-security-group-ingress` (or `-egress`) of one rule naming `peer` (a prefix
/// list id, a group id or a CIDR).
std::string authorize_security_group(bool ingress, const std::string& group, protocol p, port_range ports,
                                     const std::string& peer);
/// `aws ec2 create-network-acl-entry` of one allow entry for `cidr` (IPv4 or IPv6).
std::string create_network_acl_entry(const std::string& acl, bool egress, int rule_number, protocol p,
                                     port_range ports, const std::string& cidr);
/// GW-6: `aws ec2 modify-vpc-endpoint --add-route-table-ids`.
std::string add_endpoint_route_table(const std::string& endpoint, const std::string& table);
/// IF-11: `aws ec2 modify-vpc-endpoint --private-dns-enabled`.
std::string enable_private_dns(const std::string& endpoint);
/// GW-6: `aws ec2 create-vpc-endpoint` of a gateway endpoint associated with `table`.
std::string create_gateway_endpoint(const std::string& vpc, const std::string& service_name, const std::string& table);
/// `aws ec2 create-route` of `destination` (an IPv4 or IPv6 CIDR, or a prefix list id) to `target`,
/// whose id prefix picks the option (`--gateway-id`, `--nat-gateway-id`, `--vpc-peering-connection-id`, …).
std::string create_route(const std::string& table, const std::string& destination, const std::string& target);
/// DNS-6: `aws ec2 modify-vpc-attribute` turning one DNS attribute on (`option`: `--enable-dns-support`
/// or `--enable-dns-hostnames`; the call takes one attribute at a time).
std::string enable_vpc_dns_attribute(const std::string& vpc, const std::string& option);
/// RT-14: `aws ec2 modify-network-interface-attribute --no-source-dest-check`.
std::string disable_source_dest_check(const std::string& eni);

}  // namespace vpcsim::changes
