#pragma once
/// AWS's published IP ranges (`ip-ranges.json`, https://ip-ranges.amazonaws.com/ip-ranges.json),
/// IPv4 part: https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html

#include <vpcsim/net/cidr.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// One entry of `prefixes[]`: a block AWS announces for a service in a region.
struct ip_range {
  std::string service;  ///< as AWS spells it: `S3`, `DYNAMODB`, `AMAZON`, …
  std::string region;   ///< `us-east-1`, or `GLOBAL`
  cidr4 cidr;

  bool operator==(const ip_range&) const = default;
};

/// Parses an ip-ranges document's `prefixes[]`, in file order; `file` labels errors.
/// Throws `import_error` when the text is not JSON or an entry is malformed.
std::vector<ip_range> parse_ip_ranges(std::string_view json_text, const std::string& file = {});

/// One entry of `ipv6_prefixes[]` (the IPv6 part of the same document).
struct ip_range6 {
  std::string service;
  std::string region;
  cidr6 cidr;

  bool operator==(const ip_range6&) const = default;
};

/// Parses an ip-ranges document's `ipv6_prefixes[]`, in file order (none when the document has no
/// such array); errors as `parse_ip_ranges`.
std::vector<ip_range6> parse_ip_ranges6(std::string_view json_text, const std::string& file = {});

}  // namespace vpcsim
