#pragma once
/// Answers as text for a person in a terminal: the path as a short list, the verdict in one
/// line, the blocking rule and the fix.

#include <vpcsim/sim/answer.hpp>

#include <string>

namespace vpcsim::report {

std::string to_text(const answer& a);

}  // namespace vpcsim::report
