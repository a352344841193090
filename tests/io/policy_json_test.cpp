#include <vpcsim/io/policy_json.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>

using namespace vpcsim;

namespace {

endpoint_policy parsed(std::string_view text) {
  std::string problem;
  auto p = parse_endpoint_policy(text, problem);
  INFO(problem);
  REQUIRE(p);
  CHECK(problem.empty());
  return *p;
}

std::string problem_with(std::string_view text) {
  std::string problem;
  CHECK_FALSE(parse_endpoint_policy(text, problem));
  return problem;
}

}  // namespace

TEST_CASE("AWS's default endpoint policy parses to full access (POL-2)", "[io][policy]") {
  CHECK(parsed(R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*",)"
               R"("Resource":"*"}]})") == full_access_policy());
}

TEST_CASE("an endpoint policy statement keeps every IAM element", "[io][policy]") {
  auto p = parsed(R"({
    "Version": "2012-10-17",
    "Id": "layers-only",
    "Statement": {
      "Sid": "AllowLayers",
      "Effect": "Deny",
      "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:role/app", "444455556666"],
                       "Service": "ecs-tasks.amazonaws.com"},
      "NotAction": ["s3:GetObject", "s3:ListBucket"],
      "NotResource": "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*",
      "Condition": {"StringNotEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}}
    }
  })");
  CHECK(p.version == "2012-10-17");
  REQUIRE(p.statements.size() == 1);
  const auto& s = p.statements[0];
  CHECK(s.sid == "AllowLayers");
  CHECK(s.effect == policy_effect::deny);
  CHECK(s.principals.empty());
  CHECK(s.not_principals ==
        std::vector<std::string>{"arn:aws:iam::111122223333:role/app", "444455556666", "ecs-tasks.amazonaws.com"});
  CHECK(s.actions.empty());
  CHECK(s.not_actions == std::vector<std::string>{"s3:GetObject", "s3:ListBucket"});
  CHECK(s.resources.empty());
  CHECK(s.not_resources == std::vector<std::string>{"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"});
  CHECK(s.condition == R"({"StringNotEquals":{"aws:SourceVpc":["vpc-1","vpc-2"]}})");
}

TEST_CASE("an endpoint policy principal of {\"AWS\": \"*\"} is anyone, and Version may be absent", "[io][policy]") {
  auto p = parsed(R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}]})");
  CHECK(p.version.empty());
  CHECK(p.statements.at(0).principals == std::vector<std::string>{"*"});
  CHECK(p.statements.at(0).condition.empty());
}

TEST_CASE("a malformed endpoint policy is rejected with a precise problem", "[io][policy]") {
  const std::string ok = R"("Effect":"Allow","Principal":"*","Action":"*","Resource":"*")";
  const std::pair<std::string, std::string> cases[] = {
      {"[]", "a policy must be a JSON object"},
      {R"({"Version":"2012-10-17"})", "needs 'Statement'"},
      {R"({"Statement":"Allow"})", "'Statement' must be an object or an array"},
      {R"({"Version":"2020-01-01","Statement":[]})", R"('Version' must be "2012-10-17" or "2008-10-17")"},
      {R"({"Statement":[],"Comment":"x"})", "unknown element 'Comment'"},
      {R"({"Statement":[{)" + ok + "}, 7]}", "statement 1: must be an object"},
      {R"({"Statement":[{)" + ok + "},{" + ok + R"(},{"Effect":"allow","Principal":"*","Action":"*","Resource":"*"}]})",
       R"(statement 2: 'Effect' must be "Allow" or "Deny")"},
      {R"({"Statement":{"Principal":"*","Action":"*","Resource":"*"}})", "statement 0: needs 'Effect'"},
      {R"({"Statement":{"Effect":"Allow","Principal":"*","Resource":"*"}})",
       "statement 0: needs 'Action' or 'NotAction'"},
      {R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"*"}})",
       "statement 0: needs 'Resource' or 'NotResource'"},
      {R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})",
       "statement 0: needs 'Principal' or 'NotPrincipal'"},
      {R"({"Statement":{)" + ok + R"(,"NotAction":"s3:*"}})",
       "statement 0: 'Action' and 'NotAction' cannot both be present"},
      {R"({"Statement":{"Effect":"Allow","Principal":"arn:aws:iam::111122223333:root","Action":"*","Resource":"*"}})",
       R"(statement 0: 'Principal' must be "*" or an object)"},
      {R"({"Statement":{"Effect":"Allow","Principal":{"User":"x"},"Action":"*","Resource":"*"}})",
       "statement 0: unknown principal type 'User' in 'Principal'"},
      {R"({"Statement":{"Effect":"Allow","Principal":{"AWS":[1]},"Action":"*","Resource":"*"}})",
       "statement 0: 'Principal' 'AWS' must be a string or an array of strings"},
      {R"({"Statement":{"Effect":"Allow","Principal":"*","Action":5,"Resource":"*"}})",
       "statement 0: 'Action' must be a string or an array of strings"},
      {R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"*","NotResource":["a",null]}})",
       "statement 0: 'NotResource' must be a string or an array of strings"},
      {R"({"Statement":{)" + ok + R"(,"Condition":"aws:SourceVpc"}})", "statement 0: 'Condition' must be an object"},
      {R"({"Statement":{)" + ok + R"(,"Sid":3}})", "statement 0: 'Sid' must be a string"},
      {R"({"Statement":{)" + ok + R"(,"Actions":"s3:*"}})", "statement 0: unknown element 'Actions'"},
  };
  for (const auto& [text, problem] : cases) {
    INFO(text);
    CHECK(problem_with(text) == problem);
  }
}

TEST_CASE("an endpoint policy that is not JSON says so with the parser's message", "[io][policy]") {
  CHECK_THAT(problem_with(R"({"Statement": [)"), Catch::StartsWith("not JSON: ") && Catch::Contains("parse error"));
}
