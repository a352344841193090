#pragma once
/// A route table with its routes and associations. Models `aws ec2 describe-route-tables`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/net/cidr.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace vpcsim {

/// A route's destination: exactly one of an IPv4 CIDR, an IPv6 CIDR or a prefix list (RT-8).
using route_destination = std::variant<cidr4, cidr6, prefix_list_id>;

/// The kind of resource a route sends traffic to (RT-13).
enum class target_kind {
  local,
  internet_gateway,
  egress_only_internet_gateway,
  nat_gateway,
  gateway_endpoint,       ///< `GatewayId: vpce-…` on a prefix-list route (GW-6)
  gateway_load_balancer_endpoint,  ///< `VpcEndpointId: vpce-…`
  network_interface,
  instance,
  peering_connection,
  transit_gateway,
  virtual_private_gateway,
  local_gateway,
  carrier_gateway,
  core_network,
};

/// Stable lower-case name (`nat-gateway`), used in output.
std::string_view to_string(target_kind k) noexcept;

struct route_target {
  target_kind kind = target_kind::local;
  std::string id;  ///< `local`, `igw-…`, `nat-…`, `vpce-…`, `eni-…`, `i-…`, `pcx-…`, `tgw-…`, …

  bool operator==(const route_target&) const = default;
};

/// Where a route came from (`Origin`); propagated routes rank below static ones (RT-15).
enum class route_origin { create_route_table, create_route, propagated };

/// `State`: `blackhole` when the target is gone or detached (RT-22).
enum class route_state { active, blackhole };

struct route {
  route_destination destination;
  route_target target;
  route_state state = route_state::active;
  route_origin origin = route_origin::create_route;

  bool operator==(const route&) const = default;
};

/// An association: a subnet, an edge gateway (RT-25), or the main flag (RT-2).
struct route_table_association {
  std::string id;  ///< `rtbassoc-…`
  bool main = false;
  std::optional<subnet_id> subnet;
  std::optional<std::string> gateway;  ///< edge association: `igw-…` / `vgw-…`

  bool operator==(const route_table_association&) const = default;
};

struct route_table {
  route_table_id id;
  scope where;
  vpc_id vpc;
  std::vector<route> routes;
  std::vector<route_table_association> associations;
  std::vector<vpn_gateway_id> propagating_vgws;
  tag_map tags;

  /// Whether an association marks this table as its VPC's main table (RT-2).
  bool is_main() const noexcept {
    for (const auto& a : associations)
      if (a.main) return true;
    return false;
  }

  bool operator==(const route_table&) const = default;
};

/// `10.0.0.0/16`, `pl-63a5400a` or `::/0`.
std::string to_string(const route_destination& d);

}  // namespace vpcsim
