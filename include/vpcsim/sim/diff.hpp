#pragma once
/// What a change does: the resources two networks differ by (`diff_models`), and the flows whose
/// verdict, via or blocking component differs between them, grouped for people, each group with
/// the resource changes on its flows' paths (`diff_reachability`, `vpcsim diff`). Every answer
/// comes from the compiled engine `matrix` uses; nothing here decides reachability itself.

#include <vpcsim/limits.hpp>
#include <vpcsim/model/network.hpp>
#include <vpcsim/net/protocol.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

// -- The model diff ----------------------------------------------------------------------------

enum class resource_change_kind { added, removed, changed };

/// `added`, `removed`, `changed`.
std::string_view to_string(resource_change_kind k) noexcept;

/// One attribute with one value on each side (`private_dns_enabled: true -> false`).
struct attribute_change {
  std::string attribute;
  std::string before;  ///< empty when the attribute is absent before
  std::string after;   ///< empty when the attribute is absent after
  bool operator==(const attribute_change&) const = default;
};

/// One resource added, removed, or changed between two networks.
struct resource_change {
  resource_change_kind kind = resource_change_kind::changed;
  std::string type;       ///< `security-group`, `route-table`, `vpc-endpoint`, … (as paths name kinds)
  std::string before_id;  ///< empty when added
  std::string after_id;   ///< empty when removed
  std::string name;       ///< the `Name` tag (a design's name), else a security group's name, else empty
  /// Rules, routes, entries, associations, … (one line each, as answers quote them) only after /
  /// only before. For an added or removed resource: all of its items.
  std::vector<std::string> added, removed;
  std::vector<attribute_change> attributes;  ///< single-valued attributes whose value changed
  bool operator==(const resource_change&) const = default;

  /// `sg-0abc (endpoints)`: the id (the after side's when both), and the name when there is one.
  std::string label() const;
};

/// The resource changes, ordered by type (the network's table order) then by id.
struct model_diff {
  std::vector<resource_change> changes;
  bool empty() const noexcept { return changes.empty(); }
};

/// Compares two networks resource by resource. A resource is matched by id; one whose id is on
/// one side only is matched by name (`Name` tag, else a security group's group name) when exactly
/// one unmatched resource of its type has that name on each side. Resources equal field for field
/// are not compared further, so a large estate with a small change costs one equality test each.
model_diff diff_models(const network& before, const network& after);

// -- The reachability diff ---------------------------------------------------------------------

/// Which flows to compare, as `vpcsim matrix` takes them.
struct diff_request {
  std::vector<std::string> from;  ///< source selectors; empty: every instance (matrix's default)
  std::vector<std::string> to;    ///< destinations; empty: `default_matrix_destinations()`
  vpcsim::protocol protocol = protocol::tcp();
  std::uint16_t port = 443;
  std::string region;
  std::size_t max_hops = limits{}.max_hops;
  /// Adds instance-to-instance flows inside each VPC, sampled by subnet pair: in each subnet the
  /// instance with the lowest id present in that subnet on both sides stands for it; it sends to
  /// the representative of every other subnet of its VPC, and to the instance with the next id in
  /// its own subnet when there is one.
  bool between_instances = false;
  /// Answers every flow on the whole networks. By default only the flows from sources in VPCs a
  /// change can reach (their own, those of resources referring to a changed one, and every VPC
  /// joined to those by peering, a transit gateway or a reference) are answered, on slices of both
  /// networks; the others are counted as compared and unchanged. The result is the same either way
  /// (the tests check it with this set).
  bool whole_networks = false;
};

/// A flow's answer reduced to what diff compares.
struct flow_outcome {
  bool reachable = false;
  std::string via;        ///< empty when blocked
  std::string code;       ///< `blocked_by.code`, empty when reachable
  std::string component;  ///< `blocked_by.component`
  std::string component_name;  ///< its `Name` tag (or group name), empty when none (shown, not compared)
  std::string rule;       ///< `blocked_by.rule` (shown, not compared)
  /// `gateway-endpoint`, or `blocked: SG_HAS_NO_RULES at sg-0abc (endpoints)`.
  std::string summary() const;
  /// Equal in verdict, via and blocking code and component (the rule's wording is not compared).
  bool same(const flow_outcome& o) const noexcept {
    return reachable == o.reachable && via == o.via && code == o.code && component == o.component;
  }
};

