// DNS across VPCs (DNS-3, DNS-8..DNS-13): Route 53 private hosted zones pointing spokes at an
// interface endpoint centralized in a hub VPC, on the design tests/data/scenarios/dns-hub-spoke
// (design.jsonc) and on the same network as AWS CLI captures (capture/), traced end to end.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/trace.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

using Catch::Matchers::Contains;
using namespace vpcsim;

namespace {

const std::filesystem::path scenario = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios" / "dns-hub-spoke";
const std::string ECR_API = "api.ecr.us-east-1.amazonaws.com";
const std::string HUB_ENDPOINT = "vpce-0c1e2a3b4d5f60718";

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

// The instance of the input whose Name tag is `name`.
std::string instance_named(const network& net, const std::string& name) {
  for (const auto& [id, i] : net.all<instance>())
    if (name_tag(i.tags) == name) return id.str();
  FAIL("no instance named " << name);
  return {};
}

vpc_id vpc_named(const network& net, const std::string& name) {
  for (const auto& [id, v] : net.all<vpc>())
    if (name_tag(v.tags) == name) return id;
  FAIL("no VPC named " << name);
  return {};
}

answer https(const network& net, const std::string& from, const std::string& to = ECR_API) {
  flow_request req;
  req.from = instance_named(net, from);
  req.to = to;
  return trace(net, req);
}

// Whether the path has a hop of `kind`, or of a kind it starts (`transit-gateway-attachment`).
bool has_hop(const answer& a, const std::string& kind) {
  return std::any_of(a.path.begin(), a.path.end(), [&](const hop& h) { return h.kind.rfind(kind, 0) == 0; });
}

bool warned(const answer& a, const std::string& text) {
  return std::any_of(a.warnings.begin(), a.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

// Both inputs describe the same network.
template <class F>
void on_both(F&& check) {
  SECTION("design") { check(design()); }
  SECTION("AWS CLI capture") { check(capture()); }
}

}  // namespace

TEST_CASE("a spoke whose private hosted zone aliases the hub endpoint reaches it through the transit gateway "
          "(DNS-9, DNS-12, PEER-3)",
          "[dns][phz]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-a");
    INFO(a.resolved.by);
    CHECK(a.reachable);
    CHECK(a.via == std::optional<std::string>("transit-gateway"));
    CHECK(a.resolved.address == "10.0.1.4");
    CHECK_THAT(a.resolved.by, Contains("private hosted zone") && Contains(ECR_API + " A alias vpce-0c1e2a3b4d5f60718-k2m7x9qa") &&
                                  Contains("endpoint-specific DNS name of " + HUB_ENDPOINT));
    // The answer names the zone and the record that answered, apart from the prose of `by`.
    CHECK(a.resolved.zone.rfind("Z", 0) == 0);
    CHECK_THAT(a.resolved.record, Catch::Matchers::StartsWith(ECR_API + " A alias vpce-0c1e2a3b4d5f60718-k2m7x9qa"));
    CHECK(has_hop(a, "transit-gateway"));
    CHECK(has_hop(a, "interface-endpoint"));
  });
}

TEST_CASE("the resolution names the zone and the record that answered (DNS-12)", "[dns][phz]") {
  const auto net = design();
  const auto r = resolve_destination(net, ECR_API, vpc_named(net, "spoke-a-vpc"), "us-east-1", "us-east-1a");
  REQUIRE(r.dest);
  REQUIRE(r.dest->zone);
  CHECK(r.dest->zone->name == ECR_API);
  CHECK(r.dest->record == ECR_API + " A alias vpce-0c1e2a3b4d5f60718-k2m7x9qa.api.ecr.us-east-1.vpce.amazonaws.com");
  REQUIRE(r.dest->endpoint);
  CHECK(r.dest->endpoint->id.str() == HUB_ENDPOINT);
  CHECK(r.dest->service == "ecr.api");
}

