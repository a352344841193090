#pragma once
// The AWS CLI importer's view of a parsed capture (not installed): a value of a simdjson DOM
// document, with the questions the readers ask. Captures are the largest inputs vpcsim reads
// (`enterprise`: 83 MiB), so they are parsed with simdjson; designs, templates' policies and
// outputs keep nlohmann_json.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim::detail::aws {

/// One JSON value of a capture. A view: the document it belongs to must outlive it.
class json_value {
 public:
  json_value() = default;
  explicit json_value(simdjson::dom::element e) noexcept : e_(e) {}

  bool is_object() const noexcept { return type() == simdjson::dom::element_type::OBJECT; }
  bool is_array() const noexcept { return type() == simdjson::dom::element_type::ARRAY; }
  bool is_string() const noexcept { return type() == simdjson::dom::element_type::STRING; }
  bool is_boolean() const noexcept { return type() == simdjson::dom::element_type::BOOL; }
  bool is_null() const noexcept { return type() == simdjson::dom::element_type::NULL_VALUE; }
  bool is_number_integer() const noexcept {
    return type() == simdjson::dom::element_type::INT64 || type() == simdjson::dom::element_type::UINT64;
  }
  bool is_number_unsigned() const noexcept { return type() == simdjson::dom::element_type::UINT64; }
  bool is_number_float() const noexcept { return type() == simdjson::dom::element_type::DOUBLE; }

  /// The value of a string, boolean or integer (callers check the type first; else empty, 0).
  std::string_view string() const noexcept {
    std::string_view v;
    return e_.get(v) ? std::string_view{} : v;
  }
  bool boolean() const noexcept {
    bool v = false;
    return e_.get(v) ? false : v;
  }
  std::int64_t int64() const noexcept {
    std::int64_t v = 0;
    return e_.get(v) ? 0 : v;
  }
  std::uint64_t uint64() const noexcept {
    std::uint64_t v = 0;
    return e_.get(v) ? 0 : v;
  }

  /// The number of elements of an array or fields of an object.
  std::size_t size() const noexcept {
    simdjson::dom::array a;
    if (!e_.get(a)) return a.size();
    simdjson::dom::object o;
    if (!e_.get(o)) return o.size();
    return 0;
  }
  bool empty() const noexcept { return size() == 0; }
  /// An object's field, or nullopt (also when this is not an object).
  std::optional<json_value> find(std::string_view key) const noexcept {
    simdjson::dom::object o;
    simdjson::dom::element v;
    if (e_.get(o) || o.at_key(key).get(v)) return std::nullopt;
    return json_value(v);
  }
  bool contains(std::string_view key) const noexcept { return find(key).has_value(); }
  /// `fn(index, value)` for each element of an array.
  template <class F>
  void each_element(F&& fn) const {
    simdjson::dom::array a;
    if (e_.get(a)) return;
    std::size_t i = 0;
    for (simdjson::dom::element x : a) fn(i++, json_value(x));
  }
  /// `fn(key, value)` for each field of an object, in document order.
  template <class F>
  void each_field(F&& fn) const {
    simdjson::dom::object o;
    if (e_.get(o)) return;
    for (const auto& kv : o) fn(kv.key, json_value(kv.value));
  }
  /// The value as compact JSON text, for messages.
  std::string dump() const { return simdjson::minify(e_); }

 private:
  simdjson::dom::element_type type() const noexcept { return e_.type(); }
  simdjson::dom::element e_;
};

/// `an object`, `an array`, `a string`, … as messages name JSON types.
std::string_view json_type_name(const json_value& j) noexcept;

}  // namespace vpcsim::detail::aws
