// Paths through transit gateways (RT-14: the transit gateway's route table decides), on the
// corpus's real captures (tests/data/corpus/batfish-aws/test-transit-gateway*): VPC A
// (10.10.0.0/16, attachment subnet in us-east-2c) and VPC B (192.168.0.0/16, us-east-2b) on one
// transit gateway whose route table holds both VPCs' propagated CIDRs. NACL rules follow the
// Transit Gateway guide: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

using Catch::Matchers::Contains;
using namespace vpcsim;

namespace {

const std::filesystem::path corpus = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "corpus" / "batfish-aws";
const std::string TGW = "tgw-044be4464fcc69aff";
const std::string TGW_RTB = "tgw-rtb-0fa40c8df355dce6e";
const std::string ATTACH_A = "tgw-attach-07f5ec59e9f540021";
const std::string ATTACH_B = "tgw-attach-0ae2696617bb06fb4";
const std::string I_A_TGW_SUBNET = "i-06ba034d88c84ef07";  // 10.10.10.157, in A's attachment subnet (us-east-2c)
const std::string I_A_OTHER_AZ = "i-075e846ed41670385";    // 10.10.20.154, us-east-2a
const std::string IP_B = "192.168.1.106";                 // in B's attachment subnet
const std::string ACL_A = "acl-0b0c7a5db2fc8fa08";
const std::string ACL_B = "acl-060c3d111b1e1692d";

network load(const std::string& name) {
  auto r = load_aws_cli(corpus / name);
  REQUIRE(r.usable());
  return std::move(r.network);
}

// The solver's answer; the compiled engine's verdict on the same flow must agree with it.
answer ssh(const network& net, const std::string& from, const std::string& to) {
  flow_request req;
  req.from = from;
  req.to = to;
  req.port = 22;
  answer a = solver(net).trace(req);
  const compiled_network c(net);
  const verdict v = c.trace(req);
  CHECK(v.reachable == a.reachable);
  CHECK(std::string(to_string(v.via)) == a.via.value_or(""));
  CHECK(v.blocked == a.blocked.has_value());
  if (a.blocked) {
    CHECK(v.code == a.blocked->code);
    CHECK(v.component == a.blocked->component);
    CHECK(c.rule_text(v, req.protocol, req.port) == a.blocked->rule);
  }
  CHECK(v.hops == a.path.size());
  return a;
}

const hop* find(const answer& a, const std::string& component, const std::string& direction = "forward") {
  auto it = std::find_if(a.path.begin(), a.path.end(),
                         [&](const hop& h) { return h.component == component && h.direction == direction; });
  return it == a.path.end() ? nullptr : &*it;
}

// `acl`'s rules in one direction replaced by `entries`, then the final deny.
void replace_rules(network& net, const std::string& acl, bool egress, std::vector<network_acl_entry> entries) {
  network_acl copy = *net.find(network_acl_id{acl});
  std::erase_if(copy.entries, [&](const network_acl_entry& e) { return e.egress == egress && !e.is_default_deny(); });
  for (auto& e : entries) e.egress = egress;
  copy.entries.insert(copy.entries.end(), entries.begin(), entries.end());
  std::sort(copy.entries.begin(), copy.entries.end(), [](const auto& x, const auto& y) {
    return std::pair{x.egress, x.rule_number} < std::pair{y.egress, y.rule_number};
  });
  net.put(std::move(copy));
}

}  // namespace

TEST_CASE("an instance reaches another VPC through the transit gateway, by the route table its attachment is "
          "associated with (RT-14)",
          "[sim][tgw]") {
  const auto net = load("test-transit-gateway");
  const auto a = ssh(net, I_A_TGW_SUBNET, IP_B);
  INFO((a.blocked ? a.blocked->message : std::string{}));
  REQUIRE(a.reachable);
  CHECK(a.via == "transit-gateway");
  REQUIRE(find(a, ATTACH_A));
  CHECK(find(a, ATTACH_A)->kind == "transit-gateway-attachment");
  REQUIRE(find(a, TGW_RTB));
  // The route is the propagated CIDR of VPC B: propagation adds the VPC's CIDRs to the table.
  CHECK(find(a, TGW_RTB)->rule == "192.168.0.0/16 -> " + ATTACH_B + " (propagated)");
  CHECK(find(a, ATTACH_B));
}

TEST_CASE("a VPC attachment without a subnet in the sender's Availability Zone cannot carry its traffic "
          "(TGW_ROUTE_AZ_RESTRICTION)",
          "[sim][tgw]") {
  const auto net = load("test-transit-gateway");
  const auto a = ssh(net, I_A_OTHER_AZ, IP_B);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::tgw_route_az_restriction);
  CHECK(a.blocked->component == ATTACH_A);
  CHECK(a.blocked->rule == "no subnet in us-east-2a");
}

TEST_CASE("a transit gateway route table without a route for the destination drops the packet (TGW_RTB_CANNOT_ROUTE)",
          "[sim][tgw]") {
  auto net = load("test-transit-gateway");
  // VPC A's table sends 172.16.0.0/12 to the transit gateway, whose table has no such route.
  route_table rt = *net.find(route_table_id{"rtb-0891861fffaea6d52"});
  route r = *std::find_if(rt.routes.begin(), rt.routes.end(),
                          [](const route& x) { return x.target.kind == target_kind::transit_gateway; });
  r.destination = *cidr4::parse("172.16.0.0/12");
  rt.routes.push_back(r);
  net.put(std::move(rt));
  const auto a = ssh(net, I_A_TGW_SUBNET, "172.16.5.5");
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::tgw_rtb_cannot_route);
  CHECK(a.blocked->component == TGW_RTB);
  CHECK(a.blocked->rule == "no route matches 172.16.5.5");
}

