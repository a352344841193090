#pragma once
/// The library's version, as in CMakeLists.txt.

#include <string_view>

namespace vpcsim {
inline constexpr std::string_view version = "0.1.0";
}  // namespace vpcsim
