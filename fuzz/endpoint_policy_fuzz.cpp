// libFuzzer target: see vpcsim::fuzz::endpoint_policy (entry_points.hpp) for what one input means.
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vpcsim::fuzz::endpoint_policy(data, size);
  return 0;
}
