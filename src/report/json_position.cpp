// JSON pointer -> line and column in a file, for SARIF regions of AWS CLI captures.
#include "json_position.hpp"

#include "../model/json_positions.hpp"

#include <fstream>
#include <sstream>

namespace vpcsim::report::detail {

std::map<std::string, source_location> with_lines(const std::map<std::string, source_location>& locations,
                                                  const std::set<std::string>& ids) {
  std::map<std::string, source_location> out;
  std::map<std::string, std::set<std::string>> wanted;  // file -> pointers
  for (const auto& id : ids) {
    const auto it = locations.find(id);
    if (it == locations.end()) continue;
    out.emplace(id, it->second);
    if (it->second.line == 0 && !it->second.pointer.empty()) wanted[it->second.file].insert(it->second.pointer);
  }
  std::map<std::string, std::map<std::string, std::pair<int, int>>> found;  // file -> pointer -> position
  for (const auto& [file, pointers] : wanted) {
    std::ifstream in(file, std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    found[file] = vpcsim::detail::json_value_positions(text.str(), pointers);
  }
  for (auto& [id, where] : out) {
    if (where.line != 0) continue;
    const auto in_file = found.find(where.file);
    if (in_file == found.end()) continue;
    if (auto at = in_file->second.find(where.pointer); at != in_file->second.end()) {
      where.line = at->second.first;
      where.column = at->second.second;
    }
  }
  return out;
}

}  // namespace vpcsim::report::detail
