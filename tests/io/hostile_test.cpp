// Hostile inputs through the library: the limits of vpcsim::limits, and LOOP verdicts.
// tests/cli/hostile.cmake runs every file of tests/data/hostile through the CLI.
#include <vpcsim/error.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/io/policy_json.hpp>
#include <vpcsim/sim/codes.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

const fs::path hostile{fs::path(VPCSIM_TEST_DATA_DIR) / "hostile"};

std::string findings(const load_result& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.to_string() + "\n";
  return out;
}

fs::path write_temp(const std::string& name, const std::string& text) {
  const auto p = fs::temp_directory_path() / ("vpcsim-hostile-" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

}  // namespace

TEST_CASE("a file larger than max_input_bytes is refused before it is read", "[io][hostile][limits]") {
  const auto file = hostile / "truncated-json.json";
  load_options options;
  options.limits.max_input_bytes = 64;
  const auto r = load(file, options);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "vpcsim.import.too_large");
  CHECK(r.diagnostics[0].file == file.generic_string());
  CHECK(r.diagnostics[0].message == "too large: " + std::to_string(fs::file_size(file)) +
                                        " bytes, more than the limit of 64 bytes (--max-input-bytes)");
  options.strict = true;
  CHECK_THROWS_MATCHES(load(file, options), import_error,
                       Catch::Predicate<import_error>([](const import_error& e) { return e.code() == "vpcsim.import.too_large"; }));
}

TEST_CASE("the size limit applies to each file of a directory", "[io][hostile][limits]") {
  load_options options;
  options.limits.max_input_bytes = 1000;
  const auto r = load(hostile / "directory-without-json", options);  // no JSON: nothing read, nothing too large
  CHECK(findings(r).find("vpcsim.import.too_large") == std::string::npos);
  const auto dir = fs::temp_directory_path() / "vpcsim-hostile-dir";
  fs::create_directories(dir);
  fs::copy_file(hostile / "trace-nat-gateway-loop.json", dir / "big.json", fs::copy_options::overwrite_existing);
  fs::copy_file(hostile / "empty-object.json", dir / "small.json", fs::copy_options::overwrite_existing);
  const auto both = load(dir, options);
  CHECK(findings(both).find("[vpcsim.import.too_large] " + (dir / "big.json").generic_string() + ": too large: ") == 0);
  fs::remove_all(dir);
}

TEST_CASE("nesting deeper than max_json_depth is refused before parsing, comments and strings aside",
          "[io][hostile][limits]") {
  load_options options;
  options.limits.max_json_depth = 3;
  const auto deep = write_temp("deep.json", "{\"Vpcs\": [[\n  [\"[[[[\", \"\\\"[[\"]]]}");
  CHECK(findings(load(deep, options)) == "[vpcsim.import.too_deep] " + deep.generic_string() +
                                             ": too deep: nesting deeper than 3 levels at line 2, column 3 "
                                             "(--max-json-depth)\n");
  // Brackets inside strings do not count: three levels exactly is fine.
  const auto fine = write_temp("fine.json", "{\"Vpcs\": [{\"VpcId\": \"[[[[[[\", \"CidrBlock\": \"10.0.0.0/16\"}]}");
  CHECK(findings(load(fine, options)).find("too_deep") == std::string::npos);
  fs::remove(deep);
  fs::remove(fine);
}

TEST_CASE("a native design obeys the same limits", "[io][hostile][limits]") {
  const auto design = write_temp("deep.jsonc", "// [[[[[[ a comment does not nest\n{\"vpcsim\": 1, \"vpcs\": [[[[[]]]]]}");
  load_options options;
  options.limits.max_json_depth = 4;
  CHECK(findings(load(design, options)) == "[vpcsim.import.too_deep] " + design.generic_string() +
                                              ": too deep: nesting deeper than 4 levels at line 2, column 26 "
                                              "(--max-json-depth)\n");
  options.limits.max_input_bytes = 10;
  CHECK(findings(load(design, options)).find("[vpcsim.import.too_large]") == 0);
  fs::remove(design);
}

TEST_CASE("a policy document nested deeper than the limit is a bad policy, not a crash", "[io][hostile][limits]") {
  // 100,000 levels, built in linear time (prepending level by level copied gigabytes).
  std::string condition;
  for (int i = 0; i < 100000; ++i) condition += "{\"a\": ";
  condition += "1" + std::string(100000, '}');
  std::string problem;
  CHECK_FALSE(parse_endpoint_policy(
      R"({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": )" + condition + "}]}", problem));
  CHECK(problem == "nesting deeper than 64 levels at line 1, column 447 (--max-json-depth)");
  // Three levels (document, Statement, statement) within a limit of 3.
  std::string none;
  CHECK(parse_endpoint_policy(R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]})",
                              none, 3));
  CHECK(none.empty());
}

