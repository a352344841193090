#include <vpcsim/net/cidr.hpp>
#include <vpcsim/net/prefix_set.hpp>
#include <vpcsim/net/protocol.hpp>

#include <catch2/catch.hpp>

using namespace vpcsim;

TEST_CASE("a CIDR with host bits set is rejected as not canonical (RT-8)", "[net][cidr]") {
  cidr_problem why{};
  CHECK_FALSE(cidr4::parse("100.68.0.18/18", &why));
  CHECK(why == cidr_problem::not_canonical);
  auto c = cidr4::parse_canonicalising("100.68.0.18/18");
  REQUIRE(c);
  CHECK(c->to_string() == "100.68.0.0/18");
}

TEST_CASE("malformed CIDR text is a syntax problem", "[net][cidr]") {
  for (const char* bad : {"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/ 8", "a.b.c.d/8", "",
                          "10.0.0.256/32", "10.0.0.0/08x"}) {
    cidr_problem why{};
    INFO(bad);
    CHECK_FALSE(cidr4::parse(bad, &why));
    CHECK(why == cidr_problem::syntax);
  }
}

TEST_CASE("a CIDR contains the addresses and blocks inside it", "[net][cidr]") {
  auto vpc = *cidr4::parse("10.0.0.0/16");
  CHECK(vpc.contains(*parse_address4("10.0.255.255")));
  CHECK_FALSE(vpc.contains(*parse_address4("10.1.0.0")));
  CHECK(vpc.contains(*cidr4::parse("10.0.3.0/24")));
  CHECK_FALSE(cidr4::parse("10.0.3.0/24")->contains(vpc));
  CHECK(cidr4{}.contains(*parse_address4("52.216.0.1")));
}

TEST_CASE("an IPv6 CIDR is parsed and canonical-checked too", "[net][cidr]") {
  CHECK(cidr6::parse("2600:1f18::/36"));
  CHECK_FALSE(cidr6::parse("2600:1f18::1/36"));
  CHECK(cidr6::parse("::/0")->contains(*parse_address6("2001:db8::1")));
}

TEST_CASE("a prefix set finds the longest block holding an address", "[net][prefix_set]") {
  prefix_set s{{*cidr4::parse("52.216.0.0/15"), *cidr4::parse("52.217.0.0/16")}};
  CHECK(s.longest_match(*parse_address4("52.217.1.1"))->to_string() == "52.217.0.0/16");
  CHECK_FALSE(s.contains(*parse_address4("8.8.8.8")));
}

TEST_CASE("protocols are read by name or IANA number, -1 meaning all (SG-12, NACL-12)", "[net][protocol]") {
  CHECK(protocol::parse("tcp") == protocol::tcp());
  CHECK(protocol::parse("6") == protocol::tcp());
  CHECK(protocol::parse("-1") == protocol::all());
  CHECK(protocol::parse("ALL") == protocol::all());
  CHECK(protocol::parse("50")->name() == "50");
  CHECK_FALSE(protocol::parse("256"));
  CHECK_FALSE(protocol::parse("tcpx"));
  CHECK(protocol::all().matches(protocol::udp()));
  CHECK_FALSE(protocol::tcp().matches(protocol::udp()));
}

TEST_CASE("an IPv6 CIDR is an interval of 128-bit keys, as the engine's IPv6 tables keep it (RT-9, IGW-10)", "[net][cidr][ipv6]") {
  const auto c = *cidr6::parse("2600:1f18:6c2:4e00::/56");
  CHECK(make_address6(c.first_uint()).to_string() == "2600:1f18:6c2:4e00::");
  CHECK(make_address6(c.last_uint()).to_string() == "2600:1f18:6c2:4eff:ffff:ffff:ffff:ffff");
  CHECK(c.contains(*cidr6::parse("2600:1f18:6c2:4e01::/64")));
  CHECK_FALSE(c.contains(*cidr6::parse("2600:1f18:6c2:4f00::/64")));
  const auto all = *cidr6::parse("::/0");
  CHECK(all.first_uint() == 0);
  CHECK(all.last_uint() == ~uint128{0});
  CHECK(cidr6(*parse_address6("2600:1f18::17"), 64).to_string() == "2600:1f18::/64");
}

TEST_CASE("an address of either family prints as its family does, the IPv4 one as before", "[net][ipv6]") {
  CHECK(any_address{}.to_string() == "0.0.0.0");
  CHECK(any_address(*parse_address4("10.0.1.5")).to_string() == "10.0.1.5");
  CHECK(any_address(*parse_address6("2606:4700:4700::1111")).to_string() == "2606:4700:4700::1111");
  CHECK(any_address(*parse_address6("::")).to_string() == "::");
}

TEST_CASE("IPv4 addresses and CIDRs print as dotted quads, as inet_ntop prints them", "[net][cidr]") {
  for (const std::uint32_t a : {0u, 1u, 0x0a000105u, 0x7f000001u, 0xc0a80a64u, 0xfffffffeu, 0xffffffffu, 0x01020304u, 0x640a0009u}) {
    CHECK(vpcsim::to_string(a) == address4{a}.to_string());
    CHECK(vpcsim::to_string(address4{a}) == address4{a}.to_string());
    CHECK(vpcsim::to_string(ip_address(address4{a})) == address4{a}.to_string());
    CHECK(any_address(address4{a}).to_string() == address4{a}.to_string());
  }
  for (const char* c : {"0.0.0.0/0", "10.0.0.0/8", "172.31.255.0/24", "255.255.255.255/32", "100.64.0.0/10"})
    CHECK(cidr4::parse(c)->to_string() == c);
  CHECK(vpcsim::to_string(ip_address(*parse_address6("2600:1f18::5"))) == "2600:1f18::5");
}
