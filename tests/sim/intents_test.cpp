// Source selectors and reachability intents, on the clean two-zone ECR design of tests/data/lint/base:
// app-1 and ops-1 in app-a (us-east-1a), app-2 in app-b (us-east-1b); app instances have restrictive
// egress (443 to the VPC and the S3 prefix list), ops-1 AWS's default egress; the app NACL lets only
// TCP 443 out to the internet.
#include "support/designs.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/sim/intents.hpp>
#include <vpcsim/sim/selector.hpp>

#include <catch2/catch.hpp>

using Catch::Matchers::Message;
using namespace vpcsim;
using namespace vpcsim::test;

namespace {

intent make(std::string name, std::string from, std::string to, expectation expect = expectation::reachable) {
  intent i;
  i.name = std::move(name);
  i.from = std::move(from);
  i.to = std::move(to);
  i.expect = expect;
  return i;
}

check_report run(const std::vector<intent>& intents) { return check(*design("base").solver, intents); }

const intent_result& only(const check_report& r) {
  REQUIRE(r.results.size() == 1);
  return r.results.front();
}

}  // namespace

TEST_CASE("an intent selector is parsed by its form: ids, an address, tag:Key=Value, else a Name tag", "[intents][selector]") {
  CHECK(parse_selector("i-0c1a00000000000a1").kind == selector_kind::by_instance_id);
  CHECK(parse_selector("eni-0c1a00000000000a1").kind == selector_kind::by_network_interface_id);
  CHECK(parse_selector("subnet-0c1a00000000000a2").kind == selector_kind::by_subnet_id);
  CHECK(parse_selector("10.0.1.20").kind == selector_kind::by_address);
  const auto tag = parse_selector("tag:Role=app");
  CHECK(tag.kind == selector_kind::by_tag);
  CHECK(tag.key == "Role");
  CHECK(tag.value == "app");
  const auto name = parse_selector("app-1");
  CHECK(name.kind == selector_kind::by_name);
  CHECK(name.key == "Name");
  CHECK(name.value == "app-1");
  // An empty value is a tag whose value is empty, which AWS allows.
  CHECK(parse_selector("tag:Team=").value.empty());
}

TEST_CASE("a malformed intent selector is a usage error with the form to use", "[intents][selector]") {
  CHECK_THROWS_MATCHES(parse_selector("tag:Role"), usage_error,
                       Message("[vpcsim.selector.bad_syntax] 'tag:Role' is not a tag selector: write tag:Key=Value "
                               "(for example tag:Role=web)"));
  CHECK_THROWS_MATCHES(parse_selector("tag:=web"), usage_error,
                       Message("[vpcsim.selector.bad_syntax] 'tag:=web' is not a tag selector: write tag:Key=Value "
                               "(for example tag:Role=web)"));
  CHECK_THROWS_MATCHES(parse_selector(""), usage_error,
                       Message("[vpcsim.selector.bad_syntax] a source selector cannot be empty"));
}

TEST_CASE("every intent selector kind expands to the sources trace takes, ordered by id", "[intents][selector]") {
  const network& net = design("base").result.network;
  using list = std::vector<std::string>;
  CHECK(expand(net, parse_selector(I_APP1)) == list{I_APP1});
  CHECK(expand(net, parse_selector("app-2")) == list{I_APP2});
  CHECK(expand(net, parse_selector(ENI_APP1)) == list{ENI_APP1});
  CHECK(expand(net, parse_selector(IP_OPS1)) == list{IP_OPS1});
  // A subnet stands for every instance whose primary interface is in it.
  CHECK(expand(net, parse_selector(SUB_APP_A)) == list{I_APP1, I_OPS1});
  CHECK(expand(net, parse_selector("tag:Role=app")) == list{I_APP1, I_APP2});
  CHECK(all_instance_sources(net) == list{I_APP1, I_OPS1, I_APP2});
}

TEST_CASE("an intent selector that names nothing in the input is a usage error naming it", "[intents][selector]") {
  const network& net = design("base").result.network;
  CHECK_THROWS_MATCHES(expand(net, parse_selector("i-0c1a000000000dead")), usage_error,
                       Message("[vpcsim.selector.no_match] 'i-0c1a000000000dead' (instance id) is not in the input"));
  CHECK_THROWS_MATCHES(expand(net, parse_selector("web-1")), usage_error,
                       Message("[vpcsim.selector.no_match] 'web-1' (Name tag) matches no instance with a network "
                               "interface (tag Name=web-1) and no subnet; instances and subnets in the input: 'app-1', "
                               "'ops-1', 'app-2', 'app-a', 'app-b', 'public-a'"));
  CHECK_THROWS_MATCHES(expand(net, parse_selector("tag:Role=db")), usage_error,
                       Message("[vpcsim.selector.no_match] 'tag:Role=db' (tag) matches no instance with a network "
                               "interface (tag Role=db)"));
  // The public subnet holds only the NAT gateway's interface, no instance.
  CHECK_THROWS_MATCHES(expand(net, parse_selector(SUB_PUB_A)), usage_error,
                       Message("[vpcsim.selector.no_match] '" + SUB_PUB_A +
                               "' (subnet id) holds no instance with a network interface"));
  CHECK_THROWS_MATCHES(expand(net, parse_selector("10.9.9.9")), usage_error,
                       Message("[vpcsim.selector.no_match] '10.9.9.9' (address) is held by no network interface in "
                               "the input"));
}

