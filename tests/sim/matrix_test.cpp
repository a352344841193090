// The all-pairs matrix: the same answers whatever the number of threads, shards that partition the
// sources, progress reports, and errors rethrown after the pool stops.
#include "support/designs.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/report/matrix_json.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using Catch::Matchers::Message;
using namespace vpcsim;
using namespace vpcsim::test;

namespace {

matrix_request every_flow(const std::string& name) {
  matrix_request r;
  r.sources = all_instance_sources(design(name).result.network);
  r.destinations = {"s3", "dynamodb", "ecr", "ecr.api", INTERNET, I_APP2};
  return r;
}

}  // namespace

TEST_CASE("the matrix is the same for one thread and for four", "[matrix]") {
  const auto& d = design("base");
  const auto req = every_flow("base");
  const auto one = run_matrix(*d.solver, req, 1);
  const auto four = run_matrix(*d.solver, req, 4);
  REQUIRE(one.cells.size() == 18);
  CHECK(one.cells == four.cells);
  CHECK(to_json(one, true).dump() == to_json(four, true).dump());
  // A design where flows differ: the same again.
  const auto& broken = design("nacl-no-ephemeral-return/fail");
  const auto req2 = every_flow("nacl-no-ephemeral-return/fail");
  CHECK(run_matrix(*broken.solver, req2, 1).cells == run_matrix(*broken.solver, req2, 4).cells);
}

TEST_CASE("each matrix cell is the trace of its source and destination, sources and destinations in the order given",
          "[matrix]") {
  const auto& d = design("base");
  matrix_request req;
  req.sources = {I_APP2, I_OPS1};  // not id order
  req.destinations = {INTERNET, "s3"};
  const auto m = run_matrix(*d.solver, req, 2);
  REQUIRE(m.cells.size() == 4);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 2; ++j) {
      flow_request f;
      f.from = req.sources[i];
      f.to = req.destinations[j];
      CHECK(m.at(i, j) == d.solver->trace(f));
    }
  CHECK(m.at(0, 0).from == I_APP2);
  CHECK_FALSE(m.at(0, 0).reachable);  // app-2's security group has no internet egress (SG-6)
  CHECK(m.at(1, 0).via == "nat-gateway");
  CHECK(m.at(1, 1).via == "gateway-endpoint");
}

TEST_CASE("matrix shards are contiguous runs of the sources that partition them in order", "[matrix]") {
  const std::vector<std::string> sources{"a", "b", "c", "d", "e", "f", "g"};
  for (std::size_t n : {1u, 2u, 3u, 7u, 10u}) {
    std::vector<std::string> joined;
    for (std::size_t i = 1; i <= n; ++i) {
      const auto part = shard_sources(sources, shard_spec{i, n});
      // Sizes differ by at most one: floor(S/n) or ceil(S/n).
      CHECK((part.size() == sources.size() / n || part.size() == sources.size() / n + 1));
      joined.insert(joined.end(), part.begin(), part.end());
    }
    CHECK(joined == sources);
  }
  CHECK(shard_sources(sources, shard_spec{2, 3}) == std::vector<std::string>{"c", "d"});
}

TEST_CASE("the matrices of all shards, concatenated, are the unsharded matrix", "[matrix]") {
  const auto& d = design("base");
  const auto req = every_flow("base");
  const auto whole = run_matrix(*d.solver, req, 2);
  std::vector<answer> joined;
  for (std::size_t i = 1; i <= 2; ++i) {
    auto part = req;
    part.sources = shard_sources(req.sources, shard_spec{i, 2});
    const auto m = run_matrix(*d.solver, part, 3);
    joined.insert(joined.end(), m.cells.begin(), m.cells.end());
  }
  CHECK(joined == whole.cells);
}

TEST_CASE("a matrix shard is written i/n with 1 <= i <= n", "[matrix]") {
  CHECK(parse_shard("2/4") == shard_spec{2, 4});
  CHECK(parse_shard("1/1") == shard_spec{1, 1});
  for (const char* bad : {"0/3", "4/3", "1/0", "3", "a/b", "1/", "/2", "-1/2"})
    CHECK_THROWS_MATCHES(parse_shard(bad), usage_error,
                         Message("[vpcsim.matrix.bad_shard] shard '" + std::string(bad) +
                                 "' is not i/n with 1 <= i <= n (for example 2/4)"));
}

TEST_CASE("matrix progress is reported once per cell, counting up to the total", "[matrix]") {
  const auto& d = design("base");
  const auto req = every_flow("base");
  std::vector<std::size_t> seen;
  std::size_t total_seen = 0;
  run_matrix(*d.solver, req, 4, [&](std::size_t done, std::size_t total) {
    seen.push_back(done);  // calls never overlap, so no lock is needed here
    total_seen = total;
  });
  REQUIRE(seen.size() == 18);
  CHECK(total_seen == 18);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i + 1);
}

TEST_CASE("a destination that cannot be traced fails the matrix after the pool stops", "[matrix]") {
  const auto& d = design("base");
  matrix_request req;
  req.sources = {I_APP1, I_APP2};
  req.destinations = {"s3", "nowhere.invalid"};
  CHECK_THROWS_MATCHES(run_matrix(*d.solver, req, 4), usage_error,
                       Message("[vpcsim.trace.unknown_destination] cannot resolve 'nowhere.invalid' offline: give an "
                               "IPv4 address, an instance or network interface id, a service name (s3, dynamodb, "
                               "ecr.api, ecr.dkr, ...) or an AWS service hostname"));
}

TEST_CASE("the JSON matrix is an array of trace answers, without paths unless asked", "[matrix][io]") {
  const auto& d = design("base");
  matrix_request req;
  req.sources = {I_APP1};
  req.destinations = {"s3", "ecr"};
  const auto m = run_matrix(*d.solver, req, 1);
  const auto lean = to_json(m, false);
  REQUIRE(lean.is_array());
  REQUIRE(lean.size() == 2);
  CHECK(lean[0]["from"] == I_APP1);
  CHECK(lean[0]["to"] == "s3");
  CHECK(lean[0]["via"] == "gateway-endpoint");
  CHECK_FALSE(lean[0].contains("path"));
  REQUIRE(lean[1]["legs"].size() == 3);
  CHECK_FALSE(lean[1]["legs"][2].contains("path"));
  const auto full = to_json(m, true);
  CHECK(full[0]["path"].size() == m.cells[0].path.size());
  CHECK(full[1]["legs"][2].contains("path"));
}
