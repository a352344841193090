// Destination resolution (dns.hpp) on networks built in code: the cases of IF-10, IF-13 and IF-16 the
// scenario captures do not hold.
#include <vpcsim/error.hpp>
#include <vpcsim/sim/dns.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace vpcsim;
using Catch::Matchers::Contains;
using Catch::Matchers::Message;

namespace {

const vpc_id CLIENT{"vpc-client"};
const vpc_id PROVIDER{"vpc-provider"};

vpc make_vpc(const vpc_id& id, const char* cidr) {
  vpc v;
  v.id = id;
  v.where = scope{"111122223333", "us-east-1"};
  v.cidr_blocks = {*cidr4::parse(cidr)};
  v.enable_dns_support = true;
  v.enable_dns_hostnames = true;
  return v;
}

// An interface endpoint in `v` with one network interface at `ip` in us-east-1a.
void add_endpoint(network& net, const char* id, const vpc_id& v, const std::string& service, const char* ip,
                  bool private_dns, std::vector<std::string> dns_names = {}) {
  network_interface eni;
  eni.id = network_interface_id{std::string("eni-") + (id + 5)};
  eni.where = scope{"111122223333", "us-east-1"};
  eni.vpc = v;
  eni.subnet = subnet_id{"subnet-" + v.str()};
  eni.availability_zone = "us-east-1a";
  eni.private_ips = {private_ip{*parse_address4(ip), true, std::nullopt}};
  eni.interface_type = "vpc_endpoint";
  net.put(eni);
  vpc_endpoint ep;
  ep.id = vpc_endpoint_id{id};
  ep.where = eni.where;
  ep.vpc = v;
  ep.type = endpoint_type::interface;
  ep.service_name = service;
  ep.network_interfaces = {eni.id};
  ep.private_dns_enabled = private_dns;
  ep.dns_names = std::move(dns_names);
  net.put(ep);
}

network two_vpcs() {
  network net;
  net.put(make_vpc(CLIENT, "10.0.0.0/16"));
  net.put(make_vpc(PROVIDER, "10.1.0.0/16"));
  return net;
}

destination resolve(const network& net, const std::string& to) {
  auto r = resolve_destination(net, to, CLIENT, "us-east-1", "us-east-1a");
  REQUIRE(r.dest);
  return *r.dest;
}

const std::string PARTNER = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

}  // namespace

TEST_CASE("an endpoint-specific name leads to its endpoint even when the input has no DnsEntries for it (IF-10, "
          "IF-16)",
          "[sim][dns]") {
  auto net = two_vpcs();
  add_endpoint(net, "vpce-0aaa", CLIENT, "com.amazonaws.us-east-1.bedrock-runtime", "10.0.3.5", true);
  const auto d = resolve(net, "vpce-0aaa-abcd1234.bedrock-runtime.us-east-1.vpce.amazonaws.com");
  CHECK(d.address.to_string() == "10.0.3.5");
  REQUIRE(d.endpoint);
  CHECK(d.endpoint->id.str() == "vpce-0aaa");
  CHECK(d.by == "endpoint-specific DNS name of vpce-0aaa");
  CHECK(d.service == "bedrock-runtime");
}

TEST_CASE("a private DNS name only the endpoint's DnsEntries list resolves to the endpoint when private DNS is in "
          "effect (IF-11a, IF-16)",
          "[sim][dns]") {
  auto net = two_vpcs();
  add_endpoint(net, "vpce-0aaa", CLIENT, PARTNER, "10.0.3.5", true,
               {"vpce-0aaa-abcd1234.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com", "api.partner.example.com"});
  const auto d = resolve(net, "API.Partner.Example.com.");
  CHECK(d.address.to_string() == "10.0.3.5");
  CHECK(d.by == "private DNS of vpce-0aaa");
  CHECK(d.service == PARTNER);

  SECTION("without enableDnsHostnames the partner's service is still reached by its endpoint-specific name") {
    auto v = *net.find(CLIENT);
    v.enable_dns_hostnames = false;
    net.put(v);
    const auto e = resolve(net, PARTNER);
    CHECK(e.address.to_string() == "10.0.3.5");
    CHECK(e.by == "endpoint-specific DNS name of vpce-0aaa (the endpoint service has no public name)");
    CHECK(e.ineffective_private_dns);
  }
}

TEST_CASE("an endpoint service whose endpoint is in another VPC is reached by that endpoint's Regional name (IF-13, "
          "IF-16)",
          "[sim][dns]") {
  auto net = two_vpcs();
  add_endpoint(net, "vpce-0bbb", PROVIDER, PARTNER, "10.1.3.7", true, {"api.partner.example.com"});
  const auto d = resolve(net, PARTNER);
  CHECK(d.address.to_string() == "10.1.3.7");
  CHECK_THAT(d.by, Contains("endpoint-specific DNS name of vpce-0bbb"));
}

TEST_CASE("an AWS service only another VPC's endpoint names resolves publicly there, with notes (IF-11d, IF-16)",
          "[sim][dns]") {
  auto net = two_vpcs();
  add_endpoint(net, "vpce-0bbb", PROVIDER, "com.amazonaws.us-east-1.bedrock-runtime", "10.1.3.7", true,
               {"bedrock-runtime.us-east-1.amazonaws.com"});
  for (const char* to : {"bedrock-runtime", "bedrock-runtime.us-east-1.amazonaws.com"}) {
    INFO(to);
    const auto d = resolve(net, to);
    CHECK(d.address.to_string() == "198.51.100.10");
    CHECK_FALSE(d.endpoint);
    CHECK(d.warnings.size() == 2);
    CHECK_THAT(d.warnings.back(), Contains("its public name and addresses are unknown"));
  }
}

