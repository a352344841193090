// The field reader and the run state's reporting.
#include "aws_import.hpp"

#include "aws_keys.hpp"

#include <algorithm>
#include <vector>

namespace vpcsim::detail::aws {

std::string_view json_type_name(const json_value& j) noexcept {
  if (j.is_object()) return "an object";
  if (j.is_array()) return "an array";
  if (j.is_string()) return "a string";
  if (j.is_boolean()) return "a boolean";
  if (j.is_null()) return "null";
  return "a number";
}

void importer::report(diagnostic d) {
  if (d.level == severity::error && options_.strict) throw import_error(std::move(d));
  diagnostics_.push_back(std::move(d));
}

reader::reader(importer& imp, file_context& ctx, json object, std::string pointer,
               std::string resource, bool& failed)
    : imp_(imp), ctx_(ctx), object_(object), pointer_(std::move(pointer)),
      resource_(std::move(resource)), failed_(&failed) {}

reader::reader(importer& imp, file_context& ctx, json object, std::string_view array_pointer, std::size_t index,
               bool& failed)
    : imp_(imp), ctx_(ctx), object_(object), array_pointer_(array_pointer), index_(index), failed_(&failed) {}

reader::reader(const reader& parent, json object, std::string_view key, std::size_t index)
    : imp_(parent.imp_), ctx_(parent.ctx_), object_(object), parent_(&parent), key_(key), index_(index),
      resource_from_(parent.resource_from_ ? parent.resource_from_ : &parent), failed_(parent.failed_) {}

std::string reader::pointer() const {
  std::string p;
  p.reserve(64);
  append_pointer(p);
  return p;
}

void reader::append_pointer(std::string& out) const {
  if (!parent_) {
    out += pointer_;
    out += array_pointer_;
    if (index_ != no_index) append_pointer_index(out, index_);
    return;
  }
  parent_->append_pointer(out);
  append_pointer_key(out, key_);
  if (index_ != no_index) append_pointer_index(out, index_);
}

void reader::error(diagnostic d) {
  *failed_ = true;
  imp_.report(std::move(d));
}

void reader::gather() {
  if (gathered_) return;
  gathered_ = true;
  object_.each_field([&](std::string_view k, json v) {
    if (field_count_ < fields_in_place) fields_.at[field_count_] = field{k, v, false};
    else more_fields_.push_back(field{k, v, false});
    ++field_count_;
  });
  if (field_count_ > fields_in_place) return;  // searched in order
  slot_.fill(0);
  for (std::size_t i = 0; i < field_count_; ++i) {
    std::size_t s = slot_of(fields_.at[i].key);
    while (slot_[s] != 0) s = (s + 1) & (slots - 1);
    slot_[s] = static_cast<std::uint8_t>(i + 1);
  }
}

reader::field* reader::find_field(std::string_view key) {
  gather();
  if (field_count_ <= fields_in_place) {
    for (std::size_t s = slot_of(key); slot_[s] != 0; s = (s + 1) & (slots - 1))
      if (field& f = fields_.at[slot_[s] - 1]; f.key == key) return &f;
    return nullptr;
  }
  for (std::size_t i = 0; i < field_count_; ++i)
    if (field& f = field_at(i); f.key == key) return &f;
  return nullptr;
}

std::optional<json> reader::get(std::string_view key) {
  field* f = find_field(key);
  if (!f) return std::nullopt;
  f->read = true;
  if (f->value.is_null()) return std::nullopt;
  return f->value;
}

std::optional<json> reader::typed(std::string_view key, bool required, value_kind k, std::string_view expected) {
  auto v = get(key);
  if (!v) {
    if (required) error(messages::missing_field(at(), key));
    return std::nullopt;
  }
  const bool ok = k == value_kind::object    ? v->is_object()
                  : k == value_kind::array   ? v->is_array()
                  : k == value_kind::string  ? v->is_string()
                  : k == value_kind::boolean ? v->is_boolean()
                                       : v->is_number_integer();
  if (!ok && k == value_kind::integer && v->is_number_float()) {
    // A fraction, or an integer too large for 64 bits, which the JSON parser reads as a double.
    error(messages::bad_value(at(), key, v->dump(), expected));
    return std::nullopt;
  }
  if (!ok) {
    error(messages::wrong_type(at(key), "'" + std::string(key) + "'", expected, json_type_name(*v)));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> reader::string(std::string_view key, bool required) {
  auto v = typed(key, required, value_kind::string, "a string");
  if (!v) return std::nullopt;
  return std::string(v->string());
}

std::optional<std::string> reader::id(std::string_view key, std::string_view kind) {
  // The kind alone names the resource in messages about the id itself; then `kind id`. One buffer.
  resource_from_ = nullptr;
  resource_.reserve(kind.size() + 32);
  resource_.assign(kind);
  auto v = string(key, true);
  if (v && !v->empty()) {
    resource_ += ' ';
    resource_ += *v;
  }
  return v;
}

std::optional<bool> reader::boolean(std::string_view key, bool required) {
  auto v = typed(key, required, value_kind::boolean, "a boolean");
  if (!v) return std::nullopt;
  return v->boolean();
}

std::optional<std::int64_t> reader::integer(std::string_view key, bool required) {
  auto v = typed(key, required, value_kind::integer, "an integer");
  if (!v) return std::nullopt;
  if (v->is_number_unsigned() && v->uint64() > 0x7fffffffffffffffULL) {
    error(messages::bad_value(at(), key, v->dump(), "an integer"));
    return std::nullopt;
  }
  return v->is_number_unsigned() ? static_cast<std::int64_t>(v->uint64()) : v->int64();
}

std::optional<json> reader::array(std::string_view key, bool required) {
  return typed(key, required, value_kind::array, "an array");
}

std::optional<json> reader::object(std::string_view key, bool required) {
  return typed(key, required, value_kind::object, "an object");
}

std::optional<reader> reader::child(std::string_view key) {
  auto v = object(key);
  if (!v) return std::nullopt;
  return reader(*this, *v, key, no_index);
}

std::optional<cidr4> reader::cidr4_field(std::string_view key, bool required) {
  auto text = string(key, required);
  if (!text) return std::nullopt;
  return parse_cidr4(*text, at(key), key);
}

std::optional<cidr6> reader::cidr6_field(std::string_view key, bool required) {
  auto text = string(key, required);
  if (!text) return std::nullopt;
  return parse_cidr6(*text, at(key), key);
}

std::optional<cidr4> reader::parse_cidr4(const std::string& text, const location& where,
                                         std::string_view key) {
  cidr_problem problem = cidr_problem::none;
  if (auto c = cidr4::parse(text, &problem)) return c;
  if (problem == cidr_problem::not_canonical) {
    // RT-8, NACL-14: AWS canonicalises CIDRs on input, so its output never has host bits set.
    error(messages::non_canonical_cidr(where, key, text, cidr4::parse_canonicalising(text)->to_string()));
    return std::nullopt;
  }
  error(messages::bad_cidr(where, key, text));
  return std::nullopt;
}

std::optional<cidr6> reader::parse_cidr6(const std::string& text, const location& where,
                                         std::string_view key) {
  cidr_problem problem = cidr_problem::none;
  if (auto c = cidr6::parse(text, &problem)) return c;
  if (problem == cidr_problem::not_canonical) {
    error(messages::non_canonical_cidr(where, key, text, cidr6::parse_canonicalising(text)->to_string()));
    return std::nullopt;
  }
  error(messages::bad_cidr(where, key, text));
  return std::nullopt;
}

std::optional<address4> reader::address4_field(std::string_view key, bool required) {
  auto text = string(key, required);
  if (!text) return std::nullopt;
  if (auto a = parse_address4(*text)) return a;
  error(messages::bad_address(at(key), key, *text));
  return std::nullopt;
}

tag_map reader::tags(std::string_view key) {
  tag_map out;
  each(key, [&](reader& t) {
    auto k = t.string(aws_keys::key, true);
    auto v = t.string(aws_keys::value);
    if (k) out[*k] = v.value_or("");
  });
  return out;
}

std::vector<std::string> reader::strings(std::string_view key) {
  std::vector<std::string> out;
  auto arr = array(key);
  if (!arr) return out;
  arr->each_element([&](std::size_t i, json el) {
    if (el.is_string()) out.emplace_back(el.string());
    else
      error(messages::wrong_type({ctx_.file, child_pointer(child_pointer(pointer(), key), i), resource()},
                                 "each element of '" + std::string(key) + "'", "a string",
                                 json_type_name(el)));
  });
  return out;
}

void reader::finish(std::string_view type, std::span<const std::string_view> ignored) {
  std::vector<std::string_view> unknown;
  gather();
  for (std::size_t i = 0; i < field_count_; ++i) {
    const field& f = field_at(i);
    // A key read is read in every field of that name (one key spelled with two escapes).
    if (f.read || std::find(ignored.begin(), ignored.end(), f.key) != ignored.end() || find_field(f.key)->read)
      continue;
    unknown.push_back(f.key);
  }
  std::sort(unknown.begin(), unknown.end());  // reported in key order, whatever the file's order
  for (auto k : unknown)
    if (ctx_.reported_fields.emplace(std::string(type), std::string(k)).second) warn(messages::unknown_field(at(), type, k));
}

scope reader::scope_for(const std::optional<std::string>& owner) const {
  scope s = ctx_.where;
  if (!ctx_.account_from_path) s.account = owner && !owner->empty() ? *owner : ctx_.default_account;
  return s;
}

}  // namespace vpcsim::detail::aws
