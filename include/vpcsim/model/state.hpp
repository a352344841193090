#pragma once
/// Resource states as AWS reports them (`State`, `Status.Code`, `State.Name`): an enum the
/// simulator decides from, paired with the text exactly as the input wrote it, so that answers and
/// `convert` print what was read. A state this version does not know (one a newer AWS API adds) is
/// kept verbatim as `unknown`, and the importers warn about it (`state_of::known`); it is never
/// rejected. Each state is parsed here, once, for every importer; whether a resource in a state is
/// usable is decided once per kind (the model's `is_*` members, src/sim/rules.hpp).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace vpcsim {

/// NAT gateway `State` (describe-nat-gateways).
enum class nat_gateway_state : std::uint8_t { pending, failed, available, deleting, deleted, unknown };
/// VPC endpoint `State` (describe-vpc-endpoints, as the AWS CLI prints it).
enum class endpoint_state : std::uint8_t {
  pending_acceptance, pending, available, deleting, deleted, rejected, failed, expired, partial, unknown
};
/// VPC peering connection `Status.Code`.
enum class peering_status : std::uint8_t {
  initiating_request, pending_acceptance, active, deleted, rejected, failed, expired, provisioning, deleting, unknown
};
/// Transit gateway `State`.
enum class tgw_state : std::uint8_t { pending, available, modifying, deleting, deleted, unknown };
/// Transit gateway attachment `State`.
enum class tgw_attachment_state : std::uint8_t {
  initiating, initiating_request, pending_acceptance, rolling_back, pending, available, modifying, deleting, deleted,
  failed, rejected, rejecting, failing, unknown
};
/// Transit gateway route `State` (search-transit-gateway-routes).
enum class tgw_route_state : std::uint8_t { active, blackhole, pending, deleting, deleted, unknown };
/// Instance `State.Name`.
enum class instance_state : std::uint8_t { pending, running, shutting_down, terminated, stopping, stopped, unknown };
/// A gateway's VPC attachment `State` (internet gateways say `available` for attached).
enum class attachment_state : std::uint8_t { attaching, attached, detaching, detached, available, unknown };

/// VPC `State`.
enum class vpc_state : std::uint8_t { pending, available, unknown };
/// Subnet `State`.
enum class subnet_state : std::uint8_t { pending, available, unavailable, unknown };
/// Network interface `Status`.
enum class interface_status : std::uint8_t { available, associated, attaching, in_use, detaching, unknown };
/// A network interface's `Attachment.Status`.
enum class interface_attachment_status : std::uint8_t { attaching, attached, detaching, detached, unknown };
/// Virtual private gateway `State`.
enum class vpn_gateway_state : std::uint8_t { pending, available, deleting, deleted, unknown };
/// Transit gateway route table `State`.
enum class tgw_route_table_state : std::uint8_t { pending, available, deleting, deleted, unknown };
/// A transit gateway attachment's `Association.State`.
enum class tgw_association_state : std::uint8_t { associating, associated, disassociating, disassociated, unknown };
/// Route 53 Resolver rule `Status` (list-resolver-rules).
enum class resolver_rule_status : std::uint8_t { complete, deleting, updating, failed, unknown };
/// Route 53 Resolver rule association `Status` (list-resolver-rule-associations).
enum class resolver_association_status : std::uint8_t { creating, complete, deleting, failed, overridden, unknown };
/// Route 53 Resolver endpoint `Status` (list-resolver-endpoints).
enum class resolver_endpoint_status : std::uint8_t {
  creating, operational, updating, auto_recovering, action_needed, deleting, unknown
};

/// The AWS spellings of each state enum, what the resource is called in a warning, and what an
/// unknown state means to the simulator (the usable state is decided in one place per kind).
template <class E>
struct state_names;