TEST_CASE("a spoke not associated with the zone resolves the public name and has no route to it (DNS-3)",
          "[dns][phz]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-b");
    CHECK_FALSE(a.reachable);
    REQUIRE(a.blocked);
    CHECK(a.blocked->code == codes::no_route);
    CHECK_THAT(a.resolved.by, Contains("public DNS of " + ECR_API) && Contains("is not associated with"));
    CHECK(warned(a, "holds " + ECR_API + " but is not associated with"));
    // The fixes start with the association, not with an internet path.
    REQUIRE(a.blocked->fixes.size() == 3);
    CHECK_THAT(a.blocked->fixes[0], Catch::Matchers::StartsWith("Associate the private hosted zone ") &&
                                        Contains("(" + ECR_API + ")") && Catch::Matchers::EndsWith("(DNS-3, DNS-12)"));
    CHECK_THAT(a.blocked->fixes[1], Catch::Matchers::StartsWith("Add a route"));
    CHECK_THAT(a.blocked->fixes[2], Catch::Matchers::StartsWith("Create an interface endpoint for ecr.api"));
    CHECK_THAT(a.blocked->fix, Contains("(DNS-3, DNS-12); or add a route"));
  });
}

TEST_CASE("a spoke the hub endpoint's security group does not admit is blocked at that group (IF-7, PEER-3)",
          "[dns][phz]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-d");
    CHECK_FALSE(a.reachable);
    REQUIRE(a.blocked);
    CHECK(a.blocked->code == codes::sg_rules_mismatch);
    CHECK(a.blocked->component_name == "hub-endpoints-sg");
    CHECK(has_hop(a, "transit-gateway"));
  });
}

TEST_CASE("custom DNS servers in the DHCP options hide the private hosted zone from the spoke (DNS-8, DNS-11)",
          "[dns][dhcp]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-c");
    CHECK_FALSE(a.reachable);
    REQUIRE(a.blocked);
    CHECK(a.blocked->code == codes::custom_dns_servers);
    CHECK(a.blocked->component.rfind("dopt-", 0) == 0);
    CHECK_THAT(a.blocked->message, Contains("10.3.0.10, 10.3.0.11") && Contains("private hosted zone"));
    CHECK_THAT(a.blocked->fix, Contains("10.3.0.2") && Contains("AmazonProvidedDNS"));
  });
}

TEST_CASE("custom DNS servers also hide an endpoint's own private DNS zone (DNS-8, IF-11g)", "[dns][dhcp]") {
  auto net = design();
  // Private DNS on the hub endpoint, and the hub on the custom servers.
  auto ep = *net.find(vpc_endpoint_id{HUB_ENDPOINT});
  ep.private_dns_enabled = true;
  net.put(ep);
  auto hub = *net.find(vpc_named(net, "hub-vpc"));
  hub.dhcp_options = net.all<dhcp_options>().begin()->first;
  net.put(hub);
  const auto r = resolve_destination(net, "ecr.api", hub.id, "us-east-1", "us-east-1a");
  REQUIRE(r.failure);
  CHECK(r.failure->code == codes::custom_dns_servers);
  CHECK_THAT(r.failure->message, Contains("private DNS zone of " + HUB_ENDPOINT));
}

TEST_CASE("DHCP options naming AmazonProvidedDNS first keep the Amazon resolver (DNS-11)", "[dns][dhcp]") {
  auto net = design();
  auto opts = net.all<dhcp_options>().begin()->second;
  opts.domain_name_servers = {"AmazonProvidedDNS", "10.3.0.10"};
  net.put(opts);
  const auto a = https(net, "app-c");
  CHECK(a.reachable);
  CHECK(has_hop(a, "interface-endpoint"));
}

TEST_CASE("a peered VPC associated with the zone reaches the hub endpoint over the peering connection "
          "(PEER-3, DNS-10)",
          "[dns][phz][peering]") {
  on_both([](const network& net) {
    const auto a = https(net, "app-p");
    INFO(a.resolved.by);
    CHECK(a.reachable);
    CHECK(has_hop(a, "interface-endpoint"));
    CHECK(has_hop(a, "peering-connection"));
  });
}

