#pragma once
// JSON pointers (RFC 6901) for diagnostics, shared by the importers (not installed).

#include <cstddef>
#include <string>
#include <string_view>

namespace vpcsim::detail {

/// Appends `/key` to `pointer`, with `~` and `/` escaped as RFC 6901 requires.
inline void append_pointer_key(std::string& pointer, std::string_view key) {
  pointer += '/';
  for (std::size_t from = 0;;) {
    const auto special = key.find_first_of("~/", from);
    pointer.append(key.substr(from, special == std::string_view::npos ? std::string_view::npos : special - from));
    if (special == std::string_view::npos) return;
    pointer += key[special] == '~' ? "~0" : "~1";
    from = special + 1;
  }
}

/// Appends `/index` to `pointer`.
inline void append_pointer_index(std::string& pointer, std::size_t index) {
  char digits[20];
  char* end = digits + sizeof digits;
  char* p = end;
  do *--p = static_cast<char>('0' + index % 10);
  while ((index /= 10) != 0);
  pointer += '/';
  pointer.append(p, end);
}

/// `pointer` extended by one object key (one allocation at most).
inline std::string child_pointer(std::string_view pointer, std::string_view key) {
  std::string out;
  out.reserve(pointer.size() + 1 + key.size() + 2);
  out.append(pointer);
  append_pointer_key(out, key);
  return out;
}

/// `pointer` extended by one array index (one allocation at most).
inline std::string child_pointer(std::string_view pointer, std::size_t index) {
  std::string out;
  out.reserve(pointer.size() + 21);
  out.append(pointer);
  append_pointer_index(out, index);
  return out;
}

}  // namespace vpcsim::detail
