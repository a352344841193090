#pragma once
// Where a JSON pointer's value starts in a file, found when a report needs it (internal to
// src/report): AWS CLI captures are imported without positions, so SARIF reads the file again.

#include <vpcsim/error.hpp>

#include "../model/json_positions.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace vpcsim::report::detail {

/// Line and column of each pointer's value in a JSON text (model/json_positions.hpp).
using vpcsim::detail::json_value_positions;

/// The locations of `ids`, with line and column filled in where a location has a file and a JSON
/// pointer but no line (an AWS CLI capture's resources): each such file is read once. A file that
/// cannot be read, or no longer holds the pointer, leaves its locations without a line.
std::map<std::string, source_location> with_lines(const std::map<std::string, source_location>& locations,
                                                  const std::set<std::string>& ids);

}  // namespace vpcsim::report::detail
