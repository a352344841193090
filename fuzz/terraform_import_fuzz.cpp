// libFuzzer target: see vpcsim::fuzz::terraform_import (entry_points.hpp) for what one input means.
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vpcsim::fuzz::terraform_import(data, size);
  return 0;
}
