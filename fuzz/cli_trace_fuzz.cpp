// libFuzzer target: see vpcsim::fuzz::cli_trace (entry_points.hpp) for what one input means.
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vpcsim::fuzz::cli_trace(data, size);
  return 0;
}
