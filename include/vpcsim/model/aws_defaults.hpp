#pragma once
/// What AWS creates with a VPC and with each new resource, written once for every producer of a
/// network: the design loader (and CloudFormation and Terraform through it) adds them where a
/// design does not declare them, the generator builds its networks from them; the AWS importer
/// reads them from captures, where AWS listed them. docs/aws-semantics.md rules in each comment.
#include <vpcsim/model/network_acl.hpp>
#include <vpcsim/model/route_table.hpp>
#include <vpcsim/model/security_group.hpp>
#include <vpcsim/model/vpc.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace vpcsim::aws_defaults {

/// RT-10: one `local` route per VPC CIDR block, IPv4 blocks first, origin CreateRouteTable.
std::vector<route> local_routes(const vpc& v);
/// RT-6: a VPC's main route table as AWS creates it: its local routes and the main association.
route_table main_route_table(const vpc& v, route_table_id id, std::string association_id);

/// NACL-6: the `*` deny of each direction (32767 for IPv4, 32768 for IPv6 when the VPC has one).
std::vector<network_acl_entry> final_denies(const vpc& v);
/// NACL-10: the default NACL's allow rules (100 for IPv4, 101 for IPv6) in one direction.
std::vector<network_acl_entry> default_acl_rules(const vpc& v, bool egress);
/// NACL-5: entries ordered by direction (inbound first) then rule number, as the importer keeps them.
void sort_entries(std::vector<network_acl_entry>& entries);
/// A VPC's default NACL as AWS creates it (NACL-10), without associations.
network_acl default_network_acl(const vpc& v, network_acl_id id);

/// SG-9: a new group's one outbound rule, all traffic to 0.0.0.0/0.
sg_rule allow_all_egress();
/// SG-10: the default group's rules: all inbound from itself; all outbound to 0.0.0.0/0 (and
/// ::/0 when the VPC has an IPv6 block).
std::vector<sg_rule> default_group_ingress(const security_group_id& self);
std::vector<sg_rule> default_group_egress(const vpc& v);
/// AWS's description of every default group.
inline constexpr std::string_view default_group_description = "default VPC security group";
/// A VPC's default security group as AWS creates it (SG-10).
security_group default_security_group(const vpc& v, security_group_id id);

}  // namespace vpcsim::aws_defaults
