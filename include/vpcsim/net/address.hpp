#pragma once
/// IPv4 and IPv6 addresses: thin aliases over Boost.Asio, parsed without exceptions.

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim {

using address4 = boost::asio::ip::address_v4;
using address6 = boost::asio::ip::address_v6;

/// Parses dotted-quad IPv4 text; nullopt when it is not exactly an address.
std::optional<address4> parse_address4(std::string_view text);
/// Parses IPv6 text; nullopt when it is not exactly an address.
std::optional<address6> parse_address6(std::string_view text);

/// The address as a host-order integer, for arithmetic and ordering.
inline std::uint32_t to_uint(address4 a) noexcept { return a.to_uint(); }
inline address4 make_address4(std::uint32_t host_order) noexcept { return address4{host_order}; }

}  // namespace vpcsim
