// libFuzzer target: see vpcsim::fuzz::design_load (entry_points.hpp) for what one input means.
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vpcsim::fuzz::design_load(data, size);
  return 0;
}
