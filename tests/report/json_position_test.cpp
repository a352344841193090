// Where a JSON pointer's value starts in a file (src/report/json_position.hpp): how SARIF locates
// the resources of an AWS CLI capture, which is imported without positions.
#include "../../src/report/json_position.hpp"

#include <catch2/catch.hpp>

#include <utility>

using namespace vpcsim::report::detail;

TEST_CASE("the position of a JSON pointer's value is its line and column in the text", "[report][sarif]") {
  // As `aws ec2 describe-security-groups` prints it, with a description that holds a quote, a
  // slash and letters outside ASCII before the group looked for.
  const std::string text = "{\n"
                           "    \"SecurityGroups\": [\n"
                           "        {\"Description\": \"caf\xc3\xa9 \\\"a/b\\\" \xf0\x9f\x99\x82\", \"GroupId\": \"sg-0a\"},\n"
                           "        {\n"
                           "            \"GroupId\": \"sg-0b\"\n"
                           "        }\n"
                           "    ],\n"
                           "    \"a/b\": {\"c~d\": [1, [2, 3]]}\n"
                           "}\n";
  const auto at = json_value_positions(
      text, {"/SecurityGroups/0/GroupId", "/SecurityGroups/1", "/SecurityGroups/1/GroupId", "/a~1b/c~0d/1/1",
             "/SecurityGroups/2", ""});
  CHECK(at.at("") == std::pair{1, 1});
  CHECK(at.at("/SecurityGroups/1") == std::pair{4, 9});
  CHECK(at.at("/SecurityGroups/1/GroupId") == std::pair{5, 24});
  // `é` is one UTF-16 code unit, the emoji two (SARIF's default columnKind).
  CHECK(at.at("/SecurityGroups/0/GroupId") == std::pair{3, 55});
  CHECK(at.at("/a~1b/c~0d/1/1") == std::pair{8, 28});
  CHECK(at.count("/SecurityGroups/2") == 0);
}

TEST_CASE("the position scan of broken JSON ends without an answer for what it cannot reach", "[report][sarif]") {
  for (const char* text : {"{\"Vpcs\": [", "{\"Vpcs\": [}", "]]]", "{\"Vpcs\" [1]}", "\"unterminated", ""}) {
    INFO(text);
    CHECK(json_value_positions(text, {"/Vpcs/0"}).empty());
  }
}

TEST_CASE("comments of a design, with brackets and quotes in them, do not move the positions after them",
          "[report][sarif][design]") {
  const std::string text = "{\n"
                           "  // \"vpcs\": [ {\n"
                           "  /* ] } \" */ \"vpcs\": [\n"
                           "    {\"name\": \"app\"}\n"
                           "  ]\n"
                           "}\n";
  const auto every = vpcsim::detail::json_value_positions(text);
  REQUIRE(every.count("/vpcs/0/name"));
  CHECK(every.at("/vpcs") == std::pair{3, 23});
  CHECK(every.at("/vpcs/0") == std::pair{4, 5});
  CHECK(every.at("/vpcs/0/name") == std::pair{4, 14});
  CHECK(json_value_positions(text, {"/vpcs/0"}) == std::map<std::string, std::pair<int, int>>{{"/vpcs/0", {4, 5}}});
}
