#pragma once
/// `vpcsim matrix --format json`: one JSON array of trace answers (report/answer_json.hpp), sources in
/// order, each source's destinations in the order given.

#include <vpcsim/sim/matrix.hpp>

#include <nlohmann/json_fwd.hpp>

namespace vpcsim {

/// The cells in row-major order; `path` (also in legs) only when `paths` is true.
nlohmann::json to_json(const matrix_result& result, bool paths);

}  // namespace vpcsim