TEST_CASE("a wildcard DnsEntries name matches names with labels before its suffix, not the bare suffix",
          "[sim][dns]") {
  auto net = two_vpcs();
  add_endpoint(net, "vpce-0ccc", CLIENT, "com.amazonaws.us-east-1.newservice", "10.0.3.9", true,
               {"*.tenant.newservice.us-east-1.amazonaws.com"});
  CHECK(resolve(net, "a.b.tenant.newservice.us-east-1.amazonaws.com").address.to_string() == "10.0.3.9");
  CHECK_THROWS_AS(resolve(net, "tenant.newservice.us-east-1.amazonaws.com"), usage_error);
}

TEST_CASE("an endpoint service without a network interface in the input cannot be traced", "[sim][dns]") {
  auto net = two_vpcs();
  vpc_endpoint ep;
  ep.id = vpc_endpoint_id{"vpce-0ddd"};
  ep.vpc = CLIENT;
  ep.type = endpoint_type::interface;
  ep.service_name = PARTNER;
  net.put(ep);
  CHECK_THROWS_MATCHES(resolve(net, PARTNER), usage_error,
                       Message("[vpcsim.trace.unknown_destination] " + PARTNER +
                               " has no public name and no endpoint with a network interface in the input"));
}

// DNS-15 (issue #22): RFC 6052 section 2.2, the well-known prefix 64:ff9b::/96 with the IPv4 address
// in bits 96..127.
TEST_CASE("DNS64 embeds the IPv4 address in the last 32 bits of 64:ff9b::/96 (RFC 6052, DNS-15)", "[sim][dns][dns64]") {
  CHECK(nat64_address(*parse_address4("192.0.2.33")).to_string() == "64:ff9b::c000:221");  // RFC 6052 section 2.4's example
  CHECK(nat64_address(*parse_address4("10.80.9.20")).to_string() == "64:ff9b::a50:914");
  CHECK(nat64_address(*parse_address4("0.0.0.0")).to_string() == "64:ff9b::");
  CHECK(nat64_address(*parse_address4("255.255.255.255")).to_string() == "64:ff9b::ffff:ffff");
  const auto a = nat64_address(*parse_address4("52.216.8.1")).to_bytes();
  CHECK(std::vector<int>(a.begin(), a.end()) ==
        std::vector<int>{0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 52, 216, 8, 1});
}

namespace {

subnet client_subnet(bool dns64) {
  subnet s;
  s.id = subnet_id{"subnet-client"};
  s.where = scope{"111122223333", "us-east-1"};
  s.vpc = CLIENT;
  s.cidr_block = *cidr4::parse("10.0.1.0/24");
  s.availability_zone = "us-east-1a";
  s.enable_dns64 = dns64;
  return s;
}

}  // namespace

TEST_CASE("with EnableDns64 on, an IPv6 query for a name with A records only answers 64:ff9b::/96 plus its IPv4 address (DNS-15)",
          "[sim][dns][dns64]") {
  auto net = two_vpcs();
  const auto on = client_subnet(true);
  const auto r = resolve_destination(net, "ip-10-1-2-3.ec2.internal", CLIENT, "us-east-1", "us-east-1a", 6, &on);
  REQUIRE(r.dest);
  CHECK(r.dest->address.to_string() == "64:ff9b::a01:203");
  REQUIRE(r.dest->dns64_from);
  CHECK(r.dest->dns64_from->to_string() == "10.1.2.3");
  CHECK_THAT(r.dest->by, Contains("AAAA synthesized by DNS64 of subnet-client") && Contains("64:ff9b::/96 + 10.1.2.3"));
  // The IPv4 answer is unchanged; and addresses and ids are no DNS queries: nothing is synthesized.
  CHECK(resolve_destination(net, "ip-10-1-2-3.ec2.internal", CLIENT, "us-east-1", "us-east-1a", 4, &on).dest->address.to_string() ==
        "10.1.2.3");
  CHECK_THROWS_WITH(resolve_destination(net, "10.1.2.3", CLIENT, "us-east-1", "us-east-1a", 6, &on), Contains("has no IPv6 answer"));
}

TEST_CASE("with EnableDns64 off, the same IPv6 query has no answer, and the usage error names the attribute (DNS-15, DNS-14)",
          "[sim][dns][dns64]") {
  auto net = two_vpcs();
  const auto off = client_subnet(false);
  CHECK_THROWS_WITH(resolve_destination(net, "ip-10-1-2-3.ec2.internal", CLIENT, "us-east-1", "us-east-1a", 6, &off),
                    Contains("EnableDns64 is off on subnet-client"));
}

TEST_CASE("DNS64 does not replace an AAAA answer: a dual-stack endpoint's private DNS keeps its IPv6 address (DNS-15, IF-17)",
          "[sim][dns][dns64]") {
  auto net = two_vpcs();
  add_endpoint(net, "vpce-0sts", CLIENT, "com.amazonaws.us-east-1.sts", "10.0.1.40", true);
  auto ep = *net.find(vpc_endpoint_id{"vpce-0sts"});
  ep.dns_record_ip_type = "dualstack";
  net.put(ep);
  auto eni = *net.find(network_interface_id{"eni-0sts"});
  eni.ipv6_addresses = {*parse_address6("2600:1f18:6c2:9001::40")};
  net.put(eni);
  const auto on = client_subnet(true);
  const auto r = resolve_destination(net, "sts", CLIENT, "us-east-1", "us-east-1a", 6, &on);
  REQUIRE(r.dest);
  CHECK(r.dest->address.to_string() == "2600:1f18:6c2:9001::40");
  CHECK_FALSE(r.dest->dns64_from);
}
