#pragma once
// Checking an exercise's constraints (io/exercise.hpp) on a learner's design. Private to
// src/exercise/.

#include <vpcsim/io/design.hpp>
#include <vpcsim/io/exercise.hpp>

#include <string>
#include <vector>

namespace vpcsim::detail::exercise {

/// The id of an instance or network interface the design names so, else the text itself (an id,
/// an address or a service).
std::string resolve(const design_result& d, const std::string& name);

/// What breaks `c` in `design` compared with the exercise's `start`, one line each in the design's
/// names; empty when the constraint is kept.
std::vector<std::string> breaches(const exercise_constraint& c, const design_result& start, const design_result& design,
                                  const vpcsim::exercise& ex);

}  // namespace vpcsim::detail::exercise
