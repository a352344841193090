// expected.json of a graded exercise (include/vpcsim/io/exercise.hpp): what it holds, and its
// `vpcsim.exercise.*` messages in full.
#include <vpcsim/error.hpp>
#include <vpcsim/io/exercise.hpp>

#include <catch2/catch.hpp>

using namespace vpcsim;
using Catch::Matchers::Message;

TEST_CASE("an exercise file lists flows with the answer each must get", "[io][exercise]") {
  auto ex = parse_exercise(R"({"exercise": "E", "flows": [
      {"from": "app-1", "to": "s3", "reachable": true, "via": "gateway-endpoint", "why": "GW-6"},
      {"from": "app-1", "to": "203.0.113.25", "port": 80, "protocol": "tcp", "reachable": false,
       "code": "ENI_SG_RULES_MISMATCH", "component": "app", "why": "SG-6"}]})",
                           "expected.json");
  CHECK(ex.title == "E");
  REQUIRE(ex.flows.size() == 2);
  CHECK(ex.flows[0].via == "gateway-endpoint");
  CHECK(ex.flows[0].port == 443);
  CHECK_FALSE(ex.flows[1].reachable);
  CHECK(ex.flows[1].port == 80);
  CHECK(ex.flows[1].code == "ENI_SG_RULES_MISMATCH");
  CHECK(ex.flows[1].component == "app");
  CHECK(ex.flows[1].pointer == "/flows/1");
}

TEST_CASE("an exercise file that contradicts itself is rejected with its place", "[io][exercise]") {
  CHECK_THROWS_MATCHES(parse_exercise(R"({"exercise": "E", "flows": [{"from": "a", "to": "s3", "reachable": true,
                                          "code": "CANNOT_ROUTE", "why": "x"}]})",
                                      "expected.json"),
                       import_error,
                       Message("[vpcsim.exercise.bad_value] expected.json /flows/0: a reachable flow has no 'code' or 'component'"));
  CHECK_THROWS_MATCHES(parse_exercise(R"({"exercise": "E", "flows": [{"from": "a", "to": "s3", "why": "x"}]})", "expected.json"),
                       import_error,
                       Message("[vpcsim.exercise.missing_field] expected.json /flows/0: field 'reachable' (true or false) is required"));
  CHECK_THROWS_MATCHES(parse_exercise(R"({"exercise": "E", "flows": [{"from": "a", "to": "s3", "reachable": true, "why": "x",
                                          "expect": "reachable"}]})",
                                      "expected.json"),
                       import_error, Message("[vpcsim.exercise.unknown_field] expected.json /flows/0/expect: unknown field 'expect'"));
  CHECK_THROWS_MATCHES(parse_exercise("{", "expected.json"), import_error,
                       Message("[vpcsim.exercise.not_json] expected.json: not JSON"));
}
