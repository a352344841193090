// S3 and DynamoDB interface endpoints (S3IF-1..S3IF-6, DDBIF-1..DDBIF-4, IF-10, IF-17): which channel
// an in-VPC request takes - the interface endpoint, the gateway endpoint or the NAT gateway - on the
// design tests/data/scenarios/s3-ddb-interface/design.jsonc and on the same network as AWS CLI
// captures of describe-vpc-endpoints and the other describe-* calls (capture/), traced end to end.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/sim/trace.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using namespace vpcsim;

namespace {

const std::filesystem::path scenario = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios" / "s3-ddb-interface";
const std::string IF_ONLY_S3 = "vpce-0a5e3f10000000001";
const std::string IF_ONLY_DDB = "vpce-0a5e3f10000000002";
const std::string INBOUND_S3_GW = "vpce-0a5e3f10000000011";
const std::string INBOUND_DDB_GW = "vpce-0a5e3f10000000012";
const std::string INBOUND_S3 = "vpce-0a5e3f10000000013";
const std::string INBOUND_DDB = "vpce-0a5e3f10000000014";
const std::string ALL_S3_GW = "vpce-0a5e3f10000000021";
const std::string ALL_S3 = "vpce-0a5e3f10000000022";
const std::string NAT_S3 = "vpce-0a5e3f10000000031";

network design() {
  auto r = load_design(scenario / "design.jsonc");
  for (const auto& d : r.loaded.diagnostics) INFO(d.message);
  REQUIRE(r.loaded.usable());
  return std::move(r.loaded.network);
}

network capture() {
  auto r = load_aws_cli(scenario / "capture");
  for (const auto& d : r.diagnostics) INFO(d.message);
  REQUIRE(r.usable());
  return std::move(r.network);
}

std::string instance_named(const network& net, const std::string& name) {
  for (const auto& [id, i] : net.all<instance>())
    if (name_tag(i.tags) == name) return id.str();
  FAIL("no instance named " << name);
  return {};
}

answer https(const network& net, const std::string& from, const std::string& to) {
  flow_request req;
  req.from = instance_named(net, from);
  req.to = to;
  return trace(net, req);
}

// Whether the path passes the component `id`.
bool passes(const answer& a, const std::string& id) {
  return std::any_of(a.path.begin(), a.path.end(), [&](const hop& h) { return h.component == id; });
}

bool warned(const answer& a, const std::string& text) {
  return std::any_of(a.warnings.begin(), a.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

std::string show(const answer& a) {
  std::string out = a.to + ": " + (a.reachable ? "reachable" : "NOT reachable") + " via " + a.via.value_or("(none)") +
                    ", resolved " + a.resolved.address + " by " + a.resolved.by + "\n";
  for (const auto& h : a.path) out += "  " + h.kind + " " + h.component + " [" + h.rule + "]\n";
  if (a.blocked) out += "  blocked: " + a.blocked->code + " at " + a.blocked->component + ": " + a.blocked->message + "\n";
  for (const auto& w : a.warnings) out += "  warning: " + w + "\n";
  return out;
}

// Both inputs describe the same network.
template <class F>
void on_both(F&& check) {
  SECTION("design") { check(design()); }
  SECTION("AWS CLI capture") { check(capture()); }
}

}  // namespace

TEST_CASE("the capture's DnsOptions and the design's DNS options give the same endpoints (IF-17, S3IF-4)",
          "[s3-interface][io]") {
  const auto d = design();
  const auto c = capture();
  for (const auto& id : {IF_ONLY_S3, INBOUND_S3, ALL_S3, NAT_S3, INBOUND_DDB}) {
    const auto* a = d.find(vpc_endpoint_id{id});
    const auto* b = c.find(vpc_endpoint_id{id});
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->dns_record_ip_type == "ipv4");
    CHECK(b->dns_record_ip_type == "ipv4");
    CHECK(a->private_dns_only_for_inbound_resolver_endpoint == b->private_dns_only_for_inbound_resolver_endpoint);
    CHECK(a->private_dns_enabled == b->private_dns_enabled);
  }
  CHECK(c.find(vpc_endpoint_id{INBOUND_S3})->private_dns_only_for_inbound_resolver_endpoint == std::optional<bool>{true});
  CHECK(c.find(vpc_endpoint_id{NAT_S3})->private_dns_only_for_inbound_resolver_endpoint == std::nullopt);
}

TEST_CASE("an S3 interface endpoint with private DNS and no gateway endpoint carries the VPC's S3 traffic "
          "(S3IF-3, S3IF-6)",
          "[s3-interface][dns]") {
  on_both([](const network& net) {
    for (const std::string to : {"s3", "s3.us-east-1.amazonaws.com", "my-bucket.s3.us-east-1.amazonaws.com"}) {
      const auto a = https(net, "app-if-only", to);
      INFO(show(a));
      CHECK(a.reachable);
      CHECK(a.via == std::optional<std::string>("interface-endpoint"));
      CHECK(a.resolved.by == "private DNS of " + IF_ONLY_S3);
      CHECK_THAT(a.resolved.address, StartsWith("10.10.2."));
      CHECK(passes(a, IF_ONLY_S3));
    }
  });
}

TEST_CASE("beside a gateway endpoint, an S3 interface endpoint whose private DNS answers only inbound Resolver "
          "endpoints leaves the VPC's clients on the gateway endpoint (S3IF-4, S3IF-6)",
          "[s3-interface][dns]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-inbound-only", "s3");
    INFO(show(a));
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("gateway-endpoint"));
    CHECK(passes(a, INBOUND_S3_GW));
    CHECK_FALSE(passes(a, INBOUND_S3));
    CHECK_THAT(a.resolved.by, StartsWith("public DNS of s3.us-east-1.amazonaws.com") &&
                                  Contains("private DNS of " + INBOUND_S3 +
                                           " answers only queries through inbound Resolver endpoints (S3IF-4)"));
    CHECK(warned(a, INBOUND_S3 + " enables private DNS only for inbound Resolver endpoints"));
  });
}

