#pragma once
// An id's order (std::string's: byte by byte) from a key of its first 8·N bytes held beside it, so
// that a sort or merge of many ids reads each id's text once rather than at every comparison.

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vpcsim::detail {

template <std::size_t N>
struct id_key {
  std::array<std::uint64_t, N> head{};  // the first 8·N bytes, big-endian, zero-padded
  std::string_view id;

  explicit id_key(std::string_view s) noexcept : id(s) {
    for (std::size_t i = 0; i < 8 * N && i < s.size(); ++i)
      head[i / 8] |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * (7 - i % 8));
  }
  // Equal heads: ids no longer than the head differ only in length (the padding is not text);
  // longer ones are compared in full.
  friend std::strong_ordering operator<=>(const id_key& a, const id_key& b) noexcept {
    if (const auto c = a.head <=> b.head; c != 0) return c;
    if (a.id.size() <= 8 * N && b.id.size() <= 8 * N) return a.id.size() <=> b.id.size();
    return a.id.compare(b.id) <=> 0;
  }
  friend bool operator==(const id_key& a, const id_key& b) noexcept { return (a <=> b) == 0; }
};

}  // namespace vpcsim::detail
