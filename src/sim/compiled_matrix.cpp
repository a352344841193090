// All-pairs reachability on the compiled engine: resolve once, walk one source per equivalence
// class of sources (classes.hpp) in batches on a thread pool.
#include <vpcsim/sim/compiled.hpp>

#include "batches.hpp"
#include "classes.hpp"
#include "../report/escape.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace vpcsim {

namespace {

// What both matrices share: the sources and destinations resolved once, the classes of sources,
// and each class's verdicts from its representative's walk.
struct classed_matrix {
  std::vector<compiled_source> sources;
  std::vector<std::vector<compiled_destination>> groups;  // per resolver key, in output order of first use
  std::vector<std::uint32_t> row_group;
  engine::source_classes classes;
  // Class k's verdict for destination j at k * cols + j: its own fields, and a composite's legs
  // apart (a verdict with room for them is 600 bytes; most have none).
  std::vector<leg_verdict> class_flows;
  std::vector<std::unique_ptr<const verdict>> class_composites;

  classed_matrix(const compiled_network& c, const matrix_request& request, unsigned jobs) {
    const std::size_t rows = request.sources.size(), cols = request.destinations.size();
    // Sources on the pool (an unknown source is kept for its place in the output order), then the
    // destinations in output order, so the first error is the plain matrix's first error. DNS
    // answers depend on the source's VPC, region and AZ only: one destination per (key, column).
    sources.resize(rows);
    std::vector<std::exception_ptr> source_errors(rows);
    detail::in_batches(rows, 256, jobs, [&](std::size_t i) {
      try {
        sources[i] = c.source(request.sources[i], request.region);
      } catch (...) {
        source_errors[i] = std::current_exception();
      }
    });
    std::unordered_map<std::string_view, std::uint32_t> by_key;  // views of the sources' keys
    row_group.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
      if (source_errors[i]) std::rethrow_exception(source_errors[i]);
      auto [it, fresh] = by_key.try_emplace(sources[i].resolver_key, static_cast<std::uint32_t>(groups.size()));
      if (fresh) {
        groups.emplace_back();
        for (const auto& to : request.destinations) groups.back().push_back(c.destination(to, sources[i], std::nullopt, std::nullopt, request.ip_version));
      }
      row_group[i] = it->second;
    }

    // Issue #24: sources with the same forwarding context (classes.hpp) are walked once per
    // destination; every member takes its class's verdict, rebased onto itself.
    std::vector<std::uint32_t> destination_addresses;
    for (const auto& g : groups)
      for (const auto& d : g)
        for (const auto& leg : d.legs)
          // An IPv6 destination's holder is a class of its own already: the key holds its IPv6 addresses.
          if (leg.resolved && leg.address.is_v4()) destination_addresses.push_back(leg.address.to_v4().to_uint());
    const engine::source_classifier classifier(c.internal_tables(), std::move(destination_addresses));
    classes = engine::classify(classifier, sources, row_group, jobs);
    class_flows.resize(classes.representative.size() * cols);
    class_composites.resize(class_flows.size());
    detail::in_batches(class_flows.size(), 256, jobs, [&](std::size_t k) {
      const std::size_t i = classes.representative[k / cols], j = k % cols;
      const verdict v = c.trace(sources[i], groups[row_group[i]][j], request.protocol, request.port,
                                linux_ephemeral_ports, request.max_hops);
      if (v.leg_count) class_composites[k] = std::make_unique<const verdict>(v);
      else class_flows[k] = v;
    });
  }

  std::size_t class_cells() const { return class_flows.size(); }
  verdict class_verdict(std::size_t k) const {
    if (class_composites[k]) return *class_composites[k];
    verdict v;
    static_cast<leg_verdict&>(v) = class_flows[k];
    return v;
  }

  const compiled_source& representative(std::size_t row) const {
    return sources[classes.representative[classes.class_of[row]]];
  }
};

// The CSV fields of a verdict after the destination (`report::to_csv` of its answer):
// `,reachable,via,blocked_code,blocked_component\n`.
void append_csv_tail(std::string& out, const verdict& v) {
  auto field = [&out](std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) out += s;
    else out += report::detail::csv_field(std::string(s));
  };
  out += v.reachable ? ",true," : ",false,";
  if (v.reachable) {
    if (!v.leg_count) {
      field(to_string(v.via));
    } else {  // a composite's legs, joined by `+` (`?` for a leg without a via)
      std::string via;
      for (std::uint8_t i = 0; i < v.leg_count; ++i) {
        if (i) via += '+';
        via += v.legs[i].via == via_kind::none ? std::string_view("?") : to_string(v.legs[i].via);
      }
      field(via);
    }
  }
  out += ',';
  if (v.blocked) field(v.code);
  out += ',';
  if (v.blocked) field(v.component);
  out += '\n';
}

}  // namespace

