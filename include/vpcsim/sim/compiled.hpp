#pragma once
/// The compiled engine: a network flattened once into index-based tables, and the one walk over
/// them. `trace` gives verdicts at high throughput (matrix, check, diff, tools' tests) with no
/// allocation; `answer_for` gives full answers (`solver::trace` uses it) from the same walk. The
/// network stays the source of truth. Every path is walked natively: appliances, transit gateways,
/// peering, routing loops, NACLs of any size.

#include <vpcsim/model/network.hpp>
#include <vpcsim/net/ports.hpp>
#include <vpcsim/net/protocol.hpp>
#include <vpcsim/sim/answer.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/solver.hpp>
#include <vpcsim/sim/trace.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace vpcsim {

/// How a reachable flow leaves the VPC (the `via` of an answer).
enum class via_kind : std::uint8_t {
  none,
  local,
  interface_endpoint,
  gateway_endpoint,
  nat_gateway,
  internet_gateway,
  peering,
  transit_gateway,
};

/// `local`, `interface-endpoint`, … as answers spell it; empty for `none`.
std::string_view to_string(via_kind v) noexcept;

/// The rule of the input that stopped a flow: a NACL entry, a route, a transit gateway route (one
/// the input states, or one a VPC attachment propagates), or an endpoint policy's statement (none
/// when the rule is a missing one, or AWS's own).
using rule_ref = std::variant<std::monostate, const network_acl_entry*, const route*, const transit_gateway_route*,
                              const policy_statement*>;

/// The rule that stopped a flow, kept as references and formatted only on demand
/// (`compiled_network::rule_text`), so that a verdict costs no allocation.
struct blocked_rule {
  enum class kind : std::uint8_t {
    none,
    text,            ///< `prefix` + `text`
    sg_egress,       ///< no outbound rule allows the flow to `address`
    sg_ingress,      ///< no inbound rule allows the flow from `address`
    acl_entry,       ///< the NACL entry `object`
    acl_final,       ///< the final `*` deny, forward packet; `egress`, `address`
    acl_return_final,///< the final `*` deny, reply; `egress`, `address`, `ports`
    route,           ///< the route `object`
    no_route,        ///< no route matches `address`
    no_eni,          ///< no network interface holds `address`
    rfc1918,         ///< destination `address` is in RFC 1918 space
    rfc6598,         ///< destination `address` is in RFC 6598 space
    policy_statement,///< the policy statement `object`
    tgw_route,       ///< the transit gateway route `object`
  };
  kind what = kind::none;
  bool egress = false;
  port_range ports{};
  std::string_view prefix;
  std::string_view text;
  rule_ref object;
  any_address address;  ///< of the flow's family
};

/// The verdict of one flow (or one leg of a composite).
struct leg_verdict {
  bool reachable = false;
  via_kind via = via_kind::none;
  std::string_view code;       ///< `blocked_by.code`, empty when reachable
  std::string_view component;  ///< `blocked_by.component`
  blocked_rule rule;           ///< `blocked_by.rule`, see `compiled_network::rule_text`
  bool blocked = false;        ///< an answer with `blocked_by` (false for a reachable flow)
  std::uint16_t hops = 0;      ///< the number of hops of the full answer's path
};

/// A verdict: the flow's, and for composite destinations (`ecr`) one per leg. The string views
/// point into the network and the compiled network, which must outlive it.
struct verdict : leg_verdict {
  static constexpr std::size_t max_legs = 4;
  std::uint8_t leg_count = 0;
  std::array<leg_verdict, max_legs> legs{};
};

/// What let the packet through at one hop (`hop::rule`), kept as references and formatted only on
/// demand (`compiled_network::rule_text(const hop_rule&)`), as `blocked_rule` is for a verdict.
struct hop_rule {
  enum class kind : std::uint8_t {
    none,                 ///< the hop quotes no rule
    text,                 ///< `prefix` + `text` (`enters by ` + the subnet's id)
    sg_rule,              ///< the security group rule `object` (`ingress`: an inbound one)
    acl_entry,            ///< the NACL entry `object`
    route,                ///< the route `object`
    tgw_route,            ///< the transit gateway route `object`
    nat,                  ///< the NAT gateway `object` rewrites the source (NAT-8)
    nat64,                ///< the NAT gateway `object` translates the IPv6 destination `address` to IPv4 (NAT-10)
    source_becomes,       ///< the internet gateway maps the source to `address` (IGW-5)
    destination_becomes,  ///< the internet gateway maps the destination to `address` (IGW-5, IGW-12)
    policy_statement,     ///< the endpoint policy's statement `object` allows the request (POL-2, POL-4)
  };
  kind what = kind::none;
  bool ingress = false;
  std::string_view prefix, text;
  std::variant<std::monostate, const sg_rule*, const network_acl_entry*, const route*, const transit_gateway_route*,
               const nat_gateway*, const policy_statement*>
      object;
  any_address address;
};

