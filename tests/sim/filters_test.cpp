// Security group and NACL evaluation on hand-built resources (A.2, A.3).
#include <vpcsim/sim/filters.hpp>

#include <catch2/catch.hpp>

using namespace vpcsim;

namespace {
cidr4 c(const char* t) { return *cidr4::parse(t); }
address4 a(const char* t) { return *parse_address4(t); }

network_acl_entry entry(int n, bool egress, rule_action act, protocol p, const char* cidr,
                        std::optional<port_range> ports = std::nullopt) {
  network_acl_entry e;
  e.rule_number = n;
  e.egress = egress;
  e.action = act;
  e.protocol = p;
  e.cidr_block = c(cidr);
  e.ports = ports;
  return e;
}

network with_groups(std::vector<security_group> groups) {
  network net;
  for (auto& g : groups) net.put(std::move(g));
  return net;
}
}  // namespace

TEST_CASE("the first matching NACL rule by number decides, whatever rules follow (NACL-5)", "[sim][nacl]") {
  network_acl acl;
  acl.id = network_acl_id{"acl-1"};
  acl.entries = {entry(200, true, rule_action::allow, protocol::all(), "0.0.0.0/0"),
                 entry(100, true, rule_action::deny, protocol::tcp(), "52.216.0.0/15", port_range::single(443))};
  auto v = check_network_acl(acl, true, protocol::tcp(), port_range::single(443), a("52.216.1.1"));
  CHECK_FALSE(v.allowed);
  REQUIRE(v.entry);
  CHECK(v.entry->rule_number == 100);
  CHECK(check_network_acl(acl, true, protocol::tcp(), port_range::single(80), a("52.216.1.1")).allowed);
}

TEST_CASE("traffic no numbered NACL rule matches meets the final deny (NACL-6, NACL-11)", "[sim][nacl]") {
  network_acl acl;
  acl.entries = {entry(100, false, rule_action::allow, protocol::tcp(), "10.0.0.0/16", port_range::single(443))};
  auto v = check_network_acl(acl, false, protocol::tcp(), port_range::single(443), a("192.168.1.1"));
  CHECK_FALSE(v.allowed);
  CHECK(v.entry == nullptr);
  CHECK(describe_acl_decision(v) == "#* deny all 0.0.0.0/0");
}

TEST_CASE("a NACL must allow the whole ephemeral range for return traffic to pass (NACL-19)", "[sim][nacl]") {
  network_acl acl;
  acl.entries = {entry(100, false, rule_action::allow, protocol::tcp(), "0.0.0.0/0", port_range{32768, 50000})};
  auto partial = check_network_acl(acl, false, protocol::tcp(), linux_ephemeral_ports, a("52.216.1.1"));
  CHECK_FALSE(partial.allowed);
  CHECK(partial.refused == port_range{50001, 60999});

  acl.entries.push_back(entry(110, false, rule_action::allow, protocol::tcp(), "0.0.0.0/0", port_range{50001, 65535}));
  CHECK(check_network_acl(acl, false, protocol::tcp(), linux_ephemeral_ports, a("52.216.1.1")).allowed);
}

TEST_CASE("a NACL deny inside the ephemeral range blocks the return traffic even after an allow", "[sim][nacl]") {
  network_acl acl;
  acl.entries = {entry(90, false, rule_action::deny, protocol::tcp(), "0.0.0.0/0", port_range{40000, 40010}),
                 entry(100, false, rule_action::allow, protocol::tcp(), "0.0.0.0/0", port_range{1024, 65535})};
  auto v = check_network_acl(acl, false, protocol::tcp(), linux_ephemeral_ports, a("3.5.0.1"));
  CHECK_FALSE(v.allowed);
  REQUIRE(v.entry);
  CHECK(v.entry->rule_number == 90);
}

TEST_CASE("IPv6 NACL rules never match IPv4 traffic (NACL-9)", "[sim][nacl]") {
  network_acl acl;
  network_acl_entry e;
  e.rule_number = 100;
  e.action = rule_action::allow;
  e.ipv6_cidr_block = *cidr6::parse("::/0");
  acl.entries = {e};
  CHECK_FALSE(check_network_acl(acl, false, protocol::tcp(), port_range::single(443), a("10.0.0.1")).allowed);
}

