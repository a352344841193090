#pragma once
/// `vpcsim check --format json`: the check report as JSON, beside the text and JUnit writers of
/// report/intents.hpp. The intents file it checks is read by io/intents_json.hpp.

#include <vpcsim/sim/intents.hpp>

#include <nlohmann/json_fwd.hpp>

namespace vpcsim {

/// `{"results": [{"name", "from", "source", "to", "protocol", "port", "expect", "via", "blocked_by",
/// "passed", "reason", "answer"}], "passed": N, "failed": M}`; `answer` is the trace object
/// (report/answer_json.hpp), with `path` only when `paths` is true.
nlohmann::json to_json(const check_report& report, bool paths = true);

}  // namespace vpcsim
