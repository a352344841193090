// Fixes in the input's own terms (issue #23, design.md `changes`): each ranked fix of a blocked trace
// carries the design's edits (JSON pointer, file:line:column, the entry in the design's keys) on a
// design, and the AWS CLI commands on a capture. The proof that they are right: applying the top
// change of each blocked design case and tracing again moves the flow on, up to REACHABLE.
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace vpcsim;
using json = nlohmann::json;

namespace {

const std::filesystem::path scenarios = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

answer trace_in(const load_result& loaded, const std::string& from, const std::string& to, std::uint16_t port = 443) {
  const solver s(loaded.network, loaded.locations);
  flow_request r;
  r.from = from;
  r.to = to;
  r.port = port;
  return s.trace(r);
}

const load_result& fix_ranking() {
  static const load_result loaded = vpcsim::load(scenarios / "fix-ranking" / "design.jsonc");
  REQUIRE(loaded.usable());
  return loaded;
}

const load_result& fix_ranking_capture() {
  static const load_result loaded = vpcsim::load(scenarios / "fix-ranking" / "capture");
  REQUIRE(loaded.usable());
  return loaded;
}

// The line (1-based) of the first line of `text` holding `part`.
int line_of(const std::string& text, const std::string& part) {
  const auto at = text.find(part);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string location_line(const std::string& location) {
  // `…/design.jsonc:27:5` -> `27`
  const auto last = location.rfind(':');
  const auto before = location.rfind(':', last - 1);
  return location.substr(before + 1, last - before - 1);
}

// Applies one edit to a design document: `add` appends to the array at the pointer (created when
// absent), `set` sets the key.
void apply(json& design, const design_edit& e) {
  const json::json_pointer p(e.pointer);
  const json value = json::parse(e.entry);
  if (e.op == "set") {
    design[p] = value;
  } else {
    REQUIRE(e.op == "add");
    auto& list = design[p];
    if (list.is_null()) list = json::array();
    REQUIRE(list.is_array());
    list.push_back(value);
  }
}

}  // namespace

TEST_CASE("on a design, the top fix for a missing inbound rule is an ingress entry of the design's group naming the prefix list",
          "[fixes][changes]") {
  const auto a = trace_in(fix_ranking(), "app-1", "ecr.api");
  REQUIRE(a.blocked);
  REQUIRE(a.blocked->changes.size() == a.blocked->fixes.size());
  const auto& top = a.blocked->changes.front();
  CHECK(top.fix == a.blocked->fixes.front());
  CHECK(top.commands.empty());  // a design is changed in its own terms
  REQUIRE(top.edits.size() == 1);
  const auto& e = top.edits.front();
  CHECK(e.op == "add");
  CHECK(e.pointer == "/security_groups/2/ingress");
  CHECK(json::parse(e.entry) == json{{"protocol", "tcp"}, {"ports", 443}, {"from", "clients"}});
  const std::string text = read(scenarios / "fix-ranking" / "design.jsonc");
  CHECK(location_line(e.location) == std::to_string(line_of(text, "{\"name\": \"endpoints\", \"ingress\"")));
  CHECK_THAT(e.location, Catch::Matchers::EndsWith(":5"));
  // The lower-ranked alternatives name the client's group, its subnet's CIDR, its address.
  REQUIRE(a.blocked->changes.size() == 4);
  CHECK(json::parse(a.blocked->changes[1].edits.at(0).entry).at("from") == "app");
  CHECK(json::parse(a.blocked->changes[2].edits.at(0).entry).at("from") == "10.0.1.0/24");
  CHECK(json::parse(a.blocked->changes[3].edits.at(0).entry).at("from") == "10.0.1.10/32");
}

TEST_CASE("on a design, a NACL that lets neither the flow out nor its replies in is fixed by a pair of entries, numbered after its last",
          "[fixes][changes]") {
  const auto a = trace_in(fix_ranking(), "jobs-1", "cache-1", 6379);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "SUBNET_ACL_RESTRICTION");
  const auto& top = a.blocked->changes.front();
  CHECK_THAT(top.fix, Catch::Matchers::Contains("and an inbound rule allowing the return traffic from it on ports 1024-65535"));
  REQUIRE(top.edits.size() == 2);
  CHECK(top.edits[0].pointer == "/network_acls/1/outbound");
  CHECK(json::parse(top.edits[0].entry) ==
        json{{"rule", 110}, {"action", "allow"}, {"protocol", "tcp"}, {"ports", 6379}, {"cidr", "10.0.4.0/24"}});
  CHECK(top.edits[1].pointer == "/network_acls/1/inbound");
  CHECK(json::parse(top.edits[1].entry) ==
        json{{"rule", 110}, {"action", "allow"}, {"protocol", "tcp"}, {"ports", "1024-65535"}, {"cidr", "10.0.4.0/24"}});
  const std::string text = read(scenarios / "fix-ranking" / "design.jsonc");
  CHECK(location_line(top.edits[0].location) == std::to_string(line_of(text, "{\"name\": \"jobs-nacl\"")));
}

