// The round trip aws -> native -> aws -> model over every corpus snapshot and every solver
// scenario: the same model at each step, and the same trace answers.
#include <vpcsim/error.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/aws_writer.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/model/creation_rules.hpp>
#include <vpcsim/io/model_json.hpp>
#include <vpcsim/sim/solver.hpp>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

template <class... T>
bool same_tables(const network& a, const network& b) {
  return ((a.all<T>() == b.all<T>()) && ...);
}

bool same(const network& a, const network& b) {
  return same_tables<vpc, subnet, route_table, network_acl, security_group, internet_gateway,
                     egress_only_internet_gateway, nat_gateway, vpn_gateway, vpc_endpoint, network_interface, instance,
                     prefix_list, peering_connection, transit_gateway, transit_gateway_attachment,
                     transit_gateway_route_table>(a, b);
}

// The first line where the two models' JSON differ, with a little context, for failure messages.
std::string first_difference(const network& a, const network& b) {
  std::istringstream x(to_json(a).dump(1)), y(to_json(b).dump(1));
  std::string lx, ly, before;
  for (int line = 1; std::getline(x, lx) && std::getline(y, ly); ++line) {
    if (lx != ly) return "line " + std::to_string(line) + " after '" + before + "':\n  - " + lx + "\n  + " + ly;
    before = lx;
  }
  return "the models differ in a field the JSON view does not show";
}

std::string diagnostics(const load_result& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.to_string() + "\n";
  return out;
}

// A fixed set of flows: every instance to each endpoint service, and to the composite ECR pull.
std::vector<std::string> answers(const network& n) {
  std::vector<std::string> out;
  const solver s(n);
  for (const auto& [id, i] : n.all<instance>())
    for (const char* to : {"s3", "dynamodb", "ecr.api", "ecr.dkr", "ecr"}) {
      flow_request r;
      r.from = id.value;
      r.to = to;
      r.region = i.where.region.empty() ? "us-east-1" : i.where.region;
      try {
        auto a = s.trace(r);
        out.push_back(id.value + " -> " + to + ": " + (a.reachable ? "reachable " + a.via.value_or("") : a.blocked ? a.blocked->code + " " + a.blocked->component : "blocked") +
                      " (" + std::to_string(a.path.size()) + " hops, " + std::to_string(a.legs.size()) + " legs)");
      } catch (const error& e) {
        out.push_back(id.value + " -> " + to + ": " + e.what());
      }
    }
  return out;
}

std::vector<fs::path> inputs() {
  std::vector<fs::path> out;
  for (const char* base : {"corpus/batfish-aws", "scenarios"})
    for (const auto& e : fs::directory_iterator(fs::path(VPCSIM_TEST_DATA_DIR) / base))
      if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("round trip: every corpus snapshot and scenario survives aws -> native -> aws with the same model and answers",
          "[io][design][convert][round][exhaustive]") {
  const auto all = inputs();
  REQUIRE(all.size() >= 24 + 66);
  const fs::path tmp = fs::temp_directory_path() / "vpcsim-round-trip";
  for (const auto& dir : all) {
    SECTION(dir.parent_path().filename().string() + "/" + dir.filename().string()) {
      const auto original = load_aws_cli(dir);
      INFO("original diagnostics:\n" << diagnostics(original));
      REQUIRE(original.usable());

      const std::string text = write_design(original.network);
      const auto native = load_design_text(text, "converted.jsonc");
      INFO("design:\n" << text << "\ndesign diagnostics:\n" << diagnostics(native.loaded));
      // A capture can hold what AWS refuses to create (the snapshot `test`: a subnet outside its
      // VPC): as a design, each of those is an error (aws-semantics.md A.0), and only those.
      if (const auto refused = creation_refusals(original.network); !refused.empty()) {
        std::vector<std::string> expected, found;
        for (const auto& r : refused) expected.push_back("vpcsim.design." + r.code + " " + r.message);
        for (const auto& d : native.loaded.diagnostics)
          if (d.level == severity::error) found.push_back(d.code + " " + d.message);
        std::sort(found.begin(), found.end());
        std::sort(expected.begin(), expected.end());
        CHECK(found == expected);
        CHECK(same(original.network, native.loaded.network));
        continue;
      }
      REQUIRE(native.loaded.usable());
      INFO("aws -> native: " << first_difference(original.network, native.loaded.network));
      CHECK(same(original.network, native.loaded.network));

      fs::remove_all(tmp);
      write_aws_cli(native.loaded.network, tmp);
      const auto again = load_aws_cli(tmp);
      INFO("re-imported diagnostics:\n" << diagnostics(again));
      REQUIRE(again.usable());
      INFO("native -> aws: " << first_difference(original.network, again.network));
      CHECK(same(original.network, again.network));
      CHECK(answers(original.network) == answers(again.network));
      fs::remove_all(tmp);
    }
  }
}

TEST_CASE("round trip: a design survives native -> aws -> native with the same model and answers", "[io][design][convert][round]") {
  const fs::path tmp = fs::temp_directory_path() / "vpcsim-design-round-trip";
  for (const auto& e : fs::recursive_directory_iterator(fs::path(VPCSIM_EXAMPLES_DIR))) {
    if (e.path().extension() != ".jsonc") continue;
    SECTION(e.path().filename().string() + " in " + e.path().parent_path().filename().string()) {
      const auto design = load_design(e.path());
      INFO(diagnostics(design.loaded));
      REQUIRE(design.loaded.usable());
      fs::remove_all(tmp);
      write_aws_cli(design.loaded.network, tmp);
      const auto imported = load_aws_cli(tmp);
      INFO(diagnostics(imported));
      REQUIRE(imported.usable());
      INFO("native -> aws: " << first_difference(design.loaded.network, imported.network));
      CHECK(same(design.loaded.network, imported.network));
      const auto back = load_design_text(write_design(imported.network), "back.jsonc");
      REQUIRE(back.loaded.usable());
      INFO("aws -> native: " << first_difference(design.loaded.network, back.loaded.network));
      CHECK(same(design.loaded.network, back.loaded.network));
      CHECK(answers(design.loaded.network) == answers(back.loaded.network));
      fs::remove_all(tmp);
    }
  }
}