TEST_CASE("a key twice in one object is refused before parsing, in a capture and in a design",
          "[io][hostile][duplicate_key]") {
  const auto capture = hostile / "duplicate-key-vpc-id.json";
  CHECK(findings(load(capture)) == "[vpcsim.import.duplicate_key] " + capture.generic_string() +
                                       " /Vpcs/0: duplicate key \"VpcId\" in one object (line 10, column 13); "
                                       "JSON leaves its value ambiguous\n");
  load_options options;
  options.strict = true;
  CHECK_THROWS_MATCHES(load(capture, options), import_error, Catch::Predicate<import_error>([](const import_error& e) {
                         return e.code() == "vpcsim.import.duplicate_key";
                       }));
  const auto design = write_temp("duplicate.jsonc", "// \"vpcs\": twice in a comment is fine\n"
                                                    "{\"vpcsim\": 1, \"vpcs\": [], \"subnets\": [],\n \"vpcs\": []}");
  CHECK(findings(load(design)) == "[vpcsim.import.duplicate_key] " + design.generic_string() +
                                      ": duplicate key \"vpcs\" in one object (line 3, column 2); "
                                      "JSON leaves its value ambiguous\n");
  fs::remove(design);
}

TEST_CASE("a capture whose path names the account and region is checked as strictly as one whose path does not",
          "[io][hostile][duplicate_key][limits]") {
  // `ACCOUNT/REGION/` files need no scope hints, so they skip the first scan and are checked when
  // parsed, the text scan running only where the parsed document shows it may find something;
  // the findings are the same, file by file, in file order.
  const auto root = fs::temp_directory_path() / "vpcsim-hostile-scoped";
  fs::remove_all(root);
  const auto scoped = root / "123456789012" / "us-east-1";
  const auto flat = root / "flat";
  for (const auto& dir : {scoped, flat}) {
    fs::create_directories(dir);
    fs::copy_file(hostile / "duplicate-key-vpc-id.json", dir / "a.json");
    fs::copy_file(hostile / "nul-after-json.json", dir / "b.json");
    std::ofstream(dir / "c.json", std::ios::binary) << "{\"Vpcs\": [[[[]]]]}";
    std::ofstream(dir / "d.json", std::ios::binary) << "{\"Vpcs\": []}";
    // Keys equal once decoded but written differently are not a duplicate key; this file is read
    // (its unknown key reported in file order, between the other files' findings).
    std::ofstream(dir / "e.json", std::ios::binary) << "{\"Vpcs\": [], \"Vp\\u0063s\": [], \"Bogus\": []}";
    std::ofstream(dir / "f.json", std::ios::binary) << " \n\t";
    std::ofstream(dir / "g.json", std::ios::binary) << std::string("\xff\xfe{\0}\0", 6);
    std::ofstream(dir / "h.json", std::ios::binary) << "// a comment\n{\"Vpcs\": [[[\"[[\"]]]}";
    std::ofstream(dir / "i.json", std::ios::binary) << "{\"Vpcs\": [], \"Vpcs\": {\"a\": [[[]]]}}";
  }
  load_options options;
  options.limits.max_json_depth = 3;
  auto relative = [](std::string text, const fs::path& dir) {
    for (std::size_t at; (at = text.find(dir.generic_string())) != std::string::npos;)
      text.replace(at, dir.generic_string().size(), "DIR");
    return text;
  };
  const auto from_scoped = relative(findings(load(scoped, options)), scoped);
  CHECK(from_scoped == relative(findings(load(flat, options)), flat));
  CHECK(from_scoped ==
        "[vpcsim.import.duplicate_key] DIR/a.json /Vpcs/0: duplicate key \"VpcId\" in one object (line 10, column 13); "
        "JSON leaves its value ambiguous\n"
        "[vpcsim.import.not_json] DIR/b.json: not JSON: a NUL byte at line 4, column 1: binary data, not JSON text\n"
        "[vpcsim.import.too_deep] DIR/c.json: too deep: nesting deeper than 3 levels at line 1, column 12 "
        "(--max-json-depth)\n"
        "[vpcsim.import.unknown_key] DIR/e.json /Bogus: unknown top-level key 'Bogus' ignored\n"
        "[vpcsim.import.empty_input] DIR/f.json: no describe-* JSON to read\n"
        "[vpcsim.import.not_json] DIR/g.json: not JSON: UTF-16 text (byte order mark FF FE), not UTF-8: save it as "
        "UTF-8 (PowerShell's `>` writes UTF-16, `Out-File -Encoding utf8` writes UTF-8)\n"
        "[vpcsim.import.too_deep] DIR/h.json: too deep: nesting deeper than 3 levels at line 2, column 12 "
        "(--max-json-depth)\n"
        "[vpcsim.import.duplicate_key] DIR/i.json: duplicate key \"Vpcs\" in one object (line 1, column 14); "
        "JSON leaves its value ambiguous\n");
  fs::remove_all(root);
}

