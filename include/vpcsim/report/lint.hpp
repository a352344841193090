#pragma once
/// Lint findings as text for people: one block per finding, then `N errors, M warnings`.

#include <vpcsim/sim/lint.hpp>

#include <string>
#include <vector>

namespace vpcsim::report {

/// `error VPCSIM-L001 ecr-no-s3-path at subnet-…` with the message, the fix and the AWS rules
/// indented below, then the summary line.
std::string to_text(const std::vector<lint_finding>& findings);

/// `N errors, M warnings` (`, K notes` when there are notes).
std::string summary(const std::vector<lint_finding>& findings);

}  // namespace vpcsim::report
