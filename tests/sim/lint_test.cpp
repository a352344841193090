// Lint rules on the designs of tests/data/lint: `base` is clean; each rule has a passing design (its
// situation done right, or `base`) on which it stays silent and a failing design on which it fires,
// each one change to `base`. The expected findings are what AWS's rules make of the design.
#include "support/designs.hpp"

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/report/lint_json.hpp>
#include <vpcsim/report/lint.hpp>
#include <vpcsim/sim/lint.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace vpcsim;
using namespace vpcsim::test;

namespace {

// `VPCSIM-L001@subnet-…` for each finding, in output order.
std::vector<std::string> found(const std::string& name) {
  std::vector<std::string> out;
  for (const auto& f : lint(*design(name).solver)) out.push_back(f.rule + "@" + f.resource);
  return out;
}

std::vector<lint_finding> findings_of(const std::string& name, const std::string& rule) {
  std::vector<lint_finding> out;
  for (const auto& f : lint(*design(name).solver))
    if (f.rule == rule) out.push_back(f);
  return out;
}

using list = std::vector<std::string>;

// `id "name"`: a resource as answers name it after its first mention.
std::string n(const std::string& id, const std::string& name) { return id + " \"" + name + "\""; }

// Every rule's designs: (rule, passing design, failing design, findings on the failing design).
struct rule_case {
  std::string rule, pass, fail;
  list expected;
};

const std::vector<rule_case>& rule_cases() {
  static const std::vector<rule_case> cases = {
      {"VPCSIM-L001", "ecr-no-s3-path/pass", "ecr-no-s3-path/fail",
       {"VPCSIM-L001@" + SUB_APP_A, "VPCSIM-L001@" + SUB_APP_B}},
      {"VPCSIM-L002", "private-dns-needs-vpc-dns/pass", "private-dns-needs-vpc-dns/fail",
       {"VPCSIM-L002@" + EP_API, "VPCSIM-L002@" + EP_DKR}},
      {"VPCSIM-L003", "endpoint-sg-no-https-from-clients/pass", "endpoint-sg-no-https-from-clients/fail",
       {"VPCSIM-L003@" + SG_EP, "VPCSIM-L003@" + SG_EP}},
      {"VPCSIM-L004", "base", "gateway-endpoint-not-on-client-route-table/fail", {"VPCSIM-L004@" + EP_S3}},
      {"VPCSIM-L005", "egress-without-service-prefix-list/pass", "egress-without-service-prefix-list/fail",
       {"VPCSIM-L005@" + SG_APP}},
      {"VPCSIM-L006", "nacl-no-ephemeral-return/pass", "nacl-no-ephemeral-return/fail", {"VPCSIM-L006@" + ACL_APP}},
      {"VPCSIM-L007", "route-shadows-prefix-list/pass", "route-shadows-prefix-list/fail", {"VPCSIM-L007@" + RTB_PRIV_A}},
      {"VPCSIM-L008", "route-blackhole/pass", "route-blackhole/fail", {"VPCSIM-L008@" + RTB_PRIV_A}},
      {"VPCSIM-L009", "route-target-unusable/pass", "route-target-unusable/fail", {"VPCSIM-L009@" + RTB_PRIV_B}},
      {"VPCSIM-L010", "nat-subnet-no-igw-route/pass", "nat-subnet-no-igw-route/fail", {"VPCSIM-L010@" + NAT_B}},
      {"VPCSIM-L011", "interface-endpoint-missing-az/pass", "interface-endpoint-missing-az/fail",
       {"VPCSIM-L011@" + EP_API}},
      {"VPCSIM-L012", "ecr-dkr-private-dns-off/pass", "ecr-dkr-private-dns-off/fail", {"VPCSIM-L012@" + EP_DKR}},
      {"VPCSIM-L013", "ecr-endpoint-pair-incomplete/pass", "ecr-endpoint-pair-incomplete/fail", {"VPCSIM-L013@" + VPC}},
      {"VPCSIM-L014", "s3-policy-blocks-ecr-layers/pass", "s3-policy-blocks-ecr-layers/fail", {"VPCSIM-L014@" + EP_S3}},
      {"VPCSIM-L015", "private-nat-to-internet/pass", "private-nat-to-internet/fail", {"VPCSIM-L015@" + NAT_B}},
      {"VPCSIM-L016", "overlapping-prefix-list-routes/pass", "overlapping-prefix-list-routes/fail",
       {"VPCSIM-L016@" + RTB_PRIV_A}},
      {"VPCSIM-L017", "s3-inbound-only-dns-without-gateway/pass", "s3-inbound-only-dns-without-gateway/fail",
       {"VPCSIM-L017@" + EP_S3_IF}},
      {"VPCSIM-L018", "nacl-blocks-endpoint-traffic/pass", "nacl-blocks-endpoint-traffic/fail",
       {"VPCSIM-L018@" + ACL_EP, "VPCSIM-L018@" + ACL_EP}},
      {"VPCSIM-L019", "nat-gateway-in-other-az/pass", "nat-gateway-in-other-az/fail", {"VPCSIM-L019@" + RTB_PRIV_B}},
      {"VPCSIM-L020", "interface-endpoint-private-dns-unused/pass", "interface-endpoint-private-dns-unused/fail",
       {"VPCSIM-L020@" + EP_STS}},
      {"VPCSIM-L021", "base", "service-cidr-instead-of-prefix-list/fail", {"VPCSIM-L021@" + SG_APP}},
      {"VPCSIM-L022", "spoke-without-endpoint-zone/pass", "spoke-without-endpoint-zone/fail",
       {"VPCSIM-L022@" + SPOKE_VPC, "VPCSIM-L022@" + SPOKE_VPC}},
      {"VPCSIM-L023", "spoke-without-endpoint-zone/pass", "zone-alias-to-other-region-endpoint/fail",
       {"VPCSIM-L023@" + ZONE_API}},
  };
  return cases;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("lint finds nothing in the clean two-zone ECR design", "[lint]") { CHECK(found("base").empty()); }

TEST_CASE("every lint rule stays silent on its passing design and fires on its failing design", "[lint]") {
  std::set<std::string> covered;
  for (const auto& c : rule_cases()) {
    INFO(c.rule << ": " << c.pass << " / " << c.fail);
    CHECK(found(c.pass).empty());
    // Exactly these findings: the mistake trips this rule and no other.
    CHECK(found(c.fail) == c.expected);
    covered.insert(c.rule);
  }
  for (const auto& r : lint_rules()) {
    INFO(r.id);
    CHECK(covered.count(std::string(r.id)) == 1);
  }
}

TEST_CASE("lint on further failing designs: AWS defaults, NAT subnets, a detached gateway, blocked replies", "[lint]") {
  // DNS-5: no attribute capture on a non-default VPC means enableDnsHostnames is false.
  CHECK(found("private-dns-needs-vpc-dns/fail-defaults") == list{"VPCSIM-L002@" + EP_API, "VPCSIM-L002@" + EP_DKR});
  // NAT-11: a NAT gateway's subnet must admit replies on 1024-65535.
  CHECK(found("nacl-no-ephemeral-return/fail-nat-subnet") == list{"VPCSIM-L006@" + ACL_PUB});
  // IGW-2: the route to the detached gateway is unusable, and so both NAT gateways have no way out (NAT-4).
  CHECK(found("route-target-unusable/fail-igw-detached") ==
        list{"VPCSIM-L009@" + RTB_PUB, "VPCSIM-L010@" + NAT_A, "VPCSIM-L010@" + NAT_B});
  // RT-14: an appliance with its source/destination check on forwards nothing. The NAT instance
  // itself, without a public IPv4 in public-b, has no S3 path for ECR layers either (L001).
  CHECK(found("route-target-unusable/fail-appliance-check-on") ==
        list{"VPCSIM-L001@subnet-0c1a00000000000b1", "VPCSIM-L009@" + RTB_PRIV_B});
  // IF-8, NACL-7: the endpoint subnets' NACL drops the replies.
  CHECK(found("nacl-blocks-endpoint-traffic/fail-return") == list{"VPCSIM-L018@" + ACL_EP, "VPCSIM-L018@" + ACL_EP});
}

TEST_CASE("lint rules have stable unique ids, ordered, each citing rules that aws-semantics.md defines", "[lint]") {
  const auto& rules = lint_rules();
  REQUIRE(rules.size() >= 12);
  const std::string doc = read_file(std::string(VPCSIM_TEST_DATA_DIR) + "/../../docs/aws-semantics.md");
  REQUIRE_FALSE(doc.empty());
  const std::regex id_re(R"([A-Z0-9]+-[0-9]+[a-z]?)");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    INFO(r.id);
    std::string number = std::to_string(i + 1);
    CHECK(r.id == "VPCSIM-L" + std::string(3 - number.size(), '0') + number);
    CHECK(find_lint_rule(r.id) == &r);
    CHECK_FALSE(r.name.empty());
    CHECK_FALSE(r.summary.empty());
    const std::string cited(r.aws_rules);
    REQUIRE(std::regex_search(cited, id_re));
    for (auto it = std::sregex_iterator(cited.begin(), cited.end(), id_re); it != std::sregex_iterator(); ++it) {
      INFO(it->str());
      // Rules are written `- **RT-22.**` or `- **SG-14. Title**` in part A and `- GW-7b.` in part B.
      CHECK((doc.find("**" + it->str() + ".") != std::string::npos || doc.find("- " + it->str() + ".") != std::string::npos));
    }
  }
  CHECK(find_lint_rule("VPCSIM-L999") == nullptr);
}

TEST_CASE("a lint finding names the resource, the AWS rules, what is wrong and the fix", "[lint]") {
  const auto l005 = findings_of("egress-without-service-prefix-list/fail", "VPCSIM-L005");
  REQUIRE(l005.size() == 1);
  CHECK(l005[0].level == severity::error);
  CHECK(l005[0].resource == SG_APP);
  CHECK(l005[0].aws_rule == "GW-9, SG-6, SG-14");
  CHECK(l005[0].resource_name == "app");
  CHECK(l005[0].message == "Security group " + n(SG_APP, "app") + " of " + n(I_APP1, "app-1") + ", " + n(I_APP2, "app-2") +
                               " has restrictive egress without the s3 prefix list: no outbound rule allows TCP 443 to "
                               "s3, which these instances need because its subnet routes s3 to gateway endpoint " +
                               EP_S3 + "; the security group drops the requests (GW-9, SG-6)");
  CHECK(l005[0].fix == "Add an outbound rule to " + n(SG_APP, "app") + " allowing TCP 443 to " + PL_S3 +
                           " (the s3 prefix list) (SG-14)");

  const auto l007 = findings_of("route-shadows-prefix-list/fail", "VPCSIM-L007");
  REQUIRE(l007.size() == 1);
  CHECK(l007[0].level == severity::warning);
  CHECK(l007[0].aws_rule == "GW-7b, RT-16");
  CHECK(l007[0].message == "Route 3.5.0.0/20 -> " + n(NAT_A, "nat-a") + " in " + n(RTB_PRIV_A, "private-a") +
                               " is more specific than 3.5.0.0/19 of prefix list " + PL_S3 +
                               " (com.amazonaws.us-east-1.s3, route " + PL_S3 + " -> " + EP_S3 +
                               "): traffic to 3.5.0.0/20 goes to " + NAT_A + " instead of " + EP_S3 + " (GW-7b)");
  // An AWS CLI command is left as it is, to be pasted.
  CHECK(l007[0].fix == "Delete the route (aws ec2 delete-route --route-table-id " + RTB_PRIV_A +
                           " --destination-cidr-block 3.5.0.0/20), or change it so that it no longer overlaps " + PL_S3);

  const auto l006 = findings_of("nacl-no-ephemeral-return/fail", "VPCSIM-L006");
  REQUIRE(l006.size() == 1);
  CHECK(l006[0].aws_rule == "NACL-7, NACL-17, NACL-18, GW-10");
  CHECK(l006[0].message == "Network ACL " + n(ACL_APP, "app") + " (" + n(SUB_APP_A, "app-a") + ", " + n(SUB_APP_B, "app-b") +
                               ") lets TCP 443 out to 0.0.0.0/0 (#100 allow tcp 443 0.0.0.0/0) but no inbound rule "
                               "admits the replies from 0.0.0.0/0 on ports 32768-60999 (the Linux clients' ephemeral "
                               "range, NACL-17); the inbound decision is #* deny all 0.0.0.0/0: NACLs are stateless, "
                               "so the replies are dropped (NACL-7)");

  const auto l011 = findings_of("interface-endpoint-missing-az/fail", "VPCSIM-L011");
  REQUIRE(l011.size() == 1);
  CHECK(l011[0].message == "Interface endpoint " + EP_API + " (ecr.api) has network interfaces only in us-east-1a; "
                           "clients in us-east-1b (" + n(SUB_APP_B, "app-b") + ") reach it across availability zones, which adds "
                           "inter-AZ data charges and makes them depend on another zone (IF-12, PRICE-4)");
  CHECK(l011[0].fix == "Add a subnet in each missing zone to the endpoint: aws ec2 modify-vpc-endpoint "
                       "--vpc-endpoint-id " + EP_API + " --add-subnet-ids " + SUB_APP_B +
                       " (each zone's endpoint interface is billed per hour, PRICE-2)");
}

TEST_CASE("solver-based lint rules quote the trace's blocking rule", "[lint]") {
  const auto l001 = findings_of("ecr-no-s3-path/fail", "VPCSIM-L001");
  REQUIRE(l001.size() == 2);
  CHECK(l001[0].message == "Subnet " + n(SUB_APP_A, "app-a") + " (10.0.1.0/24) pulls images through the ECR endpoints of " + n(VPC, "ecr-vpc") +
                               " (" + EP_API + ", " + EP_DKR + ") but has no path to S3 for the image layers: "
                               "NO_ROUTE_TO_DESTINATION at " + RTB_PRIV_A + " \"private-a\": Route table " + RTB_PRIV_A +
                               " \"private-a\" of " + SUB_APP_A + " \"app-a\" has no route for 52.216.0.1 (RT-21)");
  CHECK(l001[0].fix == "Create an S3 gateway endpoint on " + n(RTB_PRIV_A, "private-a") + ": aws ec2 create-vpc-endpoint --vpc-id " +
                           VPC + " --service-name com.amazonaws.us-east-1.s3 --route-table-ids " + RTB_PRIV_A +
                           " (ECR-1, GW-6)");
  const auto l004 = findings_of("gateway-endpoint-not-on-client-route-table/fail", "VPCSIM-L004");
  REQUIRE(l004.size() == 1);
  CHECK(l004[0].fix == "Associate " + EP_S3 + " with " + n(RTB_PRIV_B, "private-b") + ": aws ec2 modify-vpc-endpoint --vpc-endpoint-id " +
                           EP_S3 + " --add-route-table-ids " + RTB_PRIV_B);
  const auto l018 = findings_of("nacl-blocks-endpoint-traffic/fail", "VPCSIM-L018");
  REQUIRE(l018.size() == 2);
  CHECK_THAT(l018[0].message, Catch::Matchers::StartsWith("Network ACL " + n(ACL_EP, "endpoints") + " blocks the traffic between " +
                                                          n(SUB_APP_A, "app-a") + ", " + n(SUB_APP_B, "app-b") +
                                                          " and interface endpoint " + EP_API + " (ecr.api): Network ACL " + ACL_EP));
}

TEST_CASE("lint error findings fail the run, warnings do not", "[lint]") {
  CHECK(has_errors(lint(*design("ecr-no-s3-path/fail").solver)));
  CHECK_FALSE(has_errors(lint(*design("route-shadows-prefix-list/fail").solver)));
  CHECK_FALSE(has_errors(std::vector<lint_finding>{}));
}

TEST_CASE("lint text lists each finding with its fix and ends with the counts", "[lint][report]") {
  const auto findings = lint(*design("route-shadows-prefix-list/fail").solver);
  const auto text = report::to_text(findings);
  CHECK_THAT(text, Catch::Matchers::StartsWith("warning VPCSIM-L007 route-shadows-prefix-list at " + n(RTB_PRIV_A, "private-a") + "\n"));
  CHECK_THAT(text, Catch::Matchers::Contains("\n  fix: Delete the route"));
  CHECK_THAT(text, Catch::Matchers::EndsWith("\n  aws: GW-7b, RT-16\n0 errors, 1 warning\n"));
  CHECK(report::to_text(std::vector<lint_finding>{}) == "0 errors, 0 warnings\n");
}

TEST_CASE("lint JSON lists findings and counts by severity", "[lint][io]") {
  const auto j = to_json(lint(*design("route-target-unusable/fail-igw-detached").solver));
  REQUIRE(j["findings"].size() == 3);
  CHECK(j["findings"][0]["rule"] == "VPCSIM-L009");
  CHECK(j["findings"][0]["name"] == "route-target-unusable");
  CHECK(j["findings"][0]["severity"] == "error");
  CHECK(j["findings"][0]["resource"] == RTB_PUB);
  CHECK(j["findings"][0]["aws_rule"] == "IGW-2");
  CHECK(j["errors"] == 3);
  CHECK(j["warnings"] == 0);
}

TEST_CASE("lint SARIF lists every rule once and points each result at its rule and resource", "[lint][io]") {
  const auto findings = lint(*design("route-target-unusable/fail-igw-detached").solver);
  const auto log = to_sarif(findings, "designs/igw detached");
  CHECK(log["version"] == "2.1.0");
  const auto& run = log["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == lint_rules().size());
  CHECK(run["tool"]["driver"]["name"] == "vpcsim");
  REQUIRE(run["results"].size() == 3);
  for (const auto& r : run["results"]) {
    const auto index = r["ruleIndex"].get<std::size_t>();
    CHECK(rules[index]["id"] == r["ruleId"]);
    CHECK(r["level"] == "error");
    CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "designs/igw%20detached");
  }
  CHECK(run["results"][1]["locations"][0]["logicalLocations"][0]["name"] == NAT_A);
  CHECK(rules[6]["defaultConfiguration"]["level"] == "warning");
}

TEST_CASE("two findings of one rule on one resource get different SARIF fingerprints", "[lint][io]") {
  const auto findings = findings_of("endpoint-sg-no-https-from-clients/fail", "VPCSIM-L003");
  REQUIRE(findings.size() == 2);
  REQUIRE(findings[0].resource == findings[1].resource);
  const auto log = to_sarif(findings, "capture");
  std::set<std::string> prints;
  for (const auto& r : log["runs"][0]["results"]) prints.insert(r["partialFingerprints"]["vpcsimFinding/v2"].get<std::string>());
  CHECK(prints.size() == 2);
  // Stable: the same finding, the same fingerprint.
  CHECK(to_sarif(findings, "capture")["runs"][0]["results"][0]["partialFingerprints"] ==
        log["runs"][0]["results"][0]["partialFingerprints"]);
}

TEST_CASE("disabled rules are suppressed, not lost; the severity threshold drops the lesser findings", "[lint]") {
  auto findings = lint(*design("endpoint-sg-no-https-from-clients/fail").solver);
  REQUIRE(has_errors(findings));
  const auto before = findings.size();
  select_findings(findings, lint_selection{{"L003"}, severity::note, {}});
  REQUIRE(findings.size() == before);
  for (const auto& f : findings) CHECK(f.suppressed == (f.rule == "VPCSIM-L003" ? "external" : ""));
  CHECK_FALSE(has_errors(findings));
  CHECK(report::summary(findings) == "0 errors, 0 warnings (2 suppressed)");
  CHECK(to_json(findings)["suppressed"] == 2);
  CHECK(to_json(findings)["findings"].empty());
  const auto log = to_sarif(findings, "capture");
  CHECK(log["runs"][0]["results"][0]["suppressions"][0]["kind"] == "external");

  auto warnings = lint(*design("route-shadows-prefix-list/fail").solver);
  REQUIRE(warnings.size() == 1);
  select_findings(warnings, lint_selection{{}, severity::error, {}});
  CHECK(warnings.empty());

  CHECK_THROWS_WITH(select_findings(findings, lint_selection{{"L3"}, severity::note, {}}),
                    Catch::Contains("no lint rule 'L3'"));
}

TEST_CASE("a design's findings point at the resource's line and column, and its own ignores are inSource", "[lint][io]") {
  const auto d = load_design(std::string(VPCSIM_TEST_DATA_DIR) + "/designs/lint-ignore.jsonc");
  REQUIRE(d.loaded.usable());
  const solver s(d.loaded.network);
  auto findings = lint(s);
  select_findings(findings, lint_selection{{}, severity::note, d.loaded.lint_ignores});
  REQUIRE(findings.size() == 2);  // one per endpoint the group serves (ecr.api, ecr.dkr)
  for (const auto& f : findings) {
    CHECK(f.rule == "VPCSIM-L003");
    CHECK(f.suppressed == "inSource");
  }
  const auto log = to_sarif(findings, "lint-ignore.jsonc", d.loaded.locations);
  const auto& result = log["runs"][0]["results"][0];
  CHECK(result["suppressions"][0]["kind"] == "inSource");
  const auto& region = result["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startLine"] == 15);   // `{"name": "endpoints", …` of security_groups
  CHECK(region["startColumn"] == 5);
}

