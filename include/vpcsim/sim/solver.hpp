#pragma once
/// The path solver: load once, answer many. Holds the network's topology graph.

#include <vpcsim/sim/trace.hpp>
#include <vpcsim/topology/graph.hpp>

namespace vpcsim {

/// Answers flows on one network. The network must outlive the solver; `trace` is const and
/// may run from several threads at once.
class solver {
 public:
  explicit solver(const network& net);

  /// See vpcsim::trace.
  answer trace(const flow_request& request) const;

  const topology::topology& topology() const noexcept { return topo_; }

 private:
  const network& net_;
  topology::topology topo_;
};

}  // namespace vpcsim
