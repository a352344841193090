#pragma once
/// Pictures of a network: the topology graph as Graphviz DOT, with a traced path drawn on it.
/// VPCs and subnets are clusters; every other component is a node labelled with its kind, id and
/// Name tag; edges are the forwarding relations (route table entries labelled with their
/// destination; `local` routes are folded into the route table's label). Output is ordered by id,
/// so the same network always gives the same bytes.
///
/// Highlighted items carry a Graphviz `class` (a CSS class in SVG output): path nodes `path`,
/// path edges `path forward` or `path return` with their hop number as label, the blocking
/// component `blocked`, and the edge from a blocked leg's last hop to it `blocked`.

#include <vpcsim/sim/answer.hpp>
#include <vpcsim/topology/graph.hpp>

#include <string>

namespace vpcsim::report {

/// Which part of the network a picture shows; at most one of `vpc` and `subnet`.
struct dot_options {
  /// Only this VPC and what its routes and endpoints lead to; empty: every VPC.
  std::string vpc;
  /// Only this subnet and what its traffic touches: its members, route table, NACL, security
  /// groups, what its routes lead to (through NAT gateways to their own subnet's routes) and the
  /// VPC's interface endpoints; empty: everything.
  std::string subnet;
  /// Region of service hops when the input does not say where the traced source is.
  std::string region;
};

/// The topology as DOT. Throws `usage_error` when `vpc` or `subnet` names nothing in the network.
std::string to_dot(const topology::topology& topo, const dot_options& options = {});

/// The topology as DOT with `a`'s path drawn on it: forward hops bold, return hops dashed, the
/// blocking component red with its rule; every leg of a composite answer. Path components
/// outside `options`' part are drawn too.
std::string to_dot(const topology::topology& topo, const answer& a, const dot_options& options = {});

}  // namespace vpcsim::report