/// One hop of a path as the walk took it: what `hop` says without its sentence, by reference.
struct path_hop {
  std::string_view component;  ///< as `hop::component`
  std::string_view kind;       ///< as `hop::kind`
  std::string_view check;      ///< as `hop::check`
  std::string_view aws_rule;   ///< as `hop::aws_rule`
  std::string_view name;       ///< as `hop::name`: the component's name in the input, or empty
  bool reply = false;          ///< `hop::direction` is `return`
  hop_rule rule;               ///< `hop::rule`, written by `compiled_network::rule_text`
};

/// A full answer by reference: the verdict, the resolved address and the path with each hop's rule,
/// from the same walk as `solver::trace`'s answer, without its words (the hops' sentences, the
/// message, the fixes and the warnings), so that it costs about as much as the walk. Its views
/// point into the network and the compiled network, which must outlive it.
struct path_verdict {
  /// Reachable, via, and why not: `blocked_by`'s code, component and rule (`compiled_network::rule_text`).
  /// A composite destination's (`ecr`) is its legs' together, as `answer`'s: reachable when every
  /// leg is, else the first blocked leg's.
  leg_verdict verdict;
  std::string_view component_name;     ///< `blocked_by.component_name`
  std::optional<ip_address> resolved;  ///< `resolved.address`; nullopt when DNS failed (DNS-4) and for a composite
  std::vector<path_hop> path;          ///< empty for a composite and without `flow_request::path`
  std::vector<path_verdict> legs;      ///< a composite destination's legs, in order
};

/// A source resolved once (instance, ENI or address), as `trace` takes it.
struct compiled_source {
  std::string from;
  std::uint32_t eni = 0;
  const instance* inst = nullptr;
  std::string region;
  /// What DNS answers depend on besides the name: the source's VPC, region and AZ.
  std::string resolver_key;
  /// VPC-6: the source has IPv6 addresses only (an IPv6-only subnet): without --ip-version its
  /// names resolve in IPv6, as such a client asks AAAA.
  bool ipv6_only = false;
  /// IGW-12: the flow starts on the internet at this public address (outside every VPC of the
  /// input, held by no interface); `eni` and `inst` then mean nothing.
  std::optional<ip_address> internet;
};

struct compiled_policy_table;
struct resolution_result;

/// One destination (or one leg) resolved for one source VPC and AZ: DNS is done, endpoint policies
/// are decided for the leg's (action, resource).
struct compiled_leg {
  bool resolved = false;
  std::string_view fail_code, fail_component, fail_rule;  ///< DNS failure (DNS-4)
  ip_address address;  ///< IPv4 or IPv6: the walk runs in this address's family (RT-9)
  const compiled_policy_table* policy = nullptr;
  /// The interface endpoint the name resolved to, as an index of the tables; none: UINT32_MAX.
  std::uint32_t endpoint = UINT32_MAX;
  std::string name;  ///< what was resolved: the destination, or the leg's service
  /// The whole resolution (how, which zone and record, what the fix should know), for full answers.
  std::shared_ptr<const resolution_result> resolution;
};

/// A destination prepared for one source: one leg, or the legs of a composite.
struct compiled_destination {
  std::string to;
  std::optional<std::string> action, resource;
  bool composite = false;
  std::vector<compiled_leg> legs;
};

/// The compiled form of a network. Build once (after import); every const member may run from
/// several threads at once. `trace(source, destination, …)` allocates nothing and takes no lock.
class compiled_network {
 public:
  explicit compiled_network(const network& net);
  ~compiled_network();
  compiled_network(const compiled_network&) = delete;
  compiled_network& operator=(const compiled_network&) = delete;

  /// Resolves a source as `solver::trace` does (an instance's or ENI's Name tag stands for its
  /// id); throws the same `usage_error`s.
  compiled_source source(const std::string& from, const std::string& region) const;
  /// Resolves a destination for `src` (DNS, composite legs, endpoint policies); throws the same
  /// `usage_error`s as `solver::trace`.
  compiled_destination destination(const std::string& to, const compiled_source& src,
                                   const std::optional<std::string>& action = std::nullopt,
                                   const std::optional<std::string>& resource = std::nullopt, int ip_version = 0) const;

