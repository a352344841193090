// All-pairs reachability on the compiled engine: resolve once, trace in batches on a thread pool.
#include <vpcsim/sim/compiled.hpp>

#include "batches.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace vpcsim {

matrix_result run_matrix(const compiled_network& c, const matrix_request& request, unsigned jobs,
                         const matrix_progress& progress) {
  matrix_result out;
  out.sources = request.sources;
  out.destinations = request.destinations;
  const std::size_t rows = request.sources.size(), cols = request.destinations.size(), total = rows * cols;
  out.cells.resize(total);
  if (total == 0) return out;

  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  // Sources on the pool (an unknown source is kept for its place in the output order), then the
  // destinations in output order, so the first error is the plain matrix's first error. DNS
  // answers depend on the source's VPC, region and AZ only: one destination per (key, column).
  std::vector<compiled_source> sources(rows);
  std::vector<std::exception_ptr> source_errors(rows);
  detail::in_batches(rows, 256, jobs, [&](std::size_t i) {
    try {
      sources[i] = c.source(request.sources[i], request.region);
    } catch (...) {
      source_errors[i] = std::current_exception();
    }
  });
  std::map<std::string, std::vector<compiled_destination>> by_key;
  std::vector<const std::vector<compiled_destination>*> row_dest(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    if (source_errors[i]) std::rethrow_exception(source_errors[i]);
    auto [it, fresh] = by_key.try_emplace(sources[i].resolver_key);
    if (fresh)
      for (const auto& to : request.destinations) it->second.push_back(c.destination(to, sources[i]));
    row_dest[i] = &it->second;
  }

  std::mutex progress_mutex;
  std::size_t done = 0;
  constexpr std::size_t batch = 512;
  detail::in_batches((total + batch - 1) / batch, 1, jobs, [&](std::size_t b) {
    const std::size_t first = b * batch, last = std::min(total, first + batch);
    flow_request req;
    req.protocol = request.protocol;
    req.port = request.port;
    req.max_hops = request.max_hops;
    for (std::size_t cell = first; cell < last; ++cell) {
      const std::size_t i = cell / cols, j = cell % cols;
      const verdict v = c.trace(sources[i], (*row_dest[i])[j], request.protocol, request.port, linux_ephemeral_ports,
                                request.max_hops);
      req.from = request.sources[i];
      req.to = request.destinations[j];
      out.cells[cell] = c.to_answer(v, req);
    }
    if (progress) {
      std::lock_guard lock(progress_mutex);
      done += last - first;
      progress(done, total);
    }
  });
  return out;
}

}  // namespace vpcsim
