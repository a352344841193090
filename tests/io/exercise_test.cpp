// expected.json of a graded exercise (include/vpcsim/io/exercise.hpp, schemas/exercise.schema.json):
// what it holds, and its `vpcsim.exercise.*` messages in full.
#include <vpcsim/error.hpp>
#include <vpcsim/io/exercise.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace vpcsim;
using Catch::Matchers::Message;

namespace {
// A valid document with `flows` and `more` (extra top-level members) spliced in.
std::string doc(const std::string& flows, const std::string& more = "") {
  return R"({"exercise": "E", "level": "easy", "topic": "GW-6", "hints": ["symptom", "fix"], "flows": )" + flows +
         (more.empty() ? "" : ", " + more) + "}";
}
const std::string one_flow = R"([{"from": "a", "to": "s3", "reachable": true, "why": "x"}])";
}  // namespace

TEST_CASE("an exercise file lists flows with the answer each must get", "[io][exercise]") {
  auto ex = parse_exercise(doc(R"([
      {"from": "app-1", "to": "s3", "reachable": true, "via": "gateway-endpoint", "why": "GW-6"},
      {"from": "app-1", "to": "203.0.113.25", "port": 80, "protocol": "tcp", "reachable": false,
       "code": "ENI_SG_RULES_MISMATCH", "component": "app", "why": "SG-6"}])"),
                           "expected.json");
  CHECK(ex.title == "E");
  CHECK(ex.level == "easy");
  CHECK(ex.topic == "GW-6");
  CHECK(ex.hints == std::vector<std::string>{"symptom", "fix"});
  REQUIRE(ex.flows.size() == 2);
  CHECK(ex.flows[0].via == "gateway-endpoint");
  CHECK(ex.flows[0].port == 443);
  CHECK_FALSE(ex.flows[1].reachable);
  CHECK(ex.flows[1].port == 80);
  CHECK(ex.flows[1].code == "ENI_SG_RULES_MISMATCH");
  CHECK(ex.flows[1].component == "app");
  CHECK(ex.flows[1].pointer == "/flows/1");
  CHECK(ex.constraints.empty());
}

TEST_CASE("an exercise file's constraints say what a solution must keep besides the flows", "[io][exercise]") {
  auto ex = parse_exercise(doc(one_flow, R"("constraints": [
      {"name": "no-all", "forbid": {"in": "network-acl", "direction": "inbound", "protocol": "all", "cidr": "0.0.0.0/0",
                                    "ports": "0-1023"}, "why": "w1"},
      {"name": "pl", "require_prefix_list": {"service": "s3"}, "why": "w2"},
      {"name": "same", "unchanged": true, "why": "w3"},
      {"name": "few", "max_rules_added": 2, "why": "w4"}])"),
                           "expected.json");
  REQUIRE(ex.constraints.size() == 4);
  using kind = exercise_constraint::kind;
  CHECK(ex.constraints[0].what == kind::forbid);
  CHECK(ex.constraints[0].pattern.in == "network-acl");
  CHECK(ex.constraints[0].pattern.direction == "inbound");
  CHECK(ex.constraints[0].pattern.protocol == "all");
  CHECK(ex.constraints[0].pattern.cidr == cidr4::parse("0.0.0.0/0"));
  CHECK(ex.constraints[0].pattern.ports == port_range{0, 1023});
  CHECK(ex.constraints[1].what == kind::require_prefix_list);
  CHECK(ex.constraints[1].service == "s3");
  CHECK(ex.constraints[1].direction == "outbound");
  CHECK(ex.constraints[2].what == kind::unchanged);
  CHECK(ex.constraints[3].what == kind::max_rules_added);
  CHECK(ex.constraints[3].max_rules == 2);
  CHECK(ex.constraints[3].pointer == "/constraints/3");
}

