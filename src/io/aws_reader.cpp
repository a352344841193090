// The field reader and the run state's reporting.
#include "aws_import.hpp"

#include "aws_keys.hpp"

#include <algorithm>

namespace vpcsim::detail::aws {

std::string_view json_type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::null: return "null";
    default: return "a binary value";
  }
}

void importer::report(diagnostic d) {
  if (d.level == severity::error && options_.strict) throw import_error(std::move(d));
  diagnostics_.push_back(std::move(d));
}

reader::reader(importer& imp, file_context& ctx, const json& object, std::string pointer,
               std::string resource, bool& failed)
    : imp_(imp), ctx_(ctx), object_(&object), pointer_(std::move(pointer)),
      resource_(std::move(resource)), failed_(&failed) {}

reader::reader(const reader& parent, const json& object, std::string_view key, std::size_t index)
    : imp_(parent.imp_), ctx_(parent.ctx_), object_(&object), parent_(&parent), key_(key), index_(index),
      resource_from_(parent.resource_from_ ? parent.resource_from_ : &parent), failed_(parent.failed_) {}

std::string reader::pointer() const {
  if (!parent_) return pointer_;
  std::string p = child_pointer(parent_->pointer(), key_);
  return index_ == no_index ? p : child_pointer(p, index_);
}

void reader::error(diagnostic d) {
  *failed_ = true;
  imp_.report(std::move(d));
}

const json* reader::get(std::string_view key) {
  read_.add(key);
  auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

const json* reader::typed(std::string_view key, bool required, json::value_t type,
                          std::string_view expected) {
  const json* v = get(key);
  if (!v) {
    if (required) error(messages::missing_field(at(), key));
    return nullptr;
  }
  bool ok = v->type() == type ||
            (type == json::value_t::number_integer && v->is_number_unsigned());
  if (!ok && type == json::value_t::number_integer && v->is_number_float()) {
    // A fraction, or an integer too large for 64 bits, which the JSON parser reads as a double.
    error(messages::bad_value(at(), key, v->dump(), expected));
    return nullptr;
  }
  if (!ok) {
    error(messages::wrong_type(at(key), "'" + std::string(key) + "'", expected, json_type_name(*v)));
    return nullptr;
  }
  return v;
}

std::optional<std::string> reader::string(std::string_view key, bool required) {
  const json* v = typed(key, required, json::value_t::string, "a string");
  if (!v) return std::nullopt;
  return v->get<std::string>();
}

std::optional<std::string> reader::id(std::string_view key, std::string_view kind) {
  set_resource(std::string(kind));
  auto v = string(key, true);
  set_resource(label(kind, v.value_or("")));
  return v;
}

std::optional<bool> reader::boolean(std::string_view key, bool required) {
  const json* v = typed(key, required, json::value_t::boolean, "a boolean");
  if (!v) return std::nullopt;
  return v->get<bool>();
}

std::optional<std::int64_t> reader::integer(std::string_view key, bool required) {
  const json* v = typed(key, required, json::value_t::number_integer, "an integer");
  if (!v) return std::nullopt;
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > 0x7fffffffffffffffULL) {
    error(messages::bad_value(at(), key, v->dump(), "an integer"));
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

const json* reader::array(std::string_view key, bool required) {
  return typed(key, required, json::value_t::array, "an array");
}

const json* reader::object(std::string_view key, bool required) {
  return typed(key, required, json::value_t::object, "an object");
}

std::optional<reader> reader::child(std::string_view key) {
  const json* v = object(key);
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
  const json* arr = array(key);
  if (!arr) return out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const json& el = (*arr)[i];
    if (el.is_string()) out.push_back(el.get<std::string>());
    else
      error(messages::wrong_type({ctx_.file, child_pointer(child_pointer(pointer(), key), i), resource()},
                                 "each element of '" + std::string(key) + "'", "a string",
                                 json_type_name(el)));
  }
  return out;
}

void reader::finish(std::string_view type, std::span<const std::string_view> ignored) {
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    const std::string& k = it.key();
    if (read_.contains(k) || std::find(ignored.begin(), ignored.end(), k) != ignored.end())
      continue;
    if (ctx_.reported_fields.emplace(std::string(type), k).second)
      warn(messages::unknown_field(at(), type, k));
  }
}

scope reader::scope_for(const std::optional<std::string>& owner) const {
  scope s = ctx_.where;
  if (!ctx_.account_from_path) s.account = owner && !owner->empty() ? *owner : ctx_.default_account;
  return s;
}

}  // namespace vpcsim::detail::aws