TEST_CASE("a capture's findings point at the file, line and column of the resource's object", "[lint][io]") {
  const auto& d = design("endpoint-sg-no-https-from-clients/fail");
  // The importer says where: the file and the JSON pointer, no line (it is not computed on import).
  const auto& where = d.result.locations.at(SG_EP);
  CHECK(where.pointer == "/SecurityGroups/3");
  CHECK(where.file.ends_with("endpoint-sg-no-https-from-clients/fail/us-east-1/capture.json"));
  CHECK(where.line == 0);

  const auto findings = lint(*d.solver, lint_options{{}, d.result.locations});
  REQUIRE(findings.size() == 2);
  // Still a capture, not a design: the fix names the group, not a design's "ingress" entry.
  CHECK(findings[0].fix == "Add an inbound rule to " + n(SG_EP, "endpoints") +
                               " allowing TCP 443 from 10.0.11.0/24, or from the clients' security group");

  const auto log = to_sarif(findings, "capture", d.result.locations);
  for (const auto& result : log["runs"][0]["results"]) {
    CHECK(result["ruleId"] == "VPCSIM-L003");
    const auto& physical = result["locations"][0]["physicalLocation"];
    CHECK(physical["artifactLocation"]["uri"].get<std::string>().ends_with("fail/us-east-1/capture.json"));
    CHECK(physical["region"]["startLine"] == 584);  // `{` of the fourth group, sg-0c1a000000000000c
    CHECK(physical["region"]["startColumn"] == 5);
  }

  // A file gone since the import leaves the finding without a region, located at the input.
  auto moved = d.result.locations;
  moved.at(SG_EP).file += ".gone";
  const auto without = to_sarif(findings, "capture", moved);
  CHECK_FALSE(without["runs"][0]["results"][0]["locations"][0]["physicalLocation"].contains("region"));
  CHECK(without["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "capture");
}

TEST_CASE("L004 charges NAT data processing only for traffic through a NAT gateway", "[lint]") {
  const auto nat = findings_of("gateway-endpoint-not-on-client-route-table/fail", "VPCSIM-L004");
  REQUIRE(nat.size() == 1);
  CHECK(nat[0].message.find("through the NAT gateway") != std::string::npos);
  CHECK(nat[0].message.find("pays NAT data processing per GB (PRICE-4)") != std::string::npos);
}

TEST_CASE("L004 through an internet gateway names no NAT charge", "[lint]") {
  const auto d = load_design(std::string(VPCSIM_TEST_DATA_DIR) + "/designs/l004-internet-gateway.jsonc");
  REQUIRE(d.loaded.usable());
  const solver s(d.loaded.network);
  std::vector<lint_finding> l004;
  for (const auto& f : lint(s))
    if (f.rule == "VPCSIM-L004") l004.push_back(f);
  REQUIRE(l004.size() == 1);
  CHECK(l004[0].message.find("through the internet gateway") != std::string::npos);
  CHECK(l004[0].message.find("NAT") == std::string::npos);
}

TEST_CASE("a private-DNS-off endpoint that clients bypass through the NAT gateway is paid for and unused", "[lint]") {
  const auto l020 = findings_of("interface-endpoint-private-dns-unused/fail", "VPCSIM-L020");
  REQUIRE(l020.size() == 1);
  CHECK(l020[0].level == severity::warning);
  // IF-11e: the default name resolves publicly; both app subnets take their NAT gateway.
  CHECK_THAT(l020[0].message, Catch::Contains("(sts) has private DNS disabled") &&
                                  Catch::Contains("through the NAT gateway") && Catch::Contains("IF-11e, PRICE-2"));
  CHECK(l020[0].fix.find("aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + EP_STS + " --private-dns-enabled") !=
        std::string::npos);
}

TEST_CASE("a security group rule that copies a range of the S3 prefix list is told to name the list", "[lint]") {
  const auto l021 = findings_of("service-cidr-instead-of-prefix-list/fail", "VPCSIM-L021");
  REQUIRE(l021.size() == 1);
  CHECK(l021[0].resource == SG_APP);
  // GW-17: AWS changes its ranges; the prefix list follows them, the copy does not.
  CHECK_THAT(l021[0].message, Catch::Contains("'tcp 443 to 3.5.0.0/19'") && Catch::Contains(PL_S3) &&
                                  Catch::Contains("(GW-17, SG-14)"));
  CHECK(l021[0].fix.find("PrefixListIds=[{PrefixListId=" + PL_S3 + "}]") != std::string::npos);
  CHECK(l021[0].fix.find("IpRanges=[{CidrIp=3.5.0.0/19}]") != std::string::npos);
}

TEST_CASE("a lint fix on a design says which entry to change, in the design's own keys, with its line", "[lint]") {
  const std::string file = std::string(VPCSIM_TEST_DATA_DIR) + "/designs/lint-ignore.jsonc";
  const auto d = load_design(file);
  REQUIRE(d.loaded.usable());
  const solver s(d.loaded.network);
  const auto findings = lint(s, lint_options{{}, d.loaded.locations});
  REQUIRE(findings.size() == 2);
  const auto& f = findings.front();
  CHECK(f.rule == "VPCSIM-L003");
  CHECK(f.resource_name == "endpoints");
  // IF-7: the endpoint's group must admit TCP 443 from the clients' subnet (private-a).
  CHECK(f.fix == "Add an inbound rule allowing TCP 443 from the clients: add {\"protocol\": \"tcp\", \"ports\": 443, "
                 "\"from\": \"10.0.1.0/24\"} to \"ingress\" in \"endpoints\" (/security_groups/1, " + file +
                 ":15:5), or the same rule \"from\" the clients' security group");
  CHECK(f.fix.find("aws ec2") == std::string::npos);
}

TEST_CASE("a lint fix on a capture stays an AWS CLI command, and the message names resources by id and name", "[lint]") {
  const auto l012 = findings_of("ecr-dkr-private-dns-off/fail", "VPCSIM-L012");
  REQUIRE(l012.size() == 1);
  CHECK(l012[0].fix.rfind("aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + EP_DKR, 0) == 0);
  CHECK(l012[0].fix.find("--private-dns-enabled") != std::string::npos);
}

TEST_CASE("lint names each resource as the design does, and its fingerprint survives a rename", "[lint][io]") {
  const std::string text = R"({"vpcsim": 1, "account": "111122223333", "region": "us-east-1",
    "vpcs": [{"name": "app-vpc", "cidr": "10.0.0.0/16", "dns_hostnames": true}],
    "subnets": [{"name": "private-a", "cidr": "10.0.1.0/24", "az": "a"},
                {"name": "endpoints-a", "cidr": "10.0.3.0/24", "az": "a"}],
    "security_groups": [{"name": "app"}, {"name": "GROUP", "id": "sg-0aaaabbbbccccdddd", "ingress": [{"protocol": "tcp", "ports": 22, "from": "10.0.0.0/16"}]}],
    "route_tables": [{"name": "private", "subnets": ["private-a", "endpoints-a"]}],
    "endpoints": [{"name": "ecr-api", "service": "ecr.api", "subnets": ["endpoints-a"], "security_groups": ["GROUP"]},
                  {"name": "ecr-dkr", "service": "ecr.dkr", "subnets": ["endpoints-a"], "security_groups": ["GROUP"]},
                  {"name": "s3", "service": "s3", "route_tables": ["private"]}],
    "instances": [{"name": "app-1", "subnet": "private-a", "ip": "10.0.1.10", "security_groups": ["app"]}]})";
  auto lint_named = [&](const std::string& group) {
    std::string t = text;
    for (auto at = t.find("GROUP"); at != std::string::npos; at = t.find("GROUP")) t.replace(at, 5, group);
    const auto d = load_design_text(t, "renamed.json");
    REQUIRE(d.loaded.usable());
    const solver s(d.loaded.network);
    return lint(s);
  };
  // The group keeps its id (a design's ids are otherwise derived from its names).
  const auto before = lint_named("endpoints");
  const auto after = lint_named("vpce");
  REQUIRE(before.size() == 2);
  REQUIRE(after.size() == 2);
  CHECK(before[0].resource_name == "endpoints");
  CHECK(after[0].resource_name == "vpce");
  CHECK_THAT(after[0].message, Catch::Contains(after[0].resource + " \"vpce\""));
  CHECK_THAT(report::to_text(after), Catch::Contains("at " + after[0].resource + " \"vpce\"\n"));
  // SARIF partialFingerprints: the same finding on the renamed group keeps its identity.
  CHECK(before[0].fingerprint == after[0].fingerprint);
  CHECK(before[0].fingerprint != before[1].fingerprint);
}

TEST_CASE("a flow that takes the public name past its own private-DNS-off endpoint is told to enable private DNS first "
          "(IF-11e)",
          "[lint][fix]") {
  flow_request req;
  req.from = I_APP1;
  req.to = "ecr.dkr";
  const auto a = design("ecr-dkr-private-dns-off/fail").solver->trace(req);
  REQUIRE_FALSE(a.reachable);
  REQUIRE(a.blocked);
  // The blocking rule is the app group's egress on the public path; the fix names the endpoint that exists.
  CHECK(a.blocked->code == "ENI_SG_RULES_MISMATCH");
  REQUIRE(a.blocked->fixes.size() >= 2);
  CHECK_THAT(a.blocked->fixes[0], Catch::Matchers::StartsWith("Enable private DNS on " + EP_DKR + ", the ecr.dkr interface "
                                                              "endpoint of " + VPC) &&
                                      Catch::Contains("(IF-11e;"));
  CHECK_THAT(a.blocked->fixes[1], Catch::Matchers::StartsWith("Add an outbound rule"));
}

TEST_CASE("a private subnet whose route table lacks the S3 gateway endpoint is told to associate that endpoint, the "
          "internet path second (GW-6)",
          "[lint][fix]") {
  const auto d = load_design_text(R"({"vpcsim": 1, "account": "111122223333", "region": "us-east-1",
    "vpcs": [{"name": "app-vpc", "cidr": "10.0.0.0/16", "dns_hostnames": true}],
    "subnets": [{"name": "private-a", "cidr": "10.0.1.0/24", "az": "a"}, {"name": "private-b", "cidr": "10.0.2.0/24", "az": "b"}],
    "route_tables": [{"name": "rt-a", "subnets": ["private-a"]}, {"name": "rt-b", "subnets": ["private-b"]}],
    "endpoints": [{"name": "s3", "service": "s3", "route_tables": ["rt-a"]}],
    "instances": [{"name": "app-b", "subnet": "private-b", "ip": "10.0.2.10"}]})",
                                  "private.json");
  REQUIRE(d.loaded.usable());
  const solver s(d.loaded.network);
  flow_request req;
  req.from = "app-b";
  req.to = "s3";
  const auto a = s.trace(req);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "NO_ROUTE_TO_DESTINATION");
  CHECK_THAT(a.blocked->fix, Catch::Matchers::StartsWith("Associate vpce-") &&
                                 Catch::Contains("\"s3\" (the s3 gateway endpoint of vpc-") &&
                                 Catch::Contains("\"rt-b\" (GW-6); or, for the internet path, add a route to rtb-"));
}

