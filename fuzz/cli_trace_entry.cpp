#include "entry_points.hpp"

#include "commands.hpp"

#include <string>
#include <vector>

namespace vpcsim::fuzz {

void cli_trace(const std::uint8_t* data, std::size_t size) {
  // Arguments after `trace NETWORK`, separated by NUL bytes; a cap keeps inputs cheap.
  std::vector<std::string> args{"vpcsim", "trace", VPCSIM_FUZZ_NETWORK};
  std::string current;
  for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
    if (data[i] == 0) {
      args.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(static_cast<char>(data[i]));
    }
  }
  if (!current.empty() && args.size() < 64) args.push_back(std::move(current));
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  // Bad arguments are a status of 2 with a message; only internal errors escape run_unguarded.
  (void)cli::run_unguarded(static_cast<int>(args.size()), argv.data());
}

}  // namespace vpcsim::fuzz
