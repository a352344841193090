// Every input a fuzz target once crashed on (tests/data/fuzz-regressions/<target>/) goes through
// that target's entry point again (fuzz/entry_points.hpp): it must now be an expected outcome.
#include <entry_points.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path regressions_dir = fs::path(VPCSIM_TEST_DATA_DIR) / "fuzz-regressions";

std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> files;
  const fs::path dir = regressions_dir / target;
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().filename() != "README.md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::uint8_t> bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

template <class Entry>
void replay(const std::string& target, Entry entry) {
  for (const auto& file : inputs_of(target)) {
    INFO("input " << file.generic_string());
    const auto bytes = bytes_of(file);
    CHECK_NOTHROW(entry(bytes.data(), bytes.size()));
  }
}

}  // namespace

TEST_CASE("the fuzz regression inputs are filed under a known fuzz target", "[fuzz]") {
  REQUIRE(fs::is_directory(regressions_dir));
  for (const auto& e : fs::directory_iterator(regressions_dir)) {
    if (!e.is_directory()) continue;
    const std::string name = e.path().filename().string();
    INFO("directory " << name);
    CHECK(std::find(std::begin(vpcsim::fuzz::target_names), std::end(vpcsim::fuzz::target_names), name) !=
          std::end(vpcsim::fuzz::target_names));
  }
}

TEST_CASE("the AWS CLI importer copes with every input it once crashed on", "[fuzz]") {
  replay("aws_cli_import", vpcsim::fuzz::aws_cli_import);
}

TEST_CASE("the design loader copes with every input it once crashed on", "[fuzz]") {
  replay("design_load", vpcsim::fuzz::design_load);
}

TEST_CASE("the Terraform importer copes with every input it once crashed on", "[fuzz]") {
  replay("terraform_import", vpcsim::fuzz::terraform_import);
}

TEST_CASE("the endpoint policy parser copes with every input it once crashed on", "[fuzz]") {
  replay("endpoint_policy", vpcsim::fuzz::endpoint_policy);
}

#ifdef VPCSIM_FUZZ_HAVE_CLI
TEST_CASE("vpcsim trace copes with every argument list it once crashed on", "[fuzz]") {
  replay("cli_trace", vpcsim::fuzz::cli_trace);
}
#endif