TEST_CASE("peering DNS resolution does not share the hub endpoint's private DNS zone (DNS-9, DNS-10)",
          "[dns][peering]") {
  auto net = design();
  auto ep = *net.find(vpc_endpoint_id{HUB_ENDPOINT});
  ep.private_dns_enabled = true;
  net.put(ep);
  // Without the zone association, the peer resolves the public name even with remote DNS allowed.
  auto zone = net.all<hosted_zone>().begin()->second;
  std::erase_if(zone.vpcs, [&](const zone_vpc& z) { return z.vpc == vpc_named(net, "peer-vpc"); });
  net.put(zone);
  const auto r = resolve_destination(net, ECR_API, vpc_named(net, "peer-vpc"), "us-east-1", "us-east-1a");
  REQUIRE(r.dest);
  CHECK(r.dest->endpoint == nullptr);
  CHECK_THAT(r.dest->by, Contains("public DNS of " + ECR_API));
}

TEST_CASE("a Resolver FORWARD rule for the name takes precedence over the private hosted zone (DNS-13)",
          "[dns][resolver]") {
  auto net = design();
  resolver_rule rule;
  rule.id = resolver_rule_id{"rslvr-rr-0123456789abcdef0"};
  rule.where = scope{"111122223333", "us-east-1"};
  rule.domain_name = ECR_API;
  rule.targets = {{"192.168.10.53", 53}};
  rule.vpcs = {vpc_named(net, "spoke-a-vpc")};
  net.put(rule);
  const auto a = https(net, "app-a");
  CHECK_FALSE(a.reachable);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::dns_forwarded);
  CHECK(a.blocked->component == rule.id.str());
  CHECK_THAT(a.blocked->message, Contains("192.168.10.53:53") && Contains("outside the input"));

  SECTION("a less specific FORWARD rule loses to the zone's autodefined rule") {
    rule.domain_name = "amazonaws.com";
    net.put(rule);
    CHECK(https(net, "app-a").reachable);
  }
  SECTION("a SYSTEM rule for the name lets the Amazon resolver answer") {
    rule.domain_name = "amazonaws.com";
    net.put(rule);
    resolver_rule system = rule;
    system.id = resolver_rule_id{"rslvr-rr-0123456789abcdef1"};
    system.type = resolver_rule_type::system;
    system.domain_name = ECR_API;
    system.targets.clear();
    net.put(system);
    CHECK(https(net, "app-a").reachable);
  }
  SECTION("a FORWARD rule for `.` forwards even the public name of a VPC without a zone") {
    rule.domain_name = "";
    rule.vpcs = {vpc_named(net, "spoke-b-vpc")};
    net.put(rule);
    const auto b = https(net, "app-b");
    REQUIRE(b.blocked);
    CHECK(b.blocked->code == codes::dns_forwarded);
  }
}

TEST_CASE("a zone without a record for the name answers NXDOMAIN, not public DNS (DNS-12)", "[dns][phz]") {
  auto net = design();
  auto zone = net.all<hosted_zone>().begin()->second;
  zone.name = "ecr.us-east-1.amazonaws.com";
  zone.records.front().name = "dkr.ecr.us-east-1.amazonaws.com";
  net.put(zone);
  const auto a = https(net, "app-a");
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::dns_name_not_found);
  CHECK(a.blocked->component == zone.id.str());
}

TEST_CASE("a plain A record holding a hub endpoint address resolves to that endpoint (DNS-12)", "[dns][phz]") {
  auto net = design();
  auto zone = net.all<hosted_zone>().begin()->second;
  zone.records.front().alias_target.clear();
  zone.records.front().values = {"10.0.1.4"};
  net.put(zone);
  const auto r = resolve_destination(net, ECR_API, vpc_named(net, "spoke-a-vpc"), "us-east-1", "us-east-1a");
  REQUIRE(r.dest);
  REQUIRE(r.dest->endpoint);
  CHECK(r.dest->endpoint->id.str() == HUB_ENDPOINT);
  CHECK(https(net, "app-a").reachable);
}

