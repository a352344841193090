#pragma once
// Equivalence classes of matrix sources (issue #24): sources whose forwarding context is identical
// for the one walk (walk.hpp) get the same verdict for every destination, up to the words that name
// the source itself (its id, its instance, its address). The matrix walks one source per class and
// gives every member the class's verdict, rebased onto the member (`rebase`).
//
// The key is derived from what `engine::walk` reads of the source. If you change the walk so that
// it reads anything more of `walk_state::src`, of the source instance, or of `src_addr`, extend
// `source_classifier::key` (see the list there), or the classes stop being exact; the tests tagged
// [classes] (tests/sim/source_classes_test.cpp) compare every cell with its own source's walk.
// When the walk tests IPv6 source addresses against intervals, key them by elementary interval as
// IPv4 is (the key holds them raw until then: exact, but each such source its own class).
// Private to the library.
#include "tables.hpp"

#include <vpcsim/sim/compiled.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace vpcsim::engine {

class source_classifier {
 public:
  /// `destinations`: every address a destination leg of the matrix resolved to (any order).
  source_classifier(const compiled_network::tables& t, std::vector<std::uint32_t> destinations);

  /// Writes the class key of `src` (whose destinations are the matrix's group `dest_group`) into
  /// `out`. Returns false when the source must be a class of its own: it holds an address a verdict
  /// can name besides its own (a destination, a NAT gateway's address) or it is itself a hop of
  /// some path (a route's appliance target).
  bool key(const compiled_source& src, std::uint32_t dest_group, std::string& out) const;

  /// The elementary interval of `address` among every boundary of an address interval the tables
  /// test a source address against (its index: equal for two addresses iff no interval separates
  /// them).
  std::uint32_t interval(std::uint32_t address) const;

  std::size_t boundaries() const noexcept { return bounds_.size(); }

 private:
  const compiled_network::tables& t_;
  std::vector<std::uint32_t> bounds_;     // sorted, unique, bounds_[0] == 0
  std::vector<std::uint32_t> named_;      // sorted: addresses a verdict can name (destinations, NATs)
  std::vector<std::uint8_t> appliance_;   // per ENI: a route targets it (RT-13, RT-14)
  std::vector<std::uint8_t> referenced_;  // per group: an inbound rule of a reachable receiver references it (SG-15)
  // Per distinct outbound rule set (span of t.sg_rules): its decision function's id, equal for two
  // sets that admit the same packets (`egress_function`).
  std::unordered_map<std::uint64_t, std::uint32_t> egress_of_span_;
};

struct source_classes {
  std::vector<std::uint32_t> class_of;        ///< per source (row)
  std::vector<std::uint32_t> representative;  ///< per class: its first source in output order
};

/// Classes of `sources` (row i's destinations are group `dest_group[i]`), numbered in output order
/// of their first member. Keys are built on `jobs` threads, then hashed.
source_classes classify(const source_classifier& classifier, const std::vector<compiled_source>& sources,
                        const std::vector<std::uint32_t>& dest_group, unsigned jobs);

/// The verdict of `member` from the verdict of its class's representative `rep`: the same except
/// for the words naming the source itself (its ENI or instance id as the blocking component, the
/// ENI id in a rule's text, its address in a rule). Returns whether anything changed.
bool rebase(verdict& v, const compiled_network::tables& t, const compiled_source& rep, const compiled_source& member);

}  // namespace vpcsim::engine
