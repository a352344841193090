#pragma once
/// The normalised model as text for a person (`vpcsim show`): one block per VPC with everything
/// in it, then what spans VPCs (peering, transit gateways, prefix lists).

#include <vpcsim/model/network.hpp>

#include <ostream>
#include <string>

namespace vpcsim::report {

/// Writes `n` as `vpcsim show` prints it; DNS attributes the input did not capture say so.
void write_text(const network& n, std::ostream& out);

/// `write_text` into a string.
std::string to_text(const network& n);

}  // namespace vpcsim::report
