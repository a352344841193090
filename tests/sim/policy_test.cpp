#include <vpcsim/io/policy_json.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/policy.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace vpcsim;

namespace {

endpoint_policy policy(std::string_view text) {
  std::string problem;
  auto p = parse_endpoint_policy(text, problem);
  INFO(problem);
  REQUIRE(p);
  return *p;
}

policy_decision decide(std::string_view policy_text, std::string action, std::string resource,
                       std::string principal = "") {
  return evaluate(policy(policy_text), {std::move(action), std::move(resource), std::move(principal), "", ""});
}

const std::string bucket_objects = "arn:aws:s3:::amzn-s3-demo-bucket/report.csv";

}  // namespace

TEST_CASE("the default full-access endpoint policy allows any request (POL-2)", "[sim][policy]") {
  for (const policy_request& r : {policy_request{"s3:*", "*", "", "", ""}, policy_request{"s3:GetObject", bucket_objects, "", "", ""},
                                  policy_request{"ecr:BatchGetImage", "*", "arn:aws:iam::111122223333:role/app", "", ""}}) {
    INFO(r.action << " on " << r.resource);
    auto d = evaluate(full_access_policy(), r);
    CHECK(d.allowed());
    CHECK(d.statement == 0);
    CHECK(d.warnings.empty());
  }
}

TEST_CASE("an explicit Deny in an endpoint policy beats any Allow (POL-4)", "[sim][policy]") {
  const char* text = R"({"Statement":[
      {"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
      {"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]})";
  auto denied = decide(text, "s3:DeleteObject", bucket_objects);
  CHECK(denied.verdict == policy_verdict::explicit_deny);
  CHECK(denied.statement == 1);
  CHECK(decide(text, "s3:GetObject", bucket_objects).allowed());
}

TEST_CASE("an endpoint policy without a matching Allow denies implicitly (POL-4)", "[sim][policy]") {
  auto d = decide(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"dynamodb:*","Resource":"*"}})",
                  "s3:GetObject", bucket_objects);
  CHECK(d.verdict == policy_verdict::implicit_deny);
  CHECK(d.statement == -1);
  CHECK(evaluate(endpoint_policy{}, {"s3:GetObject", bucket_objects, "", "", ""}).verdict == policy_verdict::implicit_deny);
}

TEST_CASE("an S3 endpoint policy decides the ECR layer download (ECR-8, ECR-10b)", "[sim][policy]") {
  const auto layers = services::composite_legs("ecr", "us-east-1").at(2);
  const policy_request request{layers.action, layers.resource, "", "", ""};

  SECTION("a policy allowing the layer bucket lets layers through (ECR-8)") {
    auto d = evaluate(policy(R"({"Statement":[{"Sid":"Access-to-specific-bucket-only","Principal":"*",
        "Action":["s3:GetObject"],"Effect":"Allow",
        "Resource":["arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"]}]})"),
                      request);
    CHECK(d.allowed());
    CHECK(d.warnings.empty());
  }
  SECTION("a policy that omits the layer bucket denies layers implicitly (ECR-10b)") {
    auto d = evaluate(policy(R"({"Statement":[{"Principal":"*","Action":"s3:*","Effect":"Allow",
        "Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"]}]})"),
                      request);
    CHECK(d.verdict == policy_verdict::implicit_deny);
  }
  SECTION("a Deny on the layer bucket denies layers explicitly") {
    auto d = evaluate(policy(R"({"Statement":[{"Principal":"*","Action":"*","Effect":"Allow","Resource":"*"},
        {"Principal":"*","Action":"s3:Get*","Effect":"Deny",
         "Resource":"arn:aws:s3:::prod-*-starport-layer-bucket/*"}]})"),
                      request);
    CHECK(d.verdict == policy_verdict::explicit_deny);
    CHECK(d.statement == 1);
  }
}

TEST_CASE("NotAction in an endpoint policy matches every action except those listed", "[sim][policy]") {
  const char* allow_all_but_delete =
      R"({"Statement":{"Effect":"Allow","Principal":"*","NotAction":"s3:DeleteObject","Resource":"*"}})";
  CHECK(decide(allow_all_but_delete, "s3:GetObject", bucket_objects).allowed());
  CHECK(decide(allow_all_but_delete, "s3:DeleteObject", bucket_objects).verdict == policy_verdict::implicit_deny);

  const char* deny_all_but_get = R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
      {"Effect":"Deny","Principal":"*","NotAction":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]})";
  CHECK(decide(deny_all_but_get, "s3:GetObject", bucket_objects).allowed());
  CHECK(decide(deny_all_but_get, "s3:PutObject", bucket_objects).verdict == policy_verdict::explicit_deny);
  // Every DynamoDB action lies outside the NotAction list, so all of dynamodb:* is denied.
  CHECK(decide(deny_all_but_get, "dynamodb:*", "*").verdict == policy_verdict::explicit_deny);
}

