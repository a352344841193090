#pragma once
/// The intents file (JSON); `vpcsim check --format json` is report/check_json.hpp. The file's shape
/// is a contract other tools write to:
///   {"intents": [{"name": "...", "from": "...", "to": "...", "port": 443, "protocol": "tcp",
///                 "expect": "reachable" | "blocked", "via": "...", "blocked_by": "<resource id>"}]}
/// `port`, `protocol`, `via`, `blocked_by` (and vpcsim's `action`, `resource`) are optional; null
/// means absent; other fields are ignored.

#include <vpcsim/sim/intents.hpp>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// Reads an intents file. Throws `import_error` (`vpcsim.intents.*`) naming the file, the JSON
/// pointer and the intent for anything the contract does not allow.
std::vector<intent> load_intents(const std::filesystem::path& file);

/// Parses intents from JSON text; `file` labels messages.
std::vector<intent> parse_intents(std::string_view text, const std::string& file);

/// Parses an intents document; `file` labels messages.
std::vector<intent> intents_from_json(const nlohmann::json& document, const std::string& file);

}  // namespace vpcsim
