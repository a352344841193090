#pragma once
/// A set of IPv4 prefixes with membership lookup (prefix lists, service ranges).

#include <vpcsim/net/cidr.hpp>

#include <optional>
#include <vector>

namespace vpcsim {

/// An ordered set of IPv4 CIDR blocks. Lookups return the longest block that holds an address.
class prefix_set {
 public:
  prefix_set() = default;
  explicit prefix_set(std::vector<cidr4> blocks);

  void insert(const cidr4& block);
  const std::vector<cidr4>& blocks() const noexcept { return blocks_; }
  bool empty() const noexcept { return blocks_.empty(); }
  std::size_t size() const noexcept { return blocks_.size(); }

  bool contains(address4 a) const noexcept { return longest_match(a).has_value(); }
  /// The most specific block containing `a`, if any.
  std::optional<cidr4> longest_match(address4 a) const noexcept;

  bool operator==(const prefix_set&) const = default;

 private:
  std::vector<cidr4> blocks_;  // sorted, unique
};

}  // namespace vpcsim
