#pragma once
/// Trace answers as JSON: exactly the object `vpcsim trace --format json` prints (design.md).

#include <vpcsim/sim/answer.hpp>

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace vpcsim {

/// The answer object. `blocked_by` and `via` are null when absent; `legs` appears only for a
/// composite destination; empty `check`, `rule`, `aws_rule` and `explanation` of a hop are left out,
/// and so are the names (`from_name`, a hop's `name`, `blocked_by.component_name`) of what has none.
nlohmann::json to_json(const answer& a);

/// Appends the same object as text, written straight from `a` (the one answer writer: `to_json`
/// reads this text back): the bytes of `to_json(a).dump(indent)`, compact when `indent` < 0. Lines
/// after the first are indented `depth` levels more, as for an element of an array. `paths` false
/// leaves `path` out, also of the legs (batch outputs without `--paths`).
void append_json(std::string& out, const answer& a, int indent, int depth = 0, bool paths = true);

}  // namespace vpcsim
