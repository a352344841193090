#pragma once
/// Tracing from a workload (model/workload.hpp) or from a hypothetical interface: the interfaces
/// AWS would create at run time, one representative per subnet, added to a copy of the network.

#include <vpcsim/model/network.hpp>
#include <vpcsim/net/address.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// One representative interface of a workload.
struct workload_source {
  subnet_id subnet;
  network_interface_id interface;
  address4 address;
};

/// Adds to `net` one interface per subnet of `w`: the subnet's first free address (AWS reserves the
/// first four and the last), the workload's security groups, else its VPC's default group (SG-11).
/// Returns them in the workload's subnet order. Throws `usage_error` (`vpcsim.workload.*`) when
/// a subnet is not in the network or has no free address, or a security group is not.
std::vector<workload_source> place_workload(network& net, const workload& w);

/// The tag on a representative interface that names its workload: `--from NAME` in `check`,
/// `matrix` and intents selects the interfaces that carry it.
inline constexpr std::string_view workload_tag = "vpcsim:workload";

/// Places every workload of `net` (`place_workload`), each interface tagged `workload_tag`, so that
/// batch questions can name a workload as a source. A workload that cannot be placed (a subnet or
/// group of another stack) is left out; selecting it says so.
void place_workloads(network& net);

/// The subnet `text` names: its id, its logical id (CFN-3) or its `Name` tag. Throws `usage_error`
/// (`vpcsim.workload.unknown_subnet`, or `.ambiguous` when several have that name).
subnet_id find_subnet(const network& net, std::string_view text);
/// The security group `text` names: its id, logical id, `Name` tag or group name (in `v`).
security_group_id find_security_group(const network& net, std::string_view text, const vpc_id& v);

}  // namespace vpcsim
