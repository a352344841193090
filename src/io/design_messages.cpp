// Every message of the native design loader (style point 8) and the pointer -> line:column map.
#include "design_messages.hpp"
#include "../model/edit_distance.hpp"
#include "../model/json_positions.hpp"
#include "quote.hpp"

#include <algorithm>

namespace vpcsim::detail::design {

namespace {

diagnostic make(severity level, std::string code, const place& at, std::string message) {
  return diagnostic{level, std::move(code), "", at.pointer, at.resource, std::move(message)};
}

std::string quoted_list(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + single_quoted(x);
  return out;
}


}  // namespace

positions::positions(std::string_view text) : at_(json_value_positions(text)) {}

std::string positions::locate(const std::string& file, const std::string& pointer) const {
  std::string p = pointer;
  for (;;) {
    auto it = at_.find(p);
    if (it != at_.end()) return file + ":" + std::to_string(it->second.first) + ":" + std::to_string(it->second.second);
    if (p.empty()) return file;
    p.erase(p.rfind('/'));
  }
}

std::pair<int, int> positions::line_column(const std::string& pointer) const {
  for (std::string p = pointer;; p.erase(p.rfind('/'))) {
    if (auto it = at_.find(p); it != at_.end()) return it->second;
    if (p.empty()) return {0, 0};
  }
}

namespace messages {

diagnostic unreadable(const std::string& file, const std::string& reason) {
  auto d = make(severity::error, "vpcsim.design.unreadable", {}, "cannot read: " + reason);
  d.file = file;
  return d;
}

diagnostic not_json(const std::string& file, const std::string& parse_error) {
  auto d = make(severity::error, "vpcsim.design.not_json", {}, "not JSON: " + parse_error);
  d.file = file;
  return d;
}

diagnostic not_a_design(const std::string& file, const std::string& why) {
  auto d = make(severity::error, "vpcsim.design.not_a_design", {}, why);
  d.file = file;
  return d;
}

diagnostic wrong_type(const place& at, std::string_view what, std::string_view expected, std::string_view found) {
  return make(severity::error, "vpcsim.design.wrong_type", at,
              std::string(what) + " must be " + std::string(expected) + ", not " + std::string(found));
}

diagnostic missing_field(const place& at, std::string_view key) {
  return make(severity::error, "vpcsim.design.missing_field", at, "field " + single_quoted(key) + " is required");
}

diagnostic bad_value(const place& at, std::string_view key, std::string_view text, std::string_view expected) {
  return make(severity::error, "vpcsim.design.bad_value", at,
              single_quoted(key) + " must be " + std::string(expected) + ", not " + single_quoted(text));
}

diagnostic unknown_state(const place& at, std::string_view key, const std::string& warning) {
  return make(severity::warning, "vpcsim.design.unknown_state", at, single_quoted(key) + ": " + warning);
}

diagnostic duplicate_name(const place& at, std::string_view kind_label, std::string_view name,
                          const std::string& first_pointer) {
  return make(severity::error, "vpcsim.design.duplicate_name", at,
              std::string(kind_label) + " name " + single_quoted(name) + " is already used at " + first_pointer);
}

diagnostic implied_name_taken(const place& at, std::string_view what, std::string_view name, std::string_view hint) {
  return make(severity::error, "vpcsim.design.duplicate_name", at,
              std::string(what) + " is named " + single_quoted(name) + ", which is already used; " + std::string(hint));
}

diagnostic duplicate_id(const place& at, std::string_view id, const std::string& first_pointer) {
  return make(severity::error, "vpcsim.design.duplicate_id", at,
              "id " + single_quoted(id) + " is already used at " + first_pointer);
}

diagnostic undefined_reference(const place& at, std::string_view verb, std::string_view name,
                               std::string_view plural, const std::vector<candidate>& known) {
  std::string msg = std::string(verb) + " " + single_quoted(name) + ", which is not defined; ";
  if (known.empty()) return make(severity::error, "vpcsim.design.undefined_reference", at, msg + "this design has no " + std::string(plural));
  // Closest names first, as a compiler suggests them; at most eight.
  std::vector<candidate> sorted = known;
  std::stable_sort(sorted.begin(), sorted.end(), [&](const candidate& a, const candidate& b) {
    return detail::edit_distance(a.name, name) < detail::edit_distance(b.name, name);
  });
  msg += std::string(plural) + " in this design: ";
  for (std::size_t i = 0; i < sorted.size() && i < 8; ++i) {
    if (i) msg += ", ";
    msg += single_quoted(sorted[i].name);
    if (!sorted[i].kind.empty()) msg += " (" + sorted[i].kind + ")";
  }
  if (sorted.size() > 8) msg += " and " + std::to_string(sorted.size() - 8) + " more";
  return make(severity::error, "vpcsim.design.undefined_reference", at, msg);
}

diagnostic ambiguous_reference(const place& at, std::string_view name, const std::vector<std::string>& kinds) {
  std::string list;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    list += i == 0 ? "" : i + 1 == kinds.size() ? " and " : ", ";
    list += (std::string_view("aeiou").find(kinds[i].front()) == std::string_view::npos ? "a " : "an ") + kinds[i];
  }
  return make(severity::error, "vpcsim.design.ambiguous_reference", at,
              single_quoted(name) + " is the name of " + list + "; rename one of them");
}

diagnostic external_reference(const place& at, std::string_view id, std::string_view kind_label) {
  return make(severity::warning, "vpcsim.design.external_reference", at,
              std::string(kind_label) + " " + std::string(id) +
                  " is not in this design; read as a resource outside it (list it under 'external' to say so)");
}

diagnostic unknown_field(const place& at, std::string_view key, const std::vector<std::string_view>& known) {
  std::vector<std::string> names(known.begin(), known.end());
  std::stable_sort(names.begin(), names.end(),
                   [&](const std::string& a, const std::string& b) {
                     return detail::edit_distance(a, key) < detail::edit_distance(b, key);
                   });
  if (names.size() > 3) names.resize(3);
  return make(severity::warning, "vpcsim.design.unknown_field", at,
              "unknown field " + single_quoted(key) + " ignored" + (names.empty() ? "" : "; closest known: " + quoted_list(names)));
}

diagnostic ignored_field(const place& at, std::string_view key, std::string_view why) {
  return make(severity::warning, "vpcsim.design.ignored_field", at, single_quoted(key) + " ignored: " + std::string(why));
}

diagnostic no_vpc(const place& at, std::size_t vpcs) {
  return make(severity::error, "vpcsim.design.missing_field", at,
              "field 'vpc' is required: " +
                  (vpcs == 0 ? std::string("this design has no VPCs") : "this design has " + std::to_string(vpcs) + " VPCs"));
}

diagnostic no_region(const place& at, std::string_view what) {
  return make(severity::error, "vpcsim.design.missing_field", at,
              "field 'region' is required for " + std::string(what) + ": set it on the file or the VPC");
}

diagnostic conflict(const place& at, const std::string& what) {
  return make(severity::error, "vpcsim.design.conflict", at, what);
}

diagnostic aws_refuses(const place& at, const std::string& code, const std::string& message) {
  return make(severity::error, "vpcsim.design." + code, at, message);
}

diagnostic address_outside_subnet(const place& at, const std::string& address, std::string_view subnet,
                                  const std::string& cidr) {
  return make(severity::error, "vpcsim.design.address_outside_subnet", at,
              address + " is not in subnet " + single_quoted(subnet) + " (" + cidr + ")");
}

diagnostic no_free_address(const place& at, std::string_view subnet, const std::string& cidr) {
  return make(severity::error, "vpcsim.design.no_free_address", at,
              "subnet " + single_quoted(subnet) + " (" + cidr + ") has no free address left; give 'ip' explicitly or use a larger subnet");
}

}  // namespace messages

}  // namespace vpcsim::detail::design