TEST_CASE("a private hosted zone needs both VPC DNS attributes (DNS-6)", "[dns][phz]") {
  auto net = design();
  auto v = *net.find(vpc_named(net, "spoke-a-vpc"));
  v.enable_dns_hostnames = false;
  net.put(v);
  const auto a = https(net, "app-a");
  CHECK_FALSE(a.reachable);
  CHECK_THAT(a.resolved.by, Contains("public DNS of " + ECR_API));
  CHECK(warned(a, "is not in effect: enableDnsSupport and enableDnsHostnames must both be true"));
}

TEST_CASE("a name only a private hosted zone knows resolves by its A record (DNS-12)", "[dns][phz]") {
  auto net = design();
  hosted_zone corp;
  corp.id = hosted_zone_id{"Z0CORP000000000001"};
  corp.where = scope{"111122223333", "us-east-1"};
  corp.name = "corp.internal";
  corp.private_zone = true;
  corp.records_known = true;
  corp.vpcs = {{vpc_named(net, "spoke-a-vpc"), "us-east-1"}};
  dns_record db;
  db.name = "db.corp.internal";
  db.values = {"10.2.1.10"};
  corp.records.push_back(db);
  net.put(corp);
  const auto a = https(net, "app-a", "db.corp.internal");
  CHECK(a.resolved.address == "10.2.1.10");
  CHECK_THAT(a.resolved.by, Contains("db.corp.internal A 10.2.1.10"));
  // spoke-b is not associated: nothing answers the name there.
  const auto b = https(net, "app-b", "db.corp.internal");
  REQUIRE(b.blocked);
  CHECK(b.blocked->code == codes::dns_name_not_found);
  CHECK_THAT(b.blocked->message, Contains("is not associated"));
}

namespace {

const diagnostic* find_code(const std::vector<diagnostic>& ds, const std::string& code) {
  auto it = std::find_if(ds.begin(), ds.end(), [&](const diagnostic& d) { return d.code == code; });
  return it == ds.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a design's bad resolver rule type is an error at its field, naming the rule", "[dns][design]") {
  const auto r = load_design_text(R"({"vpcsim": 1, "region": "us-east-1", "vpcs": [{"name": "v", "cidr": "10.0.0.0/16"}],
    "resolver_rules": [{"name": "onprem", "domain": "corp.example.com", "type": "FOWARD", "targets": ["10.9.0.2"], "vpcs": ["v"]}]})",
                                  "d.jsonc");
  CHECK_FALSE(r.loaded.usable());
  const auto* d = find_code(r.loaded.diagnostics, "vpcsim.design.bad_value");
  REQUIRE(d);
  CHECK(d->pointer == "/resolver_rules/0/type");
  CHECK(d->resource == "resolver rule onprem");
}

TEST_CASE("a design's zone associated with an undefined VPC is an error naming the zone", "[dns][design]") {
  const auto r = load_design_text(R"({"vpcsim": 1, "region": "us-east-1", "vpcs": [{"name": "v", "cidr": "10.0.0.0/16"}],
    "hosted_zones": [{"name": "z", "domain": "corp.internal", "vpcs": ["w"], "records": []}]})",
                                  "d.jsonc");
  CHECK_FALSE(r.loaded.usable());
  const auto* d = find_code(r.loaded.diagnostics, "vpcsim.design.undefined_reference");
  REQUIRE(d);
  CHECK(d->pointer == "/hosted_zones/0/vpcs/0");
  CHECK(d->resource == "hosted zone z");
}