TEST_CASE("beside a gateway endpoint, an S3 interface endpoint with private DNS for all resolvers takes the VPC's "
          "S3 traffic (S3IF-4, S3IF-6)",
          "[s3-interface][dns]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-all-resolvers", "s3");
    INFO(show(a));
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("interface-endpoint"));
    CHECK(a.resolved.by == "private DNS of " + ALL_S3);
    CHECK(passes(a, ALL_S3));
    CHECK_FALSE(passes(a, ALL_S3_GW));
  });
}

TEST_CASE("an S3 interface endpoint's endpoint-specific names reach it even with private DNS off, while S3's "
          "public name leaves through the NAT gateway (S3IF-2, IF-10, IF-11e)",
          "[s3-interface][dns][nat]") {
  on_both([](const network& net) {
    for (const std::string to : {"bucket.vpce-0a5e3f10000000031-k1x5r7vb.s3.us-east-1.vpce.amazonaws.com",
                                 "bucket.vpce-0a5e3f10000000031-k1x5r7vb-us-east-1a.s3.us-east-1.vpce.amazonaws.com"}) {
      const auto a = https(net, "app-nat", to);
      INFO(show(a));
      CHECK(a.reachable);
      CHECK(a.via == std::optional<std::string>("interface-endpoint"));
      CHECK(a.resolved.by == "endpoint-specific DNS name of " + NAT_S3);
      CHECK_THAT(a.resolved.address, StartsWith("10.40.2."));
    }
    const auto pub = https(net, "app-nat", "s3");
    INFO(show(pub));
    CHECK(pub.reachable);
    CHECK(pub.via == std::optional<std::string>("nat-gateway"));
    CHECK_THAT(pub.resolved.by, StartsWith("public DNS of s3.us-east-1.amazonaws.com"));
    CHECK(warned(pub, NAT_S3 + " has private DNS disabled"));
  });
}

TEST_CASE("the endpoint-specific name of an inbound-only S3 interface endpoint reaches it from its own VPC "
          "(S3IF-2, S3IF-4)",
          "[s3-interface][dns]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-inbound-only", "bucket.vpce-0a5e3f10000000013-h3v6p1zs.s3.us-east-1.vpce.amazonaws.com");
    INFO(show(a));
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("interface-endpoint"));
    CHECK(passes(a, INBOUND_S3));
  });
}

TEST_CASE("a DynamoDB interface endpoint with private DNS on carries the VPC's DynamoDB traffic, with the "
          "DDBIF-2 caveat (DDBIF-1, DDBIF-2)",
          "[s3-interface][dynamodb][dns]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-if-only", "dynamodb");
    INFO(show(a));
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("interface-endpoint"));
    CHECK(a.resolved.by == "private DNS of " + IF_ONLY_DDB);
    CHECK(passes(a, IF_ONLY_DDB));
    CHECK(warned(a, "(DDBIF-2)"));
  });
}

TEST_CASE("a DynamoDB interface endpoint whose private DNS answers only inbound Resolver endpoints leaves the "
          "VPC's clients on the DynamoDB gateway endpoint (DDBIF-4)",
          "[s3-interface][dynamodb][dns]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-inbound-only", "dynamodb");
    INFO(show(a));
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("gateway-endpoint"));
    CHECK(passes(a, INBOUND_DDB_GW));
    CHECK_FALSE(passes(a, INBOUND_DDB));
    CHECK_THAT(a.resolved.by, StartsWith("public DNS of dynamodb.us-east-1.amazonaws.com") && Contains("(DDBIF-4)"));
  });
}

TEST_CASE("a DynamoDB interface endpoint's endpoint-specific name reaches it beside the gateway endpoint "
          "(DDBIF-4, IF-10)",
          "[s3-interface][dynamodb][dns]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-inbound-only", "vpce-0a5e3f10000000014-b5c9d3fk.dynamodb.us-east-1.vpce.amazonaws.com");
    INFO(show(a));
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("interface-endpoint"));
    CHECK(a.resolved.by == "endpoint-specific DNS name of " + INBOUND_DDB);
  });
}

TEST_CASE("an image pull's layer download takes the S3 channel of its VPC: interface endpoint, gateway endpoint "
          "or NAT gateway (ECR-2, S3IF-6)",
          "[s3-interface][ecr]") {
  on_both([](const network& net) {
    struct expected {
      const char* from;
      const char* via;
      std::string s3_component;
    };
    for (const auto& e : {expected{"app-if-only", "interface-endpoint", IF_ONLY_S3},
                          expected{"app-inbound-only", "gateway-endpoint", INBOUND_S3_GW},
                          expected{"app-nat", "nat-gateway", ""}}) {
      const auto a = https(net, e.from, "ecr");
      INFO(e.from);
      REQUIRE(a.legs.size() == 3);
      INFO(show(a.legs[0]) << show(a.legs[1]) << show(a.legs[2]));
      CHECK(a.reachable);
      CHECK(a.legs[0].via == std::optional<std::string>("interface-endpoint"));
      CHECK(a.legs[1].via == std::optional<std::string>("interface-endpoint"));
      CHECK(a.legs[2].to == "s3");
      CHECK(a.legs[2].via == std::optional<std::string>(e.via));
      if (!e.s3_component.empty()) CHECK(passes(a.legs[2], e.s3_component));
    }
  });
}
