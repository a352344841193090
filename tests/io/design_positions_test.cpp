// The pointer -> line:column map of the design loader's messages (src/io/design_messages.hpp):
// it walks any text to its end, valid JSON or not.
#include "../../src/io/design_messages.hpp"

#include <catch2/catch.hpp>

#include <string>

using vpcsim::detail::design::positions;

TEST_CASE("a design finding is located at the line and column of the value its pointer names", "[io][design]") {
  const positions at("// a design\n{\n  \"vpcs\": [\n    {\"name\": \"app\"}\n  ]\n}\n");
  CHECK(at.locate("d.jsonc", "/vpcs/0/name") == "d.jsonc:4:14");
  CHECK(at.locate("d.jsonc", "/vpcs/0") == "d.jsonc:4:5");
  CHECK(at.locate("d.jsonc", "/vpcs/7/name") == "d.jsonc:3:11");  // the closest enclosing value
}

TEST_CASE("the position scan steps over text that is no value instead of spinning on it", "[io][design][fuzz]") {
  // Once the scan stood still on a stray `}` or `/` inside an array and never returned (found by
  // the design_load fuzz target).
  for (const char* text : {"[}", "[/x]", "{\"a\": [}}}p, \"b\"\":", "[[[/", "[:", "{\"a\" [}", "[\x01\x02]"}) {
    INFO(text);
    const positions at(text);
    CHECK(at.locate("d.jsonc", "/0").rfind("d.jsonc", 0) == 0);
  }
}