TEST_CASE("record sets without the zone id the capture recipe adds are an error naming the file", "[dns][capture]") {
  const auto dir = std::filesystem::temp_directory_path() / "vpcsim-dns-record-sets";
  std::filesystem::create_directories(dir);
  const auto file = dir / "record-sets.json";
  {
    std::ofstream out(file);
    out << R"({"ResourceRecordSets": [{"Name": "db.corp.internal.", "Type": "A", "TTL": 300,
              "ResourceRecords": [{"Value": "10.0.2.25"}]}], "IsTruncated": false, "MaxItems": "300"})";
  }
  const auto r = load_aws_cli(file);
  const auto* d = find_code(r.diagnostics, "vpcsim.import.missing_field");
  REQUIRE(d);
  CHECK(d->file == file.generic_string());
  CHECK_THAT(d->message, Contains("HostedZoneId"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a resolver rule of an unknown RuleType is an error at its field (DNS-13)", "[dns][capture]") {
  const auto dir = std::filesystem::temp_directory_path() / "vpcsim-dns-rules";
  std::filesystem::create_directories(dir);
  const auto file = dir / "resolver-rules.json";
  {
    std::ofstream out(file);
    out << R"({"ResolverRules": [{"Id": "rslvr-rr-0123456789abcdef0", "DomainName": "corp.example.com.", "Status": "COMPLETE",
              "RuleType": "FOWARD", "TargetIps": [{"Ip": "10.9.0.2", "Port": 53}]}]})";
  }
  const auto r = load_aws_cli(file);
  const auto* d = find_code(r.diagnostics, "vpcsim.import.bad_value");
  REQUIRE(d);
  CHECK(d->pointer == "/ResolverRules/0/RuleType");
  CHECK(d->resource == "resolver-rule rslvr-rr-0123456789abcdef0");
  std::filesystem::remove_all(dir);
}

TEST_CASE("the README recipe's DNS calls load with the account they describe, without warnings (DNS-11, DNS-13)",
          "[dns][capture]") {
  // tests/data/scenarios/capture-recipe-dns holds what the recipe's DNS calls wrote for the account
  // of capture-recipe: a DHCP options set with AmazonProvidedDNS, a private zone corp.internal, an
  // outbound endpoint, a FORWARD rule for onprem.example.com and the autodefined Internet Resolver.
  const auto data = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios";
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"capture-recipe", "capture-recipe-dns"})
    for (const auto& e : std::filesystem::recursive_directory_iterator(data / dir))
      if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const auto r = load_aws_cli_files(files, "recipe");
  for (const auto& d : r.diagnostics) INFO(d.to_string());
  REQUIRE(r.usable());
  CHECK(std::none_of(r.diagnostics.begin(), r.diagnostics.end(), [](const diagnostic& d) { return d.level == severity::warning; }));
  const auto& net = r.network;
  const vpc_id app{"vpc-0e1a2b3c4d5e6f701"};
  REQUIRE(net.find(app));
  INFO("DHCP options sets: " << net.all<dhcp_options>().size() << "; the VPC's: " << net.find(app)->dhcp_options.str());
  REQUIRE(net.dhcp_options_for(app));
  CHECK(net.dhcp_options_for(app)->uses_amazon_dns());
  REQUIRE(net.all<hosted_zone>().size() == 1);
  const auto& zone = net.all<hosted_zone>().begin()->second;
  CHECK(zone.id.str() == "Z04512343KLMNOPQRSTUV");
  CHECK(zone.name == "corp.internal");
  CHECK(zone.associated_with(app));
  CHECK(zone.records.size() == 3);
  const auto* rule = net.find(resolver_rule_id{"rslvr-rr-0a1b2c3d4e5f60718"});
  REQUIRE(rule);
  CHECK(rule->associated_with(app));
  CHECK(rule->endpoint.str() == "rslvr-out-0a1b2c3d4e5f60718");
  CHECK(net.find(resolver_endpoint_id{"rslvr-out-0a1b2c3d4e5f60718"}));
  // The zone answers in the VPC; the FORWARD rule's domain goes outside the input.
  const auto db = resolve_destination(net, "db.corp.internal", app, "us-east-1", "us-east-1a");
  REQUIRE(db.dest);
  CHECK(db.dest->address.to_string() == "10.0.2.25");
  const auto onprem = resolve_destination(net, "files.onprem.example.com", app, "us-east-1", "us-east-1a");
  REQUIRE(onprem.failure);
  CHECK(onprem.failure->code == codes::dns_forwarded);
  CHECK(onprem.failure->component == "rslvr-rr-0a1b2c3d4e5f60718");
}
