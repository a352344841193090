#pragma once
/// What every resource carries: where it lives (account, region) and its tags.

#include <map>
#include <string>

namespace vpcsim {

/// The account and region a resource was captured in. Empty when the input does not say.
struct scope {
  std::string account;
  std::string region;

  auto operator<=>(const scope&) const = default;
  bool operator==(const scope&) const = default;
};

/// AWS tags, ordered by key. `Name` is what consoles show.
using tag_map = std::map<std::string, std::string>;

/// The `Name` tag, or empty.
inline std::string name_tag(const tag_map& tags) {
  auto it = tags.find("Name");
  return it == tags.end() ? std::string{} : it->second;
}

}  // namespace vpcsim
