#pragma once
// Security group and network ACL matching, over the compiled tables (tables.hpp): each SG-* and
// NACL-* rule of aws-semantics.md that decides whether a rule or an entry admits a packet is
// decided here, once. The walk (walk.hpp) and lint (lint*.cpp) both call these; the table builder
// (compiled.cpp) only lays the rules out (SG-5: a direction's groups as one set, SG-14: prefix lists
// expanded, NACL-5: entries in rule-number order, NACL-9: one table per family). Private to the
// library.
#include "tables.hpp"

#include <vpcsim/net/protocol.hpp>

#include <boost/container/small_vector.hpp>

#include <string>
#include <type_traits>

namespace vpcsim::engine {

// The NACL rules per direction the port-range check keeps on the stack; a larger NACL spills.
constexpr std::size_t inline_acl_rules = 64;

// SG-12, SG-13: a rule for all protocols (-1) admits every port; a rule of one protocol admits its
// own protocol on its port range (all ports for protocols without ports, laid out by compiled.cpp).
template <class K>
constexpr bool sg_rule_admits(const c_sg_rule_t<K>& r, protocol proto, std::uint16_t port) noexcept {
  return r.proto == -1 || (r.proto == proto.number && r.ports.contains(port));
}

/// `sg_match` without a listener for rules that mark what the input lacks.
struct no_marker_listener {};

// SG-5, SG-14, SG-15: the first rule of `rules` (one direction of an interface's groups, as one set)
// that admits the packet from or to `peer`, or npos. A CIDR or prefix-list rule matches on the
// address; a group reference matches when the interface holding `peer` (`peer_eni`, or none) is in
// the group. SG-3: there are no deny rules, so the first match allows. Rules that mark a group or
// prefix list the input lacks never match; `on_marker(rule)` hears of each one whose ports match.
template <class K, class OnMarker>
std::uint32_t sg_match(const compiled_network::tables& t, const family_tables<K>& f, span rules, protocol proto,
                       std::uint16_t port, K peer, const c_eni* peer_eni, OnMarker&& on_marker) {
  for (std::uint32_t i = rules.off; i < rules.off + rules.len; ++i) {
    const auto& r = f.sg_rules[i];
    if (!sg_rule_admits(r, proto, port)) continue;
    if constexpr (!std::is_same_v<std::decay_t<OnMarker>, no_marker_listener>)
      if (r.warning != npos) on_marker(r);
    if (r.group == npos) {
      if (r.lo <= peer && peer <= r.hi) return i;
    } else if (peer_eni) {
      for (std::uint32_t g = peer_eni->groups.off; g < peer_eni->groups.off + peer_eni->groups.len; ++g)
        if (t.u32[g] == r.group) return i;
    }
  }
  return npos;
}

// NACL-9, NACL-11, NACL-12: whether an entry's address block (of the flow's family) holds `peer` and
// its protocol (-1: all) is the packet's.
template <class K>
constexpr bool acl_rule_matches(const c_acl_rule_t<K>& e, protocol proto, K peer) noexcept {
  return e.lo <= peer && peer <= e.hi && (e.proto == -1 || e.proto == proto.number);
}

// NACL-12: whether an entry admits one packet: it matches, and a tcp/udp packet's port is in the
// entry's range (entries without ports, and packets of other protocols, match every port).
template <class K>
constexpr bool acl_entry_admits(const c_acl_rule_t<K>& e, protocol proto, std::uint16_t port, K peer) noexcept {
  return acl_rule_matches(e, proto, peer) && (!proto.has_ports() || e.ports.contains(port));
}

struct acl_decision {
  bool allowed = false;
  // The deciding entry: the first allow that let (part of) the traffic through, the deny that
  // matched, or nullptr for the final `*` deny (NACL-6).
  const network_acl_entry* entry = nullptr;
};

// NACL-5, NACL-6, NACL-19: a NACL's entries of one direction in rule-number order, first match
// wins, and what no numbered entry matches meets the final `*` deny; a range of ports is allowed
// only when every port meets an allow first. `peer` is the source for inbound and the destination
// for outbound (NACL-14).
template <class K>
acl_decision acl_allows(const family_tables<K>& f, const c_acl& acl, bool egress, protocol proto, port_range ports,
                        K peer) {
  // NACL-9: the family's own entries only.
  const span s = egress ? pick<K>(acl.egress, acl.egress6) : pick<K>(acl.ingress, acl.ingress6);
  if (ports.from == ports.to || !proto.has_ports()) {  // one port: the first match decides
    for (std::uint32_t i = s.off; i < s.off + s.len; ++i) {
      const auto& e = f.acl_rules[i];
      if (acl_entry_admits(e, proto, ports.from, peer)) return {e.allow, e.entry};
    }
    return {};  // NACL-6: the final `*` deny
  }
  // A range: the ports not yet decided, as disjoint ranges. Each rule splits at most one range in
  // two, so there are at most rules + 1; past `inline_acl_rules` they spill to the heap.
  boost::container::small_vector<port_range, inline_acl_rules + 1> open{ports}, rest;
  const network_acl_entry* first_allow = nullptr;
  for (std::uint32_t i = s.off; i < s.off + s.len; ++i) {
    const auto& e = f.acl_rules[i];
    if (!acl_rule_matches(e, proto, peer)) continue;
    const port_range er = e.ports;
    rest.clear();
    bool touched = false;
    for (const auto r : open) {
      if (!r.overlaps(er)) {
        rest.push_back(r);
        continue;
      }
      if (!e.allow) return {false, e.entry};
      touched = true;
      if (r.from < er.from) rest.push_back({r.from, static_cast<std::uint16_t>(er.from - 1)});
      if (r.to > er.to) rest.push_back({static_cast<std::uint16_t>(er.to + 1), r.to});
    }
    if (touched && !first_allow) first_allow = e.entry;
    open.swap(rest);
    if (open.empty()) return {true, first_allow};
  }
  return {};  // NACL-6: the final `*` deny
}

// A NACL decision as answers quote it: the deciding entry (`#100 allow all 0.0.0.0/0`), or
// `#* deny all 0.0.0.0/0` for the final deny (NACL-6).
inline std::string acl_decision_text(const network_acl_entry* entry) {
  return entry ? to_string(*entry) : std::string("#* deny all 0.0.0.0/0");
}

}  // namespace vpcsim::engine
