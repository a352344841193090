// Resource states (model/state.hpp): each parsed once from AWS's spelling into an enum that keeps
// the text as read, so answers and `convert` print what the input said; a state this version does
// not know is kept and warned about by every importer, never rejected. Inputs are the scenario
// captures of tests/data/scenarios (what `aws ec2 describe-*` prints).
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/aws_writer.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/sim/solver.hpp>
#include <vpcsim/sim/trace.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace vpcsim;

namespace {

std::filesystem::path scenario(const std::string& name) {
  return std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios" / name / "us-east-1";
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const diagnostic* find_code(const std::vector<diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

answer trace_from_client(const network& net, const std::string& to, std::uint16_t port = 443) {
  const solver s(net);
  flow_request req;
  req.from = "i-0b11111111111111a";
  req.to = to;
  req.port = port;
  return s.trace(req);
}

}  // namespace

TEST_CASE("an unknown NAT gateway state is kept verbatim and warned about, and the gateway does not forward (NAT-14)",
          "[model][state]") {
  const auto loaded = load_aws_cli(scenario("nat-unknown-state"));
  REQUIRE(loaded.usable());
  const auto* warning = find_code(loaded.diagnostics, "vpcsim.import.unknown_state");
  REQUIRE(warning);
  CHECK(warning->level == severity::warning);
  CHECK(warning->pointer.ends_with("/State"));
  CHECK(warning->message ==
        "'State': 'updating' is not a NAT gateway state this version knows (pending, failed, available, deleting or "
        "deleted); kept as written, and it does not forward: only an available NAT gateway does (NAT-14)");

  const auto* nat = loaded.network.find(nat_gateway_id{"nat-0f11111111111111a"});
  REQUIRE(nat);
  CHECK(nat->state == nat_gateway_state::unknown);
  CHECK(nat->state.text() == "updating");
  CHECK_FALSE(nat->is_available());

  const answer a = trace_from_client(loaded.network, "203.0.113.25");
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "BAD_STATE");
  CHECK(a.blocked->component == "nat-0f11111111111111a");
  CHECK(a.blocked->rule == "state updating");  // the input's own word
}

TEST_CASE("convert writes an unknown state back as it was read, to AWS CLI JSON and to a design, whose loader warns too",
          "[model][state][io]") {
  const auto loaded = load_aws_cli(scenario("nat-unknown-state"));
  REQUIRE(loaded.usable());

  bool written = false;
  for (const auto& [file, body] : to_aws_cli(loaded.network))
    if (body.contains("NatGateways"))
      for (const auto& g : body["NatGateways"]) {
        CHECK(g["State"] == "updating");
        written = true;
      }
  CHECK(written);

  const auto design = load_design_text(write_design(loaded.network), "nat-unknown-state.jsonc");
  REQUIRE(design.loaded.usable());
  const auto* warning = find_code(design.loaded.diagnostics, "vpcsim.design.unknown_state");
  REQUIRE(warning);
  CHECK(warning->level == severity::warning);
  const auto* nat = design.loaded.network.find(nat_gateway_id{"nat-0f11111111111111a"});
  REQUIRE(nat);
  CHECK(nat->state.text() == "updating");
  CHECK(nat->state == nat_gateway_state::unknown);
  CHECK(write_design(design.loaded.network) == write_design(loaded.network));
}

TEST_CASE("a state parses from AWS's exact spelling only: another spelling is an unknown state, kept as written",
          "[model][state]") {
  const state_of<nat_gateway_state> available = "available";
  CHECK(available == nat_gateway_state::available);
  CHECK(available.known());
  const state_of<nat_gateway_state> capital = "Available";
  CHECK(capital == nat_gateway_state::unknown);
  CHECK_FALSE(capital.known());
  CHECK(capital.text() == "Available");
  // The AWS CLI's spellings of the other kinds (describe-vpc-endpoints, -vpc-peering-connections,
  // -instances, -transit-gateway-attachments, search-transit-gateway-routes).
  CHECK(state_of<endpoint_state>("pendingAcceptance") == endpoint_state::pending_acceptance);
  CHECK(state_of<peering_status>("pending-acceptance") == peering_status::pending_acceptance);
  CHECK(state_of<instance_state>("shutting-down") == instance_state::shutting_down);
  CHECK(state_of<tgw_attachment_state>("rollingBack") == tgw_attachment_state::rolling_back);
  CHECK(state_of<tgw_route_state>("blackhole") == tgw_route_state::blackhole);
  CHECK(state_of<attachment_state>("available") == attachment_state::available);
  CHECK(state_of<vpc_state>("pending") == vpc_state::pending);
  CHECK(state_of<subnet_state>("unavailable") == subnet_state::unavailable);
  CHECK(state_of<interface_status>("in-use") == interface_status::in_use);
  CHECK(state_of<interface_attachment_status>("detaching") == interface_attachment_status::detaching);
  CHECK(state_of<vpn_gateway_state>("deleted") == vpn_gateway_state::deleted);
  CHECK(state_of<tgw_route_table_state>("deleting") == tgw_route_table_state::deleting);
}

TEST_CASE("a peering connection in a status this version does not know is kept, warned about, and carries nothing",
          "[model][state]") {
  std::string capture = read_text(scenario("peering") / "capture.json");
  const std::string active = "\"Code\": \"active\"";
  const auto at = capture.find(active);
  REQUIRE(at != std::string::npos);
  capture.replace(at, active.size(), "\"Code\": \"suspended\"");
  const auto loaded = load_aws_cli_text(capture, "capture.json");
  REQUIRE(loaded.usable());
  const auto* warning = find_code(loaded.diagnostics, "vpcsim.import.unknown_state");
  REQUIRE(warning);
  CHECK(warning->pointer.ends_with("/Status/Code"));

  const answer a = trace_from_client(loaded.network, "i-0b55555555555555e", 5432);
  REQUIRE(a.blocked);
  CHECK(a.blocked->code == "BAD_STATE");
  CHECK(a.blocked->component == "pcx-0a11111111111111a");
  CHECK(a.blocked->rule == "status suspended");
}

TEST_CASE("a Resolver rule association in a status this version does not know is warned about and not in effect (DNS-13)",
          "[model][state]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "vpcsim-state-test-resolver";
  fs::remove_all(dir);
  fs::copy(scenario("capture-recipe-dns"), dir);
  const auto file = dir / "resolver-rule-associations.json";
  std::string text = read_text(file);
  const std::string forward = "\"ResolverRuleId\": \"rslvr-rr-0a1b2c3d4e5f60718\",";
  const auto at = text.find("\"Status\": \"COMPLETE\"", text.find(forward));
  REQUIRE(at != std::string::npos);
  text.replace(at, std::string("\"Status\": \"COMPLETE\"").size(), "\"Status\": \"PENDING_REVIEW\"");
  std::ofstream(file) << text;

  const auto loaded = load_aws_cli(dir);
  fs::remove_all(dir);
  REQUIRE(loaded.usable());
  const auto* warning = find_code(loaded.diagnostics, "vpcsim.import.unknown_state");
  REQUIRE(warning);
  CHECK(warning->pointer.ends_with("/Status"));
  CHECK(warning->message.find("'PENDING_REVIEW' is not a Resolver rule association state") != std::string::npos);
  const auto* rule = loaded.network.find(resolver_rule_id{"rslvr-rr-0a1b2c3d4e5f60718"});
  CHECK((!rule || !rule->associated_with(vpc_id{"vpc-0e1a2b3c4d5e6f701"})));
}