template <>
struct state_names<nat_gateway_state> {
  static constexpr std::string_view resource = "NAT gateway";
  static constexpr std::string_view unknown_means = "it does not forward: only an available NAT gateway does (NAT-14)";
  static constexpr std::array<std::pair<std::string_view, nat_gateway_state>, 5> names{{
      {"pending", nat_gateway_state::pending},
      {"failed", nat_gateway_state::failed},
      {"available", nat_gateway_state::available},
      {"deleting", nat_gateway_state::deleting},
      {"deleted", nat_gateway_state::deleted},
  }};
};
template <>
struct state_names<endpoint_state> {
  static constexpr std::string_view resource = "VPC endpoint";
  static constexpr std::string_view unknown_means = "it does not carry traffic: only an available endpoint does";
  static constexpr std::array<std::pair<std::string_view, endpoint_state>, 9> names{{
      {"pendingAcceptance", endpoint_state::pending_acceptance},
      {"pending", endpoint_state::pending},
      {"available", endpoint_state::available},
      {"deleting", endpoint_state::deleting},
      {"deleted", endpoint_state::deleted},
      {"rejected", endpoint_state::rejected},
      {"failed", endpoint_state::failed},
      {"expired", endpoint_state::expired},
      {"partial", endpoint_state::partial},
  }};
};
template <>
struct state_names<peering_status> {
  static constexpr std::string_view resource = "peering connection";
  static constexpr std::string_view unknown_means = "it does not carry traffic: only an active peering connection does";
  static constexpr std::array<std::pair<std::string_view, peering_status>, 9> names{{
      {"initiating-request", peering_status::initiating_request},
      {"pending-acceptance", peering_status::pending_acceptance},
      {"active", peering_status::active},
      {"deleted", peering_status::deleted},
      {"rejected", peering_status::rejected},
      {"failed", peering_status::failed},
      {"expired", peering_status::expired},
      {"provisioning", peering_status::provisioning},
      {"deleting", peering_status::deleting},
  }};
};
template <>
struct state_names<tgw_state> {
  static constexpr std::string_view resource = "transit gateway";
  static constexpr std::string_view unknown_means = "it does not forward: only an available transit gateway does";
  static constexpr std::array<std::pair<std::string_view, tgw_state>, 5> names{{
      {"pending", tgw_state::pending},
      {"available", tgw_state::available},
      {"modifying", tgw_state::modifying},
      {"deleting", tgw_state::deleting},
      {"deleted", tgw_state::deleted},
  }};
};
template <>
struct state_names<tgw_attachment_state> {
  static constexpr std::string_view resource = "transit gateway attachment";
  static constexpr std::string_view unknown_means = "it does not carry traffic: only an available attachment does";
  static constexpr std::array<std::pair<std::string_view, tgw_attachment_state>, 13> names{{
      {"initiating", tgw_attachment_state::initiating},
      {"initiatingRequest", tgw_attachment_state::initiating_request},
      {"pendingAcceptance", tgw_attachment_state::pending_acceptance},
      {"rollingBack", tgw_attachment_state::rolling_back},
      {"pending", tgw_attachment_state::pending},
      {"available", tgw_attachment_state::available},
      {"modifying", tgw_attachment_state::modifying},
      {"deleting", tgw_attachment_state::deleting},
      {"deleted", tgw_attachment_state::deleted},
      {"failed", tgw_attachment_state::failed},
      {"rejected", tgw_attachment_state::rejected},
      {"rejecting", tgw_attachment_state::rejecting},
      {"failing", tgw_attachment_state::failing},
  }};
};
template <>
struct state_names<tgw_route_state> {
  static constexpr std::string_view resource = "transit gateway route";
  static constexpr std::string_view unknown_means = "it forwards like an active route: only a blackhole route drops";
  static constexpr std::array<std::pair<std::string_view, tgw_route_state>, 5> names{{
      {"active", tgw_route_state::active},
      {"blackhole", tgw_route_state::blackhole},
      {"pending", tgw_route_state::pending},
      {"deleting", tgw_route_state::deleting},
      {"deleted", tgw_route_state::deleted},
  }};
};
template <>
struct state_names<instance_state> {
  static constexpr std::string_view resource = "instance";
  static constexpr std::string_view unknown_means = "it is not a client: only a running instance sends";
  static constexpr std::array<std::pair<std::string_view, instance_state>, 6> names{{
      {"pending", instance_state::pending},
      {"running", instance_state::running},
      {"shutting-down", instance_state::shutting_down},
      {"terminated", instance_state::terminated},
      {"stopping", instance_state::stopping},
      {"stopped", instance_state::stopped},
  }};
};
template <>
struct state_names<attachment_state> {
  static constexpr std::string_view resource = "gateway attachment";
  static constexpr std::string_view unknown_means = "the gateway is not attached by it: only attached or available counts (IGW-2)";
  static constexpr std::array<std::pair<std::string_view, attachment_state>, 5> names{{
      {"attaching", attachment_state::attaching},
      {"attached", attachment_state::attached},
      {"detaching", attachment_state::detaching},
      {"detached", attachment_state::detached},
      {"available", attachment_state::available},
  }};
};

