#pragma once
/// A realistic network, made up from a preset and a seed: several accounts and regions, VPCs with
/// public, private and isolated subnets over availability zones, route tables, NAT gateways,
/// S3/DynamoDB gateway endpoints and ECR/logs/STS interface endpoints, security groups with group
/// and prefix-list references, custom network ACLs and instances. For load tests of vpcsim and of
/// other tools that read AWS CLI captures (write it with io/aws_writer.hpp).
///
/// Deterministic: the same preset and seed give the same network, field for field, with every
/// standard library (a fixed PRNG, std::mt19937_64, with its own integer mapping).
///
/// A few VPCs carry deliberate misconfigurations of the kind real estates have; each such VPC
/// names them in its `vpcsim:defects` tag (comma-separated, see `defect_*` below), so tools under
/// test can be checked against the expected findings.

#include <vpcsim/model/network.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace vpcsim::gen {

enum class preset { small, enterprise, huge };

/// `small`, `enterprise`, `huge`.
std::string_view to_string(preset p) noexcept;
/// The preset with that name, or nullopt.
std::optional<preset> parse_preset(std::string_view name);

/// The size of a preset. Instances per VPC = subnets_per_vpc × instances_per_subnet, exactly.
struct preset_shape {
  int accounts = 0;
  int regions_per_account = 0;
  int vpcs_per_region = 0;  ///< in each account and region
  int subnets_per_vpc = 0;
  int instances_per_subnet = 0;  ///< on average; private subnets hold more than public ones

  int vpcs() const noexcept { return accounts * regions_per_account * vpcs_per_region; }
  long long instances() const noexcept {
    return static_cast<long long>(vpcs()) * subnets_per_vpc * instances_per_subnet;
  }
};

/// small: 2 accounts × 2 regions, 4 VPCs, 192 instances; enterprise: 50 VPCs × 24 subnets × 40
/// instances (48,000); huge: 500 VPCs (480,000 instances).
preset_shape shape_of(preset p) noexcept;

struct generate_options {
  preset size = preset::small;
  std::uint64_t seed = 1;
  /// Dual-stack VPCs: an Amazon-provided IPv6 /56 per VPC and a /64 per subnet, an egress-only
  /// internet gateway (`::/0` of the private tables, IGW-8; the public table's goes to the
  /// internet gateway), NACL entries and security group rules for `::/0` and the VPC's /56 beside
  /// the IPv4 ones, and an IPv6 address on every instance. Its IPv4 part is the network
  /// generated without it, resource for resource.
  bool dual_stack = false;
};

/// Values of the `vpcsim:defects` VPC tag.
inline constexpr std::string_view defects_tag = "vpcsim:defects";
/// The interface endpoints' security group has no TCP 443 rule from the VPC (IF-7).
inline constexpr std::string_view defect_endpoint_sg_no_443 = "endpoint-sg-no-443";
/// `enableDnsSupport` is false: nothing in the VPC resolves names through Amazon DNS (DNS-4).
inline constexpr std::string_view defect_dns_support_off = "dns-support-off";
/// `enableDnsHostnames` is false although interface endpoints rely on private DNS (IF-11b).
inline constexpr std::string_view defect_dns_hostnames_off = "dns-hostnames-off";
/// ECR is reachable through `ecr.api` only: the `ecr.dkr` endpoint is missing (ECR-1).
inline constexpr std::string_view defect_no_ecr_dkr_endpoint = "no-ecr-dkr-endpoint";
/// The private subnets' custom NACL lacks the inbound ephemeral-port rule for return traffic
/// from outside the VPC (NACL-16).
inline constexpr std::string_view defect_nacl_no_ephemeral = "nacl-no-ephemeral";
/// The S3 gateway endpoint is not associated with one private route table (GW-6).
inline constexpr std::string_view defect_s3_route_table_missing = "s3-endpoint-route-table-missing";

/// Builds the network of `options.size` for `options.seed`.
network generate(const generate_options& options);

}  // namespace vpcsim::gen