TEST_CASE("on a design, NO_ROUTE to S3 in a private subnet is fixed first by adding its route table to the existing S3 gateway endpoint",
          "[fixes][changes]") {
  const auto a = trace_in(fix_ranking(), "batch-1", "s3");
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "NO_ROUTE_TO_DESTINATION");
  const auto& top = a.blocked->changes.front();
  CHECK_THAT(top.fix, Catch::Matchers::StartsWith("Associate vpce-"));
  REQUIRE(top.edits.size() == 1);
  CHECK(top.edits[0].pointer == "/endpoints/1/route_tables");
  CHECK(json::parse(top.edits[0].entry) == "batch");
  const std::string text = read(scenarios / "fix-ranking" / "design.jsonc");
  CHECK(location_line(top.edits[0].location) == std::to_string(line_of(text, "{\"name\": \"s3\", \"service\": \"s3\"")));
  // The internet path comes second and offers no exact change (which gateway is the user's choice).
  REQUIRE(a.blocked->changes.size() == 2);
  CHECK(a.blocked->changes[1].edits.empty());
  CHECK(a.blocked->changes[1].commands.empty());
}

TEST_CASE("on the same network as AWS CLI captures, the fixes are AWS CLI commands", "[fixes][changes]") {
  const auto& capture = fix_ranking_capture();
  SECTION("a missing inbound rule: authorize-security-group-ingress naming the prefix list") {
    const auto a = trace_in(capture, "i-0450e3c6f2d3cbedd", "ecr.api");
    REQUIRE(a.blocked);
    const auto& top = a.blocked->changes.front();
    CHECK(top.edits.empty());
    CHECK(top.commands == std::vector<std::string>{
                              "aws ec2 authorize-security-group-ingress --group-id sg-0bdf8c7799a6e2ac1 --ip-permissions "
                              "'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-003188564a713c01c}]'"});
    CHECK(a.blocked->changes[1].commands.at(0) ==
          "aws ec2 authorize-security-group-ingress --group-id sg-0bdf8c7799a6e2ac1 --ip-permissions "
          "'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-084b6001a212fc5f0}]'");
    CHECK(a.blocked->changes[2].commands.at(0) ==
          "aws ec2 authorize-security-group-ingress --group-id sg-0bdf8c7799a6e2ac1 --ip-permissions "
          "'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.1.0/24}]'");
  }
  SECTION("a missing NACL entry pair: two create-network-acl-entry commands") {
    const auto d = trace_in(fix_ranking(), "jobs-1", "cache-1", 6379);
    const auto a = trace_in(capture, d.from, d.to, 6379);
    REQUIRE(a.blocked);
    const std::string acl = a.blocked->component;
    CHECK(a.blocked->changes.front().commands ==
          std::vector<std::string>{"aws ec2 create-network-acl-entry --network-acl-id " + acl +
                                       " --egress --rule-number 110 --protocol tcp --port-range From=6379,To=6379 "
                                       "--cidr-block 10.0.4.0/24 --rule-action allow",
                                   "aws ec2 create-network-acl-entry --network-acl-id " + acl +
                                       " --ingress --rule-number 110 --protocol tcp --port-range From=1024,To=65535 "
                                       "--cidr-block 10.0.4.0/24 --rule-action allow"});
  }
  SECTION("NO_ROUTE to S3: modify-vpc-endpoint adding the route table") {
    const auto d = trace_in(fix_ranking(), "batch-1", "s3");
    const auto a = trace_in(capture, d.from, "s3");
    REQUIRE(a.blocked);
    std::string s3;
    for (const auto& [id, ep] : capture.network.all<vpc_endpoint>())
      if (ep.type == endpoint_type::gateway) s3 = id.str();
    REQUIRE(!s3.empty());
    CHECK(a.blocked->changes.front().commands ==
          std::vector<std::string>{"aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + s3 + " --add-route-table-ids " +
                                   a.blocked->component});
  }
}

