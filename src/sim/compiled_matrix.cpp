// All-pairs reachability on the compiled engine: resolve once, trace in batches on a thread pool.
#include <vpcsim/sim/compiled.hpp>

#include "batches.hpp"
#include "classes.hpp"

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
  // One group of destinations per resolver key, numbered in output order of first use.
  std::map<std::string, std::uint32_t> by_key;
  std::vector<std::vector<compiled_destination>> groups;
  std::vector<std::uint32_t> row_group(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    if (source_errors[i]) std::rethrow_exception(source_errors[i]);
    auto [it, fresh] = by_key.try_emplace(sources[i].resolver_key, static_cast<std::uint32_t>(groups.size()));
    if (fresh) {
      groups.emplace_back();
      for (const auto& to : request.destinations) groups.back().push_back(c.destination(to, sources[i]));
    }
    row_group[i] = it->second;
  }

  // Issue #24: sources with the same forwarding context (classes.hpp) are walked once per
  // destination; every member takes its class's verdict, rebased onto itself.
  const auto& t = c.internal_tables();
  std::vector<std::uint32_t> destination_addresses;
  for (const auto& g : groups)
    for (const auto& d : g)
      for (const auto& leg : d.legs)
        if (leg.resolved) destination_addresses.push_back(leg.address.to_uint());
  const engine::source_classifier classifier(t, std::move(destination_addresses));
  const engine::source_classes classes = engine::classify(classifier, sources, row_group, jobs);
  const std::size_t n_classes = classes.representative.size();
  out.classes = n_classes;

  std::vector<verdict> class_verdicts(n_classes * cols);
  detail::in_batches(n_classes * cols, 256, jobs, [&](std::size_t k) {
    const std::size_t i = classes.representative[k / cols], j = k % cols;
    class_verdicts[k] = c.trace(sources[i], groups[row_group[i]][j], request.protocol, request.port,
                                linux_ephemeral_ports, request.max_hops);
  });

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
      const std::uint32_t k = classes.class_of[i];
      verdict v = class_verdicts[k * cols + j];
      engine::rebase(v, t, sources[classes.representative[k]], sources[i]);
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
