#pragma once
/// A graded exercise's expected answers (`examples/exercises/<nn-name>/expected.json`, described by
/// `schemas/exercise.schema.json` and docs/exercises.md): the flows, named with the design's names,
/// each with the answer AWS gives — the path (`via`) or what blocks it (`code` and `component`) —
/// and why; the constraints a solution must keep besides; and the hints, in the order they are
/// given.
///   {"exercise": "…", "level": "medium", "topic": "…",
///    "flows": [{"from": "app", "to": "s3", "reachable": true, "via": "gateway-endpoint", "why": "…"}],
///    "constraints": [{"name": "no-all-protocols", "forbid": {"in": "network-acl", "protocol": "all"},
///                     "why": "…"}],
///    "hints": ["what is wrong (the symptom)", "where to look", "what to change"]}

#include <vpcsim/net/cidr.hpp>
#include <vpcsim/net/ports.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// One flow of an exercise and the answer it must get.
struct exercise_flow {
  std::string from;  ///< an instance or network interface, by its name in the design (or its id)
  std::string to;    ///< a destination as `trace` takes it; design names of instances work too
  std::string protocol = "tcp";
  std::uint16_t port = 443;
  /// The client's ephemeral ports, which replies return to (NACL-16): Windows Server 2008 and
  /// later use 49152-65535; unset: Linux's 32768-60999 (NACL-17).
  std::optional<port_range> client_ports;
  bool reachable = true;
  std::optional<std::string> via;        ///< with `reachable`: the answer's `via`
  std::optional<std::string> code;       ///< when blocked: `blocked_by.code`
  std::optional<std::string> component;  ///< when blocked: the blocking resource, by design name
  std::string why;                       ///< the AWS behaviour behind the answer, for the learner
  std::string pointer;                   ///< `/flows/2`, for messages
};

/// Which security-group rules and network ACL entries a `forbid` constraint matches. Every given
/// field must match; only allowing rules the learner added or changed are looked at (the starting
/// design's own rules are the exercise's, not the learner's).
struct rule_pattern {
  std::string in = "any";         ///< `security-group`, `network-acl` or `any`
  std::string direction = "any";  ///< `inbound`, `outbound` or `any`
  /// `all`: rules for every protocol only; `tcp`, `udp`, `icmp`: rules that let that protocol
  /// through (an all-protocols rule does too).
  std::optional<std::string> protocol;
  std::optional<cidr4> cidr;         ///< rules whose CIDR holds all of this block (`0.0.0.0/0`: open to anyone)
  std::optional<port_range> ports;   ///< rules whose ports overlap these (a rule without ports overlaps all)
  bool service_cidr = false;         ///< rules whose CIDR lies in S3's or DynamoDB's published ranges
};

/// Something a solution must keep besides the flows' answers.
struct exercise_constraint {
  enum class kind {
    forbid,               ///< no added or changed rule matches `pattern`
    require_prefix_list,  ///< some security-group rule in `direction` names `service`'s prefix list
    unchanged,            ///< every other flow that works keeps working, by the same via (the diff engine)
    max_rules_added,      ///< at most `max_rules` rules, entries and routes added
    require_policy_condition,  ///< every Allow of every endpoint policy tests one of `keys` (POL-9)
  };
  std::string name;  ///< shown to the learner: `no-all-protocols`
  kind what = kind::forbid;
  rule_pattern pattern;       ///< forbid
  std::string service;        ///< require_prefix_list: `s3`, `dynamodb`
  std::string direction = "outbound";  ///< require_prefix_list: `inbound` or `outbound`
  std::size_t max_rules = 0;  ///< max_rules_added
  std::vector<std::string> keys;  ///< require_policy_condition: `aws:SourceVpce`, `aws:SourceVpc`
  std::string why;            ///< why the exercise asks it, shown when it is broken
  std::string pointer;        ///< `/constraints/1`
};

struct exercise {
  std::string title;
  std::string level;  ///< `easy`, `medium`, `hard`
  std::string topic;  ///< one line: what it teaches, with the rule ids
  std::vector<exercise_flow> flows;
  std::vector<exercise_constraint> constraints;
  std::vector<std::string> hints;  ///< the first names the symptom; later ones come closer to the fix
};

/// Reads expected.json. Throws `import_error` (`vpcsim.exercise.*`) naming the file and the JSON
/// pointer for anything malformed; an unknown key is an error that suggests the nearest known one.
exercise load_exercise(const std::filesystem::path& file);
/// The same from text; `file` labels messages.
exercise parse_exercise(std::string_view text, const std::string& file);

}  // namespace vpcsim
