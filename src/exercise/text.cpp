// A graded exercise as text: `ok`/`WRONG` per flow, `kept`/`BROKEN` per constraint, the verdict.
#include <vpcsim/exercise/text.hpp>

#include <sstream>

namespace vpcsim::report {

std::string to_text(const exercise_report& r) {
  std::ostringstream out;
  out << r.title << "\n\n";
  for (const auto& o : r.outcomes) {
    const auto& f = o.expected;
    out << (o.passed ? "ok     " : "WRONG  ") << f.from << " -> " << f.to << " " << f.protocol << "/" << f.port << ": "
        << o.got_text << '\n';
    if (!o.passed) {
      out << "       expected " << o.expected_text << '\n';
      // What stops it is the symptom; the fix is the learner's to find (hints on request).
      if (o.got.blocked) out << "       " << o.got.blocked->message << '\n';
    }
  }
  if (!r.constraints.empty()) out << '\n';
  for (const auto& c : r.constraints) {
    out << (c.kept() ? "kept   " : "BROKEN ") << c.constraint.name << '\n';
    if (c.kept()) continue;
    for (const auto& b : c.breaches) out << "       " << b << '\n';
    out << "       " << c.constraint.why << '\n';
  }
  if (r.solved()) {
    out << "\nWhat this exercise shows:\n";
    for (const auto& o : r.outcomes) out << "- " << o.expected.from << " -> " << o.expected.to << ": " << o.expected.why << '\n';
  }
  out << '\n' << r.right() << " of " << r.outcomes.size() << " answers as expected";
  if (!r.constraints.empty())
    out << ", " << (r.broken() == 0 ? std::string("every constraint kept")
                                    : std::to_string(r.broken()) + " of " + std::to_string(r.constraints.size()) +
                                          " constraints broken");
  out << (r.solved() ? ": solved\n" : ": not solved\n");
  return out.str();
}

}  // namespace vpcsim::report
