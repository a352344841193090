// The public API as other tools use it: the umbrella header alone is enough.
#include <vpcsim/vpcsim.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::filesystem::path examples{VPCSIM_EXAMPLES_DIR};
const std::filesystem::path api_dir = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / ".." / "api";
const std::string client = "i-0b11111111111111a";

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A scratch file under the system temp directory, removed at the end of the test.
struct scratch_file {
  std::filesystem::path path;
  scratch_file(const std::string& name, const std::string& text)
      : path(std::filesystem::temp_directory_path() / ("vpcsim_api_test_" + name)) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~scratch_file() { std::filesystem::remove(path); }
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
};

vpcsim::flow_request flow_to(const std::string& to) {
  vpcsim::flow_request f;
  f.from = client;
  f.to = to;
  return f;
}

}  // namespace

TEST_CASE("to_json of a traced answer is byte for byte what vpcsim trace --format json prints", "[api]") {
  const auto loaded = vpcsim::load(examples / "ecr-private-subnet");
  REQUIRE(loaded.usable());
  const auto reachable = vpcsim::trace(loaded.network, flow_to("ecr"));
  CHECK(vpcsim::to_json(reachable).dump(2) + "\n" == read_text(api_dir / "ecr_pull.json"));

  const auto broken = vpcsim::load(examples / "ecr-private-subnet-broken");
  REQUIRE(broken.usable());
  const auto blocked = vpcsim::trace(broken.network, flow_to("ecr"));
  REQUIRE_FALSE(blocked.reachable);
  CHECK(vpcsim::to_json(blocked).dump(2) + "\n" == read_text(api_dir / "ecr_pull_broken.json"));
}

TEST_CASE("load reads AWS CLI captures and native designs alike", "[api]") {
  const auto captured = vpcsim::load(examples / "ecr-private-subnet");
  REQUIRE(captured.usable());
  const scratch_file design("design.json", vpcsim::write_design(captured.network));
  REQUIRE(vpcsim::is_design_file(design.path));

  const auto designed = vpcsim::load(design.path);
  for (const auto& d : designed.diagnostics) INFO(d.to_string());
  REQUIRE(designed.usable());
  CHECK(designed.network.all<vpcsim::subnet>().size() == captured.network.all<vpcsim::subnet>().size());
  CHECK(designed.network.all<vpcsim::vpc_endpoint>().size() == captured.network.all<vpcsim::vpc_endpoint>().size());
  const auto a = vpcsim::trace(designed.network, flow_to("s3"));
  CHECK(a.reachable);
  CHECK(a.via == "gateway-endpoint");
}

TEST_CASE("trace on a network answers from the network as it is now, after a change, a copy or a move", "[api]") {
  // trace(net, …) keeps what it builds from a network between calls; a change must never be
  // answered from what was built before it, nor one network from another's.
  auto loaded = vpcsim::load(examples / "ecr-private-subnet");
  REQUIRE(loaded.usable());
  auto& net = loaded.network;
  REQUIRE(vpcsim::trace(net, flow_to("s3")).reachable);
  REQUIRE(vpcsim::trace(net, flow_to("s3")).reachable);

  const vpcsim::network before = net;  // a copy keeps the running instance
  auto stopped = *net.find(vpcsim::instance_id{client});
  stopped.state = "stopped";
  net.put(stopped);
  const auto blocked = vpcsim::trace(net, flow_to("s3"));
  REQUIRE(blocked.blocked);
  CHECK(blocked.blocked->code == "BAD_STATE");
  CHECK(blocked.blocked->component == client);

  CHECK(vpcsim::trace(before, flow_to("s3")).reachable);
  CHECK_FALSE(vpcsim::trace(net, flow_to("s3")).reachable);
  vpcsim::network moved = std::move(net);
  CHECK_FALSE(vpcsim::trace(moved, flow_to("s3")).reachable);
  net = before;
  CHECK(vpcsim::trace(net, flow_to("s3")).reachable);
}

