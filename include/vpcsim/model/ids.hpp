#pragma once
/// Typed resource ids: a `subnet_id` cannot be passed where a `vpc_id` is expected.

#include <compare>
#include <functional>
#include <string>
#include <string_view>

namespace vpcsim {

/// An AWS resource id (`vpc-0abc…`) tagged with the resource kind it names.
template <class Tag>
struct basic_id {
  std::string value;

  basic_id() = default;
  explicit basic_id(std::string v) : value(std::move(v)) {}

  bool empty() const noexcept { return value.empty(); }
  const std::string& str() const noexcept { return value; }

  auto operator<=>(const basic_id&) const = default;
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
