#pragma once
// A CloudFormation template as a tree of YAML nodes, read with libyaml's event API (not installed).
// JSON templates are YAML too: one reader, and every node keeps its line for `file:line` messages.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vpcsim::detail::cfn {

struct node_entry;

/// One YAML node. Scalars stay text (CloudFormation reads `true`, `"true"` and `1` alike); `tag`
/// holds a short-form intrinsic (`!Ref`, `!GetAtt`, ...) or is empty.
struct node {
  enum class type { scalar, sequence, mapping };
  type t = type::scalar;
  std::string tag;
  std::string text;     ///< scalars
  bool plain = false;   ///< an unquoted scalar (`null`, `~` and empty ones are YAML nulls)
  int line = 0;         ///< 1-based
  std::vector<node> items;                          ///< sequences
  std::vector<node_entry> pairs;                    ///< mappings, in document order
  std::vector<int> key_lines;                       ///< mappings: the line of each key

  bool is_null() const { return t == type::scalar && tag.empty() && plain && (text.empty() || text == "null" || text == "~" || text == "Null" || text == "NULL"); }
  bool is_map() const { return t == type::mapping; }
  bool is_seq() const { return t == type::sequence; }
  bool is_scalar() const { return t == type::scalar; }
  /// The value of `key` in a mapping, or nullptr.
  const node* find(std::string_view key) const;
};

/// One key and value of a mapping.
struct node_entry {
  std::string first;
  node second;
};

/// A problem found while reading: the line (0 when unknown) and the message.
struct yaml_problem {
  int line = 0;
  std::string message;
  bool fatal = true;  ///< false: a warning (a duplicate key)
};

/// Parses the first document of `text`. On a syntax error returns nullopt with a fatal problem.
/// A duplicate key is a warning and its last value is kept.
std::optional<node> parse_yaml(std::string_view text, std::vector<yaml_problem>& problems, std::size_t max_depth);

}  // namespace vpcsim::detail::cfn
