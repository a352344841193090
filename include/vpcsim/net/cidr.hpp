#pragma once
/// IPv4 and IPv6 CIDR blocks, canonical by construction (no host bits; RT-8, NACL-14).

#include <vpcsim/net/address.hpp>

#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim {

/// Why a CIDR text was rejected.
enum class cidr_problem { none, syntax, not_canonical };

/// An IPv4 CIDR block. Always canonical: `first()` has no bits past the prefix.
class cidr4 {
 public:
  cidr4() = default;  // 0.0.0.0/0
  /// Builds from a base address and prefix length; host bits are cleared.
  cidr4(address4 base, int prefix_length);

  /// Parses `a.b.c.d/n`. Text with host bits set is `not_canonical` (AWS never stores it).
  static std::optional<cidr4> parse(std::string_view text, cidr_problem* problem = nullptr);
  /// Parses and clears host bits, as AWS does on input (`100.68.0.18/18` -> `100.68.0.0/18`).
  static std::optional<cidr4> parse_canonicalising(std::string_view text);
  /// A single-address block (/32).
  static cidr4 host(address4 a) { return cidr4{a, 32}; }

  int prefix_length() const noexcept { return prefix_; }
  std::uint32_t first_uint() const noexcept { return base_; }
  std::uint32_t last_uint() const noexcept { return base_ | ~mask(); }
  address4 first() const noexcept { return address4{base_}; }
  address4 last() const noexcept { return address4{last_uint()}; }
  std::uint32_t mask() const noexcept { return prefix_ == 0 ? 0u : ~std::uint32_t{0} << (32 - prefix_); }

  bool contains(address4 a) const noexcept { return (a.to_uint() & mask()) == base_; }
  bool contains(const cidr4& inner) const noexcept {
    return inner.prefix_ >= prefix_ && (inner.base_ & mask()) == base_;
  }
  bool overlaps(const cidr4& o) const noexcept { return contains(o) || o.contains(*this); }

  boost::asio::ip::network_v4 to_network() const;
  std::string to_string() const;

  auto operator<=>(const cidr4&) const = default;
  bool operator==(const cidr4&) const = default;

 private:
  std::uint32_t base_ = 0;
  std::uint8_t prefix_ = 0;
};

/// An IPv6 CIDR block, canonical by construction (RT-9, NACL-9: never matches IPv4).
class cidr6 {
 public:
  cidr6() = default;  // ::/0
  /// Builds from a base address and prefix length; host bits are cleared.
  cidr6(const address6& base, int prefix_length);
  static std::optional<cidr6> parse(std::string_view text, cidr_problem* problem = nullptr);
  static std::optional<cidr6> parse_canonicalising(std::string_view text);

  int prefix_length() const noexcept { return prefix_; }
  address6 first() const noexcept { return address6{bytes_}; }
  uint128 first_uint() const noexcept { return to_uint(first()); }
  uint128 last_uint() const noexcept { return first_uint() | ~mask(); }
  uint128 mask() const noexcept { return prefix_ == 0 ? uint128{0} : ~uint128{0} << (128 - prefix_); }
  bool contains(const address6& a) const noexcept;
  bool contains(const cidr6& inner) const noexcept {
    return inner.prefix_ >= prefix_ && (inner.first_uint() & mask()) == first_uint();
  }
  std::string to_string() const;

  auto operator<=>(const cidr6&) const = default;
  bool operator==(const cidr6&) const = default;

 private:
  address6::bytes_type bytes_{};
  std::uint8_t prefix_ = 0;
};

}  // namespace vpcsim
