#pragma once
/// Transit gateways, their attachments and route tables. Models `describe-transit-gateways`,
/// `describe-transit-gateway-attachments`, `describe-transit-gateway-vpc-attachments`,
/// `describe-transit-gateway-route-tables` and `search-transit-gateway-routes`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGateway.html
/// The solver routes through VPC attachments (sim/solver.cpp, `through_tgw`).

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/cidr.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace vpcsim {

struct transit_gateway {
  transit_gateway_id id;
  scope where;
  state_of<tgw_state> state = "available";
  std::optional<transit_gateway_route_table_id> association_default_route_table;
  std::optional<transit_gateway_route_table_id> propagation_default_route_table;
  tag_map tags;
  /// Only an available transit gateway forwards (tgw-vpc-attachments.html).
  bool is_available() const noexcept { return state == tgw_state::available; }
  bool operator==(const transit_gateway&) const = default;
};

struct transit_gateway_attachment {
  transit_gateway_attachment_id id;
  scope where;
  transit_gateway_id transit_gateway;
  std::string resource_type;  ///< `vpc`, `vpn`, `direct-connect-gateway`, `peering`, …
  std::string resource_id;
  std::string resource_owner;
  std::vector<subnet_id> subnets;  ///< VPC attachments
  state_of<tgw_attachment_state> state = "available";
  std::optional<transit_gateway_route_table_id> association;
  /// VPC attachments: `Options.Ipv6Support` is `enable` (default `disable`). Only then does a
  /// propagation carry the VPC's IPv6 CIDR blocks (TGW-2).
  bool ipv6_support = false;
  tag_map tags;
  /// Only an available attachment carries traffic (tgw-vpc-attachments.html).
  bool is_available() const noexcept { return state == tgw_attachment_state::available; }
  bool operator==(const transit_gateway_attachment&) const = default;
};

/// A transit gateway route's destination: an IPv4 or an IPv6 CIDR block (TGW-2).
using tgw_destination = std::variant<cidr4, cidr6>;

/// `10.1.0.0/16`, `2600:1f18::/56`.
std::string to_string(const tgw_destination& d);

struct transit_gateway_route {
  tgw_destination destination;
  std::vector<transit_gateway_attachment_id> attachments;
  std::string type = "static";  ///< `static` or `propagated`
  state_of<tgw_route_state> state = "active";  ///< `active` or `blackhole`, …
  /// A route drops when it is a blackhole or has no attachment; any other state, one this version
  /// does not know included, forwards (search-transit-gateway-routes).
  bool drops() const noexcept { return state == tgw_route_state::blackhole || attachments.empty(); }
  bool operator==(const transit_gateway_route&) const = default;
};

struct transit_gateway_route_table {
  transit_gateway_route_table_id id;
  scope where;
  transit_gateway_id transit_gateway;
  std::vector<transit_gateway_route> routes;
  std::vector<transit_gateway_attachment_id> propagations;  ///< attachments propagating routes here
  state_of<tgw_route_table_state> state = "available";
  tag_map tags;
  bool operator==(const transit_gateway_route_table&) const = default;
};

}  // namespace vpcsim
