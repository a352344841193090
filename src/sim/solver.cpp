// The solver: full answers (path, warnings, message, fix) from the one walk over the compiled
// tables (walk.hpp), worded by explain.cpp. It resolves names and composite destinations; the
// walk decides every AWS rule; no graph is built for a trace.
#include <vpcsim/error.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/provenance.hpp>
#include <vpcsim/sim/solver.hpp>

#include <vpcsim/topology/graph.hpp>

#include "batches.hpp"
#include "changes.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace vpcsim {

/// The topology graph, built on the first call of `solver::topology` (for drawing; no trace needs
/// it), and the compiled tables, built on the first trace.
struct solver::drawing {
  std::once_flag once;
  std::unique_ptr<topology::topology> graph;
  // The compiled tables the walk runs on, built on the first trace.
  std::once_flag compiled_once;
  std::unique_ptr<compiled_network> compiled;
  // Destinations as resolved for a source (DNS, composite legs, endpoint policies), kept for the
  // next trace of the same question: a resolution depends on the source's resolver key only (its
  // VPC, region, zone, DNS64 and family, as `matrix_answers` shares them), and on the interface
  // itself for an IPv6-only one, whose failure names it (VPC-6). A question that throws is not kept.
  std::mutex destinations_mutex;
  std::unordered_map<std::string, std::shared_ptr<const compiled_destination>> destinations;
};

solver::solver(const network& net)
    : net_(net), names_(net), display_(net), drawing_(std::make_unique<drawing>()) {}
solver::solver(const network& net, std::map<std::string, source_location> locations,
               std::future<std::unique_ptr<compiled_network>> tables)
    : solver(net) {
  locations_ = std::move(locations);
  design_ = changes::is_design(locations_);
  if (tables.valid()) drawing_->compiled = tables.get();
}
solver::~solver() = default;
solver::solver(solver&&) noexcept = default;

const topology::topology& solver::topology() const {
  std::call_once(drawing_->once, [&] { drawing_->graph = std::make_unique<topology::topology>(net_); });
  return *drawing_->graph;
}

void solver::name(answer& a) const {
  a.from_name = std::string(display_.of(a.from));  // the hops are named by the walk's recorder (hops.hpp)
  if (a.blocked) {
    a.blocked->component_name = std::string(display_.of(a.blocked->component));
    // `sg-0f22… "endpoints"` after the first mention of each named resource (resource_names::annotate).
    a.blocked->message = display_.annotate(std::move(a.blocked->message));
    a.blocked->fix = display_.annotate(std::move(a.blocked->fix));
    for (auto& f : a.blocked->fixes) f = display_.annotate(std::move(f));
    for (std::size_t i = 0; i < a.blocked->changes.size() && i < a.blocked->fixes.size(); ++i) {
      a.blocked->changes[i].fix = a.blocked->fixes[i];
      in_input_terms(a.blocked->changes[i]);
    }
  }
}

namespace {
// A design references resources by name: each string of `entry` that is the id of a named
// resource becomes its name (`sg-0f22…` -> `"app"`).
void design_names(nlohmann::ordered_json& entry, const resource_names& names) {
  if (entry.is_string()) {
    if (const auto name = names.of(entry.get<std::string>()); !name.empty()) entry = std::string(name);
  } else if (entry.is_structured()) {
    for (auto& v : entry) design_names(v, names);
  }
}
}  // namespace

void solver::in_input_terms(fix_change& c) const {
  // On a design, the edits when every resource they edit is one the design writes (an implied
  // resource, AWS's default NACL say, has no entry to edit); otherwise the commands.
  const bool edits = design_ && !c.edits.empty() && std::all_of(c.edits.begin(), c.edits.end(), [&](const design_edit& e) {
    return e.resource.empty() || locations_.count(e.resource);
  });
  if (!edits) {
    c.edits.clear();
    return;
  }
  for (auto& e : c.edits) {
    if (e.resource.empty()) {
      e.pointer = "/" + e.key;  // the design's top-level list
    } else {
      const auto& l = locations_.at(e.resource);
      e.pointer = l.pointer + "/" + e.key;
      e.location = changes::location_text(l);
    }
    auto entry = nlohmann::ordered_json::parse(e.entry);
    design_names(entry, display_);
    e.entry = entry.dump();
  }
  c.commands.clear();
}

std::optional<std::string> solver::id_named(const std::string& name) const {
  if (auto id = names_.id_for(name)) return std::string(*id);
  return std::nullopt;
}

const compiled_network& solver::compiled() const {
  std::call_once(drawing_->compiled_once, [&] {
    if (!drawing_->compiled) drawing_->compiled = std::make_unique<compiled_network>(net_);
  });
  return *drawing_->compiled;
}

/// The request with the input's names resolved to ids (set only when it names something), its
/// source, and its destination as resolved for that source.
struct solver::question {
  std::optional<flow_request> request;
  compiled_source src;
  std::shared_ptr<const compiled_destination> dst;
};