TEST_CASE("a policy document with a key twice in one object is a bad policy", "[io][hostile][duplicate_key]") {
  std::string problem;
  CHECK_FALSE(parse_endpoint_policy(
      R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Effect": "Deny"}]})",
      problem));
  CHECK(problem == "/Statement/0: duplicate key \"Effect\" in one object (line 1, column 86); "
                   "JSON leaves its value ambiguous");
  CHECK_FALSE(parse_endpoint_policy(R"({"Statement": [], "Statement": []})", problem));
  CHECK(problem == "duplicate key \"Statement\" in one object (line 1, column 19); JSON leaves its value ambiguous");
  // In a design, a policy given as a string is checked when it is parsed.
  const auto design = write_temp(
      "duplicate-policy.jsonc",
      R"({"vpcsim": 1, "account": "111122223333", "region": "us-east-1",
 "vpcs": [{"name": "v", "cidr": "10.0.0.0/16"}],
 "route_tables": [{"name": "r"}],
 "endpoints": [{"name": "s3", "service": "s3", "route_tables": ["r"],
   "policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}]}"}]})");
  const auto found = findings(load(design));
  CHECK(found.find("[vpcsim.design.bad_value]") != std::string::npos);
  CHECK(found.find("/Statement/0: duplicate key \"Effect\" in one object (line 1, column 36)") != std::string::npos);
  fs::remove(design);
}

TEST_CASE("a routing loop through NAT gateways is a LOOP verdict naming the cycle", "[sim][hostile][loop]") {
  const auto loaded = load(hostile / "trace-nat-gateway-loop.json");
  REQUIRE(loaded.usable());
  flow_request req;
  req.from = "eni-0a1b2c3d4e5f6000a";
  req.to = "192.0.2.1";
  const answer a = solver(loaded.network).trace(req);
  CHECK_FALSE(a.reachable);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::loop);
  CHECK(a.blocked->component == "rtb-0a1b2c3d4e5f6000b");
  CHECK(a.blocked->rule == "routing loop rtb-0a1b2c3d4e5f6000b -> nat-0a1b2c3d4e5f6000c -> rtb-0a1b2c3d4e5f6000c -> "
                           "nat-0a1b2c3d4e5f6000b -> rtb-0a1b2c3d4e5f6000b");

  SECTION("the hop limit stops the walk first when it is lower") {
    req.max_hops = 4;
    const answer b = solver(loaded.network).trace(req);
    REQUIRE(b.blocked);
    CHECK(b.blocked->code == codes::loop);
    CHECK(b.blocked->rule == "more than 4 hops");
    // Checked where the walk routes again: after the source's filters, a route table, the NAT
    // gateway and its subnet's filters.
    CHECK(b.path.size() == 7);
    CHECK(b.blocked->message == "The path to 192.0.2.1 exceeds 4 hops (the --max-hops limit) at rtb-0a1b2c3d4e5f6000b "
                                "without arriving: treated as a routing loop");
  }
}

TEST_CASE("peering does not carry a third VPC's CIDR, so two VPCs routing it to each other do not loop (PEER-2)",
          "[sim][hostile][loop]") {
  const auto loaded = load(hostile / "trace-peering-third-cidr.json");
  REQUIRE(loaded.usable());
  flow_request req;
  req.from = "eni-0a1b2c3d4e5f6000a";
  req.to = "10.2.0.5";
  const answer a = solver(loaded.network).trace(req);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::pcx_address_in_vpc_cidr);
  CHECK(a.blocked->component == "pcx-0a1b2c3d4e5f60001");
}

TEST_CASE("an appliance whose own subnet routes everything back to it is a routing loop with its cycle (RT-14)",
          "[sim][hostile][loop]") {
  const auto loaded = load(hostile / "trace-appliance-route-loop.json");
  REQUIRE(loaded.usable());
  flow_request req;
  req.from = "eni-0a1b2c3d4e5f6000a";
  req.to = "192.0.2.1";
  const answer a = solver(loaded.network).trace(req);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == codes::loop);
  CHECK(a.blocked->component == "rtb-0a1b2c3d4e5f6000b");
  CHECK(a.blocked->rule == "routing loop rtb-0a1b2c3d4e5f6000b -> eni-0a1b2c3d4e5f6000f -> rtb-0a1b2c3d4e5f6000b");
}
