#pragma once
/// A graded exercise as text for the learner: one line per flow with what was expected and what
/// blocks it (the symptom, never the fix), one line per constraint with what breaks it, then the
/// verdict. The AWS behaviour behind each flow (`why`) is shown once the exercise is solved.

#include <vpcsim/exercise/grade.hpp>

#include <string>

namespace vpcsim::report {

/// `vpcsim exercise check`'s output; ends with `: solved` or `: not solved` and a newline.
std::string to_text(const exercise_report& r);

}  // namespace vpcsim::report
