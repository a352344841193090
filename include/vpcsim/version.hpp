#pragma once
/// The library's version, as in CMakeLists.txt, and the version of its JSON output.

#include <string_view>

namespace vpcsim {
inline constexpr std::string_view version = "0.1.0";

/// The version of the JSON the CLI prints and `to_json` returns (schemas/, `"schema_version"` in
/// every answer and check result). Fields may be added within a version; anything else is a new one.
inline constexpr int json_schema_version = 1;
}  // namespace vpcsim
