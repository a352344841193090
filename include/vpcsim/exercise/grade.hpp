#pragma once
/// Grading a learner's design against an exercise's expected answers (`vpcsim exercise check`).

#include <vpcsim/io/design.hpp>
#include <vpcsim/io/exercise.hpp>
#include <vpcsim/sim/answer.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace vpcsim {

/// One expected flow, the answer the design gets, and whether they agree.
struct exercise_outcome {
  exercise_flow expected;
  answer got;
  bool passed = false;
  std::string got_text;       ///< `reachable via gateway-endpoint`, `blocked: CODE at <design name>`
  std::string expected_text;  ///< the expectation in the same words
};

struct exercise_report {
  std::string title;
  std::vector<exercise_outcome> outcomes;  ///< in the exercise's order

  std::size_t right() const;
  bool solved() const { return right() == outcomes.size(); }
};

/// Traces every flow of `ex` on the design (names of instances and interfaces stand for their
/// ids) and compares: the verdict, and `via` or the blocking code and component where the
/// exercise gives them (a composite's `via` must hold on every leg). Throws `usage_error` for a
/// flow that cannot be traced as written.
exercise_report grade(const design_result& design, const exercise& ex);

}  // namespace vpcsim
