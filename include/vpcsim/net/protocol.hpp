#pragma once
/// IP protocols by IANA number, `-1` meaning all (SG-12, NACL-12).

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim {

/// An IP protocol number; `-1` stands for every protocol.
struct protocol {
  int number = -1;

  static constexpr protocol all() noexcept { return {-1}; }
  static constexpr protocol tcp() noexcept { return {6}; }
  static constexpr protocol udp() noexcept { return {17}; }
  static constexpr protocol icmp() noexcept { return {1}; }
  static constexpr protocol icmpv6() noexcept { return {58}; }

  /// Accepts names (`tcp`, `udp`, `icmp`, `icmpv6`, `all`) and numbers (`6`, `-1`), as AWS,
  /// Terraform and the CLI write them. nullopt for anything else or a number outside -1..255.
  static std::optional<protocol> parse(std::string_view text);

  constexpr bool is_all() const noexcept { return number == -1; }
  /// Whether ports (or ICMP type/code) are meaningful for this protocol (SG-12, NACL-12).
  constexpr bool has_ports() const noexcept { return number == 6 || number == 17; }
  constexpr bool is_icmp() const noexcept { return number == 1 || number == 58; }
  /// Whether a rule for this protocol matches a packet of protocol `p`.
  constexpr bool matches(protocol p) const noexcept { return is_all() || number == p.number; }

  /// `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the number.
  std::string name() const;

  auto operator<=>(const protocol&) const = default;
  bool operator==(const protocol&) const = default;
};

/// ICMP type and code; -1 means all (SG-13, NACL-13).
struct icmp_type_code {
  int type = -1;
  int code = -1;

  constexpr bool matches(icmp_type_code packet) const noexcept {
    return (type == -1 || type == packet.type) && (code == -1 || code == packet.code);
  }
  bool operator==(const icmp_type_code&) const = default;
};

}  // namespace vpcsim
