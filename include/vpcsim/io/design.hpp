#pragma once
/// The native design format (design.md "Inputs" 2, docs/design-format.md): one JSON file, comments
/// allowed, resources referenced by name, AWS ids optional, AWS defaults implied. Its loader
/// reports mistakes as `vpcsim.design.*` diagnostics; its writer turns any network into a design.

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/model/network.hpp>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace vpcsim {

/// The top-level key that marks a JSON document as a design; its value is the format version.
inline constexpr std::string_view design_marker = "vpcsim";
/// The format version this build reads and writes.
inline constexpr int design_version = 1;

/// A loaded design: the network, every finding, and the design's name of each AWS id.
struct design_result {
  load_result loaded;
  std::map<std::string, std::string> names;  ///< AWS id -> name in the design
  /// AWS id -> the JSON pointer of the resource's object in the design (`/security_groups/1`);
  /// implied resources have none.
  std::map<std::string, std::string> pointers;

  /// The design's name for `id`, or `id` itself when the design did not name it.
  std::string name_of(const std::string& id) const;
};

/// Whether `path` is a design: a `.jsonc` file, or a `.json` file whose top level holds the
/// `vpcsim` marker (or, when it does not parse, whose text names it). False for directories.
bool is_design_file(const std::filesystem::path& path);

/// Loads a design file. Never throws for bad input: every problem is a diagnostic (a file over
/// `lim.max_input_bytes` or nested deeper than `lim.max_json_depth` too).
design_result load_design(const std::filesystem::path& file, const limits& lim = {});
/// Loads design text; `file` labels diagnostics.
design_result load_design_text(std::string_view text, const std::string& file, const limits& lim = {});

/// The network as a design: names from `Name` tags (else ids), AWS defaults left out, every
/// other field written. Loading the result gives back an equal network.
nlohmann::ordered_json to_design(const network& n);
/// `to_design` as text, two-space indented, with a newline at the end.
std::string write_design(const network& n);

}  // namespace vpcsim
