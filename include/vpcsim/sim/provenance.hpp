#pragma once
/// Where an answer's facts come from: an answer that crosses a resource whose configuration an
/// importer could not rebuild completely (a Terraform plan's link known only after apply, TF-2)
/// says so, naming the resource as the input does and the attribute (issue 18: "an answer that
/// depends on it says so").

#include <vpcsim/model/network.hpp>
#include <vpcsim/sim/answer.hpp>

namespace vpcsim {

/// Appends to `a.warnings` one warning per link of `net.unresolved()` held by a component the
/// answer depends on: its source (its subnet, and the workload it stands for), each hop of its
/// path (with the subnet of an instance or interface), the blocking component; each leg of a composite answer gets its own, and the composite all of its
/// legs'. In path order; a warning already present is not added again, so calling it twice
/// changes nothing. Example: `the answer depends on aws_route.a_to_b (in rtb-0… "aws_route_table.a"),
/// whose transit_gateway_id could not be rebuilt from the plan (unknown until apply)`.
void note_unresolved(const network& net, answer& a);

}  // namespace vpcsim