TEST_CASE("an intent is checked once per source its selector expands to", "[intents]") {
  const auto r = run({make("app subnet reaches s3", SUB_APP_A, "s3"), make("app role reaches s3", "tag:Role=app", "s3")});
  REQUIRE(r.results.size() == 4);
  CHECK(r.results[0].source == I_APP1);
  CHECK(r.results[1].source == I_OPS1);
  CHECK(r.results[2].source == I_APP1);
  CHECK(r.results[3].source == I_APP2);
  CHECK(r.results[3].intent.name == "app role reaches s3");
  CHECK(r.passed() == 4);
  CHECK(r.failed() == 0);
  CHECK(r.results[3].answer.from == I_APP2);
}

TEST_CASE("an intent expecting reachable passes when the flow arrives and fails with the trace's blocking rule", "[intents]") {
  const auto pass = only(run({make("s3 by id", I_APP1, "s3")}));
  CHECK(pass.passed);
  CHECK(pass.reason == "reachable via gateway-endpoint");

  // SG-6: app-1's security group has no outbound rule for the internet.
  const auto fail = only(run({make("internet from app", "app-1", INTERNET)}));
  CHECK_FALSE(fail.passed);
  CHECK(fail.reason == "expected reachable; blocked: ENI_SG_RULES_MISMATCH at " + SG_APP +
                           " \"app\": The security groups of " + ENI_APP1 + " (" + SG_APP +
                           " \"app\") have no outbound rule that allows tcp 443 to " + INTERNET + " (SG-5, SG-6)");
  CHECK(fail.answer.blocked->component == SG_APP);
}

TEST_CASE("an intent expecting blocked passes when the flow stops and fails when it arrives", "[intents]") {
  const auto pass = only(run({make("no internet for app", ENI_APP1, INTERNET, expectation::blocked)}));
  CHECK(pass.passed);
  CHECK(pass.reason == "blocked: ENI_SG_RULES_MISMATCH at " + SG_APP + " \"app\"");

  // ops-1 keeps AWS's default egress and leaves through nat-a (NAT-4).
  const auto fail = only(run({make("no internet for ops", IP_OPS1, INTERNET, expectation::blocked)}));
  CHECK_FALSE(fail.passed);
  CHECK(fail.reason == "expected blocked; reachable via nat-gateway");
}

TEST_CASE("an intent via a kind compares the answer's via, and every leg's for a composite", "[intents]") {
  auto s3 = make("s3 stays private", I_APP1, "s3");
  s3.via = "gateway-endpoint";
  CHECK(only(run({s3})).passed);

  auto igw = make("ops through igw", "ops-1", INTERNET);
  igw.via = "internet-gateway";
  const auto fail = only(run({igw}));
  CHECK_FALSE(fail.passed);
  CHECK(fail.reason == "expected via internet-gateway; reachable via nat-gateway");

  // ECR-1: an image pull's S3 leg uses the gateway endpoint, not PrivateLink.
  auto pull = make("pull all private link", "app-1", "ecr");
  pull.via = "interface-endpoint";
  const auto legs = only(run({pull}));
  CHECK_FALSE(legs.passed);
  CHECK(legs.reason == "expected via interface-endpoint; reachable: ecr.api via interface-endpoint, ecr.dkr via "
                       "interface-endpoint, s3 via gateway-endpoint");
}

TEST_CASE("an intent via a component id requires the path, or some leg's path, to pass through it", "[intents]") {
  auto nat = make("ops through nat-a", "ops-1", INTERNET);
  nat.via = NAT_A;
  const auto pass = only(run({nat}));
  CHECK(pass.passed);
  CHECK(pass.reason == "reachable via nat-gateway through " + NAT_A + " \"nat-a\"");

  auto s3 = make("s3 through nat-a", "app-1", "s3");
  s3.via = NAT_A;
  const auto fail = only(run({s3}));
  CHECK_FALSE(fail.passed);
  CHECK(fail.reason == "expected a path through " + NAT_A + "; reachable via gateway-endpoint without it");

  auto pull = make("pull uses the s3 gateway endpoint", "app-1", "ecr");
  pull.via = EP_S3;
  CHECK(only(run({pull})).passed);
}

