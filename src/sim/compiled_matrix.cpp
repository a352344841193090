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

  // Each class's verdicts, from its representative's walk, and their answers as the
  // representative's cells.
  std::vector<verdict> class_verdicts(n_classes * cols);
  std::vector<answer> class_answers(n_classes * cols);
  detail::in_batches(n_classes * cols, 256, jobs, [&](std::size_t k) {
    const std::size_t i = classes.representative[k / cols], j = k % cols;
    class_verdicts[k] = c.trace(sources[i], groups[row_group[i]][j], request.protocol, request.port,
                                linux_ephemeral_ports, request.max_hops);
    class_answers[k] = c.to_answer(class_verdicts[k], request.cell(i * cols + j));
  });

  // Each cell: its class's answer for the source, worded anew only where the verdict names the
  // source itself (`rebase`).
  std::mutex progress_mutex;
  std::size_t done = 0;
  detail::in_batches(rows, 64, jobs, [&](std::size_t i) {
    const std::uint32_t k = classes.class_of[i];
    const auto& rep = sources[classes.representative[k]];
    std::string from_name;  // the source's name in the input, as `to_answer` gives it
    bool named = false;
    for (std::size_t j = 0; j < cols; ++j) {
      answer& a = out.cells[i * cols + j];
      verdict v = class_verdicts[k * cols + j];
      if (engine::rebase(v, t, rep, sources[i])) {
        a = c.to_answer(v, request.cell(i * cols + j));
        continue;
      }
      if (!named) {
        from_name = classes.representative[k] == i ? class_answers[k * cols + j].from_name
                                                   : c.to_answer(verdict{}, request.cell(i * cols + j)).from_name;
        named = true;
      }
      a = class_answers[k * cols + j];
      a.from = request.sources[i];
      a.from_name = from_name;
      for (auto& l : a.legs) {
        l.from = a.from;
        l.from_name = from_name;
      }
    }
    if (progress) {
      std::lock_guard lock(progress_mutex);
      done += cols;
      progress(done, total);
    }
  });
  return out;
}

}  // namespace vpcsim