TEST_CASE("a library user tracing a network without locations gets the sentences and the AWS CLI commands", "[fixes][changes]") {
  flow_request r;
  r.from = "app-1";
  r.to = "ecr.api";
  const auto a = trace(fix_ranking().network, r);
  REQUIRE(a.blocked);
  CHECK(a.blocked->changes.size() == a.blocked->fixes.size());
  CHECK(a.blocked->changes.front().edits.empty());
  CHECK_THAT(a.blocked->changes.front().commands.at(0),
             Catch::Matchers::StartsWith("aws ec2 authorize-security-group-ingress --group-id sg-0bdf8c7799a6e2ac1"));
}

namespace {

const json& cases() {
  static const json table = json::parse(read(scenarios / "cases.jsonc"), nullptr, true, /*ignore_comments=*/true);
  return table;
}

std::string blocked_text(const answer& a) {
  return a.blocked ? a.blocked->code + " at " + a.blocked->component + " [" + a.blocked->rule + "]: " + a.blocked->fix
                   : std::string("REACHABLE");
}

}  // namespace

TEST_CASE("applying the top change of each blocked design case and tracing again moves the flow on until it arrives",
          "[fixes][changes][scenario]") {
  int applied = 0, arrived = 0;
  for (const auto& c : cases()) {
    const auto& e = c.at("expect");
    if (!e.contains("reachable") || e.at("reachable").get<bool>() || e.contains("usage_error")) continue;
    std::vector<std::string> inputs;
    if (c.at("scenario").is_array()) inputs = c.at("scenario").get<std::vector<std::string>>();
    else inputs = {c.at("scenario").get<std::string>()};
    std::vector<std::string> destinations;
    if (c.at("to").is_array()) destinations = c.at("to").get<std::vector<std::string>>();
    else destinations = {c.at("to").get<std::string>()};
    for (const auto& input : inputs) {
      if (!input.ends_with(".jsonc")) continue;
      for (const auto& to : destinations) {
        flow_request r;
        r.from = c.at("from").get<std::string>();
        r.to = to;
        if (c.contains("protocol")) r.protocol = *protocol::parse(c.at("protocol").get<std::string>());
        r.port = c.value("port", std::uint16_t{443});
        if (c.contains("region")) r.region = c.at("region").get<std::string>();
        r.ip_version = c.value("ip_version", 0);
        if (c.contains("action")) r.action = c.at("action").get<std::string>();
        if (c.contains("resource")) r.resource = c.at("resource").get<std::string>();
        if (c.contains("client_ports")) {
          const auto ports = c.at("client_ports").get<std::vector<std::uint16_t>>();
          r.client_ports = port_range{ports.at(0), ports.at(1)};
        }
        const std::string file = (scenarios / input).string();
        json design = json::parse(read(file), nullptr, true, /*ignore_comments=*/true);
        auto loaded = vpcsim::load(file);
        REQUIRE(loaded.usable());
        answer a = solver(loaded.network, loaded.locations).trace(r);
        INFO("case: " << c.at("name").get<std::string>() << " [" << input << ", --to " << to << "]");
        // Each round: the top change of the blocked answer, applied to the design, moves the block.
        for (int round = 0; a.blocked && !a.blocked->changes.empty() && !a.blocked->changes.front().edits.empty(); ++round) {
          INFO("round " << round << ": " << blocked_text(a));
          REQUIRE(round < 6);
          for (const auto& edit : a.blocked->changes.front().edits) apply(design, edit);
          ++applied;
          auto patched = load_design_text(design.dump(2), file);
          std::string diagnostics;
          for (const auto& d : patched.loaded.diagnostics) diagnostics += d.to_string() + "\n";
          INFO("patched design: " << design.dump(2) << "\n" << diagnostics);
          REQUIRE(patched.loaded.usable());
          loaded = std::move(patched.loaded);
          const answer next = solver(loaded.network, loaded.locations).trace(r);
          INFO("after: " << blocked_text(next));
          if (next.blocked)
            CHECK(std::tie(next.blocked->code, next.blocked->component, next.blocked->rule) !=
                  std::tie(a.blocked->code, a.blocked->component, a.blocked->rule));
          a = next;
        }
        if (a.reachable) ++arrived;
      }
    }
  }
  // The table's design cases with changes: the fix-ranking ones and the IPv6 NACL and SG ones.
  CHECK(applied >= 8);
  CHECK(arrived >= 6);
}

