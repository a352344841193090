#pragma once
/// DNS configuration across VPCs: Route 53 hosted zones and their records, Route 53 Resolver rules
/// and endpoints, and DHCP options sets. Models `aws route53 list-hosted-zones`,
/// `get-hosted-zone`, `list-resource-record-sets`
/// (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html),
/// `aws route53resolver list-resolver-rules` / `-rule-associations` / `-endpoints`
/// (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_ResolverRule.html)
/// and `aws ec2 describe-dhcp-options`
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DhcpOptions.html).

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// A DNS name in the form vpcsim compares: lower case (DNS names are case-insensitive), without
/// the trailing dot Route 53 writes, and with Route 53's escape of `*` undone.
std::string canonical_dns_name(std::string_view name);

/// Whether `name` is `domain` or a name below it (`api.ecr.x.amazonaws.com` is below `amazonaws.com`);
/// both canonical.
bool dns_name_within(std::string_view name, std::string_view domain) noexcept;

/// The record types vpcsim resolves; a zone's other records (NS, SOA, TXT, MX, …) are kept by type
/// name only for display (`other`).
enum class dns_record_type { a, aaaa, cname, other };
std::string_view to_string(dns_record_type t) noexcept;

/// One record set of a hosted zone: plain values, or an alias to another DNS name (DNS-12).
struct dns_record {
  std::string name;                ///< canonical (`api.ecr.us-east-1.amazonaws.com`, `*.example.com`)
  dns_record_type type = dns_record_type::a;
  std::string type_name = "A";     ///< as the input spells it (`A`, `CNAME`, `NS`, …)
  std::vector<std::string> values; ///< `ResourceRecords[].Value`
  /// `AliasTarget.DNSName`, canonical; empty when the record is not an alias.
  std::string alias_target;
  std::string alias_zone_id;       ///< `AliasTarget.HostedZoneId`, when given
  /// `SetIdentifier` of weighted/latency/… records; vpcsim answers with the first by identifier.
  std::string set_identifier;

  bool is_alias() const noexcept { return !alias_target.empty(); }
  bool operator==(const dns_record&) const = default;
};

/// A VPC a private hosted zone is associated with (`get-hosted-zone` `VPCs[]`).
struct zone_vpc {
  vpc_id vpc;
  std::string region;  ///< `VPCRegion`; empty when the input does not say
  bool operator==(const zone_vpc&) const = default;
};

/// A Route 53 hosted zone (`Z0123…`, without the `/hostedzone/` prefix the API writes).
struct hosted_zone {
  hosted_zone_id id;
  scope where;
  std::string name;  ///< canonical (`api.ecr.us-east-1.amazonaws.com`)
  bool private_zone = false;
  std::vector<zone_vpc> vpcs;        ///< private zones: the VPCs that may query it (DNS-3)
  std::vector<dns_record> records;
  /// Whether the input holds the zone's records (`list-resource-record-sets`); a zone known only
  /// from `list-hosted-zones` answers nothing vpcsim can see.
  bool records_known = false;
  std::string comment;  ///< `Config.Comment`
  tag_map tags;

  bool associated_with(const vpc_id& v) const {
    for (const auto& a : vpcs)
      if (a.vpc == v) return true;
    return false;
  }
  bool operator==(const hosted_zone&) const = default;
};

/// `RuleType` (DNS-13).
enum class resolver_rule_type { forward, system, recursive };
std::string_view to_string(resolver_rule_type t) noexcept;

/// A target a FORWARD rule sends queries to.
struct resolver_target {
  std::string ip;  ///< `Ip` (or `Ipv6`)
  int port = 53;
  bool operator==(const resolver_target&) const = default;
};

/// A Route 53 Resolver rule (its `Name` is its `Name` tag here) and the VPCs it is associated with (`list-resolver-rule-associations`).
struct resolver_rule {
  resolver_rule_id id;
  scope where;
  std::string domain_name;  ///< canonical; `.` (written empty here) is every name
  resolver_rule_type type = resolver_rule_type::forward;
  std::vector<resolver_target> targets;
  resolver_endpoint_id endpoint;  ///< the outbound endpoint a FORWARD rule uses
  std::vector<vpc_id> vpcs;
  state_of<resolver_rule_status> status = "COMPLETE";
  tag_map tags;

  bool associated_with(const vpc_id& v) const {
    for (const auto& a : vpcs)
      if (a == v) return true;
    return false;
  }
  bool operator==(const resolver_rule&) const = default;
};

/// A Route 53 Resolver inbound or outbound endpoint.
struct resolver_endpoint {
  resolver_endpoint_id id;
  scope where;
  std::string direction = "OUTBOUND";  ///< `INBOUND`, `OUTBOUND`, `INBOUND_DELEGATION`
  vpc_id vpc;                          ///< `HostVPCId`
  std::vector<security_group_id> security_groups;
  state_of<resolver_endpoint_status> status = "OPERATIONAL";
  tag_map tags;

  bool operator==(const resolver_endpoint&) const = default;
};

/// The `AmazonProvidedDNS` value of `domain-name-servers` (DNS-1, DNS-8).
inline constexpr std::string_view amazon_provided_dns = "AmazonProvidedDNS";

/// A DHCP options set (`dopt-…`), associated with VPCs by their `DhcpOptionsId`.
struct dhcp_options {
  dhcp_options_id id;
  scope where;
  std::vector<std::string> domain_name_servers;  ///< `AmazonProvidedDNS` or addresses
  std::vector<std::string> domain_name;          ///< `domain-name` values
  /// Other keys (`ntp-servers`, `netbios-name-servers`, …) as `key=value`, kept for display.
  std::vector<std::string> other;
  tag_map tags;

  /// DNS-8, DNS-11: instances query the Amazon resolver only when `domain-name-servers` is absent or
  /// lists `AmazonProvidedDNS` first (a resolver is tried in order; the first that answers wins).
  bool uses_amazon_dns() const noexcept {
    return domain_name_servers.empty() || domain_name_servers.front() == amazon_provided_dns;
  }
  bool operator==(const dhcp_options&) const = default;
};

}  // namespace vpcsim
