#pragma once
/// The AWS service catalogue as data: short names, endpoint types offered, default hostnames per
/// region, public addresses, and composite operations (design.md "services/").

#include <vpcsim/net/address.hpp>
#include <vpcsim/net/prefix_set.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim::services {

struct service_info {
  std::string short_name;       ///< `s3`, `dynamodb`, `ecr.api`, `ecr.dkr`, `logs`, `sts`, …
  bool gateway_endpoint = false;   ///< offers a gateway endpoint (GW-1: S3 and DynamoDB only)
  bool interface_endpoint = true;  ///< offers an interface endpoint
  /// Whether enabling private DNS on an interface endpoint captures the default name. DynamoDB:
  /// not confirmed, treated as no unless the endpoint has it enabled (DDBIF-2).
  bool private_dns_captures_default_name = true;
  std::string iam_prefix;       ///< action prefix in policies: `s3`, `dynamodb`, `ecr`, `logs`
  std::string description;
};

/// The service with this short name, or nullptr. Accepts `X` and `com.amazonaws.REGION.X`.
const service_info* find_service(std::string_view name);
/// Every catalogued service, ordered by short name.
const std::vector<service_info>& all_services();

/// `com.amazonaws.REGION.X`.
std::string endpoint_service_name(std::string_view short_name, std::string_view region);
/// Splits `com.amazonaws.REGION.X` into region and short name; nullopt for other names.
struct service_name_parts {
  std::string region;
  std::string short_name;
};
std::optional<service_name_parts> parse_endpoint_service_name(std::string_view full);

/// The default Regional hostname clients use: `s3.us-east-1.amazonaws.com`,
/// `api.ecr.us-east-1.amazonaws.com`, `ACCOUNT.dkr.ecr.us-east-1.amazonaws.com` (ECR-1),
/// `*.execute-api.us-east-1.amazonaws.com` (`*` = any API id), …; empty for unknown services.
std::string default_hostname(std::string_view short_name, std::string_view region,
                             std::string_view account = "123456789012");

/// What a hostname names: a catalogued service in a region (default or endpoint-specific name).
struct host_match {
  std::string short_name;
  std::string region;
  /// `vpce-…` when the host is an endpoint-specific name (IF-10, S3IF-2), else empty.
  std::string endpoint_id;
  /// The availability zone of a zonal endpoint-specific name (`vpce-…-…-us-east-1a.…`), else empty.
  std::string zone;
};
std::optional<host_match> match_hostname(std::string_view host);

/// The parts of an endpoint-specific name (IF-10) of any service, catalogued or not:
/// `PREFIX.vpce-ID-SUFFIX-AZ.PART.REGION.vpce.amazonaws.com`, where the prefix and the zone are optional.
struct endpoint_specific_name {
  std::string endpoint_id;   ///< `vpce-ID`
  std::string region;
  std::string zone;          ///< the AZ of a zonal name; empty for the Regional name
  std::string service_part;  ///< `api.ecr`, `s3`, `cloudformation`, …
  std::string prefix;        ///< labels before the endpoint label, as in S3 names (S3IF-2); usually empty
};
std::optional<endpoint_specific_name> parse_endpoint_specific_name(std::string_view host);

/// AWS's published public IPv4 ranges of S3 or DynamoDB in a region (data/README.md); empty for
/// other services or unknown regions.
prefix_set published_ranges(std::string_view short_name, std::string_view region);

/// AWS's published public IPv6 ranges of S3 or DynamoDB in a region (`ipv6_prefixes`, data/README.md);
/// empty for other services or unknown regions.
std::vector<cidr6> published_ranges6(std::string_view short_name, std::string_view region);
/// One public IPv6 address of S3 or DynamoDB in a region: the second address of the region's largest
/// published IPv6 range (the lowest on ties); nullopt without published IPv6 ranges.
std::optional<address6> representative_address6(std::string_view short_name, std::string_view region);
/// A dual-stack service name AWS documents (S3-DS): `s3.dualstack.REGION.amazonaws.com` answers A
/// and AAAA records; its service's short name and region, else nullopt.
std::optional<service_name_parts> match_dualstack_hostname(std::string_view host);
/// `s3.dualstack.REGION.amazonaws.com` for `s3`; empty for services without a documented one.
std::string dualstack_hostname(std::string_view short_name, std::string_view region);
/// The gateway-endpoint service (`s3`, `dynamodb`) whose published ranges in `region` hold all of
/// `block`, else nullopt: a rule naming such a block hard-codes what the service's managed prefix
/// list says (GW-5, SG-14).
std::optional<std::string> service_owning(const cidr4& block, std::string_view region);

/// One public address the service answers on in a region: for S3/DynamoDB the second address of
/// the region's largest published range (the lowest on ties); for other services, and regions
/// without published ranges, 198.51.100.10, a public address outside every S3/DynamoDB range (any
/// such address routes the same way, data/README.md).
address4 representative_address(std::string_view short_name, std::string_view region);
/// The same choice among `blocks` (the second address of the largest block, lowest on ties);
/// 198.51.100.10 when `blocks` is empty.
address4 representative_address(const prefix_set& blocks);

/// One leg of a composite operation.
struct leg {
  std::string service;   ///< short name
  std::string action;    ///< the IAM action the leg performs (`s3:GetObject`)
  std::string resource;  ///< the ARN it touches (`arn:aws:s3:::prod-REGION-starport-layer-bucket/*`)
};
/// Composite destinations: `ecr` = an image pull = `ecr.api` + `ecr.dkr` + `s3` (ECR-1, ECR-2).
/// Empty for names that are not composites.
std::vector<leg> composite_legs(std::string_view name, std::string_view region);

/// The IAM action a plain port query stands for: any action of the service (`s3:*`).
std::string default_action(const service_info& s);

}  // namespace vpcsim::services
