#pragma once
// A JSON text writer for the report writers (internal to src/report): the bytes nlohmann_json's
// `dump(indent)` gives for the same document, written straight into a string with no document
// built. Callers write an object's keys in byte order (what nlohmann's std::map-backed objects
// print), so an answer's text is the same whichever writer made it.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace vpcsim::report::detail {

class json_text {
 public:
  /// `indent` < 0: compact (`dump()`); otherwise pretty with `indent` spaces per level, the first
  /// line of the value at `depth` levels (its first character is not indented: the caller placed it).
  json_text(std::string& out, int indent, int depth = 0) : out_(out), indent_(indent), depth_(depth) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The key of the next value of the current object.
  void key(std::string_view k) {
    separate();
    string_value(k);
    out_ += indent_ < 0 ? ":" : ": ";
    after_key_ = true;
  }
  void value(std::string_view s) {
    separate();
    string_value(s);
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void value(std::int64_t n) {
    separate();
    out_ += std::to_string(n);
  }
  void null() {
    separate();
    out_ += "null";
  }
  /// A document: its objects' keys in nlohmann's (byte) order.
  void document(const nlohmann::json& v) {
    switch (v.type()) {
      case nlohmann::json::value_t::object:
        begin_object();
        for (auto it = v.begin(); it != v.end(); ++it) {
          key(it.key());
          document(it.value());
        }
        end_object();
        return;
      case nlohmann::json::value_t::array:
        begin_array();
        for (const auto& x : v) document(x);
        end_array();
        return;
      case nlohmann::json::value_t::string: value(std::string_view(v.get_ref<const std::string&>())); return;
      default:  // null, booleans and numbers as nlohmann writes them
        separate();
        out_ += v.dump();
    }
  }
  template <class T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }
  template <class Strings>
  void strings(const Strings& list) {
    begin_array();
    for (const auto& s : list) value(std::string_view(s));
    end_array();
  }

 private:
  // Before a value or key: inside a container, a comma after a sibling, then the line break and
  // indentation of an element; nothing for a value after its key or for the outermost value.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (open_ == 0) return;
    if (!first_) out_ += ',';
    first_ = false;
    newline();
  }
  void open(char c) {
    separate();
    out_ += c;
    ++depth_;
    ++open_;
    first_ = true;
  }
  // The container was an element of its parent (or the outermost value): the parent is not empty.
  void close(char c) {
    --depth_;
    --open_;
    if (!first_) newline();  // `{}` and `[]` stay on one line, as nlohmann prints them
    out_ += c;
    first_ = false;
  }
  void newline() {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_ * indent_), ' ');
  }
  // A string as nlohmann escapes it (ensure_ascii off): `"` and `\`, the short escapes of
  // backspace, tab, line feed, form feed and carriage return, `\u00xx` for other control
  // characters; other bytes as they are. Invalid UTF-8 throws nlohmann's own error (type_error 316).
  void string_value(std::string_view s) {
    out_ += '"';
    std::size_t clean = 0;  // bytes of `s` before `i` not yet copied
    bool ascii = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) ascii = false;
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + clean, i - clean);
      clean = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\t': out_ += "\\t"; break;
        case '\n': out_ += "\\n"; break;
        case '\f': out_ += "\\f"; break;
        case '\r': out_ += "\\r"; break;
        default: {
          static constexpr char hex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += hex[c >> 4];
          out_ += hex[c & 0xf];
        }
      }
    }
    out_.append(s.data() + clean, s.size() - clean);
    out_ += '"';
    if (!ascii) (void)nlohmann::json(std::string(s)).dump();  // validates UTF-8 as nlohmann does
  }

  std::string& out_;
  int indent_;
  int depth_;
  int open_ = 0;  // containers open
  bool first_ = true;  // no element yet in the innermost open container
  bool after_key_ = false;
};

}  // namespace vpcsim::report::detail
