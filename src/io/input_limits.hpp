#pragma once
// Checks that run before an input file is parsed (not installed): that it is a regular file
// within `limits::max_input_bytes`, read in one piece, nested no deeper than
// `limits::max_json_depth`, and with no key twice in one object.

#include <vpcsim/limits.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
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

/// What `structure_problem` found in a JSON text.
struct json_structure_problem {
  enum class kind { too_deep, duplicate_key, binary };
  kind what = kind::too_deep;
  /// too_deep: `nesting deeper than N levels at line L, column C (--max-json-depth)`;
  /// duplicate_key: `duplicate key "K" in one object (line L, column C); JSON leaves its value
  /// ambiguous`, at the key's second occurrence, its bytes outside 0x20-0x7e written as `\xNN`;
  /// binary: `UTF-16 text (byte order mark FF FE), not UTF-8: …` or `a NUL byte at line L,
  /// column C: binary data, not JSON text`.
  std::string message;
  /// duplicate_key: the JSON pointer (RFC 6901) of the object, "" for the document itself. Its
  /// keys are spelled as in the text, escapes undecoded.
  std::string pointer;
};

/// The first place where `text` (JSON, with `//` and `/* */` comments allowed) nests deeper than
/// `max_depth` arrays and objects, repeats a key within one object, starts with a UTF-16 byte
/// order mark, or holds a NUL byte outside a string (nlohmann_json takes one as the end of the
/// text and would accept `{}` followed by a NUL and anything; inside a string it reports the NUL
/// itself); nullopt when none of these.
/// Keys compare by their raw bytes between the quotes: one key spelled with different escapes
/// (`"a"`, `"\u0061"`) is not caught. Linear and without recursion on any bytes, valid JSON or
/// not: it runs before the parser so that nothing downstream (copies, comparisons, dumps of
/// nlohmann::json are recursive; nlohmann keeps the last of two equal keys) sees such a document.
/// AWS CLI captures whose path gives their scope are parsed by simdjson first (iterative, its depth
/// bounded), and scanned only where the parsed document shows a problem may be (src/io/aws_cli.cpp).
std::optional<json_structure_problem> structure_problem(std::string_view text, std::size_t max_depth);

/// One open array or object of the scan, outermost first.
struct json_scan_level {
  bool object = false;
  std::size_t index = 0;  ///< array: the element being read
  std::string_view key;   ///< object: the key whose value is being read (raw, escapes undecoded)
};

/// Called by the scan with each string value (not key) outside comments: the levels that hold it
/// and its raw bytes between the quotes, escapes undecoded. The importer takes its scope hints
/// from these, so a file is parsed once.
using json_string_visitor = std::function<void(std::span<const json_scan_level> path, std::string_view raw)>;

/// `structure_problem`, calling `on_string` for every string value up to the problem, if any.
std::optional<json_structure_problem> structure_problem(std::string_view text, std::size_t max_depth,
                                                        const json_string_visitor& on_string);

}  // namespace vpcsim::detail
