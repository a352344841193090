// Availability zone -> region.
#include <vpcsim/model/region.hpp>

#include <algorithm>
#include <array>

namespace vpcsim {

namespace {

bool lower_letters(std::string_view s, std::size_t min, std::size_t max) {
  return s.size() >= min && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_direction(std::string_view s) {
  static constexpr std::array<std::string_view, 9> directions{"central",   "north",     "south",     "east",     "west",
                                                              "northeast", "northwest", "southeast", "southwest"};
  return std::find(directions.begin(), directions.end(), s) != directions.end();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// A region name is `[a-z]{2,4}(-(gov|iso[a-z]?|[a-z]{2}))?-DIRECTION-[0-9]{1,2}`, not followed by
// a further digit; a zone name starts with one.
std::string region_of_zone(std::string_view zone) {
  std::size_t pos = 0;
  auto next_part = [&]() -> std::string_view {
    if (pos > zone.size()) return {};
    const std::size_t end = std::min(zone.find('-', pos), zone.size());
    const std::string_view part = zone.substr(pos, end - pos);
    pos = end + 1;
    return part;
  };
  if (!lower_letters(next_part(), 2, 4)) return {};
  std::string_view part = next_part();
  if (!is_direction(part)) {
    const bool partition = part == "gov" || (part.starts_with("iso") && lower_letters(part, 3, 4)) ||
                           lower_letters(part, 2, 2);
    if (!partition) return {};
    part = next_part();
    if (!is_direction(part)) return {};
  }
  const std::size_t number_at = pos;
  if (number_at >= zone.size()) return {};
  std::size_t digits = 0;
  while (number_at + digits < zone.size() && is_digit(zone[number_at + digits])) ++digits;
  if (digits == 0 || digits > 2) return {};
  return std::string(zone.substr(0, number_at + digits));
}

}  // namespace vpcsim
