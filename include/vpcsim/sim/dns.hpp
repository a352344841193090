#pragma once
/// Destination resolution as the source's VPC would do it (B.5 DNS-1..DNS-13, IF-10, IF-11,
/// IF-15, IF-16, S3IF-3/4, B.9 step 1).

#include <vpcsim/error.hpp>
#include <vpcsim/model/network.hpp>
#include <vpcsim/sim/answer.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

/// Where a destination leads before any packet moves.
struct destination {
  ip_address address;  ///< IPv4, or IPv6 for an IPv6 address or an instance's IPv6 address
  std::string by;            ///< how it was resolved, for `resolved.by`
  std::string service;       ///< the service's short name (the full name of a non-AWS endpoint service), if any
  std::string region;        ///< the service's region
  const vpc_endpoint* endpoint = nullptr;  ///< interface endpoint the name resolved to
  /// An interface endpoint whose private DNS would have captured the name but is not in effect
  /// (a VPC DNS attribute is off, DNS-6), so the fix can say so.
  const vpc_endpoint* ineffective_private_dns = nullptr;
  /// An interface endpoint of the service in the client's VPC whose private DNS is off, so the
  /// service's default name resolved to public addresses instead (IF-11e).
  const vpc_endpoint* private_dns_off = nullptr;
  /// The Route 53 private hosted zone that answered (DNS-3, DNS-12), and its record as
  /// `NAME TYPE VALUE` (`api.ecr.us-east-1.amazonaws.com A alias vpce-….vpce.amazonaws.com`).
  const hosted_zone* zone = nullptr;
  std::string record;
  /// A private hosted zone that holds the name but is not associated with the client's VPC, so the
  /// name resolved by public DNS instead (DNS-3); nullptr otherwise.
  const hosted_zone* unassociated_zone = nullptr;
  /// DNS-15: the IPv4 address whose AAAA answer DNS64 synthesized in 64:ff9b::/96 (`address` holds
  /// the synthesized one); empty when the answer is not DNS64's.
  std::optional<address4> dns64_from;
  /// DNS-14: an IPv6 query met a private hosted zone's A record (plain or alias) and no AAAA record:
  /// the name has no AAAA answer there, whatever the A answer's target has (an alias A answers A
  /// queries only).
  bool zone_a_only = false;
  /// S3-DS: the name is a service's dual-stack name (`s3.dualstack.REGION.amazonaws.com`), whose
  /// public DNS answers AAAA records too.
  bool dualstack_name = false;
  std::vector<std::string> warnings;
};

/// The result of resolving: a destination, or the reason resolution fails (DNS-4).
struct resolution_result {
  std::optional<destination> dest;
  std::optional<blocked_by> failure;
};

/// DNS-14: `to` has no answer in the family asked (`vpcsim.trace.no_answer_in_family`, a usage error
/// for a dual-stack client). `reason` says why; the message adds `advice` for such a client (another
/// `--ip-version`, an address as `--to`), which an IPv6-only client (VPC-6), for whom the name is
/// simply unreachable, does not get.
class no_answer_in_family : public usage_error {
 public:
  no_answer_in_family(const std::string& reason, const std::string& advice)
      : usage_error("vpcsim.trace.no_answer_in_family", reason + advice), reason_(reason) {}
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string reason_;
};

/// Resolves `to` for a client in `client_vpc` (region `region`, AZ `client_az`): an address, an
/// instance or ENI id, a catalogued service or hostname, or a service an interface endpoint of the
/// input names, by its service name, short name or `DnsEntries` names (IF-16). Throws `usage_error`
/// when `to` names nothing vpcsim can resolve offline, listing close names when there are some.
/// `ip_version` 4 or 6 picks the family of the answer (`trace --ip-version`, DNS-14): 6 takes the
/// AAAA answer of an interface endpoint whose `DnsRecordIpType` is `dualstack` or `ipv6` (IF-17) or
/// an instance's or ENI's IPv6 address; a name without an answer in that family throws
/// `no_answer_in_family`.
/// 0 (the default): as the name resolves for IPv4 clients. `client_subnet` (when given) is the
/// client's subnet: with its `EnableDns64` on, an IPv6 query for a name with A records only answers
/// with the IPv4 address embedded in 64:ff9b::/96 (DNS-15).
resolution_result resolve_destination(const network& net, const std::string& to, const vpc_id& client_vpc,
                                      const std::string& region, const std::string& client_az, int ip_version = 0,
                                      const subnet* client_subnet = nullptr);

/// RFC 6052 with the well-known prefix 64:ff9b::/96: the IPv4 address in the last 32 bits (DNS-15).
address6 nat64_address(address4 a);

/// The public address a service answers on in a region: inside the input's AWS-managed prefix
/// list when present, else from the built-in catalogue (with a warning for S3/DynamoDB).
destination public_service_address(const network& net, const std::string& short_name, const std::string& region);

}  // namespace vpcsim
