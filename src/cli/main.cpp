// vpcsim: offline AWS VPC network simulator.
#include "commands.hpp"

#if VPCSIM_MIMALLOC
#include <mimalloc.h>

#include <cstdlib>
#endif

int main(int argc, char** argv) {
#if VPCSIM_MIMALLOC
  // mimalloc's heap on its default 4 KiB pages, and what is freed given back to the system at once
  // rather than 25 ms later: an import frees each file's text and document as the next ones are
  // read, and the pages it kept were most of its peak beyond the model (`validate` of `enterprise`:
  // 164 MB against 180 MB, in the same time within the machine's noise). The environment's
  // MIMALLOC_DECOMMIT_DELAY (or its older name MIMALLOC_RESET_DELAY), when set, decides instead.
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") == nullptr && std::getenv("MIMALLOC_RESET_DELAY") == nullptr)
    mi_option_set(mi_option_decommit_delay, 0);
#endif
  return vpcsim::cli::run(argc, argv);
}
