#pragma once
/// Inclusive port ranges (SG-13, NACL-13) and the client ephemeral range (NACL-16/17).

#include <compare>
#include <cstdint>
#include <string>

namespace vpcsim {

/// An inclusive range of TCP/UDP ports.
struct port_range {
  std::uint16_t from = 0;
  std::uint16_t to = 65535;

  static constexpr port_range all() noexcept { return {0, 65535}; }
  static constexpr port_range single(std::uint16_t p) noexcept { return {p, p}; }

  constexpr bool is_all() const noexcept { return from == 0 && to == 65535; }
  constexpr bool contains(std::uint16_t p) const noexcept { return from <= p && p <= to; }
  constexpr bool contains(port_range r) const noexcept { return from <= r.from && r.to <= to; }
  constexpr bool overlaps(port_range r) const noexcept { return from <= r.to && r.from <= to; }

  /// `443`, `1024-65535` or `all`.
  std::string to_string() const;

  auto operator<=>(const port_range&) const = default;
  bool operator==(const port_range&) const = default;
};

/// Linux clients' ephemeral range, `ip_local_port_range` default (NACL-17): the simulator's
/// assumption for return traffic unless the caller gives another.
inline constexpr port_range linux_ephemeral_ports{32768, 60999};
/// Source ports a NAT gateway uses toward the destination (NAT-11).
inline constexpr port_range nat_gateway_ports{1024, 65535};

}  // namespace vpcsim
