#pragma once
/// Source selectors for batch questions (`vpcsim check`, `vpcsim matrix`): an instance id, an
/// instance's name, a workload's name (its placed representative interfaces, sim/workload.hpp), a
/// subnet's id or name (every instance in it), an ENI id, a private IPv4 address or a tag selector
/// `tag:Key=Value`.

#include <vpcsim/model/network.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vpcsim {

enum class selector_kind {
  by_instance_id,           ///< `i-…`
  by_network_interface_id,  ///< `eni-…`
  by_subnet_id,             ///< `subnet-…`: every instance whose primary ENI is in the subnet
  by_address,               ///< a private IPv4 of an ENI
  by_tag,                   ///< `tag:Key=Value`: every instance with that tag
  by_name,                  ///< anything else: the instances of that name, else a workload's
                            ///< interfaces, else the instances of the subnet of that name
};

/// `instance id`, `network interface id`, `subnet id`, `address`, `tag`, `Name tag`.
std::string_view to_string(selector_kind k) noexcept;

struct source_selector {
  selector_kind kind = selector_kind::by_name;
  std::string text;   ///< as written
  std::string key;    ///< the tag key (`Name` for name selectors); empty for ids and addresses
  std::string value;  ///< the id, address, tag value or name
};

/// Parses a selector. Throws `usage_error` (`vpcsim.selector.bad_syntax`) for empty text and for
/// `tag:` without `Key=Value`.
source_selector parse_selector(std::string_view text);

/// The sources a selector names, as `trace` takes them (`i-…`, `eni-…` or the address), ordered
/// by id. Throws `usage_error` (`vpcsim.selector.no_match`) when it names nothing in the input.
std::vector<std::string> expand(const network& net, const source_selector& selector);

/// Every instance of the input that has a network interface, with its primary interface (as
/// `network::primary_interface_of`), ordered by id; found by one sort of the interfaces and one
/// pass over the instances, without a lookup by id.
std::vector<std::pair<const instance*, const network_interface*>> instances_with_interfaces(const network& net);

/// Every instance of the input that has a network interface, ordered by id.
std::vector<std::string> all_instance_sources(const network& net);

/// The sources of `--from` selectors as `vpcsim matrix` lists them: each selector's expansion in
/// the order given, each source once; every instance (`all_instance_sources`) when `selectors` is
/// empty. A selector that matches nothing throws `vpcsim.selector.no_match`, unless
/// `skip_unmatched` (then it adds nothing).
std::vector<std::string> select_sources(const network& net, const std::vector<std::string>& selectors,
                                        bool skip_unmatched = false);

/// `Name` tags (and CloudFormation logical ids or Terraform addresses, `source_name_tags`, before
/// them: CFN-3, TF-1) as both engines read a source or destination: an instance's name stands for it even
/// when its interface has the same name; a name several instances share falls back to the one
/// interface that has it; a name ambiguous at both levels stands for nothing. Holds views into
/// `net`, which must outlive it.
class name_index {
 public:
  explicit name_index(const network& net);
  /// The id `name` stands for, if any.
  std::optional<std::string_view> id_for(std::string_view name) const;
  bool empty() const noexcept { return ids_.empty(); }

 private:
  std::unordered_map<std::string_view, std::string_view> ids_;  // empty id: ambiguous
};

/// The other way round: each resource's id to the name the user gave it (`display_name`), for
/// answers that speak the user's words. Holds views into `net`, which must outlive it.
class resource_names {
 public:
  explicit resource_names(const network& net);
  /// The name of the resource with this id; empty when it has none or is not a resource.
  std::string_view of(std::string_view id) const;
  /// `text` with each named resource id followed by its name (`sg-0f22… "endpoints"`, as `vpcsim
  /// show` writes it) after its first mention; ids without a name, mentions already followed by
  /// the name, and AWS CLI commands (`aws …` up to a `)`, `;`, `,` or ` (` outside quotes, to be
  /// pasted as they are) are left as they are.
  std::string annotate(std::string text) const;

 private:
  std::unordered_map<std::string_view, std::string_view> names_;
};

}  // namespace vpcsim
