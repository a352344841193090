#pragma once
// Where each JSON pointer's value starts in a JSON text: line and column (1-based), columns in
// UTF-16 code units (SARIF's default `columnKind`). One scanner for every input that reports a
// place: the design loader's `file:line:column` messages and the SARIF regions of designs and AWS
// CLI captures. Private to the library.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace vpcsim::detail {

/// The position of the value at each of `pointers` in `text` (JSON, comments allowed); pointers the
/// text does not hold are absent. Steps over every value no pointer goes into.
std::map<std::string, std::pair<int, int>> json_value_positions(std::string_view text,
                                                                const std::set<std::string>& pointers);

/// The position of every value of `text`, by its pointer.
std::map<std::string, std::pair<int, int>> json_value_positions(std::string_view text);

}  // namespace vpcsim::detail
