#pragma once
// Leaving `path` out of a trace answer object (and its legs), for batch outputs without --paths.

#include <nlohmann/json.hpp>

namespace vpcsim::detail {

inline void drop_paths(nlohmann::json& answer) {
  answer.erase("path");
  if (auto legs = answer.find("legs"); legs != answer.end())
    for (auto& leg : *legs) drop_paths(leg);
}

}  // namespace vpcsim::detail
