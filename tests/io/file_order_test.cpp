// File order never changes an answer: every capture in the test data, loaded with its files
// reversed and shuffled, gives the same model (`show --format json`) and the same findings.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/model_json.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace vpcsim;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir{VPCSIM_TEST_DATA_DIR};

std::vector<fs::path> subdirectories(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool has_json(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".json") return true;
  return false;
}

// Every directory of the test data that holds one capture: the corpus snapshots, the solver
// scenarios, the lint cases, the per-resource fixtures and the README recipe's capture.
std::vector<fs::path> captures() {
  std::vector<fs::path> out;
  auto add_children = [&](const fs::path& dir) {
    for (const auto& d : subdirectories(dir))
      if (has_json(d)) out.push_back(d);
  };
  add_children(data_dir / "corpus" / "batfish-aws");
  add_children(data_dir / "scenarios");
  add_children(data_dir / "aws");
  out.push_back(data_dir / "lint" / "base");
  for (const auto& rule : subdirectories(data_dir / "lint"))
    if (rule.filename() != "base") add_children(rule);
  std::erase_if(out, [](const fs::path& p) { return p.filename() == "bad"; });
  return out;
}

std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The findings without their order: a multiset of their texts.
std::map<std::string, int> findings(const load_result& r) {
  std::map<std::string, int> out;
  for (const auto& d : r.diagnostics) ++out[d.to_string()];
  return out;
}

}  // namespace

TEST_CASE("a capture gives the same model and findings whatever the order of its files",
          "[aws][file-order][exhaustive]") {
  const auto all = captures();
  REQUIRE(all.size() > 100);
  for (const auto& dir : all) {
    const auto files = json_files(dir);
    const auto label = dir.generic_string();
    const auto sorted = load_aws_cli_files(files, label);
    const auto expected = to_json(sorted.network).dump(1);
    const auto expected_findings = findings(sorted);

    std::vector<std::vector<fs::path>> orders;
    orders.emplace_back(files.rbegin(), files.rend());
    for (unsigned seed : {1u, 2u, 3u}) {
      auto shuffled = files;
      std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(seed));
      orders.push_back(std::move(shuffled));
    }
    for (std::size_t i = 0; i < orders.size(); ++i) {
      INFO(label << (i == 0 ? " reversed" : " shuffled with seed " + std::to_string(i)));
      const auto r = load_aws_cli_files(orders[i], label);
      CHECK(to_json(r.network).dump(1) == expected);
      CHECK(findings(r) == expected_findings);
    }
  }
}
