// libFuzzer target: see vpcsim::fuzz::aws_cli_import (entry_points.hpp) for what one input means.
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vpcsim::fuzz::aws_cli_import(data, size);
  return 0;
}