solver::question solver::ask(const flow_request& req, bool by_id) const {
  // A name stands for the id it tags (design names are Name tags); the answer shows the id. The
  // compiled tables resolve names themselves, so a path verdict, which shows no id, skips this.
  if (by_id && !names_.empty()) {
    auto from = id_named(req.from);
    auto to = id_named(req.to);
    if (from || to) {
      flow_request ids = req;
      if (from) ids.from = *from;
      if (to) ids.to = *to;
      auto q = ask(ids, false);
      q.request = std::move(ids);
      return q;
    }
  }
  // The source (an instance, an ENI, or a private IPv4 of one) and the destination (DNS, composite
  // legs, endpoint policies), with their usage errors.
  const auto& c = compiled();
  question q{std::nullopt, c.source(req.from, req.region), nullptr};
  // The key, appended into one buffer: the source's resolver key, the interface of an IPv6-only
  // one, the action and resource (\x02: none), the IP version and the destination.
  std::string key;
  key.reserve(q.src.resolver_key.size() + req.to.size() + 32);
  key += q.src.resolver_key;
  if (q.src.ipv6_only) key.append("|").append(std::to_string(q.src.eni));
  for (const auto* part : {&req.action, &req.resource})
    if (*part) key.append("\x01").append(**part);
    else key += '\x02';
  key.append("\x01").append(std::to_string(req.ip_version)).append("\x01").append(req.to);
  auto& d = *drawing_;
  {
    std::lock_guard lock(d.destinations_mutex);
    if (auto it = d.destinations.find(key); it != d.destinations.end()) {
      q.dst = it->second;  // kept alive beyond the lock
      return q;
    }
  }
  q.dst = std::make_shared<const compiled_destination>(c.destination(req.to, q.src, req.action, req.resource, req.ip_version));
  {
    std::lock_guard lock(d.destinations_mutex);
    if (d.destinations.size() >= 1u << 14) d.destinations.clear();  // many distinct questions: bounded memory
    d.destinations.emplace(std::move(key), q.dst);
  }
  return q;
}

answer solver::trace(const flow_request& req) const {
  const auto q = ask(req, true);
  return trace(q.src, *q.dst, q.request ? *q.request : req);
}

path_verdict solver::trace_path(const flow_request& req) const {
  const auto q = ask(req, false);
  return compiled().trace_path(q.src, *q.dst, q.request ? *q.request : req);
}

answer solver::trace(const compiled_source& src, const compiled_destination& dst, const flow_request& req) const {
  const auto& c = compiled();
  auto one = [&](const compiled_leg& leg, const std::string& to) {
    answer a = c.answer_for(src, leg, req);
    a.from = req.from;
    a.to = to;
    a.protocol = req.protocol.name();
    a.port = req.port;
    name(a);
    note_unresolved(net_, a);  // a link the input leaves unknown (a plan's, TF-2) that the answer crosses
    return a;
  };
  if (!dst.composite) return one(dst.legs.front(), req.to);

  // ECR-1, ECR-2, B.9 step 6: a composite destination is traced leg by leg.
  answer top;
  top.from = req.from;
  top.to = req.to;
  top.protocol = req.protocol.name();
  top.port = req.port;
  top.reachable = true;
  std::string names;
  for (const auto& leg : dst.legs) {
    auto a = one(leg, leg.name);
    if (!a.reachable && top.reachable) {
      top.reachable = false;
      top.blocked = a.blocked;
    }
    names += (names.empty() ? "" : " + ") + leg.name;
    top.legs.push_back(std::move(a));
  }
  top.resolved = resolution{"", "composite: " + names, {}, {}};
  top.from_name = std::string(display_.of(top.from));  // the legs and their blocking are named
  note_unresolved(net_, top);
  return top;
}

struct matrix_answers::impl {
  const solver& s;
  const matrix_request& request;
  struct column {
    std::optional<compiled_destination> dst;
    std::string to;  // the id the answer shows
    std::exception_ptr error;
  };
  struct row {
    compiled_source src;
    std::string from;  // the id the answer shows
    std::exception_ptr error;
    const std::vector<column>* columns = nullptr;
  };
  std::vector<row> rows;
  std::unordered_map<std::string, std::vector<column>> by_key;  // DNS answers depend on the source's VPC, region and AZ
};

matrix_answers::matrix_answers(const solver& s, const matrix_request& request, unsigned jobs)
    : impl_(std::make_unique<impl>(impl{s, request, {}, {}})) {
  auto& m = *impl_;
  const auto& c = s.compiled();
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  m.rows.resize(request.sources.size());
  detail::in_batches(m.rows.size(), 256, jobs, [&](std::size_t i) {
    auto& r = m.rows[i];
    r.from = s.id_named(request.sources[i]).value_or(request.sources[i]);
    try {
      r.src = c.source(request.sources[i], request.region);
    } catch (...) {
      r.error = std::current_exception();
    }
  });
  for (auto& r : m.rows) {
    if (r.error) continue;
    auto [it, fresh] = m.by_key.try_emplace(r.src.resolver_key);
    if (fresh)
      for (const auto& to : request.destinations) {
        auto& col = it->second.emplace_back();
        col.to = s.id_named(to).value_or(to);
        try {
          col.dst = c.destination(to, r.src, std::nullopt, std::nullopt, request.ip_version);
        } catch (...) {
          col.error = std::current_exception();
        }
      }
    r.columns = &it->second;
  }
}

matrix_answers::~matrix_answers() = default;

answer matrix_answers::operator()(std::size_t cell) const {
  const auto& m = *impl_;
  const auto& r = m.rows[cell / m.request.destinations.size()];
  if (r.error) std::rethrow_exception(r.error);
  const auto& col = (*r.columns)[cell % m.request.destinations.size()];
  if (col.error) std::rethrow_exception(col.error);
  flow_request req = m.request.cell(cell);
  req.from = r.from;
  req.to = col.to;
  return m.s.trace(r.src, *col.dst, req);
}

// A loop of `trace(net, …)` builds the solver (name indexes) once: each thread keeps the
// solver of the last network it traced, found again by the network's revision, which changes on
// every change to the network and is never shared by another network (no lock, no stale answer).
answer trace(const network& net, const flow_request& request) {
  thread_local std::uint64_t revision = 0;
  thread_local std::unique_ptr<solver> cached;
  if (!cached || revision != net.revision()) {
    cached.reset();  // the old network may be gone: drop its solver before building the new one
    cached = std::make_unique<solver>(net);
    revision = net.revision();
  }
  return cached->trace(request);
}

}  // namespace vpcsim
