#pragma once
/// A graded exercise as text for the learner: one line per flow, what was expected and a hint
/// where the design does not give the expected answer, then the score.

#include <vpcsim/exercise/grade.hpp>

#include <string>

namespace vpcsim::report {

/// `vpcsim exercise check`'s output.
std::string to_text(const exercise_report& r);

}  // namespace vpcsim::report