TEST_CASE("an attachment associated with no transit gateway route table drops what comes in by it "
          "(TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION)",
          "[sim][tgw]") {
  auto net = load("test-transit-gateway");
  transit_gateway_attachment a = *net.find(transit_gateway_attachment_id{ATTACH_A});
  a.association.reset();
  net.put(std::move(a));
  const auto a2 = ssh(net, I_A_TGW_SUBNET, IP_B);
  REQUIRE(a2.blocked);
  CHECK(a2.blocked->code == codes::tgw_missing_association);
  CHECK(a2.blocked->component == ATTACH_A);
  CHECK(a2.blocked->rule == "no route table association");
}

TEST_CASE("a blackhole transit gateway route drops the packet, though a propagated route would match "
          "(TGW_RTB_BAD_STATE_ROUTE)",
          "[sim][tgw]") {
  auto net = load("test-transit-gateway");
  transit_gateway_route_table t = *net.find(transit_gateway_route_table_id{TGW_RTB});
  // Static beats propagated on the same prefix, and a blackhole static route drops.
  t.routes.push_back(transit_gateway_route{*cidr4::parse("192.168.0.0/16"), {}, "static", "blackhole"});
  net.put(std::move(t));
  const auto a = ssh(net, I_A_TGW_SUBNET, IP_B);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::tgw_rtb_bad_state_route);
  CHECK(a.blocked->component == TGW_RTB);
  CHECK(a.blocked->rule == "192.168.0.0/16 -> (blackhole)");
}

TEST_CASE("the destination subnet needs a route back through the transit gateway, or the reply is lost (RT-14)",
          "[sim][tgw][route]") {
  auto net = load("test-transit-gateway");
  // VPC B's table loses its route to VPC A through the transit gateway: 0.0.0.0/0 takes the reply.
  route_table rt = *net.find(route_table_id{"rtb-017c36290c9baf017"});
  std::erase_if(rt.routes, [](const route& r) { return r.target.kind == target_kind::transit_gateway; });
  net.put(std::move(rt));
  const auto a = ssh(net, I_A_TGW_SUBNET, IP_B);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::no_route);
  CHECK(a.blocked->component == "rtb-017c36290c9baf017");
  CHECK(a.blocked->rule == "0.0.0.0/0 -> igw-0a4895a3c58cac8cb");
  CHECK_THAT(a.blocked->message, Contains("no route back to 10.10.10.157 through " + TGW));
}

TEST_CASE("a security group rule that references the client's group does not match across a transit gateway "
          "(SG-17)",
          "[sim][tgw][sg]") {
  auto net = load("test-transit-gateway");
  // B's group admits SSH only from A's group, by reference.
  security_group g = *net.find(security_group_id{"sg-065c26b39e45ae384"});
  g.ingress.front().peer = security_group_id{"sg-09606ce9642cac154"};
  net.put(std::move(g));
  const auto a = ssh(net, I_A_TGW_SUBNET, IP_B);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::sg_rules_mismatch);
  CHECK(a.blocked->component == "sg-065c26b39e45ae384");
  CHECK_THAT(a.blocked->message, Contains("SG-17"));
}

TEST_CASE("in the attachment's own subnet a NACL checks the packet going into the transit gateway both ways, and "
          "not the reply coming out of it (tgw-nacls)",
          "[sim][tgw][nacl]") {
  auto net = load("test-transit-gateway");
  // A's NACL admits SSH from A only: nothing from B, so no reply from B either, were it checked.
  network_acl_entry ssh_from_a;
  ssh_from_a.rule_number = 100;
  ssh_from_a.action = rule_action::allow;
  ssh_from_a.protocol = protocol::tcp();
  ssh_from_a.cidr_block = *cidr4::parse("10.10.0.0/16");
  ssh_from_a.ports = port_range{22, 22};
  replace_rules(net, ACL_A, false, {ssh_from_a});
  const auto a = ssh(net, I_A_TGW_SUBNET, IP_B);
  INFO((a.blocked ? a.blocked->message : std::string{}));
  CHECK(a.reachable);
  CHECK(find(a, ACL_A, "forward"));  // the packet entering the transit gateway, inbound
  CHECK_FALSE(find(a, ACL_A, "return"));
}

TEST_CASE("in the attachment's own subnet a NACL checks the reply going back into the transit gateway (tgw-nacls)",
          "[sim][tgw][nacl]") {
  auto net = load("test-transit-gateway");
  // B's NACL lets nothing out: the packet from the transit gateway passes, the reply does not.
  replace_rules(net, ACL_B, true, {});
  const auto a = ssh(net, I_A_TGW_SUBNET, IP_B);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::subnet_acl_restriction);
  CHECK(a.blocked->component == ACL_B);
  CHECK_THAT(a.blocked->message, Contains("return traffic"));
}

TEST_CASE("a transit gateway route that sends traffic back to where it came from is a loop, reported with its cycle",
          "[sim][tgw][loop]") {
  auto r = load_aws_cli(std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "hostile" / "trace-transit-gateway-loop.json");
  REQUIRE(r.usable());
  const auto a = ssh(r.network, I_A_TGW_SUBNET, "172.16.5.5");
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::loop);
  CHECK(a.blocked->component == TGW_RTB);
  CHECK(a.blocked->rule == "routing loop " + TGW_RTB + " -> " + ATTACH_B + " -> rtb-017c36290c9baf017 -> " + ATTACH_B +
                               " -> " + TGW_RTB);
}
