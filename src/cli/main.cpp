// vpcsim: offline AWS VPC network simulator.
#include "commands.hpp"
#include "load.hpp"

#if VPCSIM_MIMALLOC
#include <mimalloc.h>

#include <cstdlib>
#endif

int main(int argc, char** argv) {
#if VPCSIM_MIMALLOC
  // mimalloc's heap (docs/performance.md, "The import's peak"). While inputs are read, on its
  // default 4 KiB pages, and what is freed given back to the system at once rather than 25 ms
  // later: an import frees each file's text and document as the next ones are read, and pages kept
  // or rounded up to 2 MiB were most of its peak beyond the model (`validate` of `enterprise`:
  // 167 MB against 217-238 MB). Then, for the compiled tables and the flows, large and kept until
  // the end, new memory on 2 MiB pages: a fault per 2 MiB rather than per 4 KiB (`matrix` of
  // `huge` after import: as fast as before, where 4 KiB pages took 0.1-1.1 s more). The
  // environment's MIMALLOC_DECOMMIT_DELAY (or its older name MIMALLOC_RESET_DELAY) and
  // MIMALLOC_LARGE_OS_PAGES, when set, decide instead.
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") == nullptr && std::getenv("MIMALLOC_RESET_DELAY") == nullptr)
    mi_option_set(mi_option_decommit_delay, 0);
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr)
    vpcsim::cli::on_inputs_read = [] {
      mi_option_enable(mi_option_large_os_pages);
      mi_option_set(mi_option_eager_commit_delay, 0);
    };
#endif
  return vpcsim::cli::run(argc, argv);
}