TEST_CASE("an exercise file that contradicts itself is rejected with its place", "[io][exercise]") {
  CHECK_THROWS_MATCHES(parse_exercise(doc(R"([{"from": "a", "to": "s3", "reachable": true, "code": "CANNOT_ROUTE", "why": "x"}])"),
                                      "expected.json"),
                       import_error,
                       Message("[vpcsim.exercise.bad_value] expected.json /flows/0: a reachable flow has no 'code' or 'component'"));
  CHECK_THROWS_MATCHES(parse_exercise(doc(R"([{"from": "a", "to": "s3", "why": "x"}])"), "expected.json"), import_error,
                       Message("[vpcsim.exercise.missing_field] expected.json /flows/0: field 'reachable' (true or false) is required"));
  CHECK_THROWS_MATCHES(
      parse_exercise(doc(one_flow, R"("constraints": [{"name": "x", "unchanged": true, "max_rules_added": 1, "why": "w"}])"),
                     "expected.json"),
      import_error,
      Message("[vpcsim.exercise.bad_value] expected.json /constraints/0: a constraint has exactly one of 'forbid', "
              "'require_prefix_list', 'unchanged', 'max_rules_added', 'require_policy_condition'"));
  CHECK_THROWS_MATCHES(
      parse_exercise(doc(one_flow, R"("constraints": [{"name": "x", "require_policy_condition": {"keys": []}, "why": "w"}])"),
                     "expected.json"),
      import_error,
      Message("[vpcsim.exercise.missing_field] expected.json /constraints/0/require_policy_condition: 'keys' must be a "
              "non-empty array of condition keys (aws:SourceVpce, aws:SourceVpc)"));
  CHECK_THROWS_MATCHES(parse_exercise(R"({"exercise": "E", "level": "easy", "topic": "t", "flows": [{"from": "a", "to": "s3",
                                          "reachable": true, "why": "x"}]})",
                                      "expected.json"),
                       import_error,
                       Message("[vpcsim.exercise.missing_field] expected.json /hints: 'hints' must be a non-empty array of "
                               "strings, the symptom first"));
  CHECK_THROWS_MATCHES(parse_exercise("{", "expected.json"), import_error,
                       Message("[vpcsim.exercise.not_json] expected.json: not JSON"));
}

TEST_CASE("an unknown key in an exercise file is an error that suggests the nearest known one", "[io][exercise]") {
  CHECK_THROWS_MATCHES(parse_exercise(doc(one_flow, R"("constraint": [])"), "expected.json"), import_error,
                       Message("[vpcsim.exercise.unknown_field] expected.json /constraint: unknown field 'constraint'; did "
                               "you mean 'constraints'?"));
  CHECK_THROWS_MATCHES(parse_exercise(doc(R"([{"from": "a", "to": "s3", "reachable": true, "why": "x", "protocl": "tcp"}])"),
                                      "expected.json"),
                       import_error,
                       Message("[vpcsim.exercise.unknown_field] expected.json /flows/0/protocl: unknown field 'protocl'; did you "
                               "mean 'protocol'?"));
  CHECK_THROWS_MATCHES(
      parse_exercise(doc(one_flow, R"("constraints": [{"name": "x", "forbid": {"protcol": "all"}, "why": "w"}])"),
                     "expected.json"),
      import_error,
      Message("[vpcsim.exercise.unknown_field] expected.json /constraints/0/forbid/protcol: unknown field 'protcol'; did "
              "you mean 'protocol'?"));
  CHECK_THROWS_MATCHES(parse_exercise(doc(R"([{"from": "a", "to": "s3", "reachable": true, "why": "x",
                                               "expectation": "reachable"}])"),
                                      "expected.json"),
                       import_error,
                       Message("[vpcsim.exercise.unknown_field] expected.json /flows/0/expectation: unknown field "
                               "'expectation'; known: 'from', 'to', 'protocol', 'port', 'client_ports', 'reachable', 'via', 'code', "
                               "'component', 'why'"));
}