TEST_CASE("a spoke that reaches the hub's ECR endpoints without a zone for their names is told which zone to "
          "associate, and what its clients do instead (VPCSIM-L022, DNS-3, DNS-9)",
          "[lint][dns]") {
  const auto f = findings_of("spoke-without-endpoint-zone/fail", "VPCSIM-L022");
  REQUIRE(f.size() == 2);
  CHECK_THAT(f[0].message, Catch::Matchers::Contains("reaches interface endpoint " + EP_API + " (ecr.api)") &&
                               Catch::Matchers::Contains("over a peering connection") &&
                               Catch::Matchers::Contains("no private hosted zone for api.ecr.us-east-1.amazonaws.com") &&
                               Catch::Matchers::Contains("are blocked (NO_ROUTE_TO_DESTINATION"));
  CHECK_THAT(f[0].fix, Catch::Matchers::StartsWith("Create a private hosted zone for api.ecr.us-east-1.amazonaws.com") &&
                           Catch::Matchers::Contains("associate it with " + SPOKE_VPC));
  CHECK_THAT(f[1].message, Catch::Matchers::Contains(EP_DKR + " (ecr.dkr)") &&
                               Catch::Matchers::Contains("111122223333.dkr.ecr.us-east-1.amazonaws.com"));
}

TEST_CASE("a zone aliasing a us-east-1 service name to a us-west-2 endpoint is an error naming both Regions "
          "(VPCSIM-L023, IF-6)",
          "[lint][dns]") {
  const auto f = findings_of("zone-alias-to-other-region-endpoint/fail", "VPCSIM-L023");
  REQUIRE(f.size() == 1);
  CHECK(f[0].level == severity::error);
  CHECK_THAT(f[0].message, Catch::Matchers::Contains("an interface endpoint in us-west-2, for clients of us-east-1") &&
                               Catch::Matchers::Contains("(IF-6, ECR-5)"));
}

