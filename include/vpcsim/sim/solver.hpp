#pragma once
/// The path solver: load once, answer many. Traces walk the network itself; the topology graph
/// is built only for those who draw it (`topology`).

#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/trace.hpp>
#include <vpcsim/topology/graph.hpp>

#include <memory>
#include <optional>
#include <string>

namespace vpcsim {

/// Answers flows on one network. The network must outlive the solver; `trace` is const and
/// may run from several threads at once.
class solver {
 public:
  explicit solver(const network& net);
  ~solver();
  solver(solver&&) noexcept;

  /// See vpcsim::trace.
  answer trace(const flow_request& request) const;

  /// The id of the one instance, else the one network interface, whose `Name` tag is `name` (a
  /// design's names are Name tags); nullopt when none or several have it.
  std::optional<std::string> id_named(const std::string& name) const;

  /// The network's topology graph (for `vpcsim graph` and DOT), built on the first call.
  const topology::topology& topology() const;

  /// The network the solver answers on.
  const network& net() const noexcept { return net_; }

 private:
  /// Adds the input's names to the answer: each hop's and the blocking component's, the source's,
  /// and after the first mention of each named resource in the message and fix.
  void name(answer& a) const;

  struct drawing;
  const network& net_;
  name_index names_;
  resource_names display_;
  std::unique_ptr<drawing> drawing_;
};

}  // namespace vpcsim
