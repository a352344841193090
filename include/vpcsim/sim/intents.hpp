#pragma once
/// Reachability intents: expectations about flows (`reachable` or `blocked`, optionally `via` a
/// gateway kind or component, or `blocked_by` a resource) checked against a network with the
/// solver. The intents file format is io/intents_json.hpp.

#include <vpcsim/limits.hpp>
#include <vpcsim/net/protocol.hpp>
#include <vpcsim/sim/answer.hpp>
#include <vpcsim/sim/solver.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

enum class expectation { reachable, blocked };

/// `reachable` or `blocked`.
std::string_view to_string(expectation e) noexcept;

/// One expectation about a flow.
struct intent {
  std::string name;  ///< unique in its file; the test case name in JUnit output
  std::string from;  ///< a source selector (sim/selector.hpp)
  std::string to;    ///< a destination as `trace` takes it (`s3`, `ecr`, an address, `i-…`, …)
  vpcsim::protocol protocol = protocol::tcp();
  std::uint16_t port = 443;
  expectation expect = expectation::reachable;
  /// With `reachable`: a `via` kind (`gateway-endpoint`, …; for a composite, every leg's) or the id
  /// of a component the path must pass through (`vpce-…`, `nat-…`; for a composite, some leg's).
  std::optional<std::string> via;
  /// With `blocked`: the id of the resource that must stop the flow (`acl-…`), or a code
  /// (`SUBNET_ACL_RESTRICTION`).
  std::optional<std::string> blocked_by;
  std::optional<std::string> action;    ///< IAM action for endpoint policies, as `trace --action`
  std::optional<std::string> resource;  ///< resource ARN for endpoint policies, as `trace --resource`
  /// 4 or 6: the family of the destination name's answer, as `trace --ip-version` (DNS-14); 0 as
  /// names resolve.
  int ip_version = 0;
  std::string file;     ///< where the intent was read from, for messages; empty when built in code
  std::string pointer;  ///< its JSON pointer in `file` (`/intents/2`)

  bool operator==(const intent&) const = default;
};

/// Whether `text` is one of the `via` values of a trace answer (design.md).
bool is_via_kind(std::string_view text) noexcept;
/// The via kind a user's spelling stands for: any case, `_` or a space for `-`, and the short
/// names people use (`nat`, `igw`, `privatelink`, `tgw`, `vpn`, `pcx`); nullopt when none.
std::optional<std::string> via_kind_spelling(std::string_view text);
/// Every via kind, comma-separated, for messages.
std::string via_kinds_text();
/// Whether `text` looks like the id of a component a path can name (`vpce-…`, `nat-…`, `acl-…`, …).
bool is_component_id(std::string_view text) noexcept;
/// Whether `text` looks like a `blocked_by.code` (`SUBNET_ACL_RESTRICTION`).
bool is_blocking_code(std::string_view text) noexcept;

/// The outcome of one intent for one of its sources.
struct intent_result {
  vpcsim::intent intent;
  std::string source;  ///< the source its selector expanded to (`i-…`, `eni-…` or an address)
  bool passed = false;
  std::string reason;  ///< why it passed or failed, quoting the trace's blocking rule on failures
  vpcsim::answer answer;

  bool operator==(const intent_result&) const = default;
};

/// Every result of a check, in intent order, each intent's sources in selector order.
struct check_report {
  std::vector<intent_result> results;

  std::size_t passed() const noexcept;
  std::size_t failed() const noexcept;
};

/// Checks every intent: expands its source selector and traces each source. Throws
/// `import_error` (naming the intent, its file and JSON pointer) when a selector matches nothing
/// or a destination cannot be traced; a flow that does not arrive is a result, never an error.
check_report check(const solver& s, const std::vector<intent>& intents, const std::string& region = {},
                   std::size_t max_hops = limits{}.max_hops);

/// Judges one answer against an intent: whether it passes and why.
intent_result judge(const intent& i, const std::string& source, answer a);

}  // namespace vpcsim
