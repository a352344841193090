// Grading an exercise: trace each expected flow on the learner's design and compare, then check
// the constraints (constraints.cpp).
#include "constraints.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/exercise/grade.hpp>
#include <vpcsim/net/protocol.hpp>
#include <vpcsim/sim/solver.hpp>

#include <algorithm>

namespace vpcsim {

namespace {

std::string describe(const answer& a, const design_result& d) {
  if (a.reachable) return "reachable" + (a.via ? " via " + *a.via : std::string{});
  if (!a.blocked) return "not reachable";
  return "blocked: " + a.blocked->code + " at " + d.name_of(a.blocked->component);
}

std::string describe(const exercise_flow& f) {
  if (f.reachable) return "reachable" + (f.via ? " via " + *f.via : std::string{});
  std::string out = "blocked";
  if (f.code) out += ": " + *f.code;
  if (f.component) out += (f.code ? " at " : ": at ") + *f.component;
  return out;
}

// The answer matches when the verdict does and every expected detail does.
bool matches(const exercise_flow& f, const answer& a, const design_result& d) {
  if (a.reachable != f.reachable) return false;
  if (f.reachable) {
    if (!f.via) return true;
    if (a.via == f.via) return true;
    // A composite (`ecr`) carries `via` on its legs: each must match.
    if (a.legs.empty()) return false;
    return std::all_of(a.legs.begin(), a.legs.end(), [&](const answer& leg) { return leg.via == f.via; });
  }
  if (!a.blocked) return false;
  if (f.code && a.blocked->code != *f.code) return false;
  if (f.component && d.name_of(a.blocked->component) != *f.component && a.blocked->component != *f.component) return false;
  return true;
}

}  // namespace

namespace detail::exercise {

std::string resolve(const design_result& d, const std::string& name) {
  for (const auto& [id, n] : d.names)
    if (n == name && (id.starts_with("i-") || id.starts_with("eni-"))) return id;
  return name;
}

}  // namespace detail::exercise

std::size_t exercise_report::right() const {
  return static_cast<std::size_t>(std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.passed; }));
}

std::size_t exercise_report::broken() const {
  return static_cast<std::size_t>(std::count_if(constraints.begin(), constraints.end(), [](const auto& c) { return !c.kept(); }));
}

exercise_report grade(const design_result& start, const design_result& design, const exercise& ex) {
  using detail::exercise::resolve;
  const solver s(design.loaded.network);
  exercise_report report{ex.title, {}, {}};
  for (const auto& f : ex.flows) {
    flow_request req;
    req.from = resolve(design, f.from);
    req.to = resolve(design, f.to);
    const auto proto = protocol::parse(f.protocol);  // checked by parse_exercise
    if (!proto) throw usage_error("vpcsim.exercise.bad_value", f.pointer + ": protocol '" + f.protocol + "'");
    req.protocol = *proto;
    req.port = f.port;
    if (f.client_ports) req.client_ports = *f.client_ports;
    exercise_outcome o{f, s.trace(req), false, {}, describe(f)};
    o.passed = matches(f, o.got, design);
    o.got_text = describe(o.got, design);
    report.outcomes.push_back(std::move(o));
  }
  for (const auto& c : ex.constraints)
    report.constraints.push_back(constraint_outcome{c, detail::exercise::breaches(c, start, design, ex)});
  return report;
}

}  // namespace vpcsim
