// The pre-parse scan of every JSON input (src/io/input_limits.hpp): nesting depth and keys
// repeated within one object.
#include "../../src/io/input_limits.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using vpcsim::detail::json_structure_problem;
using vpcsim::detail::structure_problem;

namespace {

constexpr std::size_t depth = 64;

// The duplicate found in `text` as `pointer | message`, or "" when there is none.
std::string duplicate(const std::string& text) {
  const auto p = structure_problem(text, depth);
  if (!p) return "";
  REQUIRE(p->what == json_structure_problem::kind::duplicate_key);
  return p->pointer + " | " + p->message;
}

std::string object_of_keys(int n, const std::string& then = "") {
  std::string out = "{";
  for (int i = 0; i < n; ++i) out += (i ? ", \"key-" : "\"key-") + std::to_string(i) + "\": " + std::to_string(i);
  return out + then + "}";
}

}  // namespace

TEST_CASE("a key repeated in a nested object is found with the object's pointer and the second occurrence",
          "[io][limits][duplicate_key]") {
  CHECK(duplicate("{\"Vpcs\": [{\"VpcId\": \"vpc-1\",\n  \"VpcId\": \"vpc-2\"}]}") ==
        "/Vpcs/0 | duplicate key \"VpcId\" in one object (line 2, column 3); JSON leaves its value ambiguous");
  CHECK(duplicate(R"({"a": 1, "a": 2})") ==
        " | duplicate key \"a\" in one object (line 1, column 10); JSON leaves its value ambiguous");
  // Pointer components escaped as RFC 6901 requires; array indices counted.
  CHECK(duplicate(R"({"x": 0, "a/b~c": [0, [], {"y": {}, "y": 1}]})") ==
        "/a~1b~0c/2 | duplicate key \"y\" in one object (line 1, column 37); JSON leaves its value ambiguous");
  // After a nested value, the parent's next key is still compared with its earlier ones.
  CHECK(duplicate(R"({"a": {"b": [1, {"c": 1}]}, "d": [], "a": 3})") ==
        " | duplicate key \"a\" in one object (line 1, column 38); JSON leaves its value ambiguous");
}

TEST_CASE("the same key in sibling objects or at other depths, and values equal to keys, are no duplicates",
          "[io][limits][duplicate_key]") {
  CHECK(duplicate(R"([{"a": 1}, {"a": 2}, {"a": 3}])").empty());
  CHECK(duplicate(R"({"a": {"a": {"a": 1}}, "b": {"a": 2}})").empty());
  CHECK(duplicate(R"({"a": "a", "b": ["a", "a", {"a": "b"}], "c": "b"})").empty());
  CHECK(duplicate(R"({} {})").empty());
}

TEST_CASE("keys inside strings and comments are ignored", "[io][limits][duplicate_key]") {
  CHECK(duplicate("{\"a\": \"\\\"a\\\": 1, {\\\"a\\\"\", // \"a\": 2\n /* \"a\": 3, */ \"b\": 1}").empty());
  CHECK(duplicate("// {\"a\": 1, \"a\": 2}\n{\"a\": 1}").empty());
  // A comment ends where `*/` does: the key after it counts.
  CHECK(duplicate("{\"a\": 1, /* \"a\" */ \"a\": 2}") ==
        " | duplicate key \"a\" in one object (line 1, column 20); JSON leaves its value ambiguous");
}

TEST_CASE("keys compare by their bytes between the quotes, escaped quotes included", "[io][limits][duplicate_key]") {
  CHECK(duplicate(R"({"a\"b": 1, "a\"b": 2})") ==
        " | duplicate key \"a\\\"b\" in one object (line 1, column 13); JSON leaves its value ambiguous");
  CHECK(duplicate(R"({"a\"": 1, "a\\": 2, "a": 3})").empty());
  // The same key spelled with other escapes is not caught (documented).
  CHECK(duplicate(R"({"a": 1, "\u0061": 2})").empty());
  // Bytes a terminal or JSON output cannot carry are written as \xNN, in the key and the pointer.
  CHECK(duplicate("{\"\x01\xff\": {\"k\": 1, \"k\": 2}}") ==
        "/\\x01\\xff | duplicate key \"k\" in one object (line 1, column 17); JSON leaves its value ambiguous");
}

TEST_CASE("an object with 10,000 distinct keys passes and a duplicate after 5,000 keys is found",
          "[io][limits][duplicate_key]") {
  CHECK(duplicate(object_of_keys(10000)).empty());
  const std::string text = object_of_keys(5000, ",\n\"key-4999\": 0");
  CHECK(duplicate(text) ==
        " | duplicate key \"key-4999\" in one object (line 2, column 1); JSON leaves its value ambiguous");
  // Both searches: below and above the switch to a hash set, a new object starts empty.
  CHECK(duplicate("[" + object_of_keys(10000) + ", " + object_of_keys(40) + ", " + object_of_keys(3) + ", " +
                  object_of_keys(10000) + "]")
            .empty());
  CHECK(duplicate("[" + object_of_keys(40) + ", " + object_of_keys(40, ", \"key-7\": 0") + "]") ==
        "/1 | duplicate key \"key-7\" in one object (line 1, column 1085); JSON leaves its value ambiguous");
  // Nested objects above the switch each keep their own keys.
  CHECK(duplicate(object_of_keys(100, ", \"inner\": " + object_of_keys(100) + ", \"key-99\": 0")) ==
        " | duplicate key \"key-99\" in one object (line 1, column 2773); JSON leaves its value ambiguous");
}