TEST_CASE("NotResource in an endpoint policy matches every resource except those listed", "[sim][policy]") {
  const char* text = R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
      {"Effect":"Deny","Principal":"*","Action":"s3:*",
       "NotResource":["arn:aws:s3:::corp-*","arn:aws:s3:::corp-*/*"]}]})";
  CHECK(decide(text, "s3:GetObject", "arn:aws:s3:::corp-data/2024/report.csv").allowed());
  auto d = decide(text, "s3:GetObject", bucket_objects);
  CHECK(d.verdict == policy_verdict::explicit_deny);
  CHECK(d.statement == 1);
}

TEST_CASE("the ? wildcard of an endpoint policy matches exactly one character", "[sim][policy]") {
  const char* text = R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::logs-202?/*"}})";
  CHECK(decide(text, "s3:GetObject", "arn:aws:s3:::logs-2024/a.gz").allowed());
  CHECK_FALSE(decide(text, "s3:GetObject", "arn:aws:s3:::logs-20245/a.gz").allowed());
  CHECK_FALSE(decide(text, "s3:GetObject", "arn:aws:s3:::logs-202/a.gz").allowed());

  CHECK(iam_wildcard_match("s3:Get*", "s3:GetObject", false));
  CHECK(iam_wildcard_match("*", "", false));
  CHECK(iam_wildcard_match("a*b*c", "aXXbYYbc", false));
  CHECK_FALSE(iam_wildcard_match("a*b*c", "aXXbYYb", false));
  CHECK_FALSE(iam_wildcard_match("s3:?", "s3:", false));
}

TEST_CASE("endpoint policy actions compare case-insensitively and resources case-sensitively", "[sim][policy]") {
  const char* text = R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"S3:getobject",
      "Resource":"arn:aws:s3:::Demo-Bucket/*"}})";
  CHECK(decide(text, "s3:GetObject", "arn:aws:s3:::Demo-Bucket/k").allowed());
  CHECK_FALSE(decide(text, "s3:GetObject", "arn:aws:s3:::demo-bucket/k").allowed());
  CHECK(iam_wildcard_match("S3:GET*", "s3:getobject", true));
  CHECK_FALSE(iam_wildcard_match("S3:GET*", "s3:getobject", false));
}

TEST_CASE("a query for any action of a service passes a narrower endpoint policy Allow with a warning",
          "[sim][policy]") {
  auto d = decide(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:Get*","Resource":"*"}})", "s3:*", "*");
  CHECK(d.allowed());
  CHECK(d.statement == 0);
  CHECK(d.warnings ==
        std::vector<std::string>{
            "only some actions are allowed: statement 0 (Allow s3:Get* on *) is narrower than s3:* on *"});

  auto bucket_only = decide(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*",
      "Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}})",
                            "s3:*", "*");
  CHECK(bucket_only.allowed());
  CHECK(bucket_only.warnings == std::vector<std::string>{
                                    "only some resources are allowed: statement 0 (Allow s3:* on "
                                    "arn:aws:s3:::amzn-s3-demo-bucket/*) is narrower than s3:* on *"});

  CHECK(decide(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"dynamodb:*","Resource":"*"}})", "s3:*", "*")
            .verdict == policy_verdict::implicit_deny);
}

TEST_CASE("an endpoint policy Allow of the whole request is preferred to a narrower earlier one", "[sim][policy]") {
  auto d = decide(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
      {"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]})",
                  "s3:*", "*");
  CHECK(d.allowed());
  CHECK(d.statement == 1);
  CHECK(d.warnings.empty());
}

TEST_CASE("only an endpoint policy Deny of every action denies a query for any action of the service",
          "[sim][policy]") {
  const std::string allow_all = R"({"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"})";
  const std::string deny_deletes = R"({"Effect":"Deny","Principal":"*","Action":"s3:Delete*","Resource":"*"})";
  auto partial = decide(R"({"Statement":[)" + allow_all + "," + deny_deletes + "]}", "s3:*", "*");
  CHECK(partial.allowed());
  CHECK(partial.warnings == std::vector<std::string>{"statement 1 (Deny s3:Delete* on *) denies part of s3:* on *"});

  for (const char* action : {"s3:*", "*", "S3:*"}) {
    INFO(action);
    auto whole = decide(R"({"Statement":[)" + allow_all + R"(,{"Effect":"Deny","Principal":"*","Action":")" + action +
                            R"(","Resource":"*"}]})",
                        "s3:*", "*");
    CHECK(whole.verdict == policy_verdict::explicit_deny);
  }
}

TEST_CASE("an endpoint policy condition is not evaluated and the answer names its keys", "[sim][policy]") {
  auto allow = decide(R"({"Statement":{"Sid":"OnlyFromMyVpc","Effect":"Allow","Principal":"*","Action":"*",
      "Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1","aws:SourceVpce":"vpce-1"}}}})",
                      "s3:GetObject", bucket_objects);
  CHECK(allow.allowed());
  CHECK(allow.warnings ==
        std::vector<std::string>{"the condition of statement 0 (Sid \"OnlyFromMyVpc\": Allow * on * if aws:SourceVpc, "
                                 "aws:SourceVpce) on aws:SourceVpc, aws:SourceVpce was not evaluated; it was assumed "
                                 "to hold"});

  // A Deny that depends on a condition is assumed not to apply: an answer says "denied" only for certain.
  auto deny = decide(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
      {"Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
       "Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]})",
                     "s3:GetObject", bucket_objects);
  CHECK(deny.allowed());
  CHECK(deny.statement == 0);
  CHECK(deny.warnings == std::vector<std::string>{
                             "the condition of statement 1 (Deny * on * if aws:PrincipalOrgID) on aws:PrincipalOrgID "
                             "was not evaluated; this Deny was assumed not to apply"});
}

TEST_CASE("an endpoint policy naming principals is assumed to admit an unknown caller, with a warning",
          "[sim][policy]") {
  const char* text = R"({"Statement":{"Sid":"App","Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:*","Resource":"*"}})";
  auto unknown = decide(text, "s3:GetObject", bucket_objects);
  CHECK(unknown.allowed());
  CHECK(unknown.warnings == std::vector<std::string>{
                                "the caller is unknown; statement 0 (Sid \"App\": Allow s3:* on * for "
                                "arn:aws:iam::111122223333:role/app) names specific principals and was assumed to "
                                "apply to it"});

  auto named = decide(text, "s3:GetObject", bucket_objects, "arn:aws:iam::111122223333:role/app");
  CHECK(named.allowed());
  CHECK(named.warnings.empty());
  CHECK(decide(text, "s3:GetObject", bucket_objects, "arn:aws:iam::111122223333:role/other").verdict ==
        policy_verdict::implicit_deny);
}

TEST_CASE("an endpoint policy naming a whole account admits its roles with the gateway caveat (POL-5)",
          "[sim][policy]") {
  auto d = decide(R"({"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"*","Resource":"*"}})",
                  "s3:GetObject", bucket_objects, "arn:aws:iam::111122223333:role/app");
  CHECK(d.allowed());
  CHECK(d.warnings == std::vector<std::string>{
                          "statement 0 (Allow * on * for 111122223333) names a whole account; through a gateway "
                          "endpoint that admits only the account's root user, not its IAM users and roles (POL-5)"});
  CHECK(decide(R"({"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*",
      "Resource":"*"}})",
               "s3:GetObject", bucket_objects, "arn:aws:iam::999988887777:role/app")
            .verdict == policy_verdict::implicit_deny);
}

TEST_CASE("an endpoint policy NotPrincipal Deny spares the principals it lists", "[sim][policy]") {
  const char* text = R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
      {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"*","Resource":"*"}]})";
  CHECK(decide(text, "s3:GetObject", bucket_objects, "arn:aws:iam::111122223333:role/admin").allowed());
  CHECK(decide(text, "s3:GetObject", bucket_objects, "arn:aws:iam::111122223333:role/app").verdict ==
        policy_verdict::explicit_deny);
  auto unknown = decide(text, "s3:GetObject", bucket_objects);
  CHECK(unknown.allowed());
  CHECK(unknown.warnings.size() == 1);
}

TEST_CASE("describe quotes an endpoint policy statement on one line", "[sim][policy]") {
  auto p = policy(R"({"Statement":[
      {"Sid":"AllowLayers","Effect":"Allow","Principal":"*","Action":"s3:GetObject",
       "Resource":"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"},
      {"Effect":"Deny","NotPrincipal":{"AWS":["111122223333"]},"NotAction":["s3:Get*","s3:List*"],
       "NotResource":"arn:aws:s3:::a/*"}]})");
  CHECK(describe(p.statements[0]) ==
        "Sid \"AllowLayers\": Allow s3:GetObject on arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*");
  CHECK(describe(p.statements[1]) == "Deny every action except s3:Get*, s3:List* on every resource except "
                                     "arn:aws:s3:::a/* for everyone except 111122223333");
}

namespace {

// One endpoint of `aws ec2 describe-vpc-endpoints` as the AWS CLI prints it: the policy is a string
// holding JSON. The statement is AWS's "Restricting access to a specific VPC endpoint" bucket
// policy example (S3 User Guide, example-bucket-policies-vpc-endpoint.html), attached here to the
// endpoint itself.
const char* described_endpoint = R"({
  "VpcEndpointId": "vpce-0a1b2c3d4e5f60718",
  "VpcEndpointType": "Gateway",
  "VpcId": "vpc-0a1b2c3d4e5f60718",
  "ServiceName": "com.amazonaws.us-east-1.s3",
  "State": "available",
  "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Id\":\"Policy1415115909152\",\"Statement\":[{\"Sid\":\"AllowAll\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Sid\":\"Access-to-specific-VPCE-only\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Effect\":\"Deny\",\"Resource\":[\"arn:aws:s3:::amzn-s3-demo-bucket\",\"arn:aws:s3:::amzn-s3-demo-bucket/*\"],\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-1a2b3c4d\"}}}]}",
  "RouteTableIds": ["rtb-0a1b2c3d4e5f60718"]
})";

endpoint_policy described_policy() {
  return policy(nlohmann::json::parse(described_endpoint)["PolicyDocument"].get<std::string>());
}

policy_request through(std::string vpce, std::string vpc) {
  return {"s3:GetObject", bucket_objects, "", std::move(vpce), std::move(vpc)};
}

}  // namespace

TEST_CASE("an endpoint policy Deny unless aws:SourceVpce names another endpoint denies through this one (POL-9)",
          "[sim][policy]") {
  const auto p = described_policy();
  auto here = evaluate(p, through("vpce-0a1b2c3d4e5f60718", "vpc-0a1b2c3d4e5f60718"));
  CHECK(here.verdict == policy_verdict::explicit_deny);
  CHECK(here.statement == 1);
  CHECK(here.warnings.empty());

  auto named = evaluate(p, through("vpce-1a2b3c4d", "vpc-0a1b2c3d4e5f60718"));
  CHECK(named.allowed());
  CHECK(named.statement == 0);
  CHECK(named.warnings.empty());
}

TEST_CASE("an endpoint policy Allow on aws:SourceVpc of another VPC allows nothing through this endpoint (POL-9)",
          "[sim][policy]") {
  const char* text = R"({"Statement":{"Sid":"OnlyFromMyVpc","Effect":"Allow","Principal":"*","Action":"s3:*",
      "Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-111122223333aaaa0"}}}})";
  auto other = evaluate(policy(text), through("vpce-0a1b2c3d4e5f60718", "vpc-0a1b2c3d4e5f60718"));
  CHECK(other.verdict == policy_verdict::implicit_deny);
  CHECK(other.warnings.empty());

  auto mine = evaluate(policy(text), through("vpce-0a1b2c3d4e5f60718", "vpc-111122223333aaaa0"));
  CHECK(mine.allowed());
  CHECK(mine.warnings.empty());
}

TEST_CASE("endpoint policy condition key names compare case-insensitively and their values case-sensitively (POL-9)",
          "[sim][policy]") {
  const auto allow_if = [](const std::string& condition) {
    return R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":)" + condition +
           "}}";
  };
  const auto req = through("vpce-0a1b2c3d4e5f60718", "vpc-0a1b2c3d4e5f60718");
  CHECK(evaluate(policy(allow_if(R"({"StringEquals":{"AWS:sourcevpce":"vpce-0a1b2c3d4e5f60718"}})")), req).allowed());
  CHECK(evaluate(policy(allow_if(R"({"StringEquals":{"aws:SourceVpce":"VPCE-0A1B2C3D4E5F60718"}})")), req).verdict ==
        policy_verdict::implicit_deny);
}

TEST_CASE("StringLike, the set qualifiers and IfExists on aws:SourceVpce test the endpoint's one id (POL-9)",
          "[sim][policy]") {
  const auto req = through("vpce-0a1b2c3d4e5f60718", "vpc-0a1b2c3d4e5f60718");
  struct form {
    const char* condition;
    bool allows;
  };
  for (const auto& f : std::vector<form>{
           {R"({"StringLike":{"aws:SourceVpce":"vpce-0a1b2c3d*"}})", true},
           {R"({"StringLike":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f6071?"}})", true},
           {R"({"StringLike":{"aws:SourceVpce":"vpce-9*"}})", false},
           {R"({"StringNotLike":{"aws:SourceVpce":"vpce-9*"}})", true},
           {R"({"StringNotEquals":{"aws:SourceVpce":["vpce-1a2b3c4d","vpce-0a1b2c3d4e5f60718"]}})", false},
           {R"({"StringEquals":{"aws:SourceVpce":["vpce-1a2b3c4d","vpce-0a1b2c3d4e5f60718"]}})", true},
           {R"({"ForAnyValue:StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f60718"}})", true},
           {R"({"ForAllValues:StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}})", false},
           {R"({"StringEqualsIfExists":{"aws:SourceVpc":"vpc-0a1b2c3d4e5f60718"}})", true},
           {R"({"StringNotEqualsIfExists":{"aws:SourceVpc":"vpc-0a1b2c3d4e5f60718"}})", false},
           // Operators AND, keys AND: one failing test fails the block.
           {R"({"StringEquals":{"aws:SourceVpc":"vpc-0a1b2c3d4e5f60718","aws:SourceVpce":"vpce-1a2b3c4d"}})", false},
       }) {
    INFO(f.condition);
    const std::string text = R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":)" +
                             std::string(f.condition) + "}}";
    const auto d = evaluate(policy(text), req);
    CHECK(d.allowed() == f.allows);
    CHECK(d.warnings.empty());
  }
}

TEST_CASE("an endpoint policy condition on keys not known offline keeps its warning beside decided ones (POL-9)",
          "[sim][policy]") {
  const auto req = through("vpce-0a1b2c3d4e5f60718", "vpc-0a1b2c3d4e5f60718");
  // The endpoint's key holds, the organisation's is unknown: the Deny is assumed not to apply.
  auto deny = evaluate(policy(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},
      {"Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
       "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f60718"},
                    "StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]})"),
                       req);
  CHECK(deny.allowed());
  CHECK(deny.warnings ==
        std::vector<std::string>{"the condition of statement 1 (Deny * on * if aws:SourceVpce, aws:PrincipalOrgID) on "
                                 "aws:PrincipalOrgID was not evaluated; this Deny was assumed not to apply"});
  // The endpoint's key fails: the statement does not apply, whatever the unknown key says.
  auto other = evaluate(policy(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*",
       "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d","aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]})"),
                        req);
  CHECK(other.verdict == policy_verdict::implicit_deny);
  CHECK(other.warnings.empty());
  // Without the endpoint in the request (a policy read on its own) the key is unknown too.
  auto alone = evaluate(described_policy(), {"s3:GetObject", bucket_objects, "", "", ""});
  CHECK(alone.allowed());
  CHECK(alone.warnings.size() == 1);
}

TEST_CASE("a trace stopped by an Allow whose condition names another endpoint is told to fix that condition, naming "
          "the endpoint and VPC to put in it (POL-9)",
          "[policy][fix]") {
  const auto loaded = vpcsim::load(VPCSIM_EXAMPLES_DIR "/exercises/22-endpoint-policy-condition/design.jsonc");
  vpcsim::flow_request r;
  r.from = "app-1";
  r.to = "s3";
  const auto a = vpcsim::solver(loaded.network).trace(r);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "ENDPOINT_POLICY_DENY");
  CHECK_THAT(a.blocked->fix, Catch::Matchers::StartsWith("Make the condition of the Allow statement "));
  CHECK_THAT(a.blocked->fix, Catch::Matchers::Contains(a.blocked->component + " (aws:SourceVpce) or vpc-"));
  CHECK_THAT(a.blocked->fix, Catch::Matchers::Contains("but its condition excludes requests through this endpoint (POL-9). "
                                                       "The statement: Sid \"TeamBucketsThroughOurEndpointOnly\": Allow"));
}

TEST_CASE("a statement's condition tests a key whatever its case, under any operator (POL-9)", "[policy]") {
  policy_statement s;
  s.condition = R"({"StringEquals":{"aws:SourceVpce":"vpce-1"},"ForAnyValue:StringLike":{"AWS:sourcevpc":["vpc-*"]}})";
  CHECK(condition_tests_key(s, "aws:SourceVpce"));
  CHECK(condition_tests_key(s, "aws:SourceVpc"));
  CHECK_FALSE(condition_tests_key(s, "aws:PrincipalOrgID"));
  s.condition.clear();
  CHECK_FALSE(condition_tests_key(s, "aws:SourceVpce"));
}
