#pragma once
/// Grading a learner's design against an exercise (`vpcsim exercise check`): the expected flows'
/// answers, and the constraints beside them, read against the exercise's starting design.

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

/// One constraint and what breaks it.
struct constraint_outcome {
  exercise_constraint constraint;
  std::vector<std::string> breaches;  ///< one line each, in the design's names; empty when kept
  bool kept() const { return breaches.empty(); }
};

struct exercise_report {
  std::string title;
  std::vector<exercise_outcome> outcomes;        ///< in the exercise's order
  std::vector<constraint_outcome> constraints;   ///< in the exercise's order

  std::size_t right() const;
  std::size_t broken() const;  ///< constraints broken
  /// Every flow as expected and every constraint kept: a design passing the flows by breaking a
  /// constraint is not solved.
  bool solved() const { return right() == outcomes.size() && broken() == 0; }
};

/// Traces every flow of `ex` on the learner's `design` (names of instances and interfaces stand
/// for their ids) and compares: the verdict, and `via` or the blocking code and component where the
/// exercise gives them (a composite's `via` must hold on every leg). Then checks each constraint
/// against `start`, the exercise's starting design: rules are "added" when the learner's design has
/// them and the starting one has not, resources matched by id (a design's ids follow from its
/// names). Throws `usage_error` for a flow that cannot be traced as written.
exercise_report grade(const design_result& start, const design_result& design, const exercise& ex);

}  // namespace vpcsim
