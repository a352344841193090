// The answer writer (report/answer_json): its escaping is nlohmann's, byte for byte, on the names
// inputs can carry (tags are free text), and it refuses invalid UTF-8 as nlohmann does.
#include <vpcsim/report/answer_json.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace vpcsim;
using json = nlohmann::json;

namespace {

answer blocked_answer(const std::string& name) {
  answer a;
  a.from = "i-0a1b2c3d4e5f60718";
  a.from_name = name;
  a.to = "s3";
  a.path.push_back(hop{"i-0a1b2c3d4e5f60718", "instance", "", "", "forward", "", "The flow starts at " + name + ".", name});
  a.blocked = blocked_by{"ENI_SG_RULES_MISMATCH", "sg-0123456789abcdef0", "no outbound rule", "\"" + name + "\" is stuck",
                         "Add it", name, {"Add it"}};
  a.warnings = {name};
  answer leg = a;
  leg.to = "ecr.api";
  a.legs = {leg};
  return a;
}

}  // namespace

TEST_CASE("an answer naming a resource with quotes, backslashes, control characters and UTF-8 prints as nlohmann prints it",
          "[report][json]") {
  const std::string name = std::string("web \"blue\" \\ tab\there\nline \x01\x1f del\x7f caf\xc3\xa9 ") + "\xe2\x9c\x93";
  const answer a = blocked_answer(name);
  for (const int indent : {-1, 2}) {
    std::string text;
    append_json(text, a, indent);
    CHECK(json::parse(text).dump(indent) == text);
    CHECK(json::parse(text)["from_name"] == name);
  }
  std::string text;
  append_json(text, a, -1);
  CHECK(text.find(R"(web \"blue\" \\ tab\there\nline \u0001\u001f del)") != std::string::npos);
}

TEST_CASE("an answer naming a resource with invalid UTF-8 is refused as nlohmann refuses it", "[report][json]") {
  const answer a = blocked_answer("bad \xc3\x28 name");
  std::string text;
  CHECK_THROWS_AS(append_json(text, a, 2), json::type_error);
}

TEST_CASE("an answer without paths leaves out the path of every leg and keeps the rest", "[report][json]") {
  std::string full, lean;
  const answer a = blocked_answer("web");
  append_json(full, a, -1);
  append_json(lean, a, -1, 0, false);
  auto expected = json::parse(full);
  expected.erase("path");
  for (auto& leg : expected["legs"]) leg.erase("path");
  CHECK(json::parse(lean) == expected);
}
