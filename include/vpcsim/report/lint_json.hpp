#pragma once
/// Lint findings as JSON (`vpcsim lint --format json`) and as SARIF 2.1.0 (`--format sarif`), the
/// format code-scanning dashboards read.

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/lint.hpp>

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace vpcsim {

/// `{"findings": [{"rule", "name", "severity", "resource", "aws_rule", "message", "fix"}],
/// "errors": N, "warnings": M, "notes": K, "suppressed": S}`; suppressed findings are counted, not listed.
nlohmann::json to_json(const std::vector<lint_finding>& findings);

/// A SARIF 2.1.0 log with one run: every rule in `tool.driver.rules`, one result per finding,
/// located at `artifact_path` (the input as given, as a relative URI) and at the resource as a
/// logical location.
/// With `locations` (load_result::locations), a finding whose resource has one is located at its
/// file, line and column (a SARIF `region`), so code scanning annotates the template line itself.
/// A location with a JSON pointer but no line (an AWS CLI capture's resource) gets the line and
/// column of the pointer's value, read from its file now; an unreadable file leaves no region.
/// Suppressed findings are results with `suppressions` (kind `inSource` or `external`).
nlohmann::json to_sarif(const std::vector<lint_finding>& findings, const std::string& artifact_path,
                        const std::map<std::string, source_location>& locations = {});

}  // namespace vpcsim
