#pragma once
/// The answer to a trace: verdict, path, blocking rule and fix (design.md, `vpcsim trace`).
/// A blocked flow is an answer, never an exception.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vpcsim {

/// One step of the path: the component, its kind, and the rule that let the packet through.
struct hop {
  std::string component;  ///< AWS id (`sg-0aa…`), or a name for non-AWS nodes (`internet`, `s3`)
  std::string kind;       ///< `instance`, `network-interface`, `security-group`, `network-acl`,
                          ///< `route-table`, `nat-gateway`, `internet-gateway`,
                          ///< `gateway-endpoint`, `interface-endpoint`, `service`, `internet`, …
  std::string check;      ///< `egress`, `ingress`, `outbound`, `inbound`, `route`, `policy`, or empty
  std::string rule;       ///< the rule quoted (`#100 allow all 0.0.0.0/0`), or empty
  std::string direction = "forward";  ///< `forward` or `return`
  std::string aws_rule;     ///< the docs/aws-semantics.md rule applied here (`SG-5`), or empty
  std::string explanation;  ///< the step in one plain sentence, for `trace --explain`
  std::string name;         ///< the component's name in the input (design name, `Name` tag), or empty

  bool operator==(const hop&) const = default;
};

/// One edit of a design that a fix makes, in the design's own keys (`fix_change::edits`).
struct design_edit {
  std::string resource;  ///< the AWS id of the design entry edited; empty: the design's top level
  std::string key;       ///< the key edited in that entry (`ingress`, `route_tables`, `private_dns`)
  std::string op = "add";  ///< `add`: append `entry` to the array at `pointer` (created when absent); `set`: set it
  std::string entry;     ///< the value, JSON text in the design's keys and names (`{"protocol": "tcp", …}`)
  /// The JSON pointer of the array or key (`/security_groups/2/ingress`) and `file:line:column` of
  /// the resource's entry: set when the input is a design whose locations the solver was given.
  std::string pointer, location;

  bool operator==(const design_edit&) const = default;
};

/// A ranked fix as a machine-usable change (`blocked_by.changes`, parallel to `fixes`): on a design,
/// the edits of the design; on other inputs (AWS CLI captures, CloudFormation, Terraform), the AWS CLI
/// commands that make the change. Both empty when the fix is not one exact change.
struct fix_change {
  std::string fix;                    ///< the sentence, `fixes[i]`
  std::vector<design_edit> edits;     ///< on a design: every edit, each with its pointer
  std::vector<std::string> commands;  ///< otherwise: the AWS CLI commands, in order

  bool operator==(const fix_change&) const = default;
};

/// Why a flow does not arrive (design.md `blocked_by`).
struct blocked_by {
  std::string code;       ///< Reachability Analyzer code where one fits (`ENI_SG_RULES_MISMATCH`)
  std::string component;  ///< the AWS id of the resource whose configuration stops the flow
  std::string rule;       ///< the rule that stops it, or which rule is missing
  std::string message;    ///< one sentence
  std::string fix;        ///< what to change: `fixes` in one sentence (`Add …; or add …`)
  std::string component_name;  ///< the component's name in the input, or empty
  /// Every change that would fix the flow, ranked: the one to try first first (an existing
  /// resource before a new one, a rule's peer as prefix list, then group, then CIDR, then address).
  std::vector<std::string> fixes = {};
  /// `fixes` as changes in the input's own terms, one each, in the same order.
  std::vector<fix_change> changes = {};

  bool operator==(const blocked_by&) const = default;
};

/// What the destination resolved to, and by what.
struct resolution {
  std::string address;  ///< IPv4 text; empty when resolution failed
  std::string by;       ///< `private DNS of vpce-0e…`, `public DNS (s3 in us-east-1)`, `IP address`
  /// The Route 53 private hosted zone that answered (DNS-3, DNS-12) and its record as `NAME TYPE
  /// VALUE`; empty when no zone of the input answered.
  std::string zone, record;
  bool operator==(const resolution&) const = default;
};

struct answer {
  std::string from;
  std::string to;
  std::string protocol = "tcp";
  std::uint16_t port = 443;
  resolution resolved;
  bool reachable = false;
  /// `interface-endpoint`, `gateway-endpoint`, `nat-gateway`, `internet-gateway`, `local`,
  /// `peering`, `transit-gateway`, `virtual-private-gateway`; nullopt when not reachable or for a
  /// composite (the legs carry it).
  std::optional<std::string> via;
  std::vector<hop> path;
  std::optional<vpcsim::blocked_by> blocked;
  std::vector<std::string> warnings;
  std::vector<answer> legs;  ///< composite destinations (`ecr`): one answer per leg
  std::string from_name;     ///< the source's name in the input, or empty

  bool operator==(const answer&) const = default;
};

/// `sg-0f22… "endpoints"`: an id with the name the input gives it, as `vpcsim show` writes it; the
/// id alone when it has none. Every text that names a resource of an answer writes it so.
inline std::string with_name(const std::string& id, const std::string& name) {
  return name.empty() || name == id ? id : id + " \"" + name + "\"";
}

}  // namespace vpcsim
