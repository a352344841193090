#pragma once
/// An EC2 instance. Models `aws ec2 describe-instances` (`Reservations[].Instances[]`):
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Instance.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/address.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

struct instance {
  instance_id id;
  scope where;
  state_of<instance_state> state = "running";  ///< `pending`, `running`, `stopping`, `stopped`, …
  std::optional<vpc_id> vpc;
  std::optional<subnet_id> subnet;
  std::optional<address4> private_ip;
  std::optional<address4> public_ip;
  std::vector<network_interface_id> network_interfaces;  ///< by device index
  std::vector<security_group_id> security_groups;
  bool source_dest_check = true;
  std::string instance_type;
  tag_map tags;

  /// Only a running instance sends or forwards traffic.
  bool is_running() const noexcept { return state == instance_state::running; }
  bool operator==(const instance&) const = default;
};

}  // namespace vpcsim
