#pragma once
/// Answers as text for a person in a terminal: the path as a short list, the verdict in one
/// line, the blocking rule and the fix.

#include <vpcsim/sim/answer.hpp>

#include <string>

namespace vpcsim::report {

/// With `explain`, each hop follows the verdict as a plain sentence citing the AWS rule it applied
/// (docs/aws-semantics.md ids), for people learning how the answer came about.
std::string to_text(const answer& a, bool explain = false);

}  // namespace vpcsim::report
