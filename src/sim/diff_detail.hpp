#pragma once
// What the reachability diff (diff.cpp) takes from the model diff (diff_model.cpp) besides the
// changes it shows: every resource that differs at all, found in the same pass.

#include <vpcsim/sim/diff.hpp>

#include <string>
#include <vector>

namespace vpcsim::detail {

/// The ids of the resources that differ field for field between two networks or are on one side
/// only (shown as changes or not: a rule's description counts here), and whether one of them is
/// outside every VPC (a prefix list, a peering connection, a transit gateway or its parts).
struct unequal_resources {
  std::vector<std::string> ids;
  bool outside_vpcs = false;
};

/// `diff_models`, listing in `unequal` (when given) what differs at all.
model_diff diff_models(const network& before, const network& after, unequal_resources* unequal);

}  // namespace vpcsim::detail
