#pragma once
/// Trace answers as JSON: exactly the object `vpcsim trace --format json` prints (design.md).

#include <vpcsim/sim/answer.hpp>

#include <nlohmann/json_fwd.hpp>

namespace vpcsim {

/// The answer object. `blocked_by` and `via` are null when absent; `legs` appears only for a
/// composite destination; empty `check`, `rule`, `aws_rule` and `explanation` of a hop are left out,
/// and so are the names (`from_name`, a hop's `name`, `blocked_by.component_name`) of what has none.
nlohmann::json to_json(const answer& a);

}  // namespace vpcsim
