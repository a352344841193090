#pragma once
// What the lint rules share: the clients (running instances) by VPC and subnet, the region of a
// VPC, traces from a client, and the findings. Private to src/sim/lint*.cpp.

#include <vpcsim/sim/lint.hpp>
#include <vpcsim/sim/selector.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vpcsim::detail::lint {

/// A running instance and its primary network interface: where lint traces from.
struct client {
  const instance* inst = nullptr;
  const network_interface* eni = nullptr;
};

/// A public address on no AWS prefix list (RFC 5737 TEST-NET-2), standing for "the internet".
address4 internet_probe();

class context {
 public:
  context(const solver& s, const lint_options& options);

  const network& net;
  const solver& sol;

  /// Clients by VPC, then by subnet (ordered by id), each subnet's clients in instance-id order.
  const std::map<vpc_id, std::map<subnet_id, std::vector<client>>>& clients() const { return clients_; }
  /// The clients of one VPC by subnet (empty when it has none).
  const std::map<subnet_id, std::vector<client>>& clients_in(const vpc_id& v) const;

  /// The VPC's region: its scope, its subnets' availability zones, else `--region`. Throws
  /// `usage_error` when none says.
  std::string region(const vpc_id& v) const;

  /// Traces TCP 443 from the client to `to`.
  answer trace(const client& c, const std::string& to, std::optional<std::string> action = {},
               std::optional<std::string> resource = {}) const;

  /// Records a finding of `rule_id`; `aws_rule` defaults to the rule's list.
  void add(std::string_view rule_id, std::string resource, std::string message, std::string fix,
           std::string aws_rule = {});

  std::vector<lint_finding> take() { return std::move(findings_); }

  /// Whether the input is a design: its resources have JSON pointers and lines
  /// (`lint_options::locations`; a capture's have pointers only).
  bool design() const { return design_; }
  /// The input's names of resources.
  const resource_names& names() const { return names_; }
  /// A design's entry of `id`: `"private" (/route_tables/1, shop.jsonc:27:5)`; the id when the
  /// input does not say where it writes it.
  std::string entry(const std::string& id) const;
  /// Whether the input says where it writes `id` (a design's own entry, not an implied resource).
  bool located(const std::string& id) const { return options_.locations.count(id) > 0; }
  /// The design name of `id` as a design references it (`"private"`), else the id quoted.
  std::string design_name(const std::string& id) const;
  /// A change in the input's own terms: on a design, `design_edit` followed by " in " and the
  /// entry of `id`; on other inputs, `aws_command`.
  std::string change(const std::string& id, const std::string& design_edit, const std::string& aws_command) const;

 private:
  lint_options options_;
  resource_names names_;
  bool design_ = false;
  std::map<vpc_id, std::map<subnet_id, std::vector<client>>> clients_;
  std::vector<lint_finding> findings_;
};

/// `ecr.api` for `com.amazonaws.us-east-1.ecr.api`; the service name itself when not an AWS one.
std::string short_service(const vpc_endpoint& ep);
/// The VPC's endpoints of one type and short service name, ordered by id.
std::vector<const vpc_endpoint*> endpoints(const network& net, const vpc_id& v, endpoint_type type,
                                           std::string_view short_name);
/// The subnets whose effective route table is `rt` (RT-1, RT-2), ordered by id.
std::vector<const subnet*> subnets_using(const network& net, const route_table& rt);
/// The subnets whose effective network ACL is `acl` (NACL-1), ordered by id.
std::vector<const subnet*> subnets_using(const network& net, const network_acl& acl);
/// `a, b and c`-style list: `a, b, c`.
std::string join(const std::vector<std::string>& items);
/// The route's `--destination-*` option for delete-route / replace-route.
std::string destination_option(const route& r);
/// A route's `"to"` as a design writes it: the CIDR, or the prefix list's name.
std::string design_destination(const context& c, const route& r);
/// How to delete route `r` of `table`, in the input's terms (`context::change`).
std::string delete_route(const context& c, const std::string& table, const route& r);

/// Where a NACL fails to let replies back: the outbound entry that lets TCP 443 out, the peer it
/// names, and the inbound decision for the replies (NACL-7, NACL-19).
struct ephemeral_gap {
  const network_acl_entry* outbound = nullptr;
  address4 peer;
  std::string inbound_decision;
  port_range required;
};
/// The first outbound entry of `acl` that lets TCP 443 out while no inbound rule admits the replies
/// on `required` ports from the same peer; nullopt when every such entry has its return rule. The
/// entries are matched by the walk's own NACL matching (matching.hpp) on the compiled tables.
std::optional<ephemeral_gap> find_ephemeral_gap(const context& c, const network_acl& acl, port_range required);
/// The return ports a NACL must admit: 1024-65535 when it serves a NAT gateway's subnet (NAT-11),
/// else the Linux clients' 32768-60999 (NACL-17).
port_range required_return_ports(const network& net, const network_acl& acl);

// The rules, one function each (lint_endpoints.cpp, lint_routing.cpp).
void ecr_no_s3_path(context& c);                     // VPCSIM-L001
void private_dns_needs_vpc_dns(context& c);          // VPCSIM-L002
void endpoint_sg_no_https_from_clients(context& c);  // VPCSIM-L003
void gateway_endpoint_not_on_client_route_table(context& c);  // VPCSIM-L004
void egress_without_service_prefix_list(context& c);          // VPCSIM-L005
void nacl_no_ephemeral_return(context& c);           // VPCSIM-L006
void route_shadows_prefix_list(context& c);          // VPCSIM-L007
void route_blackhole(context& c);                    // VPCSIM-L008
void route_target_unusable(context& c);              // VPCSIM-L009
void nat_subnet_no_igw_route(context& c);            // VPCSIM-L010
void interface_endpoint_missing_az(context& c);      // VPCSIM-L011
void ecr_dkr_private_dns_off(context& c);            // VPCSIM-L012
void ecr_endpoint_pair_incomplete(context& c);       // VPCSIM-L013
void s3_policy_blocks_ecr_layers(context& c);        // VPCSIM-L014
void private_nat_to_internet(context& c);            // VPCSIM-L015
void overlapping_prefix_list_routes(context& c);     // VPCSIM-L016
void s3_inbound_only_dns_without_gateway(context& c);  // VPCSIM-L017
void nacl_blocks_endpoint_traffic(context& c);       // VPCSIM-L018
void nat_gateway_in_other_az(context& c);            // VPCSIM-L019
void interface_endpoint_private_dns_unused(context& c);  // VPCSIM-L020
void service_cidr_instead_of_prefix_list(context& c);    // VPCSIM-L021
void spoke_without_endpoint_zone(context& c);            // VPCSIM-L022
void zone_alias_to_other_region_endpoint(context& c);    // VPCSIM-L023

}  // namespace vpcsim::detail::lint
