// Changes in the input's own terms, each text written once (changes.hpp).
#include "changes.hpp"

#include <algorithm>

namespace vpcsim::changes {

bool is_design(const std::map<std::string, source_location>& locations) {
  return std::any_of(locations.begin(), locations.end(),
                     [](const auto& l) { return !l.second.pointer.empty() && l.second.line > 0; });
}

std::string location_text(const source_location& l) {
  if (l.line <= 0) return {};
  return l.file + ":" + std::to_string(l.line) + (l.column > 0 ? ":" + std::to_string(l.column) : "");
}

std::string ip_permission(protocol p, port_range ports) {
  std::string out = "IpProtocol=" + (p.is_all() ? std::string("-1") : p.name());
  if (p.has_ports()) out += ",FromPort=" + std::to_string(ports.from) + ",ToPort=" + std::to_string(ports.to);
  else if (p.is_icmp()) out += ",FromPort=-1,ToPort=-1";  // every ICMP type and code (SG-13)
  return out;
}

std::string ip_permission_peer(const std::string& peer) {
  if (peer.rfind("pl-", 0) == 0) return "PrefixListIds=[{PrefixListId=" + peer + "}]";
  if (peer.rfind("sg-", 0) == 0) return "UserIdGroupPairs=[{GroupId=" + peer + "}]";
  if (peer.find(':') != std::string::npos) return "Ipv6Ranges=[{CidrIpv6=" + peer + "}]";
  return "IpRanges=[{CidrIp=" + peer + "}]";
}

std::string authorize_security_group(bool ingress, const std::string& group, protocol p, port_range ports,
                                     const std::string& peer) {
  return std::string("aws ec2 authorize-security-group-") + (ingress ? "ingress" : "egress") + " --group-id " + group +
         " --ip-permissions '" + ip_permission(p, ports) + "," + ip_permission_peer(peer) + "'";
}

std::string create_network_acl_entry(const std::string& acl, bool egress, int rule_number, protocol p,
                                     port_range ports, const std::string& cidr) {
  std::string out = "aws ec2 create-network-acl-entry --network-acl-id " + acl + (egress ? " --egress" : " --ingress") +
                    " --rule-number " + std::to_string(rule_number) +
                    " --protocol " + (p.is_all() ? std::string("-1") : p.name());
  if (p.has_ports()) out += " --port-range From=" + std::to_string(ports.from) + ",To=" + std::to_string(ports.to);
  else if (p.is_icmp()) out += " --icmp-type-code Type=-1,Code=-1";
  out += (cidr.find(':') != std::string::npos ? " --ipv6-cidr-block " : " --cidr-block ") + cidr;
  return out + " --rule-action allow";
}

std::string add_endpoint_route_table(const std::string& endpoint, const std::string& table) {
  return "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + endpoint + " --add-route-table-ids " + table;
}

std::string enable_private_dns(const std::string& endpoint) {
  return "aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + endpoint + " --private-dns-enabled";
}

std::string create_gateway_endpoint(const std::string& vpc, const std::string& service_name, const std::string& table) {
  return "aws ec2 create-vpc-endpoint --vpc-id " + vpc + " --service-name " + service_name + " --route-table-ids " + table;
}

std::string create_route(const std::string& table, const std::string& destination, const std::string& target) {
  const auto starts = [&](const char* prefix) { return target.rfind(prefix, 0) == 0; };
  const std::string option = starts("pcx-")    ? "--vpc-peering-connection-id"
                             : starts("tgw-")  ? "--transit-gateway-id"
                             : starts("nat-")  ? "--nat-gateway-id"
                             : starts("eigw-") ? "--egress-only-internet-gateway-id"
                             : starts("eni-")  ? "--network-interface-id"
                             : starts("vpce-") ? "--vpc-endpoint-id"
                             : starts("i-")    ? "--instance-id"
                                               : "--gateway-id";  // igw-, vgw-
  const std::string to = destination.rfind("pl-", 0) == 0 ? "--destination-prefix-list-id "
                         : destination.find(':') != std::string::npos ? "--destination-ipv6-cidr-block "
                                                                      : "--destination-cidr-block ";
  return "aws ec2 create-route --route-table-id " + table + " " + to + destination + " " + option + " " + target;
}

std::string enable_vpc_dns_attribute(const std::string& vpc, const std::string& option) {
  return "aws ec2 modify-vpc-attribute --vpc-id " + vpc + " " + option + " '{\"Value\":true}'";
}

std::string disable_source_dest_check(const std::string& eni) {
  return "aws ec2 modify-network-interface-attribute --network-interface-id " + eni + " --no-source-dest-check";
}

}  // namespace vpcsim::changes
