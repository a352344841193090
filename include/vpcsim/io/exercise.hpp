#pragma once
/// A graded exercise's expected answers (`examples/exercises/<nn-name>/expected.json`): flows named
/// with the design's names, each with the answer AWS gives — the path (`via`) or what blocks it
/// (`code` and `component`) — and why.
///   {"exercise": "…", "flows": [{"from": "app", "to": "ecr.api", "port": 443, "protocol": "tcp",
///     "reachable": true, "via": "interface-endpoint", "why": "…"},
///    {"from": "app", "to": "s3", "reachable": false, "code": "ENI_SG_RULES_MISMATCH",
///     "component": "app", "why": "…"}]}

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
  bool reachable = true;
  std::optional<std::string> via;        ///< with `reachable`: the answer's `via`
  std::optional<std::string> code;       ///< when blocked: `blocked_by.code`
  std::optional<std::string> component;  ///< when blocked: the blocking resource, by design name
  std::string why;                       ///< the AWS behaviour behind the answer, for the learner
  std::string pointer;                   ///< `/flows/2`, for messages
};

struct exercise {
  std::string title;
  std::vector<exercise_flow> flows;
};

/// Reads expected.json. Throws `import_error` (`vpcsim.exercise.*`) naming the file and the JSON
/// pointer for anything malformed.
exercise load_exercise(const std::filesystem::path& file);
/// The same from text; `file` labels messages.
exercise parse_exercise(std::string_view text, const std::string& file);

}  // namespace vpcsim