TEST_CASE("lint and trace decide a NACL's replies by the same rule: a deny inside the ephemeral range that an allow numbered after it covers (NACL-5, NACL-19)", "[lint][nacl]") {
  // The capture as `aws ec2 describe-network-acls` prints it: inbound #90 deny tcp 40000-40010,
  // #100 allow tcp 1024-65535, outbound #100 allow tcp 443 (tests/data/scenarios/make_scenarios.py).
  const auto loaded = load_aws_cli(std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios" / "nacl-deny-inside-ephemeral");
  REQUIRE(loaded.usable());
  const solver s(loaded.network);
  std::vector<lint_finding> l006;
  for (const auto& f : lint(s))
    if (f.rule == "VPCSIM-L006") l006.push_back(f);
  REQUIRE(l006.size() == 1);
  CHECK(l006[0].resource == "acl-0d11111111111111b");
  CHECK(l006[0].message.find("the inbound decision is #90 deny tcp 40000-40010 0.0.0.0/0") != std::string::npos);

  flow_request req;
  req.from = "i-0b11111111111111a";
  req.to = "s3";
  const answer a = s.trace(req);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "SUBNET_ACL_RESTRICTION");
  CHECK(a.blocked->rule == "#90 deny tcp 40000-40010 0.0.0.0/0");
}
