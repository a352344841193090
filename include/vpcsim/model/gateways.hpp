#pragma once
/// Internet, egress-only internet, NAT and virtual private gateways. Models
/// `describe-internet-gateways`, `describe-egress-only-internet-gateways`,
/// `describe-nat-gateways` and `describe-vpn-gateways`:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InternetGateway.html
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html

#include <vpcsim/model/common.hpp>
#include <vpcsim/model/ids.hpp>
#include <vpcsim/model/state.hpp>
#include <vpcsim/net/address.hpp>

#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

/// A gateway's attachment to a VPC; only `available`/`attached` ones carry traffic (IGW-2).
struct gateway_attachment {
  vpc_id vpc;
  state_of<attachment_state> state{""};  ///< `available` (IGW), `attached` (VGW, EIGW), `detached`, …

  /// IGW-2: only an attached gateway carries traffic (internet gateways say `available`).
  bool is_attached() const noexcept { return state == attachment_state::available || state == attachment_state::attached; }
  bool operator==(const gateway_attachment&) const = default;
};

struct internet_gateway {
  internet_gateway_id id;
  scope where;
  std::vector<gateway_attachment> attachments;
  tag_map tags;
  bool operator==(const internet_gateway&) const = default;
};

/// IPv6-only, outbound-initiated (IGW-8).
struct egress_only_internet_gateway {
  egress_only_internet_gateway_id id;
  scope where;
  std::vector<gateway_attachment> attachments;
  tag_map tags;
  bool operator==(const egress_only_internet_gateway&) const = default;
};

/// `public` (Elastic IP, toward an IGW) or `private` (toward TGW/VGW only) (NAT-1..3).
enum class nat_connectivity { public_, private_ };

struct nat_gateway_address {
  std::string allocation_id;
  std::optional<network_interface_id> network_interface;
  std::optional<address4> private_ip;
  std::optional<address4> public_ip;
  bool operator==(const nat_gateway_address&) const = default;
};

struct nat_gateway {
  nat_gateway_id id;
  scope where;
  vpc_id vpc;
  subnet_id subnet;
  nat_connectivity connectivity = nat_connectivity::public_;
  /// `pending`, `available`, `failed`, `deleting`, `deleted`; only `available` forwards (NAT-14).
  state_of<nat_gateway_state> state = "available";
  std::vector<nat_gateway_address> addresses;
  tag_map tags;

  /// Whether the gateway is there or on its way (any state but `failed` and `deleted`, NAT-14, NAT-15):
  /// lint counts the traffic of its subnet.
  bool is_present() const noexcept { return state != nat_gateway_state::failed && state != nat_gateway_state::deleted; }
  /// NAT-14: only an available NAT gateway forwards.
  bool is_available() const noexcept { return state == nat_gateway_state::available; }

  bool operator==(const nat_gateway&) const = default;
};

struct vpn_gateway {
  vpn_gateway_id id;
  scope where;
  state_of<vpn_gateway_state> state = "available";
  std::vector<gateway_attachment> attachments;
  tag_map tags;
  bool operator==(const vpn_gateway&) const = default;
};

}  // namespace vpcsim