  /// The hot path: no allocation and no lock, except a LOOP verdict (a routing loop, or a path as
  /// long as `max_hops`), whose rule text is kept once, and the rare path that outgrows the walk's
  /// inline buffers (more than 16 NACL crossings or 16 forwarding hops, a NACL with more than 64
  /// rules in a direction), which spills to the heap.
  verdict trace(const compiled_source& src, const compiled_destination& dst, protocol proto, std::uint16_t port,
                port_range client_ports = linux_ephemeral_ports, std::size_t max_hops = limits{}.max_hops) const;
  /// Convenience: resolves `request` and traces it.
  verdict trace(const flow_request& request) const;

  /// `blocked_by.rule` of a verdict (or leg) for a flow of `proto`/`port`, as the solver words it.
  std::string rule_text(const leg_verdict& v, protocol proto, std::uint16_t port) const;
  /// The full answer of one flow, or one leg of a composite: the same walk as `trace`, recording
  /// the path, the resolution, the warnings, and `blocked_by` with its message and fix. `from`,
  /// `to`, the protocol, the port and the input's names are the caller's to fill (`solver::trace`).
  answer answer_for(const compiled_source& src, const compiled_leg& leg, const flow_request& request) const;
  /// The full answer by reference (`path_verdict`): the walk of `answer_for` for each leg of `dst`,
  /// recording each hop's facts and not its words; `request` gives the protocol, the ports, the
  /// hop limit and `path`.
  path_verdict trace_path(const compiled_source& src, const compiled_destination& dst, const flow_request& request) const;
  /// `hop::rule` of a path's hop: the rule quoted (`#100 allow tcp 443 10.0.0.0/16`), or empty.
  static std::string rule_text(const hop_rule& r);
  /// The answer fields a verdict carries: reachable, via, blocked code/component/rule, legs; no
  /// path, resolution, messages or warnings.
  answer to_answer(const verdict& v, const flow_request& request) const;

  struct tables;
  /// The compiled tables, read-only (private to the library: src/sim/tables.hpp), for the matrix's
  /// equivalence classes of sources (src/sim/classes.hpp).
  const tables& internal_tables() const noexcept { return *t_; }

 private:
  std::string_view intern(std::string s) const;
  std::string id_for(const std::string& name) const;
  const compiled_policy_table* policy_table(const std::optional<std::string>& action,
                                            const std::optional<std::string>& resource) const;

  /// IGW-12: a source on the internet at `a`.
  compiled_source internet_source(const std::string& from, const ip_address& a, const std::string& region) const;
  /// IGW-12: a destination as the internet reaches it (an address, or an instance's or interface's
  /// public IPv4 or IPv6 address); no DNS.
  compiled_destination internet_destination(const std::string& to, const compiled_source& src,
                                            const std::optional<std::string>& action,
                                            const std::optional<std::string>& resource, int ip_version) const;
  /// The input's names of resources, built on the first answer that needs them.
  const resource_names& display() const;

  const network& net_;
  std::optional<name_index> names_;  // set once the tables are built (it may be built beside them)
  std::unique_ptr<tables> t_;
};

/// `run_matrix` on the compiled engine: sources and destinations are resolved once in output
/// order (the first `usage_error` in output order is thrown before any tracing), then the cells are
/// traced on `jobs` threads. Each cell is `to_answer` of its verdict: the fields `report::to_text`
/// and `report::to_csv` print, equal to the plain `run_matrix`'s. `progress` is called after each
/// batch of cells.
matrix_result run_matrix(const compiled_network& c, const matrix_request& request, unsigned jobs = 0,
                         const matrix_progress& progress = {});

/// `report::to_csv(run_matrix(c, request, jobs))`, byte for byte, written straight from the
/// verdicts (no answers, no names): what `vpcsim matrix --format csv` prints. `classes`, when
/// given, receives the number of equivalence classes of sources walked (issue #24).
std::string matrix_csv(const compiled_network& c, const matrix_request& request, unsigned jobs = 0,
                       const matrix_progress& progress = {}, std::size_t* classes = nullptr);

/// Receives a text in order, one piece per call.
using text_sink = std::function<void(std::string_view)>;

/// `matrix_csv`, its text given to `write` in order as its rows are done, none of it kept: the
/// whole text of a large matrix is hundreds of MB. `write` is called one piece at a time, from
/// the pool's threads.
void write_matrix_csv(const compiled_network& c, const matrix_request& request, const text_sink& write,
                      unsigned jobs = 0, const matrix_progress& progress = {}, std::size_t* classes = nullptr);

}  // namespace vpcsim