TEST_CASE("with two VPCs of the same CIDR, a NACL fix names the subnet of the peered VPC the flow goes to, not the other VPC's",
          "[fixes][changes]") {
  const std::string file = (scenarios / "fix-overlap" / "design.jsonc").string();
  json design = json::parse(read(file), nullptr, true, /*ignore_comments=*/true);
  // The app group's egress first: the fix names db-a's CIDR, the peered VPC's (PEER-1).
  auto loaded = vpcsim::load(file);
  REQUIRE(loaded.usable());
  flow_request r;
  r.from = "app-1";
  r.to = "10.1.2.10";
  r.port = 5432;
  const answer sg = solver(loaded.network, loaded.locations).trace(r);
  REQUIRE(sg.blocked);
  REQUIRE(sg.blocked->code == "ENI_SG_RULES_MISMATCH");
  for (const auto& f : sg.blocked->fixes) CHECK_THAT(f, !Catch::Matchers::Contains("lab-a"));
  CHECK_THAT(sg.blocked->fix, Catch::Matchers::Contains("10.1.2.0/24 (the CIDR of subnet-"));
  for (const auto& edit : sg.blocked->changes.at(0).edits) apply(design, edit);
  // Then the NACL of app-a, whose deny #90 the entry must come before.
  auto patched = load_design_text(design.dump(2), file);
  REQUIRE(patched.loaded.usable());
  const answer acl = solver(patched.loaded.network, patched.loaded.locations).trace(r);
  REQUIRE(acl.blocked);
  REQUIRE(acl.blocked->code == "SUBNET_ACL_RESTRICTION");
  CHECK_THAT(acl.blocked->fixes.at(0), Catch::Matchers::Contains("to 10.1.2.0/24 (the CIDR of subnet-"));
  CHECK_THAT(acl.blocked->fixes.at(0), Catch::Matchers::Contains("\"db-a\""));
  for (const auto& f : acl.blocked->fixes) CHECK_THAT(f, !Catch::Matchers::Contains("lab-a"));
  const auto& edits = acl.blocked->changes.at(0).edits;
  REQUIRE(edits.size() == 1);  // the replies come back by the inbound allow-all entry
  CHECK(edits[0].pointer == "/network_acls/0/outbound");
  CHECK(json::parse(edits[0].entry) ==
        json{{"rule", 89}, {"action", "allow"}, {"protocol", "tcp"}, {"ports", 5432}, {"cidr", "10.1.2.0/24"}});
}

TEST_CASE("on captures, a missing route back is a create-route through the peering connection and VPC DNS attributes are modify-vpc-attribute",
          "[fixes][changes]") {
  SECTION("RT-14: the peer's route table gets a route back to the client through the peering connection") {
    const auto loaded = vpcsim::load(scenarios / "peering-no-return-route");
    REQUIRE(loaded.usable());
    const auto a = trace_in(loaded, "i-0b11111111111111a", "i-0b55555555555555e", 5432);
    REQUIRE(a.blocked);
    CHECK(a.blocked->changes.at(0).commands ==
          std::vector<std::string>{"aws ec2 create-route --route-table-id rtb-0c44444444444444e --destination-cidr-block "
                                   "10.0.1.10/32 --vpc-peering-connection-id pcx-0a11111111111111a"});
  }
  SECTION("DNS-6: private DNS takes effect with both DNS attributes of the VPC on, one call each") {
    const auto loaded = vpcsim::load(scenarios / "dns-hostnames-false-no-nat");
    REQUIRE(loaded.usable());
    const auto a = trace_in(loaded, "i-0b11111111111111a", "ecr.api");
    REQUIRE(a.blocked);
    CHECK(a.blocked->changes.at(0).commands ==
          std::vector<std::string>{
              "aws ec2 modify-vpc-attribute --vpc-id vpc-0e1a2b3c4d5e6f701 --enable-dns-support '{\"Value\":true}'",
              "aws ec2 modify-vpc-attribute --vpc-id vpc-0e1a2b3c4d5e6f701 --enable-dns-hostnames '{\"Value\":true}'"});
  }
}
