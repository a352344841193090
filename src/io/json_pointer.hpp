#pragma once
// JSON pointers (RFC 6901) for diagnostics, shared by the importers (not installed).

#include <cstddef>
#include <string>
#include <string_view>

namespace vpcsim::detail {

/// `pointer` extended by one object key, with `~` and `/` escaped as RFC 6901 requires.
inline std::string child_pointer(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

/// `pointer` extended by one array index.
inline std::string child_pointer(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

}  // namespace vpcsim::detail