template <>
struct state_names<vpc_state> {
  static constexpr std::string_view resource = "VPC";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, vpc_state>, 2> names{{
      {"pending", vpc_state::pending},
      {"available", vpc_state::available},
  }};
};
template <>
struct state_names<subnet_state> {
  static constexpr std::string_view resource = "subnet";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, subnet_state>, 3> names{{
      {"pending", subnet_state::pending},
      {"available", subnet_state::available},
      {"unavailable", subnet_state::unavailable},
  }};
};
template <>
struct state_names<interface_status> {
  static constexpr std::string_view resource = "network interface";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, interface_status>, 5> names{{
      {"available", interface_status::available},
      {"associated", interface_status::associated},
      {"attaching", interface_status::attaching},
      {"in-use", interface_status::in_use},
      {"detaching", interface_status::detaching},
  }};
};
template <>
struct state_names<interface_attachment_status> {
  static constexpr std::string_view resource = "network interface attachment";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, interface_attachment_status>, 4> names{{
      {"attaching", interface_attachment_status::attaching},
      {"attached", interface_attachment_status::attached},
      {"detaching", interface_attachment_status::detaching},
      {"detached", interface_attachment_status::detached},
  }};
};
template <>
struct state_names<vpn_gateway_state> {
  static constexpr std::string_view resource = "virtual private gateway";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, vpn_gateway_state>, 4> names{{
      {"pending", vpn_gateway_state::pending},
      {"available", vpn_gateway_state::available},
      {"deleting", vpn_gateway_state::deleting},
      {"deleted", vpn_gateway_state::deleted},
  }};
};
template <>
struct state_names<tgw_route_table_state> {
  static constexpr std::string_view resource = "transit gateway route table";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, tgw_route_table_state>, 4> names{{
      {"pending", tgw_route_table_state::pending},
      {"available", tgw_route_table_state::available},
      {"deleting", tgw_route_table_state::deleting},
      {"deleted", tgw_route_table_state::deleted},
  }};
};

template <>
struct state_names<tgw_association_state> {
  static constexpr std::string_view resource = "transit gateway association";
  static constexpr std::string_view unknown_means = "the attachment is taken as not associated: only an associated one is";
  static constexpr std::array<std::pair<std::string_view, tgw_association_state>, 4> names{{
      {"associating", tgw_association_state::associating},
      {"associated", tgw_association_state::associated},
      {"disassociating", tgw_association_state::disassociating},
      {"disassociated", tgw_association_state::disassociated},
  }};
};
template <>
struct state_names<resolver_rule_status> {
  static constexpr std::string_view resource = "Resolver rule";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, resolver_rule_status>, 4> names{{
      {"COMPLETE", resolver_rule_status::complete},
      {"DELETING", resolver_rule_status::deleting},
      {"UPDATING", resolver_rule_status::updating},
      {"FAILED", resolver_rule_status::failed},
  }};
};
template <>
struct state_names<resolver_association_status> {
  static constexpr std::string_view resource = "Resolver rule association";
  static constexpr std::string_view unknown_means = "the association is not in effect: only a COMPLETE one is (DNS-13)";
  static constexpr std::array<std::pair<std::string_view, resolver_association_status>, 5> names{{
      {"CREATING", resolver_association_status::creating},
      {"COMPLETE", resolver_association_status::complete},
      {"DELETING", resolver_association_status::deleting},
      {"FAILED", resolver_association_status::failed},
      {"OVERRIDDEN", resolver_association_status::overridden},
  }};
};
template <>
struct state_names<resolver_endpoint_status> {
  static constexpr std::string_view resource = "Resolver endpoint";
  static constexpr std::string_view unknown_means = "nothing the simulator decides depends on it";
  static constexpr std::array<std::pair<std::string_view, resolver_endpoint_status>, 6> names{{
      {"CREATING", resolver_endpoint_status::creating},
      {"OPERATIONAL", resolver_endpoint_status::operational},
      {"UPDATING", resolver_endpoint_status::updating},
      {"AUTO_RECOVERING", resolver_endpoint_status::auto_recovering},
      {"ACTION_NEEDED", resolver_endpoint_status::action_needed},
      {"DELETING", resolver_endpoint_status::deleting},
  }};
};

/// A state: the enum, and the text as read. Built from the text, which it parses (exact AWS
/// spelling; anything else is `E::unknown`, kept). Compared with an enum value, never with text.
template <class E>
class state_of {
 public:
  state_of(std::string text) : text_(std::move(text)), value_(parse(text_)) {}  // NOLINT: implicit by design
  state_of(const char* text) : state_of(std::string(text)) {}                  // NOLINT

  E value() const noexcept { return value_; }
  /// The text exactly as the input wrote it.
  const std::string& text() const noexcept { return text_; }
  /// Whether this version knows the state; importers warn about the others (`unknown_state_warning`).
  bool known() const noexcept { return value_ != E::unknown; }

  bool operator==(E e) const noexcept { return value_ == e; }
  bool operator==(const state_of& o) const noexcept { return text_ == o.text_; }
  // Text comparisons at use sites are what this type replaces.
  bool operator==(const char*) const = delete;
  bool operator==(std::string_view) const = delete;

  static E parse(std::string_view text) noexcept {
    for (const auto& [name, value] : state_names<E>::names)
      if (name == text) return value;
    return E::unknown;
  }

 private:
  std::string text_;
  E value_;
};

/// The importers' warning for a state this version does not know: what it is, that it is kept, and
/// how the simulator treats it.
template <class E>
std::string unknown_state_warning(const state_of<E>& s) {
  std::string known;
  const auto& names = state_names<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    known += std::string(i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + std::string(names[i].first);
  return "'" + s.text() + "' is not a " + std::string(state_names<E>::resource) + " state this version knows (" + known +
         "); kept as written, and " + std::string(state_names<E>::unknown_means);
}

}  // namespace vpcsim
