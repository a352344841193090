#pragma once
// Checks that run before an input file is parsed (not installed): that it is a regular file
// within `limits::max_input_bytes`, read in one piece, and nested no deeper than
// `limits::max_json_depth`.

#include <vpcsim/limits.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim::detail {

/// Why `file` cannot be read as an input: not there (a dangling symbolic link too), not a
/// regular file (a FIFO would block, a device never ends), or larger than the limit. `too_large`
/// tells the last case apart (a `vpcsim.import.too_large` rather than `unreadable`).
std::optional<std::string> input_file_problem(const std::filesystem::path& file, const limits& lim,
                                              bool& too_large);

/// Reads `file` whole into `text`; on failure returns the reason (strerror).
std::optional<std::string> read_input_file(const std::filesystem::path& file, std::string& text);

/// Where `text` (JSON, with `//` and `/* */` comments allowed) nests deeper than `max_depth`
/// arrays and objects: `nesting deeper than N levels at line L, column C`; nullopt when it
/// does not. Linear, no recursion: it runs before the parser so that nothing downstream (copies,
/// comparisons, dumps of nlohmann::json are recursive) ever sees such a document.
std::optional<std::string> nesting_problem(std::string_view text, std::size_t max_depth);

}  // namespace vpcsim::detail
