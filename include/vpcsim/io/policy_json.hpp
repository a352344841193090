#pragma once
/// Endpoint policy documents (IAM JSON) into `endpoint_policy` (POL-1).

#include <vpcsim/limits.hpp>
#include <vpcsim/model/policy.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim {

/// Parses a policy document. On failure returns nullopt and sets `problem` to what is wrong
/// (`not JSON: …`, `'Statement' must be an object or an array`, `'Effect' must be Allow or Deny`,
/// `nesting deeper than N levels …` beyond `max_depth`, `/Statement/0: duplicate key "Effect" in
/// one object …` for a key twice in one object).
std::optional<endpoint_policy> parse_endpoint_policy(std::string_view text, std::string& problem,
                                                     std::size_t max_depth = limits{}.max_json_depth);

}  // namespace vpcsim