TEST_CASE("an intent's blocked_by matches the blocking resource or the blocking code", "[intents]") {
  // NACL-5, NACL-6: the app NACL lets only TCP 443 out to the internet.
  auto by_acl = make("no http out", "ops-1", INTERNET, expectation::blocked);
  by_acl.port = 80;
  by_acl.blocked_by = ACL_APP;
  const auto pass = only(run({by_acl}));
  CHECK(pass.passed);
  CHECK(pass.reason == "blocked: SUBNET_ACL_RESTRICTION at " + ACL_APP + " \"app\"");

  auto by_code = by_acl;
  by_code.blocked_by = "SUBNET_ACL_RESTRICTION";
  CHECK(only(run({by_code})).passed);

  auto by_sg = by_acl;
  by_sg.blocked_by = SG_APP;
  const auto fail = only(run({by_sg}));
  CHECK_FALSE(fail.passed);
  CHECK(fail.reason == "expected blocked by " + SG_APP + "; blocked: SUBNET_ACL_RESTRICTION at " + ACL_APP +
                           " \"app\": Network ACL " + ACL_APP + " \"app\" of " + SUB_APP_A +
                           " \"app-a\" does not allow outbound tcp 80 to " +
                           INTERNET + " (NACL-5, NACL-6)");
}

TEST_CASE("an intent names its source subnet, via and blocked_by as the user named them", "[intents][names]") {
  // A subnet's name selects every instance in it, as its id does.
  CHECK(expand(design("base").result.network, parse_selector("app-a")) ==
        expand(design("base").result.network, parse_selector(SUB_APP_A)));
  auto nat = make("ops through nat-a", "ops-1", INTERNET);
  nat.via = "nat-a";
  const auto pass = only(run({nat}));
  CHECK(pass.passed);
  CHECK(pass.reason == "reachable via nat-gateway through " + NAT_A + " \"nat-a\"");
  CHECK(pass.intent.via == "nat-a");  // the report keeps the user's words

  auto by_acl = make("no http out", "ops-1", INTERNET, expectation::blocked);
  by_acl.port = 80;
  by_acl.blocked_by = "app";  // the NACL is named app; so are other resources of other kinds
  by_acl.file = "intents.json";
  by_acl.pointer = "/intents/1";
  CHECK_THROWS_WITH(run({by_acl}), Catch::Contains("[vpcsim.names.ambiguous] intents.json /intents/1/blocked_by (intent 'no "
                                                   "http out'): 'app' names ") &&
                                       Catch::Contains("; give the id"));
  auto typo = make("ops through nat-a", "ops-1", INTERNET);
  typo.via = "nat-aa";
  typo.file = "intents.json";
  typo.pointer = "/intents/0";
  CHECK_THROWS_WITH(run({typo}),
                    Catch::StartsWith("[vpcsim.names.unknown] intents.json /intents/0/via (intent 'ops through nat-a'): no "
                                      "resource in the input has the id or name 'nat-aa'; resources in the input: 'nat-a'") &&
                        Catch::EndsWith("; or a via kind: interface-endpoint, gateway-endpoint, nat-gateway, "
                                        "internet-gateway, local, peering, transit-gateway, virtual-private-gateway"));
}

TEST_CASE("an intent on a composite that does not arrive names its first blocked leg", "[intents]") {
  const auto& d = design("ecr-no-s3-path/fail");
  const auto r = check(*d.solver, {make("pull", "app-1", "ecr")});
  REQUIRE(r.results.size() == 1);
  CHECK_FALSE(r.results[0].passed);
  CHECK(r.results[0].reason == "expected reachable; blocked (leg s3): NO_ROUTE_TO_DESTINATION at " + RTB_PRIV_A +
                                   " \"private-a\": Route table " + RTB_PRIV_A + " \"private-a\" of " +
                                   SUB_APP_A + " \"app-a\" has no route for 52.216.0.1 (RT-21)");
}

TEST_CASE("an intent whose selector or destination names nothing is bad input naming the intent", "[intents]") {
  auto ghost = make("web reaches s3", "tag:Role=web", "s3");
  ghost.file = "intents.json";
  ghost.pointer = "/intents/3";
  CHECK_THROWS_MATCHES(run({ghost}), import_error,
                       Message("[vpcsim.selector.no_match] intents.json /intents/3/from (intent 'web reaches s3'): "
                               "'tag:Role=web' (tag) matches no instance with a network interface (tag Role=web)"));
  auto nowhere = make("app reaches nowhere", "app-1", "nowhere.invalid");
  nowhere.file = "intents.json";
  nowhere.pointer = "/intents/0";
  CHECK_THROWS_MATCHES(run({nowhere}), import_error,
                       Message("[vpcsim.trace.unknown_destination] intents.json /intents/0/to (intent 'app reaches "
                               "nowhere'): cannot resolve 'nowhere.invalid' offline: give an IPv4 address, an instance "
                               "or network interface id, a service name (s3, dynamodb, ecr.api, ecr.dkr, ...) or an AWS "
                               "service hostname"));
}

TEST_CASE("intent via and blocked_by values are recognised by their form", "[intents]") {
  CHECK(is_via_kind("gateway-endpoint"));
  CHECK_FALSE(is_via_kind("gateway"));
  CHECK(is_component_id("vpce-0c1a0000000000003"));
  CHECK(is_component_id("nat-0c1a00000000000a1"));
  CHECK_FALSE(is_component_id("nat-"));
  CHECK_FALSE(is_component_id("gateway-endpiont"));
  CHECK(is_blocking_code("SUBNET_ACL_RESTRICTION"));
  CHECK_FALSE(is_blocking_code("Subnet_acl"));
}
