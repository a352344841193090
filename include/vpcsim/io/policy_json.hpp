#pragma once
/// Endpoint policy documents (IAM JSON) into `endpoint_policy` (POL-1).

#include <vpcsim/model/policy.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace vpcsim {

/// Parses a policy document. On failure returns nullopt and sets `problem` to what is wrong
/// (`not JSON: …`, `'Statement' must be an object or an array`, `'Effect' must be Allow or Deny`).
std::optional<endpoint_policy> parse_endpoint_policy(std::string_view text, std::string& problem);

}  // namespace vpcsim
