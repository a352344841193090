// Resources named by the user (model/names.hpp).
#include "edit_distance.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/model/names.hpp>

#include <algorithm>
#include <cctype>

namespace vpcsim {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string shown(const name_candidate& c) { return c.name.empty() ? c.id : "'" + c.name + "' (" + c.id + ")"; }

}  // namespace

std::vector<std::string> closest_names(std::string_view text, std::vector<std::string> names, std::size_t count) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return detail::edit_distance(a, text) < detail::edit_distance(b, text);
  });
  if (names.size() > count) names.resize(count);
  return names;
}

std::string resolve_name(std::string_view text, const std::vector<name_candidate>& candidates, std::string_view kind,
                         std::string_view plural) {
  for (const auto& c : candidates)
    if (c.id == text) return c.id;
  std::vector<const name_candidate*> found;
  for (const auto& c : candidates)
    if (!c.name.empty() && c.name == text) found.push_back(&c);
  if (found.empty())
    for (const auto& c : candidates)
      if (!c.name.empty() && same_ignoring_case(c.name, text)) found.push_back(&c);
  if (found.size() == 1) return found.front()->id;
  if (found.size() > 1) {
    std::sort(found.begin(), found.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
    std::string list;
    for (const auto* c : found) list += (list.empty() ? "" : ", ") + shown(*c);
    throw usage_error("vpcsim.names.ambiguous", "'" + std::string(text) + "' names " + std::to_string(found.size()) + " " +
                                                    std::string(plural) + ": " + list + "; give the id");
  }
  if (candidates.empty())
    throw usage_error("vpcsim.names.unknown", "no " + std::string(kind) + " in the input is named '" + std::string(text) +
                                                  "': the input has no " + std::string(plural));
  std::vector<std::string> spellings;
  for (const auto& c : candidates) spellings.push_back(c.name.empty() ? c.id : c.name);
  std::string list;
  for (const auto& s : closest_names(text, spellings, 8)) list += (list.empty() ? "" : ", ") + ("'" + s + "'");
  throw usage_error("vpcsim.names.unknown", "no " + std::string(kind) + " in the input has the id or name '" + std::string(text) +
                                                "'; " + std::string(plural) + " in the input: " + list);
}

}  // namespace vpcsim
