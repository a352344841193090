// The intents file: its contract shape, defaults, and a full message for every way it can be wrong.
#include <vpcsim/error.hpp>
#include <vpcsim/io/intents_json.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using Catch::Matchers::Message;
using namespace vpcsim;

namespace {
std::vector<intent> parse(std::string_view text) { return parse_intents(text, "intents.json"); }

// One intent object in a file, so a test names only the fields it is about.
std::vector<intent> parse_one(const std::string& fields) { return parse(R"({"intents": [{)" + fields + "}]}"); }

const std::string minimal = R"("name": "app reaches s3", "from": "app-1", "to": "s3", "expect": "reachable")";
}  // namespace

TEST_CASE("an intents file with every field reads into intents", "[intents][io]") {
  const auto intents = parse(R"({"intents": [
    {"name": "s3 stays private", "from": "tag:Role=app", "to": "s3", "port": 443, "protocol": "tcp",
     "expect": "reachable", "via": "gateway-endpoint"},
    {"name": "no http out", "from": "subnet-0c1a00000000000a2", "to": "203.0.113.25", "port": 80, "protocol": "udp",
     "expect": "blocked", "blocked_by": "acl-0c1a000000000000b"},
    {"name": "layers", "from": "app-1", "to": "s3", "expect": "reachable", "action": "s3:GetObject",
     "resource": "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"}]})");
  REQUIRE(intents.size() == 3);
  CHECK(intents[0].name == "s3 stays private");
  CHECK(intents[0].from == "tag:Role=app");
  CHECK(intents[0].to == "s3");
  CHECK(intents[0].expect == expectation::reachable);
  CHECK(intents[0].via == "gateway-endpoint");
  CHECK_FALSE(intents[0].blocked_by);
  CHECK(intents[0].file == "intents.json");
  CHECK(intents[0].pointer == "/intents/0");
  CHECK(intents[1].port == 80);
  CHECK(intents[1].protocol == protocol::udp());
  CHECK(intents[1].expect == expectation::blocked);
  CHECK(intents[1].blocked_by == "acl-0c1a000000000000b");
  CHECK(intents[2].action == "s3:GetObject");
  CHECK(intents[2].resource == "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*");
}

TEST_CASE("intent port and protocol default as in trace, and null means absent", "[intents][io]") {
  const auto intents = parse_one(minimal + R"(, "via": null, "port": null, "description": "free text")");
  REQUIRE(intents.size() == 1);
  CHECK(intents[0].port == 443);
  CHECK(intents[0].protocol == protocol::tcp());
  CHECK_FALSE(intents[0].via);
}

TEST_CASE("an unknown field is refused with the closest field, never ignored", "[intents][io]") {
  CHECK_THROWS_MATCHES(parse_one(minimal + R"(, "protcol": "udp")"), import_error,
                       Message("[vpcsim.intents.unknown_field] intents.json /intents/0/protcol (intent 'app reaches s3'): "
                               "unknown field 'protcol'; did you mean 'protocol'? (fields: name, from, to, port, protocol, "
                               "expect, via, blocked_by, action, resource, ip_version, description)"));
  CHECK_THROWS_MATCHES(parse(R"({"checks": []})"), import_error,
                       Message("[vpcsim.intents.unknown_field] intents.json /checks: unknown field 'checks' (fields: "
                               "$schema, schema_version, intents, description)"));
}

TEST_CASE("a file that is not a JSON intents document is rejected with its position", "[intents][io]") {
  CHECK_THROWS_MATCHES(parse(R"({"intents": [)"), import_error,
                       Message("[vpcsim.intents.not_json] intents.json: not JSON: parse error at line 1, column 14: "
                               "syntax error while parsing value - unexpected end of input; expected '[', '{', or a "
                               "literal"));
  CHECK_THROWS_MATCHES(parse("[]"), import_error,
                       Message("[vpcsim.intents.wrong_type] intents.json: the top level must be an object with an "
                               "'intents' array, not array"));
  CHECK_THROWS_MATCHES(parse(R"({"schema_version": 1})"), import_error,
                       Message("[vpcsim.intents.missing_field] intents.json: field 'intents' is required"));
  CHECK_THROWS_MATCHES(parse(R"({"intents": {}})"), import_error,
                       Message("[vpcsim.intents.wrong_type] intents.json /intents: field 'intents' must be an array, "
                               "not object"));
  CHECK_THROWS_MATCHES(parse(R"({"intents": []})"), import_error,
                       Message("[vpcsim.intents.empty] intents.json /intents: the 'intents' array is empty; list at "
                               "least one intent"));
  CHECK_THROWS_MATCHES(parse(R"({"intents": ["app-1 -> s3"]})"), import_error,
                       Message("[vpcsim.intents.wrong_type] intents.json /intents/0 (intent #1): each intent must be "
                               "an object, not string"));
}

