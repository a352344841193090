#pragma once
// Every message of the native design loader, in one place (style point 8), and the map from
// JSON pointers to line and column that lets them read like a compiler's.

#include <vpcsim/error.hpp>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vpcsim::detail::design {

/// Where a finding is: the JSON pointer in the design and the resource (`route table private-a`).
struct place {
  std::string pointer;
  std::string resource;
};

/// Line and column (1-based) of every value and key in JSON-with-comments text, by JSON pointer.
class positions {
 public:
  explicit positions(std::string_view text);
  /// `file:line:column` for the value at `pointer` (its closest enclosing value when absent).
  std::string locate(const std::string& file, const std::string& pointer) const;
  /// Line and column (1-based) of the value at `pointer` (its closest enclosing value when absent).
  std::pair<int, int> line_column(const std::string& pointer) const;

 private:
  std::map<std::string, std::pair<int, int>> at_;
};

/// One `name` and its kind, listed as an alternative in an undefined-reference message.
struct candidate {
  std::string name;
  std::string kind;  ///< `NAT gateway`; empty when every candidate has the one kind asked for
};

namespace messages {
diagnostic unreadable(const std::string& file, const std::string& reason);
diagnostic not_json(const std::string& file, const std::string& parse_error);
diagnostic not_a_design(const std::string& file, const std::string& why);
diagnostic wrong_type(const place& at, std::string_view what, std::string_view expected, std::string_view found);
diagnostic missing_field(const place& at, std::string_view key);
diagnostic bad_value(const place& at, std::string_view key, std::string_view text, std::string_view expected);
diagnostic unknown_state(const place& at, std::string_view key, const std::string& warning);
diagnostic duplicate_name(const place& at, std::string_view kind_label, std::string_view name,
                          const std::string& first_pointer);
diagnostic implied_name_taken(const place& at, std::string_view what, std::string_view name, std::string_view hint);
diagnostic duplicate_id(const place& at, std::string_view id, const std::string& first_pointer);
diagnostic undefined_reference(const place& at, std::string_view verb, std::string_view name,
                               std::string_view plural, const std::vector<candidate>& known);
diagnostic ambiguous_reference(const place& at, std::string_view name, const std::vector<std::string>& kinds);
diagnostic external_reference(const place& at, std::string_view id, std::string_view kind_label);
diagnostic unknown_field(const place& at, std::string_view key, const std::vector<std::string_view>& known);
diagnostic ignored_field(const place& at, std::string_view key, std::string_view why);
diagnostic no_vpc(const place& at, std::size_t vpcs);
diagnostic no_region(const place& at, std::string_view what);
diagnostic conflict(const place& at, const std::string& what);
/// A request AWS would refuse (model/creation_rules.hpp): `vpcsim.design.CODE`, an error.
diagnostic aws_refuses(const place& at, const std::string& code, const std::string& message);
diagnostic address_outside_subnet(const place& at, const std::string& address, std::string_view subnet,
                                  const std::string& cidr);
diagnostic no_free_address(const place& at, std::string_view subnet, const std::string& cidr);
}  // namespace messages

}  // namespace vpcsim::detail::design
