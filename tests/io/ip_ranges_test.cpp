#include <vpcsim/error.hpp>
#include <vpcsim/io/ip_ranges.hpp>

#include <catch2/catch.hpp>

using namespace vpcsim;
using Catch::Matchers::Message;

TEST_CASE("ip ranges are read from the prefixes of AWS's format, in file order", "[io][ip_ranges]") {
  auto ranges = parse_ip_ranges(R"({
    "syncToken": "1", "createDate": "2026-08-22-15-17-05",
    "prefixes": [
      {"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "S3", "network_border_group": "us-east-1"},
      {"ip_prefix": "52.94.0.0/22", "region": "us-east-1", "service": "DYNAMODB", "network_border_group": "us-east-1"}
    ],
    "ipv6_prefixes": [{"ipv6_prefix": "2600:1f18::/36", "region": "us-east-1", "service": "S3"}]
  })");
  CHECK(ranges == std::vector<ip_range>{{"S3", "us-east-1", *cidr4::parse("52.216.0.0/15")},
                                        {"DYNAMODB", "us-east-1", *cidr4::parse("52.94.0.0/22")}});
}

TEST_CASE("ip ranges with bad data are an import error that says where", "[io][ip_ranges]") {
  CHECK_THROWS_MATCHES(parse_ip_ranges(R"({"prefixes": [{"ip_prefix": "52.216.0.0/15", "region": "us-east-1",
                                          "service": "S3"}, {"ip_prefix": "52.216.0.1/15", "region": "us-east-1",
                                          "service": "S3"}]})", "ranges.json"),
                       import_error,
                       Message("[vpcsim.import.bad_cidr] ranges.json /prefixes/1/ip_prefix: '52.216.0.1/15' has "
                               "host bits set"));
  CHECK_THROWS_MATCHES(parse_ip_ranges(R"({"prefixes": [{"ip_prefix": "2600:1f18::/36", "region": "us-east-1",
                                          "service": "S3"}]})", "ranges.json"),
                       import_error,
                       Message("[vpcsim.import.bad_cidr] ranges.json /prefixes/0/ip_prefix: '2600:1f18::/36' is not "
                               "an IPv4 CIDR"));
  CHECK_THROWS_MATCHES(parse_ip_ranges(R"({"prefixes": [{"ip_prefix": "52.216.0.0/15", "service": "S3"}]})",
                                       "ranges.json"),
                       import_error,
                       Message("[vpcsim.import.missing_field] ranges.json /prefixes/0: field 'region' is required"));
  CHECK_THROWS_MATCHES(parse_ip_ranges(R"({"prefixes": [{"ip_prefix": "52.216.0.0/15", "region": 1,
                                          "service": "S3"}]})", "ranges.json"),
                       import_error,
                       Message("[vpcsim.import.wrong_type] ranges.json /prefixes/0/region: field 'region' must be a "
                               "string"));
  CHECK_THROWS_MATCHES(parse_ip_ranges(R"({"prefixes": ["52.216.0.0/15"]})", "ranges.json"), import_error,
                       Message("[vpcsim.import.wrong_type] ranges.json /prefixes/0: a prefix entry must be a JSON "
                               "object"));
  CHECK_THROWS_MATCHES(parse_ip_ranges(R"({"prefixes": {}})", "ranges.json"), import_error,
                       Message("[vpcsim.import.wrong_type] ranges.json /prefixes: field 'prefixes' must be an array"));
  CHECK_THROWS_MATCHES(parse_ip_ranges(R"({"syncToken": "1"})", "ranges.json"), import_error,
                       Message("[vpcsim.import.missing_field] ranges.json: field 'prefixes' is required"));
  CHECK_THROWS_MATCHES(parse_ip_ranges("[]", "ranges.json"), import_error,
                       Message("[vpcsim.import.wrong_type] ranges.json: an ip-ranges document must be a JSON object"));
  CHECK_THROWS_WITH(parse_ip_ranges(R"({"prefixes": [)", "ranges.json"),
                    Catch::StartsWith("[vpcsim.import.not_json] ranges.json: not JSON: "));
}

TEST_CASE("IPv6 ranges are read from ipv6_prefixes of the same document, in file order (S3-DS, issue #22)", "[io][ip_ranges]") {
  const auto ranges = parse_ip_ranges6(R"({
    "prefixes": [{"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "S3"}],
    "ipv6_prefixes": [
      {"ipv6_prefix": "2600:1f18::/36", "region": "us-east-1", "service": "S3", "network_border_group": "us-east-1"},
      {"ipv6_prefix": "2600:1f70:4000::/40", "region": "us-east-1", "service": "DYNAMODB", "network_border_group": "us-east-1"}
    ]
  })");
  CHECK(ranges == std::vector<ip_range6>{{"S3", "us-east-1", *cidr6::parse("2600:1f18::/36")},
                                         {"DYNAMODB", "us-east-1", *cidr6::parse("2600:1f70:4000::/40")}});
  CHECK(parse_ip_ranges6(R"({"prefixes": []})").empty());  // a document without IPv6 part
  CHECK_THROWS_MATCHES(parse_ip_ranges6(R"({"ipv6_prefixes": [{"ipv6_prefix": "52.216.0.0/15", "region": "us-east-1",
                                           "service": "S3"}]})", "ranges.json"),
                       import_error,
                       Message("[vpcsim.import.bad_cidr] ranges.json /ipv6_prefixes/0/ipv6_prefix: '52.216.0.0/15' is not "
                               "an IPv6 CIDR"));
}
