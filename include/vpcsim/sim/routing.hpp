#pragma once
/// Route selection in a subnet route table (A.1.3): longest prefix, then static CIDR over
/// prefix list over propagated (RT-15..RT-19, GW-7).

#include <vpcsim/model/network.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

/// The route chosen for an address of one family (`Cidr`: cidr4 or cidr6; RT-9: the other
/// family's routes never match).
template <class Cidr>
struct basic_route_choice {
  const route* chosen = nullptr;  ///< nullptr: no route matches (RT-21)
  int index = -1;                 ///< index of `chosen` in the table's routes
  Cidr matched;                   ///< the block that matched (a prefix list's entry for pl routes)
  /// A prefix-list route that also matched but lost to a more specific or equal CIDR route
  /// (GW-7b, GW-7c), so the answer can say the endpoint was bypassed.
  const route* shadowed_prefix_list_route = nullptr;
  std::vector<std::string> warnings;
};
using route_choice = basic_route_choice<cidr4>;
using route_choice6 = basic_route_choice<cidr6>;

/// Picks the route for `dst` (RT-16 expansion of prefix lists, RT-17/18 ranks, RT-19 stable
/// choice between overlapping prefix lists). A blackhole route still wins and drops (RT-24).
route_choice select_route(const network& net, const route_table& table, address4 dst);
/// The same for an IPv6 destination: IPv6 CIDR routes and prefix lists' IPv6 entries (RT-9, RT-10).
route_choice6 select_route(const network& net, const route_table& table, const address6& dst);

/// `10.0.0.0/16 -> local`, `pl-63a5400a -> vpce-0e…`, `0.0.0.0/0 -> nat-… (blackhole)`.
std::string describe(const route& r);

/// The route of a transit gateway route table for `dst` (RT-14: the TGW's table decides): the
/// longest prefix among the table's routes and, for each VPC attachment propagating into it, the
/// CIDRs of its VPC (as AWS propagates them); a static route beats a propagated one of the same
/// prefix. nullopt when none matches.
std::optional<transit_gateway_route> select_tgw_route(const network& net, const transit_gateway_route_table& table,
                                                      address4 dst);
/// The same for an IPv6 destination: the table's IPv6 routes and the IPv6 CIDRs of the VPCs whose
/// attachments propagate with `Ipv6Support` enabled (TGW-2).
std::optional<transit_gateway_route> select_tgw_route(const network& net, const transit_gateway_route_table& table,
                                                      const address6& dst);

/// `10.1.0.0/16 -> tgw-attach-0a… (propagated)`, `0.0.0.0/0 -> (blackhole)`.
std::string describe(const transit_gateway_route& r);

}  // namespace vpcsim
