#pragma once
// Quoting a name in a message: 'name'. (Not `quoted`: std::quoted would win by argument-dependent
// lookup wherever <iomanip> is visible.)

#include <string>
#include <string_view>

namespace vpcsim::detail {

inline std::string single_quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace vpcsim::detail
