// Scenario tests of the solver that are not rows of the scenario table. The scenarios are small AWS
// accounts captured as `aws ec2 describe-*` JSON (tests/data/scenarios/<name>/us-east-1/, generated
// by make_scenarios.py). Every flow question with an expected answer is a case of
// tests/data/scenarios/cases.jsonc, run by scenario_table_test.cpp through trace, matrix and check.
// What stays here cannot be written as such a case:
// - every interface endpoint's service as a destination: the destinations and expected addresses
//   are computed from the loaded network (each endpoint, its service names and DnsEntries);
// - the order in which the capture's files are read: it loads a list of files, not a folder;
// - the import findings of a capture: they are diagnostics of the load, matched by resource and
//   prefix list, not answers to a flow.
#include <vpcsim/error.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/solver.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using namespace vpcsim;

namespace {

// Ids of the scenarios (make_scenarios.py spells them once for the data).
const std::string I_APP = "i-0b11111111111111a";
const std::string RTB_PRIV = "rtb-0c11111111111111b";
const std::string PL_S3 = "pl-63a5400a";
const std::string SG_PL_ONLY = "sg-0fbbbbbbbbbbbbbbf";
const std::string PL_DDB = "pl-02cd2c6b";
const std::string PL_OFFICE = "pl-0a1b2c3d4e5f60718";

struct loaded {
  load_result result;
  std::unique_ptr<vpcsim::solver> solver;
};

// Loads a scenario once per process and keeps its solver.
const loaded& load_scenario(const std::string& name) {
  static std::map<std::string, std::unique_ptr<loaded>> cache;
  auto& slot = cache[name];
  if (!slot) {
    auto l = std::make_unique<loaded>();
    const auto dir = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios" / name;
    REQUIRE(std::filesystem::is_directory(dir));
    l->result = load_aws_cli(dir);
    std::string diagnostics;
    for (const auto& d : l->result.diagnostics) diagnostics += d.to_string() + "\n";
    INFO("diagnostics of " << name << ":\n" << diagnostics);
    REQUIRE(l->result.usable());
    l->solver = std::make_unique<vpcsim::solver>(l->result.network);
    slot = std::move(l);
  }
  return *slot;
}

// The import findings of a scenario with this code, as text.
std::vector<std::string> findings(const std::string& name, std::string_view code) {
  std::vector<std::string> out;
  for (const auto& d : load_scenario(name).result.diagnostics)
    if (d.code == code) out.push_back(d.to_string());
  return out;
}

answer trace(const std::string& name, const std::string& from, const std::string& to) {
  flow_request r;
  r.from = from;
  r.to = to;
  return load_scenario(name).solver->trace(r);
}

// The answer in a few lines, for failure messages.
std::string show(const answer& a) {
  std::string out = a.from + " -> " + a.to + ": " + (a.reachable ? "reachable" : "NOT reachable") + " via " +
                    a.via.value_or("(none)") + ", resolved " + a.resolved.address + " by " + a.resolved.by + "\n";
  if (a.blocked)
    out += "  blocked: " + a.blocked->code + " at " + a.blocked->component + " [" + a.blocked->rule + "] " +
           a.blocked->message + "\n";
  for (const auto& h : a.path)
    out += "  hop " + h.direction + " " + h.kind + " " + h.component + " " + h.check + " [" + h.rule + "]\n";
  for (const auto& w : a.warnings) out += "  warning: " + w + "\n";
  return out;
}

const hop* find_hop(const answer& a, const std::string& component) {
  auto it = std::find_if(a.path.begin(), a.path.end(),
                         [&](const hop& h) { return h.component == component && h.direction == "forward"; });
  return it == a.path.end() ? nullptr : &*it;
}

bool has_kind(const answer& a, const std::string& kind) {
  return std::any_of(a.path.begin(), a.path.end(), [&](const hop& h) { return h.kind == kind; });
}

void require_reachable(const answer& a, const std::string& via) {
  REQUIRE(a.reachable);
  CHECK_FALSE(a.blocked);
  REQUIRE(a.via);
  CHECK(*a.via == via);
}

// The answer reaches `endpoint` (at `address`) through PrivateLink.
void require_endpoint(const answer& a, const std::string& endpoint, const std::string& address) {
  require_reachable(a, "interface-endpoint");
  CHECK(a.resolved.address == address);
  const hop* h = find_hop(a, endpoint);
  REQUIRE(h);
  CHECK(h->kind == "interface-endpoint");
  CHECK_FALSE(has_kind(a, "nat-gateway"));
}

// A DNS name as a client writes it: a wildcard name with a label for its `*`.
std::string concrete(std::string name) {
  if (name.rfind("*.", 0) == 0) name = "my-domain-111122223333" + name.substr(1);
  return name;
}

}  // namespace

