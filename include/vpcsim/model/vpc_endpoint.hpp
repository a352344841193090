#pragma once
/// A VPC endpoint (gateway, interface, Gateway Load Balancer). Models
/// `aws ec2 describe-vpc-endpoints`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/model/policy.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

enum class endpoint_type { gateway, interface, gateway_load_balancer };

std::string_view to_string(endpoint_type t) noexcept;

struct vpc_endpoint {
  vpc_endpoint_id id;
  scope where;
  vpc_id vpc;
  endpoint_type type = endpoint_type::gateway;
  std::string service_name;  ///< `com.amazonaws.us-east-1.s3`
  /// `pendingAcceptance`, `pending`, `available`, `deleting`, `deleted`, `rejected`, `failed`, …
  state_of<endpoint_state> state = "available";
  std::vector<route_table_id> route_tables;  ///< gateway endpoints (GW-6)
  std::vector<subnet_id> subnets;            ///< interface endpoints: one per AZ (IF-2)
  std::vector<network_interface_id> network_interfaces;
  std::vector<security_group_id> security_groups;  ///< interface endpoints (IF-7)
  bool private_dns_enabled = false;                ///< IF-11
  /// `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint` (S3IF-4, DDBIF-4); nullopt when absent.
  std::optional<bool> private_dns_only_for_inbound_resolver_endpoint;
  /// `DnsOptions.DnsRecordIpType`: `ipv4`, `dualstack`, `ipv6` or `service-defined` (IF-17); empty
  /// when absent.
  std::string dns_record_ip_type;
  std::vector<std::string> dns_names;  ///< `DnsEntries[].DnsName`
  /// The endpoint policy as captured (JSON text), kept for show/convert; empty when absent.
  std::string policy_document;
  /// The policy, parsed at import; nullopt means AWS's default full access (POL-2).
  std::optional<endpoint_policy> policy;
  tag_map tags;

  bool is_available() const noexcept { return state == endpoint_state::available; }
  bool operator==(const vpc_endpoint&) const = default;
};

}  // namespace vpcsim
