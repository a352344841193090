#pragma once
/// Limits on what vpcsim reads and how far it traces, shared by the library and the CLI
/// (`--max-input-bytes`, `--max-json-depth`, `--max-hops`). Hostile or broken input stops with a
/// diagnostic naming the limit instead of exhausting memory, the stack or time.

#include <cstddef>
#include <cstdint>

namespace vpcsim {

struct limits {
  /// Largest input file read, in bytes (`vpcsim.import.too_large` above it). Large captures are
  /// split per describe-* call; one response of 128 MiB is far beyond any real account.
  std::uint64_t max_input_bytes = std::uint64_t{128} << 20;
  /// Deepest JSON nesting of a file or of an embedded policy document (`vpcsim.import.too_deep`
  /// above it). AWS CLI output nests about 8 levels, policy documents about 6.
  std::size_t max_json_depth = 64;
  /// Longest trace path, in hops, before the solver gives up with a `LOOP` verdict. A real path
  /// has fewer than 30 hops; a routing loop is caught earlier, when it revisits a route table.
  std::size_t max_hops = 64;
};

}  // namespace vpcsim