matrix_result run_matrix(const compiled_network& c, const matrix_request& request, unsigned jobs,
                         const matrix_progress& progress) {
  matrix_result out;
  out.sources = request.sources;
  out.destinations = request.destinations;
  const std::size_t rows = request.sources.size(), cols = request.destinations.size(), total = rows * cols;
  out.cells.resize(total);
  if (total == 0) return out;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  const classed_matrix m(c, request, jobs);
  const auto& t = c.internal_tables();
  const auto& classes = m.classes;
  out.classes = classes.representative.size();

  // Each class's answers, as its representative's cells.
  std::vector<answer> class_answers(m.class_cells());
  detail::in_batches(class_answers.size(), 256, jobs, [&](std::size_t k) {
    const std::size_t i = classes.representative[k / cols], j = k % cols;
    class_answers[k] = c.to_answer(m.class_verdict(k), request.cell(i * cols + j));
  });

  // Each cell: its class's answer for the source, worded anew only where the verdict names the
  // source itself (`rebase`).
  std::mutex progress_mutex;
  std::size_t done = 0;
  detail::in_batches(rows, 64, jobs, [&](std::size_t i) {
    const std::uint32_t k = classes.class_of[i];
    const auto& rep = m.representative(i);
    std::string from_name;  // the source's name in the input, as `to_answer` gives it
    bool named = false;
    for (std::size_t j = 0; j < cols; ++j) {
      answer& a = out.cells[i * cols + j];
      verdict v = m.class_verdict(k * cols + j);
      if (engine::rebase(v, t, rep, m.sources[i])) {
        a = c.to_answer(v, request.cell(i * cols + j));
        continue;
      }
      const answer& shared = class_answers[k * cols + j];
      if (!named) {
        from_name = classes.representative[k] == i ? shared.from_name
                                                   : c.to_answer(verdict{}, request.cell(i * cols + j)).from_name;
        named = true;
      }
      a = shared;  // then the source's own id and name
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

void write_matrix_csv(const compiled_network& c, const matrix_request& request, const text_sink& write, unsigned jobs,
                      const matrix_progress& progress, std::size_t* classes_out) {
  const std::string_view header = "source,destination,reachable,via,blocked_code,blocked_component\n";
  const std::size_t rows = request.sources.size(), cols = request.destinations.size(), total = rows * cols;
  if (classes_out) *classes_out = 0;
  if (total == 0) return write(header);
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  const classed_matrix m(c, request, jobs);  // a source or destination that does not resolve: nothing written
  write(header);
  const auto& t = c.internal_tables();
  const auto& classes = m.classes;
  if (classes_out) *classes_out = classes.representative.size();

  auto escaped = [](const std::string& s) {
    return s.find_first_of(",\"\r\n") == std::string::npos ? s : report::detail::csv_field(s);
  };
  std::vector<std::string> destinations(cols);
  for (std::size_t j = 0; j < cols; ++j) destinations[j] = "," + escaped(request.destinations[j]);
  // Each class's fields after the destination, written once.
  std::vector<std::string> tails(m.class_cells());
  for (std::size_t k = 0; k < tails.size(); ++k) append_csv_tail(tails[k], m.class_verdict(k));

  // Rows in batches on the pool, each batch into its own text, written in order as soon as the
  // batches before it are (the pool takes them in order, so few wait) and then freed.
  constexpr std::size_t batch = 512;
  std::vector<std::string> parts((rows + batch - 1) / batch);
  std::vector<bool> done_parts(parts.size());
  std::size_t next = 0;  // the first part not written
  std::mutex order_mutex;
  std::size_t done = 0;
  detail::in_batches(parts.size(), 1, jobs, [&](std::size_t b) {
    std::string part;
    const std::size_t first = b * batch, last = std::min(rows, first + batch);
    part.reserve((last - first) * cols * 80);
    for (std::size_t i = first; i < last; ++i) {
      const std::uint32_t k = classes.class_of[i];
      const std::string source = escaped(request.sources[i]);
      for (std::size_t j = 0; j < cols; ++j) {
        part += source;
        part += destinations[j];
        verdict v = m.class_verdict(k * cols + j);
        if (engine::rebase(v, t, m.representative(i), m.sources[i])) append_csv_tail(part, v);
        else part += tails[k * cols + j];
      }
    }
    std::lock_guard lock(order_mutex);
    parts[b] = std::move(part);
    done_parts[b] = true;
    for (; next < parts.size() && done_parts[next]; ++next) {
      write(parts[next]);
      std::string().swap(parts[next]);
    }
    if (progress) {
      done += (last - first) * cols;
      progress(done, total);
    }
  });
}

std::string matrix_csv(const compiled_network& c, const matrix_request& request, unsigned jobs,
                       const matrix_progress& progress, std::size_t* classes_out) {
  std::string out;
  write_matrix_csv(c, request, [&out](std::string_view text) { out += text; }, jobs, progress, classes_out);
  return out;
}

}  // namespace vpcsim
