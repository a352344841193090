#pragma once
/// IPv4 and IPv6 addresses: thin aliases over Boost.Asio, parsed without exceptions.

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim {

using address4 = boost::asio::ip::address_v4;
using address6 = boost::asio::ip::address_v6;
/// An address of either family (a flow's destination, the address a blocking rule is about).
using ip_address = boost::asio::ip::address;

/// Parses dotted-quad IPv4 text; nullopt when it is not exactly an address.
std::optional<address4> parse_address4(std::string_view text);
/// Parses IPv6 text; nullopt when it is not exactly an address.
/// (IPv4-mapped `::ffff:a.b.c.d` forms are IPv6 text too; AWS never assigns them.)
std::optional<address6> parse_address6(std::string_view text);

/// Dotted-quad text of a host-order IPv4 address (`10.0.1.5`), as `address4::to_string` writes it
/// without going through `inet_ntop` (the words of an answer quote many addresses).
std::string to_string(std::uint32_t a);
/// The address as dotted-quad text; `vpcsim::to_string(a)` rather than `a.to_string()`.
inline std::string to_string(address4 a) { return to_string(a.to_uint()); }

/// The address as a host-order integer, for arithmetic and ordering.
inline std::uint32_t to_uint(address4 a) noexcept { return a.to_uint(); }
inline address4 make_address4(std::uint32_t host_order) noexcept { return address4{host_order}; }

/// An IPv6 address as one 128-bit integer (most significant byte first), for arithmetic and
/// ordering; the key of the engine's IPv6 tables.
__extension__ typedef unsigned __int128 uint128;
inline uint128 to_uint(const address6& a) noexcept {
  uint128 v = 0;
  for (const auto b : a.to_bytes()) v = (v << 8) | b;
  return v;
}
inline address6 make_address6(uint128 v) noexcept {
  address6::bytes_type b{};
  for (int i = 15; i >= 0; --i, v >>= 8) b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(v & 0xff);
  return address6{b};
}
/// An address of either family in 16 bytes, trivially copyable: the address a verdict's blocking
/// rule is about (a verdict is zeroed and copied on the hot path, so it stays as small as it was
/// with IPv4 only). IPv4 is kept in its IPv4-mapped IPv6 form (`::ffff:a.b.c.d`, RFC 4291 2.5.5.2),
/// which is what that form means; vpcsim never takes one as an IPv6 destination.
struct any_address {
  std::uint64_t hi = 0, lo = 0xffff00000000u;  // 0.0.0.0
  any_address() = default;
  any_address(address4 a) noexcept : lo(0xffff00000000u | a.to_uint()) {}  // NOLINT: implicit, as an address converts
  any_address(const address6& a) noexcept  // NOLINT
      : hi(static_cast<std::uint64_t>(to_uint(a) >> 64)), lo(static_cast<std::uint64_t>(to_uint(a))) {}
  bool is_v4() const noexcept { return hi == 0 && (lo >> 32) == 0xffff; }
  std::string to_string() const {
    if (is_v4()) return vpcsim::to_string(static_cast<std::uint32_t>(lo));
    return make_address6((uint128{hi} << 64) | lo).to_string();
  }
};

/// An IPv6 address as text (`2600:1f18::5`).
inline std::string to_string(uint128 a) { return make_address6(a).to_string(); }
/// An address of either family as text (`10.0.1.5`, `2600:1f18::5`).
inline std::string to_string(const ip_address& a) { return a.is_v4() ? to_string(a.to_v4().to_uint()) : a.to_v6().to_string(); }

}  // namespace vpcsim