TEST_CASE("load is lenient by default and throws the first error when strict", "[api]") {
  const auto not_json = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "aws" / "bad" / "not-json.json";
  const auto lenient = vpcsim::load(not_json);
  CHECK_FALSE(lenient.usable());

  vpcsim::load_options strict;
  strict.strict = true;
  try {
    (void)vpcsim::load(not_json, strict);
    FAIL("no import_error");
  } catch (const vpcsim::import_error& e) {
    CHECK(e.code() == "vpcsim.import.not_json");
  }

  const scratch_file design("bad_design.json", R"({"vpcsim": 1, "vpcs": [{"name": "main", "cidr": "10.0.0.0/99"}]})");
  const auto lenient_design = vpcsim::load(design.path);
  REQUIRE_FALSE(lenient_design.usable());
  try {
    (void)vpcsim::load(design.path, strict);
    FAIL("no import_error");
  } catch (const vpcsim::import_error& e) {
    CHECK(e.code().rfind("vpcsim.design.", 0) == 0);
    CHECK(e.finding().file.rfind(design.path.string() + ":1:", 0) == 0);  // the design loader adds line:column
  }
}

TEST_CASE("check on a network judges intents as vpcsim check does", "[api]") {
  const auto loaded = vpcsim::load(examples / "ecr-private-subnet");
  REQUIRE(loaded.usable());
  const auto intents = vpcsim::parse_intents(R"({"intents": [
    {"name": "layers over the gateway endpoint", "from": "i-0b11111111111111a", "to": "s3",
     "expect": "reachable", "via": "gateway-endpoint"},
    {"name": "s3 over a NAT gateway", "from": "i-0b11111111111111a", "to": "s3",
     "expect": "reachable", "via": "nat-gateway"}]})",
                                             "inline.json");
  const auto report = vpcsim::check(loaded.network, intents);
  REQUIRE(report.results.size() == 2);
  CHECK(report.results[0].passed);
  CHECK_FALSE(report.results[1].passed);
  CHECK(report.results[1].answer.via == "gateway-endpoint");
}

TEST_CASE("a design's instance names stand for their ids in a trace, as on the command line", "[api]") {
  std::string text = read_text(examples / "designs" / "ecr-private-subnet.jsonc");
  const auto design = vpcsim::load_design_text(text, "ecr-private-subnet.jsonc");
  REQUIRE(design.loaded.usable());
  const vpcsim::solver s(design.loaded.network);
  const auto id = s.id_named("app-1");
  REQUIRE(id);
  CHECK(id->rfind("i-", 0) == 0);

  vpcsim::flow_request by_name;
  by_name.from = "app-1";
  by_name.to = "s3";
  const auto a = s.trace(by_name);
  CHECK(a.from == *id);  // the answer names the id the name stands for
  CHECK(a.reachable);
  CHECK(a.via == "gateway-endpoint");
  by_name.from = *id;
  CHECK(s.trace(by_name) == a);

  // Two instances with one name (captures can have that): the name stands for neither.
  vpcsim::network twice = design.loaded.network;
  vpcsim::instance copy = *twice.find(vpcsim::instance_id{*id});
  copy.id = vpcsim::instance_id{"i-0c22222222222222b"};
  twice.put(copy);
  const vpcsim::solver ambiguous(twice);
  CHECK_FALSE(ambiguous.id_named("app-1"));
  by_name.from = "app-1";
  CHECK_THROWS_AS(ambiguous.trace(by_name), vpcsim::usage_error);
}

TEST_CASE("grade says which flows of an exercise a design gets wrong, and a solution gets none", "[api]") {
  const auto dir = examples / "exercises" / "01-s3-gateway-route-table";
  const auto ex = vpcsim::load_exercise(dir / "expected.json");
  const auto start_design = vpcsim::load_design(dir / "design.jsonc");
  const auto start = vpcsim::grade(start_design, start_design, ex);
  REQUIRE(start.outcomes.size() == ex.flows.size());
  CHECK_FALSE(start.solved());
  CHECK(start.right() < ex.flows.size());
  const auto text = vpcsim::report::to_text(start);
  CHECK(text.find("WRONG  ") != std::string::npos);
  CHECK(text.ends_with(": not solved\n"));

  const auto solution = examples / "exercises" / "solutions" / "01-s3-gateway-route-table.jsonc";
  const auto solved = vpcsim::grade(start_design, vpcsim::load_design(solution), ex);
  CHECK(solved.solved());
  CHECK(vpcsim::report::to_text(solved).ends_with(": solved\n"));
}