TEST_CASE("every interface endpoint's service is a destination by short name, service name and each DnsEntries name "
          "(IF-10, IF-11a, IF-15)",
          "[scenario][endpoint][dns]") {
  const auto& net = load_scenario("endpoints-aws-services").result.network;
  std::size_t catalogued = 0;
  for (const auto& [id, ep] : net.all<vpc_endpoint>()) {
    const auto* eni = net.find(ep.network_interfaces.at(0));
    REQUIRE(eni);
    const std::string ip = eni->primary_ip()->to_string();
    std::vector<std::string> names{ep.service_name};
    if (auto parts = services::parse_endpoint_service_name(ep.service_name)) {
      names.push_back(parts->short_name);
      if (services::find_service(parts->short_name)) {
        ++catalogued;
        names.push_back(concrete(services::default_hostname(parts->short_name, "us-east-1")));
      }
    }
    for (const auto& n : ep.dns_names) names.push_back(concrete(n));
    REQUIRE(names.size() >= 3);
    for (const auto& to : names) {
      const auto a = trace("endpoints-aws-services", I_APP, to);
      INFO(to << "\n" << show(a));
      require_endpoint(a, id.str(), ip);
    }
  }
  CHECK(catalogued >= 20);  // beyond S3, DynamoDB and ECR: the scenario has none of those
}

TEST_CASE("the two descriptions of AWS's prefix lists make one list whichever file is read first (GW-5)",
          "[scenario][capture-recipe][file-order]") {
  const auto dir = std::filesystem::path(VPCSIM_TEST_DATA_DIR) / "scenarios" / "capture-recipe" / "us-east-1";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  auto managed = std::find(files.begin(), files.end(), dir / "managed-prefix-lists.json");
  auto plain = std::find(files.begin(), files.end(), dir / "prefix-lists.json");
  REQUIRE(managed < plain);  // the README's names sort the copy without CIDRs first
  for (bool swapped : {false, true}) {
    INFO((swapped ? "prefix-lists.json first" : "managed-prefix-lists.json first"));
    if (swapped) std::iter_swap(managed, plain);
    const auto r = load_aws_cli_files(files, dir.generic_string());
    REQUIRE(r.usable());
    const auto* s3 = r.network.find(prefix_list_id{PL_S3});
    REQUIRE(s3);
    CHECK(s3->name == "com.amazonaws.us-east-1.s3");
    CHECK(s3->aws_managed);
    CHECK(s3->cidrs.size() == 5);
    CHECK(s3->where.account == "111122223333");
    vpcsim::solver solver(r.network);
    flow_request q;
    q.from = I_APP;
    q.to = "s3";
    const auto a = solver.trace(q);
    INFO(show(a));
    require_reachable(a, "gateway-endpoint");
  }
}

TEST_CASE("a capture without AWS's prefix-list entries is reported for every route and rule that names the lists "
          "(GW-5)",
          "[scenario][capture-recipe][diagnostics]") {
  const auto empty = findings("capture-recipe-managed-only", "vpcsim.validate.prefix_list_without_entries");
  INFO(Catch::Detail::stringify(empty));
  auto names = [&](const std::string& resource, const std::string& list) {
    return std::any_of(empty.begin(), empty.end(), [&](const std::string& f) {
      return f.find("(" + resource) != std::string::npos && f.find("prefix list " + list + " (") != std::string::npos;
    });
  };
  CHECK(names("route-table " + RTB_PRIV, PL_S3));
  CHECK(names("route-table " + RTB_PRIV, PL_DDB));
  CHECK(names("security-group " + SG_PL_ONLY, PL_S3));
  CHECK(names("security-group " + SG_PL_ONLY, PL_DDB));
  CHECK_FALSE(names("security-group " + SG_PL_ONLY, PL_OFFICE));  // its entries were captured
  CHECK(empty.size() == 4);
}

TEST_CASE("a rule that names a prefix list the capture lacks is reported with the list's id (SG-14)",
          "[scenario][capture-recipe][diagnostics]") {
  const auto missing = findings("capture-recipe-prefix-lists-only", "vpcsim.validate.missing_prefix_list");
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0], Contains("security-group " + SG_PL_ONLY) && Contains("prefix list " + PL_OFFICE));
}

TEST_CASE("the documented Tags of an Elastic IP are no unknown field", "[scenario][capture-recipe][diagnostics]") {
  CHECK(findings("capture-recipe", "vpcsim.import.unknown_field").empty());
}
