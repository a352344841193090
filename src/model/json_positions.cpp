// JSON pointer -> line and column in a JSON text (model/json_positions.hpp).
#include "json_positions.hpp"

namespace vpcsim::detail {

namespace {

// A forward scan of JSON text (comments allowed, as in designs) that descends only into the values
// a wanted pointer goes through (every value when `wanted` is null) and steps over the rest,
// counting lines and columns. Every loop moves on by at least one character, so broken text ends
// it too.
class scanner {
 public:
  scanner(std::string_view text, const std::set<std::string>* wanted, std::map<std::string, std::pair<int, int>>& out)
      : text_(text), wanted_(wanted), out_(out) {}

  void run() { value(""); }

 private:
  bool more() const { return i_ < text_.size(); }
  char peek() const { return text_[i_]; }

  void step() {
    const auto c = static_cast<unsigned char>(text_[i_]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {  // a UTF-8 continuation byte adds no column
      column_ += c >= 0xF0 ? 2 : 1;    // outside the BMP: two UTF-16 code units
    }
    ++i_;
  }

  bool at(std::string_view s) const { return text_.substr(i_, s.size()) == s; }

  // White space and comments (`//` to the end of the line, `/* … */`).
  void blank() {
    while (more()) {
      if (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
        step();
      } else if (at("//")) {
        while (more() && peek() != '\n') step();
      } else if (at("/*")) {
        step();
        step();
        while (more() && !at("*/")) step();
        if (more()) step();
        if (more()) step();
      } else {
        return;
      }
    }
  }

  // A string at the cursor, decoded enough to compare object keys (escapes of ASCII characters).
  std::string string() {
    std::string out;
    step();  // the opening quote
    while (more() && peek() != '"') {
      if (peek() == '\\' && i_ + 1 < text_.size()) {
        step();
        const char e = peek();
        if (e == 'u') out += "\\u";  // kept as written (the hex digits follow): no AWS key needs it
        else out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
      } else {
        out += peek();
      }
      step();
    }
    if (more()) step();  // the closing quote
    return out;
  }

  // Steps over the value at the cursor, whatever it holds.
  void skip() {
    if (!more()) return;
    if (peek() == '"') {
      string();
      return;
    }
    if (peek() == '{' || peek() == '[') {
      std::size_t depth = 0;
      do {
        const char c = peek();
        if (c == '"') {
          string();
          continue;
        }
        if (at("//") || at("/*")) {
          blank();
          continue;
        }
        if (c == '{' || c == '[') ++depth;
        else if (c == '}' || c == ']') --depth;
        step();
      } while (more() && depth > 0);
      return;
    }
    const auto start = i_;
    while (more() && std::string_view(",]} \t\r\n/").find(peek()) == std::string_view::npos) step();
    if (i_ == start) step();  // a stray `]` or `}` where a value belongs
  }

  // Whether some wanted pointer lies strictly inside the value at `pointer`.
  bool leads_somewhere(const std::string& pointer) const {
    if (!wanted_) return true;
    for (auto it = wanted_->upper_bound(pointer); it != wanted_->end() && it->starts_with(pointer); ++it)
      if (it->size() > pointer.size() && (*it)[pointer.size()] == '/') return true;
    return false;
  }

  static std::string escape(const std::string& key) {
    std::string out;
    for (char c : key) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
    return out;
  }

  void value(const std::string& pointer) {
    blank();
    // Only where a value starts (a stray `]` or `}` in broken text is none).
    if (!more() || std::string_view("{[\"-0123456789tfn").find(peek()) == std::string_view::npos) return;
    if (!wanted_ || wanted_->count(pointer)) out_.emplace(pointer, std::pair{line_, column_});
    if (!leads_somewhere(pointer) || (peek() != '{' && peek() != '[')) {
      skip();
      return;
    }
    const bool object = peek() == '{';
    const char close = object ? '}' : ']';
    step();
    std::size_t index = 0;
    for (blank(); more() && peek() != close; blank()) {
      if (object) {
        if (peek() != '"') return;  // not JSON: stop looking
        const std::string key = string();
        blank();
        if (!more() || peek() != ':') return;
        step();
        value(pointer + "/" + escape(key));
      } else {
        const auto before = i_;
        value(pointer + "/" + std::to_string(index++));
        if (i_ == before) return;
      }
      blank();
      if (more() && peek() == ',') step();
    }
    if (more()) step();
  }

  std::string_view text_;
  const std::set<std::string>* wanted_;  // null: every value
  std::map<std::string, std::pair<int, int>>& out_;
  std::size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

std::map<std::string, std::pair<int, int>> json_value_positions(std::string_view text,
                                                                const std::set<std::string>& pointers) {
  std::map<std::string, std::pair<int, int>> out;
  if (!pointers.empty()) scanner(text, &pointers, out).run();
  return out;
}

std::map<std::string, std::pair<int, int>> json_value_positions(std::string_view text) {
  std::map<std::string, std::pair<int, int>> out;
  scanner(text, nullptr, out).run();
  return out;
}

}  // namespace vpcsim::detail