TEST_CASE("nesting deeper than the limit is found first when it comes first", "[io][limits]") {
  const auto deep = structure_problem(R"({"a": [[[1]]], "a": 2})", 3);
  REQUIRE(deep);
  CHECK(deep->what == json_structure_problem::kind::too_deep);
  CHECK(deep->message == "nesting deeper than 3 levels at line 1, column 9 (--max-json-depth)");
  CHECK(deep->pointer.empty());
  const auto dup = structure_problem(R"({"a": 1, "a": [[[1]]]})", 3);
  REQUIRE(dup);
  CHECK(dup->what == json_structure_problem::kind::duplicate_key);
}

TEST_CASE("the scan survives truncated, unbalanced and random bytes", "[io][limits][duplicate_key]") {
  for (const char* text : {"", "{", "{\"", "{\"a", "{\"a\\", "\"", "}}]]", "]{\"a\":1}", "{\"a\":1,\"b\"", "[,,,{",
                           ":::{,,", "{{{{\"a\"}}}}", "/*", "//", "{\"a\": 1 /*", "{\"a\" \"a\"", "[}{]"})
    CHECK_NOTHROW(structure_problem(text, depth));
  CHECK(duplicate("{\"a\": 1, \"a\"") ==
        " | duplicate key \"a\" in one object (line 1, column 10); JSON leaves its value ambiguous");
  // A fixed pseudo-random sequence over the bytes the scan reacts to.
  const std::string alphabet = "{}[]\",:\\/*ab\n ";
  std::uint32_t x = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int i = 0; i < 64; ++i) {
      x = x * 1664525u + 1013904223u;
      text += alphabet[(x >> 16) % alphabet.size()];
    }
    CHECK_NOTHROW(structure_problem(text, 8));
  }
}

TEST_CASE("the scan hands every string value, not the keys, to its visitor with the path that holds it",
          "[io][limits][scan]") {
  // The importer takes its scope hints (owners, zones) from these, so a file is parsed once.
  const std::string text = R"({"Subnets": [{"SubnetId": "subnet-1", "AvailabilityZone": "us-east-2b",
    "Tags": [{"Key": "Name", "Value": "a \"b\""}]}], // "in a comment"
    "Next": "x", "N": 5})";
  std::vector<std::string> seen;
  const auto problem = structure_problem(text, depth, [&](auto path, std::string_view raw) {
    std::string where;
    for (const auto& level : path) where += level.object ? "/" + std::string(level.key) : "/" + std::to_string(level.index);
    seen.push_back(where + "=" + std::string(raw));
  });
  CHECK_FALSE(problem);
  CHECK(seen == std::vector<std::string>{"/Subnets/0/SubnetId=subnet-1", "/Subnets/0/AvailabilityZone=us-east-2b",
                                         "/Subnets/0/Tags/0/Key=Name", R"(/Subnets/0/Tags/0/Value=a \"b\")",
                                         "/Next=x"});
}

TEST_CASE("a NUL byte outside a string is binary data, not JSON text, wherever it stands", "[io][limits]") {
  using namespace std::string_literals;
  // nlohmann_json ends the text (and a comment) at a NUL: `{}` then a NUL would load as `{}`.
  for (const auto& [text, where] : {std::pair{"{\"Vpcs\": []}\0garbage"s, "line 1, column 13"s},
                                    std::pair{"// note\0\"x\"\n{}"s, "line 1, column 8"s},
                                    std::pair{"{\n  /* a \0 */ \"a\": 1}"s, "line 2, column 8"s},
                                    std::pair{"[1,\0 2]"s, "line 1, column 4"s}}) {
    INFO(text);
    const auto p = structure_problem(text, depth);
    REQUIRE(p);
    CHECK(p->what == json_structure_problem::kind::binary);
    CHECK(p->message == "a NUL byte at " + where + ": binary data, not JSON text");
  }
  // Inside a string the parser reports the unescaped control character itself.
  CHECK_FALSE(structure_problem("{\"a\": \"b\0c\"}"s, depth));
}

TEST_CASE("a UTF-16 byte order mark is named, with how to save the file as UTF-8", "[io][limits]") {
  using namespace std::string_literals;
  for (const auto& [text, mark] : {std::pair{"\xff\xfe{\0}\0"s, "FF FE"s}, std::pair{"\xfe\xff\0{\0}"s, "FE FF"s}}) {
    const auto p = structure_problem(text, depth);
    REQUIRE(p);
    CHECK(p->what == json_structure_problem::kind::binary);
    CHECK(p->message == "UTF-16 text (byte order mark " + mark +
                            "), not UTF-8: save it as UTF-8 (PowerShell's `>` writes UTF-16, `Out-File -Encoding utf8` "
                            "writes UTF-8)");
  }
}

TEST_CASE("positions after long strings and runs of spaces are exact whichever byte of a word ends the run",
          "[io][limits][duplicate_key]") {
  // The scan skips ordinary bytes eight at a time: a quote, a backslash or a newline at any
  // offset within a word ends the run where a byte-at-a-time reading would.
  for (std::size_t pad = 0; pad < 20; ++pad) {
    for (const char* stop : {"\\\"", "\\n", "\n"}) {
      const std::string spaces(pad, ' ');
      const std::string value = std::string(pad, 'v') + stop + std::string(pad % 7, 'w');
      const std::string text = "{" + spaces + "\"a\": \"" + value + "\"," + spaces + "\"a\": 2}";
      std::size_t line = 1, column = 0;
      const std::size_t second = text.rfind("\"a\"");
      for (std::size_t i = 0; i <= second; ++i) {
        ++column;
        if (text[i] == '\n' && i < second) {
          ++line;
          column = 0;
        }
      }
      INFO(text);
      CHECK(duplicate(text) == " | duplicate key \"a\" in one object (line " + std::to_string(line) + ", column " +
                                   std::to_string(column) + "); JSON leaves its value ambiguous");
    }
  }
}