TEST_CASE("a missing or mistyped required field names the intent, its pointer and the field", "[intents][io]") {
  CHECK_THROWS_MATCHES(parse_one(R"("from": "app-1", "to": "s3", "expect": "reachable")"), import_error,
                       Message("[vpcsim.intents.missing_field] intents.json /intents/0 (intent #1): field 'name' is "
                               "required"));
  CHECK_THROWS_MATCHES(parse_one(R"("name": 7, "from": "app-1", "to": "s3", "expect": "reachable")"), import_error,
                       Message("[vpcsim.intents.wrong_type] intents.json /intents/0/name (intent #1): field 'name' "
                               "must be a non-empty string, not 7"));
  CHECK_THROWS_MATCHES(parse_one(R"("name": "x", "to": "s3", "expect": "reachable")"), import_error,
                       Message("[vpcsim.intents.missing_field] intents.json /intents/0 (intent 'x'): field 'from' is "
                               "required"));
  CHECK_THROWS_MATCHES(parse_one(R"("name": "x", "from": "app-1", "to": "", "expect": "reachable")"), import_error,
                       Message("[vpcsim.intents.wrong_type] intents.json /intents/0/to (intent 'x'): field 'to' must "
                               "be a non-empty string, not an empty string"));
  CHECK_THROWS_MATCHES(parse_one(R"("name": "x", "from": "app-1", "to": "s3")"), import_error,
                       Message("[vpcsim.intents.missing_field] intents.json /intents/0 (intent 'x'): field 'expect' "
                               "is required"));
}

TEST_CASE("an intent's ip_version picks the family of the destination name's answer, 4 or 6 only (DNS-14)", "[intents][io]") {
  CHECK(parse_one(minimal)[0].ip_version == 0);
  CHECK(parse_one(minimal + R"(, "ip_version": null)")[0].ip_version == 0);
  CHECK(parse_one(minimal + R"(, "ip_version": 6)")[0].ip_version == 6);
  CHECK(parse_one(minimal + R"(, "ip_version": 4)")[0].ip_version == 4);
  for (const std::string bad : {"5", "\"6\"", "6.0"})
    CHECK_THROWS_MATCHES(parse_one(minimal + R"(, "ip_version": )" + bad), import_error,
                         Message("[vpcsim.intents.bad_value] intents.json /intents/0/ip_version (intent 'app reaches s3'): "
                                 "field 'ip_version' must be 4 or 6, not " + bad));
}

TEST_CASE("intent port, protocol and expect outside the contract are rejected with the value found", "[intents][io]") {
  CHECK_THROWS_MATCHES(parse_one(minimal + R"(, "port": "443")"), import_error,
                       Message("[vpcsim.intents.wrong_type] intents.json /intents/0/port (intent 'app reaches s3'): "
                               "field 'port' must be an integer from 0 to 65535, not \"443\""));
  CHECK_THROWS_MATCHES(parse_one(minimal + R"(, "port": 70000)"), import_error,
                       Message("[vpcsim.intents.wrong_type] intents.json /intents/0/port (intent 'app reaches s3'): "
                               "field 'port' must be an integer from 0 to 65535, not 70000"));
  CHECK_THROWS_MATCHES(parse_one(minimal + R"(, "protocol": "sctp")"), import_error,
                       Message("[vpcsim.intents.bad_value] intents.json /intents/0/protocol (intent 'app reaches s3'): "
                               "field 'protocol' must be one of tcp, udp, icmp, icmpv6, all, not \"sctp\""));
  CHECK_THROWS_MATCHES(parse_one(R"("name": "x", "from": "app-1", "to": "s3", "expect": "allowed")"), import_error,
                       Message("[vpcsim.intents.bad_value] intents.json /intents/0/expect (intent 'x'): field 'expect' "
                               "must be \"reachable\" or \"blocked\", not \"allowed\""));
}

