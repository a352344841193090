#pragma once
/// `vpcsim diff --format json` (schemas/diff.schema.json): the groups of changed flows, the changed
/// flows, the resource changes and a summary, with `schema_version`.

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/diff.hpp>

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>

namespace vpcsim {

/// The whole diff; `before` and `after` label the inputs (their paths).
nlohmann::json to_json(const reachability_diff& d, const std::string& before, const std::string& after);

/// `vpcsim diff --resources --format json`: the resource changes alone (no `groups`, `flows`,
/// `summary`).
nlohmann::json to_json(const model_diff& d, const std::string& before, const std::string& after);

/// `vpcsim diff --format sarif`: a SARIF 2.1.0 log with one run. `tool.driver.rules` holds one rule
/// per kind of change (`VPCSIM-DIFF-LOST` error, `VPCSIM-DIFF-REROUTED` warning,
/// `VPCSIM-DIFF-GAINED` and `VPCSIM-DIFF-REBLOCKED` notes: fixed levels, whatever `--fail-on`
/// says); one result per group of changed flows, in the groups' order, with a fingerprint of its
/// kind, destination and outcomes (stable across runs). Each result is located at `after` (the
/// AFTER input as given, a relative URI), at each changed resource that explains it (a logical
/// location; with `locations` of the AFTER input, at its file and line too), else at the blocking
/// component. `properties.failing` says whether the group counts under `fail_on`.
nlohmann::json to_sarif(const reachability_diff& d, diff_fail_on fail_on, const std::string& after,
                        const std::map<std::string, source_location>& locations = {});

}  // namespace vpcsim
