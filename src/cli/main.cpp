// vpcsim: offline AWS VPC network simulator.
#include "commands.hpp"

#if VPCSIM_MIMALLOC
#include <mimalloc.h>

#include <cstdlib>
#endif

int main(int argc, char** argv) {
#if VPCSIM_MIMALLOC
  // The heap on 2 MiB pages (transparent huge pages where the kernel offers them), committed from
  // the first segment on: loading a large estate touches hundreds of MB, a page fault per 4 KiB
  // otherwise. The environment's MIMALLOC_LARGE_OS_PAGES, when set, decides instead.
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr) {
    mi_option_enable(mi_option_large_os_pages);
    mi_option_set(mi_option_eager_commit_delay, 0);
  }
#endif
  return vpcsim::cli::run(argc, argv);
}
