#pragma once
/// `vpcsim diff --format json` (schemas/diff.schema.json): the groups of changed flows, the changed
/// flows, the resource changes and a summary, with `schema_version`.

#include <vpcsim/sim/diff.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace vpcsim {

/// The whole diff; `before` and `after` label the inputs (their paths).
nlohmann::json to_json(const reachability_diff& d, const std::string& before, const std::string& after);

/// `vpcsim diff --resources --format json`: the resource changes alone (no `groups`, `flows`,
/// `summary`).
nlohmann::json to_json(const model_diff& d, const std::string& before, const std::string& after);

}  // namespace vpcsim
