#include "input_limits.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace vpcsim::detail {

namespace fs = std::filesystem;

namespace {

std::string_view kind_of(fs::file_type t) {
  switch (t) {
    case fs::file_type::directory: return "a directory";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::block: return "a block device";
    case fs::file_type::character: return "a character device";
    default: return "not a regular file";
  }
}

}  // namespace

std::optional<std::string> input_file_problem(const fs::path& file, const limits& lim, bool& too_large) {
  too_large = false;
  std::error_code ec;
  const auto st = fs::status(file, ec);  // follows symbolic links
  if (ec || !fs::exists(st)) {
    std::error_code lec;
    const bool dangling = fs::is_symlink(fs::symlink_status(file, lec));
    return std::generic_category().message(ec && ec.value() != ENOENT ? ec.value() : ENOENT) +
           (dangling ? " (a symbolic link to a missing file)" : "");
  }
  if (!fs::is_regular_file(st)) return "not a regular file: " + std::string(kind_of(st.type()));
  const auto size = fs::file_size(file, ec);
  if (ec) return ec.message();
  if (size > lim.max_input_bytes) {
    too_large = true;
    return std::to_string(size) + " bytes, more than the limit of " + std::to_string(lim.max_input_bytes) +
           " bytes (--max-input-bytes)";
  }
  return std::nullopt;
}

std::optional<std::string> read_input_file(const fs::path& file, std::string& text) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::strerror(errno);
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return ec.message();
  text.resize(static_cast<std::size_t>(size));
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (in.bad()) return std::strerror(errno);
  text.resize(static_cast<std::size_t>(in.gcount()));  // the file may have shrunk meanwhile
  return std::nullopt;
}

std::optional<std::string> nesting_problem(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0, line = 1, column = 0;
  enum class state { code, string, escape, line_comment, block_comment } s = state::code;
  char prev = 0;
  for (char c : text) {
    ++column;
    switch (s) {
      case state::code:
        if (c == '"') s = state::string;
        else if (c == '/' && prev == '/') s = state::line_comment;
        else if (c == '*' && prev == '/') s = state::block_comment;
        else if (c == '[' || c == '{') {
          if (++depth > max_depth)
            return "nesting deeper than " + std::to_string(max_depth) + " levels at line " + std::to_string(line) +
                   ", column " + std::to_string(column) + " (--max-json-depth)";
        } else if ((c == ']' || c == '}') && depth > 0) {
          --depth;
        }
        break;
      case state::string:
        if (c == '\\') s = state::escape;
        else if (c == '"') s = state::code;
        break;
      case state::escape: s = state::string; break;
      case state::line_comment:
        if (c == '\n') s = state::code;
        break;
      case state::block_comment:
        if (c == '/' && prev == '*') {
          s = state::code;
          c = 0;  // `*/*` does not reopen
        }
        break;
    }
    if (c == '\n') {
      ++line;
      column = 0;
    }
    prev = c;
  }
  return std::nullopt;
}

}  // namespace vpcsim::detail
