// The all-pairs matrix as a JSON array of trace answers.
#include "../io/drop_paths.hpp"

#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/report/matrix_json.hpp>

#include <nlohmann/json.hpp>

namespace vpcsim {

nlohmann::json to_json(const matrix_result& result, bool paths) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& cell : result.cells) {
    auto j = to_json(cell);
    if (!paths) detail::drop_paths(j);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace vpcsim