TEST_CASE("a NACL rule for all protocols matches every port (NACL-12)", "[sim][nacl]") {
  network_acl acl;
  acl.entries = {entry(100, false, rule_action::allow, protocol::all(), "0.0.0.0/0", port_range::single(22))};
  CHECK(check_network_acl(acl, false, protocol::tcp(), port_range::single(443), a("10.0.0.1")).allowed);
}

TEST_CASE("security groups of one ENI are one set: any rule of any group allows (SG-5)", "[sim][sg]") {
  security_group g1{security_group_id{"sg-1"}, {}, vpc_id{"vpc-1"}, "one", "", {}, {}, {}};
  security_group g2{security_group_id{"sg-2"}, {}, vpc_id{"vpc-1"}, "two", "", {}, {}, {}};
  g2.egress.push_back(sg_rule{protocol::tcp(), port_range::single(443), std::nullopt, c("0.0.0.0/0"), ""});
  auto net = with_groups({g1, g2});
  auto v = check_security_groups(net, {g1.id, g2.id}, false, protocol::tcp(), 443, {a("52.216.1.1"), nullptr});
  REQUIRE(v.allowed);
  CHECK(v.group->id.str() == "sg-2");
  CHECK_FALSE(check_security_groups(net, {g1.id, g2.id}, false, protocol::tcp(), 80, {a("52.216.1.1"), nullptr}).allowed);
}

TEST_CASE("a security group without rules allows nothing (SG-6)", "[sim][sg]") {
  security_group g{security_group_id{"sg-1"}, {}, vpc_id{"vpc-1"}, "empty", "", {}, {}, {}};
  auto net = with_groups({g});
  CHECK_FALSE(check_security_groups(net, {g.id}, true, protocol::tcp(), 443, {a("10.0.0.5"), nullptr}).allowed);
}

TEST_CASE("a group-reference rule matches the private IPs of ENIs in that group only (SG-15)", "[sim][sg]") {
  security_group ep{security_group_id{"sg-ep"}, {}, vpc_id{"vpc-1"}, "ep", "", {}, {}, {}};
  ep.ingress.push_back(sg_rule{protocol::tcp(), port_range::single(443), std::nullopt, security_group_id{"sg-app"}, ""});
  auto net = with_groups({ep});
  network_interface member;
  member.private_ips = {private_ip{a("10.0.1.10"), true, std::nullopt}};
  member.security_groups = {security_group_id{"sg-app"}};
  network_interface other = member;
  other.security_groups = {security_group_id{"sg-other"}};
  CHECK(check_security_groups(net, {ep.id}, true, protocol::tcp(), 443, {a("10.0.1.10"), &member}).allowed);
  CHECK_FALSE(check_security_groups(net, {ep.id}, true, protocol::tcp(), 443, {a("10.0.1.10"), &other}).allowed);
  CHECK_FALSE(check_security_groups(net, {ep.id}, true, protocol::tcp(), 443, {a("10.0.1.10"), nullptr}).allowed);
}

TEST_CASE("a prefix-list rule matches the CIDRs of the list (SG-14, GW-9)", "[sim][sg]") {
  security_group g{security_group_id{"sg-1"}, {}, vpc_id{"vpc-1"}, "app", "", {}, {}, {}};
  g.egress.push_back(sg_rule{protocol::tcp(), port_range::single(443), std::nullopt, prefix_list_id{"pl-s3"}, ""});
  auto net = with_groups({g});
  prefix_list pl;
  pl.id = prefix_list_id{"pl-s3"};
  pl.name = "com.amazonaws.us-east-1.s3";
  pl.cidrs = {c("52.216.0.0/15")};
  net.put(pl);
  CHECK(check_security_groups(net, {g.id}, false, protocol::tcp(), 443, {a("52.217.4.4"), nullptr}).allowed);
  CHECK_FALSE(check_security_groups(net, {g.id}, false, protocol::tcp(), 443, {a("8.8.8.8"), nullptr}).allowed);
}

TEST_CASE("protocol -1 rules allow every port whatever range they name (SG-12)", "[sim][sg]") {
  security_group g{security_group_id{"sg-1"}, {}, vpc_id{"vpc-1"}, "app", "", {}, {}, {}};
  g.egress.push_back(sg_rule{protocol::all(), port_range::single(22), std::nullopt, c("0.0.0.0/0"), ""});
  auto net = with_groups({g});
  CHECK(check_security_groups(net, {g.id}, false, protocol::udp(), 53, {a("1.1.1.1"), nullptr}).allowed);
}
