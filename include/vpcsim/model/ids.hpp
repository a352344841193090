#pragma once
/// Typed resource ids: a `subnet_id` cannot be passed where a `vpc_id` is expected.

#include <algorithm>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

namespace vpcsim {

namespace detail {

/// The order of two ids' bytes, as `std::string` orders them (unsigned), compared eight at a
/// time: AWS ids share a prefix (`subnet-0`), and the model's trees compare them at every level.
inline std::strong_ordering compare_id_bytes(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x == y) continue;
    if constexpr (std::endian::native == std::endian::little) {
      x = __builtin_bswap64(x);
      y = __builtin_bswap64(y);
    }
    return x <=> y;
  }
  for (; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) <=> static_cast<unsigned char>(b[i]);
  return a.size() <=> b.size();
}

}  // namespace detail

/// An AWS resource id (`vpc-0abc…`) tagged with the resource kind it names.
template <class Tag>
struct basic_id {
  std::string value;

  basic_id() = default;
  explicit basic_id(std::string v) : value(std::move(v)) {}

  bool empty() const noexcept { return value.empty(); }
  const std::string& str() const noexcept { return value; }

  std::strong_ordering operator<=>(const basic_id& o) const noexcept { return detail::compare_id_bytes(value, o.value); }
  bool operator==(const basic_id&) const = default;
};

using vpc_id = basic_id<struct vpc_tag>;
using subnet_id = basic_id<struct subnet_tag>;
using route_table_id = basic_id<struct route_table_tag>;
using network_acl_id = basic_id<struct network_acl_tag>;
using security_group_id = basic_id<struct security_group_tag>;
using internet_gateway_id = basic_id<struct internet_gateway_tag>;
using egress_only_internet_gateway_id = basic_id<struct egress_only_internet_gateway_tag>;
using nat_gateway_id = basic_id<struct nat_gateway_tag>;
using vpn_gateway_id = basic_id<struct vpn_gateway_tag>;
using vpc_endpoint_id = basic_id<struct vpc_endpoint_tag>;
using network_interface_id = basic_id<struct network_interface_tag>;
using instance_id = basic_id<struct instance_tag>;
using prefix_list_id = basic_id<struct prefix_list_tag>;
using peering_connection_id = basic_id<struct peering_connection_tag>;
using transit_gateway_id = basic_id<struct transit_gateway_tag>;
using transit_gateway_attachment_id = basic_id<struct transit_gateway_attachment_tag>;
using transit_gateway_route_table_id = basic_id<struct transit_gateway_route_table_tag>;
using hosted_zone_id = basic_id<struct hosted_zone_tag>;            ///< `Z0123…`
using resolver_rule_id = basic_id<struct resolver_rule_tag>;        ///< `rslvr-rr-…`
using resolver_endpoint_id = basic_id<struct resolver_endpoint_tag>;  ///< `rslvr-out-…`, `rslvr-in-…`
using dhcp_options_id = basic_id<struct dhcp_options_tag>;          ///< `dopt-…`

}  // namespace vpcsim

template <class Tag>
struct std::hash<vpcsim::basic_id<Tag>> {
  std::size_t operator()(const vpcsim::basic_id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.value);
  }
};
