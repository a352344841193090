#pragma once
/// The Boost.Graph view of a network: components as vertices, the relations that forward or
/// filter traffic as edges. AWS's defaulting (main route table, default NACL) is resolved into
/// edges once, here, by asking the network index; the solver walks the edges.

#include <vpcsim/model/network.hpp>

#include <boost/graph/adjacency_list.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vpcsim::topology {

enum class node_kind {
  vpc,
  subnet,
  instance,
  network_interface,
  route_table,
  network_acl,
  security_group,
  internet_gateway,
  egress_only_internet_gateway,
  nat_gateway,
  vpn_gateway,
  gateway_endpoint,
  interface_endpoint,
  gateway_load_balancer_endpoint,
  peering_connection,
  transit_gateway,
  service,   ///< an AWS service in a region (`s3` in `us-east-1`), reached through an endpoint
  internet,  ///< everything beyond an internet gateway
  missing,   ///< a route target or reference the input does not hold
};

/// `network-interface`, `route-table`, … as in answers.
std::string_view to_string(node_kind k) noexcept;

struct node {
  node_kind kind = node_kind::missing;
  std::string id;     ///< AWS id; `s3@us-east-1` for services, `internet`
  std::string label;  ///< Name tag or service name, for people
};

enum class link_kind {
  attached,      ///< instance -> ENI (by device index)
  in_subnet,     ///< ENI, NAT gateway -> subnet
  in_vpc,        ///< subnet -> VPC
  contains,      ///< VPC -> subnet
  routes_with,   ///< subnet -> its route table (explicit, else main: RT-1, RT-2)
  filtered_by,   ///< subnet -> its NACL (NACL-1); ENI -> each of its security groups (SG-5)
  route,         ///< route table -> target, one edge per route (`route_index` into the table)
  endpoint_eni,  ///< interface endpoint -> each of its ENIs (IF-1)
  serves,        ///< endpoint -> the service it reaches
  exits,         ///< internet gateway -> internet
};

struct link {
  link_kind kind = link_kind::attached;
  int route_index = -1;  ///< for `route` edges
};

using graph_type = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, node, link>;
using vertex = graph_type::vertex_descriptor;
using edge = graph_type::edge_descriptor;

/// The topology of one network. Holds a reference: the network must outlive it.
class topology {
 public:
  explicit topology(const network& net);

  const graph_type& graph() const noexcept { return g_; }
  const network& net() const noexcept { return net_; }
  const node& operator[](vertex v) const { return g_[v]; }

  /// The vertex of a component by id (`subnet-…`, `s3@us-east-1`, `internet`).
  std::optional<vertex> find(std::string_view id) const;
  /// The targets of `v`'s out-edges of one kind, in insertion order.
  std::vector<vertex> next(vertex v, link_kind k) const;
  /// The single target of `v`'s out-edge of one kind, if there is exactly one or more (first).
  std::optional<vertex> next_one(vertex v, link_kind k) const;
  /// `v`'s route edges (route tables only).
  std::vector<edge> routes(vertex v) const;

  /// The id the service vertex of `short_name` in `region` has.
  static std::string service_key(std::string_view short_name, std::string_view region);

 private:
  vertex add(node_kind kind, const std::string& id, const std::string& label);
  vertex ensure(node_kind kind, const std::string& id);
  void connect(vertex from, vertex to, link_kind kind, int route_index = -1);

  const network& net_;
  graph_type g_;
  std::unordered_map<std::string, vertex> by_id_;
};

}  // namespace vpcsim::topology
