#pragma once
/// All-pairs reachability: every source × every destination, traced on a thread pool, in an
/// order that does not depend on the number of threads (design.md "Performance model", "Scale").

#include <vpcsim/limits.hpp>
#include <vpcsim/net/protocol.hpp>
#include <vpcsim/sim/answer.hpp>
#include <vpcsim/sim/solver.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// One shard of a batch: `index` of `count`, 1-based (`--shard 2/4`).
struct shard_spec {
  std::size_t index = 1;
  std::size_t count = 1;
  bool operator==(const shard_spec&) const = default;
};

/// Parses `i/n` with 1 <= i <= n. Throws `usage_error` (`vpcsim.matrix.bad_shard`).
shard_spec parse_shard(std::string_view text);

/// The sources shard `s` takes: a contiguous run, in order. Shards 1..n partition `sources`, and
/// their outputs concatenated in shard order are the unsharded output.
std::vector<std::string> shard_sources(const std::vector<std::string>& sources, shard_spec s);

/// `s3`, `dynamodb`, `ecr`: the destinations of `vpcsim matrix` and `vpcsim diff` without `--to`.
std::vector<std::string> default_matrix_destinations();

struct matrix_request {
  std::vector<std::string> sources;       ///< as `trace` takes them, in output order
  std::vector<std::string> destinations;  ///< as `trace` takes them, in output order
  vpcsim::protocol protocol = protocol::tcp();
  std::uint16_t port = 443;
  std::string region;  ///< for sources whose region the input does not say
  std::size_t max_hops = limits{}.max_hops;  ///< as `flow_request::max_hops`
  bool paths = true;  ///< as `flow_request::path`: false leaves the answers' paths empty
  int ip_version = 0;  ///< as `flow_request::ip_version` (DNS-14)

  /// The question of cell `cell` (row-major: source `cell / destinations.size()`, destination
  /// `cell % destinations.size()`).
  flow_request cell(std::size_t cell) const {
    flow_request req;
    req.from = sources[cell / destinations.size()];
    req.to = destinations[cell % destinations.size()];
    req.protocol = protocol;
    req.port = port;
    req.region = region;
    req.max_hops = max_hops;
    req.path = paths;
    req.ip_version = ip_version;
    return req;
  }
};

/// Called after each traced cell with the number done and the total; one call at a time, from the
/// pool's threads.
using matrix_progress = std::function<void(std::size_t done, std::size_t total)>;

struct matrix_result {
  std::vector<std::string> sources;
  std::vector<std::string> destinations;
  std::vector<answer> cells;  ///< row-major: source i, destination j at i * destinations.size() + j
  /// The compiled engine's equivalence classes of sources, each walked once per destination
  /// (issue #24); 0 when every source was traced on its own (the solver's `run_matrix`).
  std::size_t classes = 0;

  const answer& at(std::size_t source, std::size_t destination) const {
    return cells[source * destinations.size() + destination];
  }
};

/// Traces every source × destination on `jobs` threads (0: one per core). The result is the same
/// for every `jobs`. When a trace throws (an unknown source or destination), the first such error
/// in output order is rethrown after the pool has stopped.
matrix_result run_matrix(const solver& s, const matrix_request& request, unsigned jobs = 0,
                         const matrix_progress& progress = {});

}  // namespace vpcsim
