#include "input_limits.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <unordered_set>
#include <vector>

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

namespace {

// Bytes outside 0x20-0x7e as `\xNN`: a message stays printable and valid UTF-8 whatever the input.
void append_printable(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
}

// The scan's own state of an open object, beside its `json_scan_level`.
struct object_state {
  bool expect_key = false;  // the next string is a key
  bool hashed = false;      // its keys are in the hash set of its depth
};

// Eight bytes of `text` from `at` (a whole word, so that runs are skipped a word at a time).
std::uint64_t word_at(std::string_view text, std::size_t at) {
  std::uint64_t w;
  std::memcpy(&w, text.data() + at, sizeof w);
  return w;
}
constexpr std::uint64_t ones = 0x0101010101010101ULL;
// Nonzero when some byte of `w` is zero.
constexpr std::uint64_t has_zero_byte(std::uint64_t w) { return (w - ones) & ~w & (ones << 7); }
// Nonzero when some byte of `w` ends a string's run of ordinary bytes: `"`, `\` or a newline.
constexpr std::uint64_t has_string_stop(std::uint64_t w) {
  return has_zero_byte(w ^ (ones * '"')) | has_zero_byte(w ^ (ones * '\\')) | has_zero_byte(w ^ (ones * '\n'));
}

// Up to this many keys an object's keys are searched linearly; beyond, they go to a hash set.
constexpr std::size_t linear_keys = 32;

// The JSON pointer of the value held by `open[depth - 1]`: "" for depth 0.
std::string pointer_to(const std::vector<json_scan_level>& open, std::size_t depth) {
  std::string out;
  for (std::size_t d = 0; d < depth; ++d) {
    out += '/';
    if (!open[d].object) {
      out += std::to_string(open[d].index);
      continue;
    }
    for (char c : open[d].key) {  // RFC 6901, as child_pointer
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else append_printable(out, std::string_view(&c, 1));
    }
  }
  return out;
}

// Keys of the open objects, by depth: vectors and sets are reused from one object to the next.
class key_sets {
 public:
  // Starts the object at `depth`.
  void open(std::size_t depth) {
    if (linear_.size() <= depth) linear_.resize(depth + 1);
    linear_[depth].clear();
  }

  // Adds `key` to the object at `depth`; false when it is there already.
  bool add(object_state& lv, std::size_t depth, std::string_view key) {
    if (lv.hashed) return hashed_[depth].insert(key).second;
    auto& keys = linear_[depth];
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
    keys.push_back(key);
    if (keys.size() > linear_keys) {
      if (hashed_.size() <= depth) hashed_.resize(depth + 1);
      auto& set = hashed_[depth];
      // clear() costs the bucket count: a set grown by a huge object is replaced instead (not by
      // `= {}`, which keeps the buckets).
      if (set.bucket_count() > 8 * linear_keys) set = std::unordered_set<std::string_view>();
      else set.clear();
      set.insert(keys.begin(), keys.end());
      lv.hashed = true;
    }
    return true;
  }

 private:
  std::vector<std::vector<std::string_view>> linear_;
  std::vector<std::unordered_set<std::string_view>> hashed_;
};

}  // namespace

std::optional<json_structure_problem> structure_problem(std::string_view text, std::size_t max_depth) {
  return structure_problem(text, max_depth, json_string_visitor{});
}

std::optional<json_structure_problem> structure_problem(std::string_view text, std::size_t max_depth,
                                                        const json_string_visitor& on_string) {
  if (text.starts_with("\xff\xfe") || text.starts_with("\xfe\xff"))
    return json_structure_problem{json_structure_problem::kind::binary,
                                  std::string("UTF-16 text (byte order mark ") +
                                      (text[0] == '\xff' ? "FF FE" : "FE FF") +
                                      "), not UTF-8: save it as UTF-8 (PowerShell's `>` writes UTF-16, "
                                      "`Out-File -Encoding utf8` writes UTF-8)",
                                  ""};
  std::size_t line = 1, column = 0;
  std::size_t string_start = 0, string_line = 0, string_column = 0;  // the open string's quote
  std::vector<json_scan_level> open;
  std::vector<object_state> states;  // beside `open`
  key_sets keys;
  enum class state { code, string, escape, line_comment, block_comment } s = state::code;
  char prev = 0;
  // Runs of bytes that change nothing (a string's ordinary bytes, spaces between tokens) are
  // skipped at once, a word at a time while whole words are ordinary: most of a capture is either.
  auto skip_run = [&](std::size_t& i, auto ordinary, auto whole_word_ordinary) {
    std::size_t j = i + 1;
    while (j + 8 <= text.size() && whole_word_ordinary(word_at(text, j))) j += 8;
    while (j < text.size() && ordinary(text[j])) ++j;
    column += j - i - 1;
    i = j - 1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    ++column;
    if (s == state::string && c != '"' && c != '\\' && c != '\n') {
      skip_run(i, [](char x) { return x != '"' && x != '\\' && x != '\n'; },
               [](std::uint64_t w) { return !has_string_stop(w); });
      prev = text[i];
      continue;
    }
    if (s == state::code && c == ' ') {
      skip_run(i, [](char x) { return x == ' '; }, [](std::uint64_t w) { return w == ones * ' '; });
      prev = ' ';
      continue;
    }
    if (c == '\0' && s != state::string && s != state::escape)
      return json_structure_problem{json_structure_problem::kind::binary,
                                    "a NUL byte at line " + std::to_string(line) + ", column " + std::to_string(column) +
                                        ": binary data, not JSON text",
                                    ""};
    switch (s) {
      case state::code:
        if (c == '"') {
          s = state::string;
          string_start = i;
          string_line = line;
          string_column = column;
        } else if (c == '/' && prev == '/') {
          s = state::line_comment;
        } else if (c == '*' && prev == '/') {
          s = state::block_comment;
        } else if (c == '[' || c == '{') {
          if (open.size() >= max_depth)
            return json_structure_problem{json_structure_problem::kind::too_deep,
                                          "nesting deeper than " + std::to_string(max_depth) + " levels at line " +
                                              std::to_string(line) + ", column " + std::to_string(column) +
                                              " (--max-json-depth)",
                                          ""};
          open.push_back(json_scan_level{c == '{', 0, {}});
          states.push_back(object_state{c == '{', false});
          if (c == '{') keys.open(open.size() - 1);
        } else if ((c == ']' || c == '}') && !open.empty()) {
          open.pop_back();
          states.pop_back();
        } else if (c == ',' && !open.empty()) {
          if (open.back().object) states.back().expect_key = true;
          else ++open.back().index;
        } else if (c == ':' && !open.empty()) {
          states.back().expect_key = false;
        }
        break;
      case state::string:
        if (c == '\\') {
          s = state::escape;
        } else if (c == '"') {
          s = state::code;
          if (!open.empty() && open.back().object && states.back().expect_key) {
            object_state& st = states.back();
            st.expect_key = false;
            open.back().key = text.substr(string_start + 1, i - string_start - 1);
            if (!keys.add(st, open.size() - 1, open.back().key)) {
              std::string message = "duplicate key \"";
              append_printable(message, open.back().key);
              message += "\" in one object (line " + std::to_string(string_line) + ", column " +
                         std::to_string(string_column) + "); JSON leaves its value ambiguous";
              return json_structure_problem{json_structure_problem::kind::duplicate_key, std::move(message),
                                            pointer_to(open, open.size() - 1)};
            }
          } else if (on_string) {
            on_string(std::span<const json_scan_level>(open), text.substr(string_start + 1, i - string_start - 1));
          }
        }
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