/// How a flow changed: `lost` (reachable -> blocked), `gained` (blocked -> reachable), `rerouted`
/// (reachable on both sides, another via: PrivateLink -> internet is a security finding too),
/// `reblocked` (blocked on both sides, by another resource or code).
enum class flow_change_kind { lost, gained, rerouted, reblocked };

/// `lost`, `gained`, `rerouted`, `reblocked`.
std::string_view to_string(flow_change_kind k) noexcept;

/// What `--fail-on` counts: every change (`any`, the default), or only `lost` or `rerouted` flows.
enum class diff_fail_on { any, lost, rerouted };

/// Whether a change of kind `k` counts as a failure under `f`.
constexpr bool counts_as_failure(diff_fail_on f, flow_change_kind k) noexcept {
  return f == diff_fail_on::any || (f == diff_fail_on::lost && k == flow_change_kind::lost) ||
         (f == diff_fail_on::rerouted && k == flow_change_kind::rerouted);
}

/// One flow whose answer changed.
struct flow_change {
  std::string source;       ///< as `trace` takes it (`i-…`)
  std::string destination;  ///< as given (`ecr`, `s3`, an instance id)
  std::string leg;          ///< a composite's leg (`ecr.dkr`), else empty
  flow_change_kind kind = flow_change_kind::lost;
  flow_outcome before, after;
};

/// The sources of a group in one subnet.
struct group_sources {
  std::string subnet;                        ///< `subnet-0abc (private-a)`
  std::vector<std::string> security_groups;  ///< `sg-0abc (app)`: those every one of them has, ordered
  std::vector<std::string> sources;          ///< in flow order
};

/// Flows that changed the same way: same kind, destination (a leg, or the destination instance's
/// subnet for instance-to-instance flows), and outcome on each side.
struct flow_group {
  flow_change_kind kind = flow_change_kind::lost;
  std::string destination;  ///< `ecr.dkr`, `s3`, `instances in subnet subnet-0abc (private-b)`
  flow_outcome before, after;
  std::vector<group_sources> sources;  ///< ordered by subnet
  std::vector<std::size_t> flows;      ///< indexes into `reachability_diff::flows`
  /// Indexes into `reachability_diff::resources.changes`: the changed resources on a path of the
  /// group's flows (before or after: hops, resolution, blocking component, the source's VPC,
  /// subnet, instance and interface), in the model diff's order.
  std::vector<std::size_t> explained_by;
  std::size_t flow_count() const noexcept { return flows.size(); }
};

struct reachability_diff {
  model_diff resources;
  std::size_t sources = 0;         ///< sources traced (present on both sides)
  std::size_t sources_before_only = 0, sources_after_only = 0;  ///< not traced
  std::size_t flows_compared = 0;  ///< flows (legs counted one each) answered on both sides
  std::vector<flow_change> flows;  ///< changed flows, in request order (source, destination, leg)
  std::vector<flow_group> groups;  ///< ordered by kind (lost first), destination, outcomes, first source

  std::size_t count(flow_change_kind k) const noexcept;
  bool empty() const noexcept { return flows.empty(); }
};

/// Answers the requested flows on both networks with the compiled engine (`run_matrix`) on `jobs`
/// threads (0: one per core) and keeps the flows whose verdict, via, blocking code or component
/// changed; flows no change can reach are not answered (`diff_request::whole_networks`). The result is the same for every `jobs`. Throws `usage_error` when a
/// selector matches nothing on either side, or a destination cannot be resolved on one side.
reachability_diff diff_reachability(const network& before, const network& after, const diff_request& request,
                                    unsigned jobs = 0);

}  // namespace vpcsim
