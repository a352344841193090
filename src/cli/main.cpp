// vpcsim: offline AWS VPC network simulator.
#include "commands.hpp"

// The tool runs on mimalloc when built with it (CMakeLists.txt `VPCSIM_MIMALLOC`), on its default
// 4 KiB pages: its `MIMALLOC_*` environment variables tune it (docs/performance.md, "The tool's
// allocator").
int main(int argc, char** argv) { return vpcsim::cli::run(argc, argv); }