TEST_CASE("intent via and blocked_by must be well-formed and match the expectation", "[intents][io]") {
  // Users' spellings of a via kind become the kind; anything else is a name `check` resolves.
  CHECK(parse_one(minimal + R"(, "via": "Gateway_Endpoint")").front().via == "gateway-endpoint");
  CHECK(parse_one(minimal + R"(, "via": "NAT")").front().via == "nat-gateway");
  CHECK(parse_one(minimal + R"(, "via": "privatelink")").front().via == "interface-endpoint");
  CHECK(parse_one(minimal + R"(, "via": "s3-endpoint")").front().via == "s3-endpoint");
  CHECK_THROWS_MATCHES(
      parse_one(R"("name": "x", "from": "app-1", "to": "s3", "expect": "blocked", "via": "nat-gateway")"), import_error,
      Message("[vpcsim.intents.conflict] intents.json /intents/0/via (intent 'x'): 'via' applies only to \"expect\": "
              "\"reachable\""));
  CHECK(parse_one(R"("name": "x", "from": "app-1", "to": "s3", "expect": "blocked", "blocked_by": "the nacl")")
            .front()
            .blocked_by == "the nacl");
  CHECK_THROWS_MATCHES(parse_one(minimal + R"(, "blocked_by": "acl-0c1a000000000000b")"), import_error,
                       Message("[vpcsim.intents.conflict] intents.json /intents/0/blocked_by (intent 'app reaches s3'): "
                               "'blocked_by' applies only to \"expect\": \"blocked\""));
}

TEST_CASE("a malformed source selector in an intents file is rejected where it is written", "[intents][io]") {
  CHECK_THROWS_MATCHES(parse_one(R"("name": "x", "from": "tag:Role", "to": "s3", "expect": "reachable")"), import_error,
                       Message("[vpcsim.intents.bad_value] intents.json /intents/0/from (intent 'x'): 'tag:Role' is not "
                               "a tag selector: write tag:Key=Value (for example tag:Role=web)"));
}

TEST_CASE("intent names identify test cases and must be unique", "[intents][io]") {
  CHECK_THROWS_MATCHES(parse(R"({"intents": [{)" + minimal + "}, {" + minimal + "}]}"), import_error,
                       Message("[vpcsim.intents.duplicate_name] intents.json /intents/1/name (intent 'app reaches s3'): "
                               "the name is already used by /intents/0; names identify test cases and must be unique"));
}

TEST_CASE("an intents file that cannot be read says so", "[intents][io]") {
  const auto missing = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "intents" / "no-such-file.json";
  CHECK_THROWS_MATCHES(load_intents(missing), import_error,
                       Message("[vpcsim.intents.unreadable] " + missing.generic_string() +
                               ": cannot read: No such file or directory"));
}

TEST_CASE("an intents file may name schema version 1 and any other version is refused", "[intents][io]") {
  CHECK(parse(R"({"schema_version": 1, "intents": [{)" + minimal + "}]}").size() == 1);
  CHECK(parse(R"({"schema_version": null, "intents": [{)" + minimal + "}]}").size() == 1);
  CHECK_THROWS_MATCHES(parse(R"({"schema_version": 2, "intents": [{)" + minimal + "}]}"), import_error,
                       Message("[vpcsim.intents.schema_version] intents.json /schema_version: this vpcsim reads "
                               "intents files of schema version 1, not 2"));
  CHECK_THROWS_MATCHES(parse(R"({"schema_version": "1"})"), import_error,
                       Message("[vpcsim.intents.schema_version] intents.json /schema_version: this vpcsim reads "
                               "intents files of schema version 1, not \"1\""));
}
