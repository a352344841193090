// A graded exercise as text: `ok`/`WRONG` per flow, the expectation and the hint when wrong.
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
      if (o.got.blocked) out << "       " << o.got.blocked->message << '\n';
      out << "       hint: " << f.why << '\n';
    }
  }
  out << '\n' << r.right() << " of " << r.outcomes.size() << " answers as expected" << (r.solved() ? ": solved\n" : "\n");
  return out.str();
}

}  // namespace vpcsim::report
