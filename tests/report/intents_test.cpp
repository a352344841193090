// `vpcsim check` results as text (one line per intent and source, then the summary) and as JUnit XML.
#include "support/designs.hpp"

#include <vpcsim/io/intents_json.hpp>
#include <vpcsim/report/check_json.hpp>
#include <vpcsim/report/intents.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using Catch::Matchers::Contains;
using namespace vpcsim;
using namespace vpcsim::test;

namespace {

check_report sample() {
  return check(*design("base").solver, parse_intents(R"({"intents": [
    {"name": "app role reaches s3", "from": "tag:Role=app", "to": "s3", "expect": "reachable", "via": "gateway-endpoint"},
    {"name": "ops <no http> & \"quotes\"", "from": "ops-1", "to": "203.0.113.25", "port": 80, "expect": "reachable"}]})",
                                                                   "intents.json"));
}

}  // namespace

TEST_CASE("check text has one line per intent and source, the reason on failures, and the summary", "[intents][report]") {
  CHECK(report::to_text(sample()) ==
        "PASS  app role reaches s3: " + I_APP1 + " \"app-1\" -> s3 (tcp 443): reachable via gateway-endpoint\n"
        "PASS  app role reaches s3: " + I_APP2 + " \"app-2\" -> s3 (tcp 443): reachable via gateway-endpoint\n"
        "FAIL  ops <no http> & \"quotes\": " + I_OPS1 + " \"ops-1\" -> 203.0.113.25 (tcp 80): expected reachable; blocked: "
        "SUBNET_ACL_RESTRICTION at " + ACL_APP + " \"app\": Network ACL " + ACL_APP + " \"app\" of " + SUB_APP_A +
        " \"app-a\" does not allow outbound tcp 80 to 203.0.113.25 (NACL-5, NACL-6)\n"
        "2 passed, 1 failed\n");
  CHECK(report::summary(check_report{}) == "0 passed, 0 failed");
}

TEST_CASE("JUnit XML has one test case per intent and source, failures carrying reason, fix and trace",
          "[intents][report]") {
  const auto xml = report::to_junit(sample(), "intents");
  CHECK_THAT(xml, Contains("<testsuites name=\"intents\" tests=\"3\" failures=\"1\" errors=\"0\">"));
  CHECK_THAT(xml, Contains("<testsuite name=\"intents\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
  // A selector that expands names each source in its case, by id and name.
  CHECK_THAT(xml, Contains("<testcase name=\"app role reaches s3 [" + I_APP1 + " &quot;app-1&quot;]\" classname=\"vpcsim.check.intents\""));
  CHECK_THAT(xml, Contains("<testcase name=\"app role reaches s3 [" + I_APP2 + " &quot;app-2&quot;]\""));
  CHECK_THAT(xml, Contains("<testcase name=\"ops &lt;no http&gt; &amp; &quot;quotes&quot; [" + I_OPS1 + " &quot;ops-1&quot;]\""));
  CHECK_THAT(xml, Contains("<failure message=\"expected reachable; blocked: SUBNET_ACL_RESTRICTION at " + ACL_APP));
  CHECK_THAT(xml, Contains("type=\"SUBNET_ACL_RESTRICTION\">" + I_OPS1 + " &quot;ops-1&quot; -&gt; 203.0.113.25 (tcp 80): expected reachable;"));
  CHECK_THAT(xml, Contains("\nfix: Add an outbound rule to " + ACL_APP + " &quot;app&quot; allowing tcp 80 to 203.0.113.25/32"));
  CHECK_THAT(xml, Contains("NOT REACHABLE: SUBNET_ACL_RESTRICTION at " + ACL_APP + " &quot;app&quot;"));
  CHECK(xml.find("<failure", xml.find(I_APP2)) == xml.rfind("<failure"));  // only the third case fails
}

TEST_CASE("a check JUnit failure for an unmet expectation on a reachable flow is typed EXPECTATION", "[intents][report]") {
  const auto r = check(*design("base").solver, parse_intents(R"({"intents": [
    {"name": "ops has no internet", "from": "ops-1", "to": "203.0.113.25", "expect": "blocked"}]})",
                                                             "intents.json"));
  CHECK_THAT(report::to_junit(r, "x"), Contains("<failure message=\"expected blocked; reachable via nat-gateway\" "
                                                "type=\"EXPECTATION\">"));
}

TEST_CASE("check JSON carries each intent, its source, the verdict and the trace answer", "[intents][io]") {
  const auto j = to_json(sample());
  CHECK(j["passed"] == 2);
  CHECK(j["failed"] == 1);
  REQUIRE(j["results"].size() == 3);
  const auto& first = j["results"][0];
  CHECK(first["name"] == "app role reaches s3");
  CHECK(first["from"] == "tag:Role=app");
  CHECK(first["source"] == I_APP1);
  CHECK(first["expect"] == "reachable");
  CHECK(first["via"] == "gateway-endpoint");
  CHECK(first["blocked_by"].is_null());
  CHECK(first["passed"] == true);
  CHECK(first["answer"]["via"] == "gateway-endpoint");
  CHECK(first["answer"].contains("path"));
  CHECK(j["results"][2]["port"] == 80);
  CHECK(j["results"][2]["answer"]["blocked_by"]["component"] == ACL_APP);
  CHECK_FALSE(to_json(sample(), false)["results"][0]["answer"].contains("path"));
}
