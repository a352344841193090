// Equivalence classes of matrix sources (issue #24): see classes.hpp.
#include "classes.hpp"

#include "batches.hpp"
#include "rules.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <string_view>

namespace vpcsim::engine {

namespace {

template <class T>
void key_put(std::string& out, const T& value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void key_put_text(std::string& out, std::string_view s) {
  key_put(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

}  // namespace

source_classifier::source_classifier(const compiled_network::tables& t, std::vector<std::uint32_t> destinations)
    : t_(t), named_(std::move(destinations)), appliance_(t.enis.size(), 0) {
  // Every interval the walk tests `src_addr` against: security group rules (SG-12..SG-15, prefix
  // lists expanded), NACL entries (NACL-5), the route tables' elementary intervals (RT-15..RT-19:
  // routes and prefix lists), the transit gateway tables' (the route back, RT-14).
  bounds_.reserve(1 + 2 * (t.f4.sg_rules.size() + t.f4.acl_rules.size()) + t.f4.bound_starts.size() + t.f4.tgw_bound_starts.size());
  bounds_.push_back(0);
  auto add = [&](std::uint32_t lo, std::uint32_t hi) {
    if (lo > hi) return;  // an empty interval (a group reference, an entry without IPv4) matches no address
    bounds_.push_back(lo);
    if (hi != UINT32_MAX) bounds_.push_back(hi + 1);
  };
  for (const auto& r : t.f4.sg_rules) add(r.lo, r.hi);
  for (const auto& r : t.f4.acl_rules) add(r.lo, r.hi);
  bounds_.insert(bounds_.end(), t.f4.bound_starts.begin(), t.f4.bound_starts.end());
  bounds_.insert(bounds_.end(), t.f4.tgw_bound_starts.begin(), t.f4.tgw_bound_starts.end());
  std::sort(bounds_.begin(), bounds_.end());
  bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());

  // Addresses a verdict can name besides the source's own: the destinations and, after a NAT
  // gateway, its address (NAT-8).
  for (const auto& n : t.nats)
    if (n.private_ip) named_.push_back(n.private_ip->to_uint());
  std::sort(named_.begin(), named_.end());
  named_.erase(std::unique(named_.begin(), named_.end()), named_.end());

  // RT-13, RT-14: an ENI a route sends packets to is a hop of paths, read by the walk as such.
  for (const auto& r : t.routes)
    if ((r.kind == target_kind::network_interface || r.kind == target_kind::instance) && r.target != npos &&
        r.target < appliance_.size())
      appliance_[r.target] = 1;

  // SG-15: the source's groups are read by `sender()` only, for the inbound rules of the ENI a
  // packet arrives at (`arrive_at_eni`: an ENI holding a destination address, found by
  // `eni_at(…, dest)`) and of an appliance (`through_appliance`'s `own_ingress`). Only membership
  // of a group that such a rule references can change a decision.
  auto reference = [&](span rules) {
    for (std::uint32_t i = rules.off; i < rules.off + rules.len; ++i)
      if (const auto g = t.f4.sg_rules[i].group; g != npos) {
        if (g >= referenced_.size()) referenced_.resize(g + 1, 0);
        referenced_[g] = 1;
      }
  };
  for (std::size_t i = 0; i < t.enis.size(); ++i) {
    const auto& e = t.enis[i];
    bool reached = appliance_[i] != 0;
    for (std::uint32_t a = e.v4.addresses.off; !reached && a < e.v4.addresses.off + e.v4.addresses.len; ++a)
      reached = std::binary_search(named_.begin(), named_.end(), t.f4.addresses[a]);
    if (!reached) continue;
    reference(e.v4.ingress);
    reference(e.v4.own_ingress);
  }

  // Each distinct outbound rule set, by what it admits: rules that never match (a group or prefix
  // list the input lacks) dropped, ports ignored for all-protocol rules (as `sg_match` does), then
  // sorted and deduplicated; a set with an all-traffic rule to 0.0.0.0/0 admits every packet. Which
  // rule matched is for the words only: a verdict depends on whether one does.
  std::unordered_map<std::string, std::uint32_t> functions;
  std::string canonical;
  std::vector<std::array<std::uint32_t, 5>> rules;
  for (const auto& e : t.enis) {
    const std::uint64_t span_key = std::uint64_t{e.v4.egress.off} << 32 | e.v4.egress.len;
    if (egress_of_span_.count(span_key)) continue;
    rules.clear();
    bool everything = false;
    for (std::uint32_t i = e.v4.egress.off; i < e.v4.egress.off + e.v4.egress.len; ++i) {
      const auto& r = t.f4.sg_rules[i];
      if (r.group == npos && r.lo > r.hi) continue;
      const port_range ports = r.proto == -1 ? port_range::all() : r.ports;
      if (r.proto == -1 && r.group == npos && r.lo == 0 && r.hi == UINT32_MAX) everything = true;
      rules.push_back({static_cast<std::uint32_t>(r.proto), std::uint32_t{ports.from} << 16 | ports.to,
                       r.group == npos ? r.lo : 1, r.group == npos ? r.hi : 0, r.group});
    }
    canonical.clear();
    if (everything) {
      canonical = "*";
    } else {
      std::sort(rules.begin(), rules.end());
      rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
      for (const auto& r : rules) key_put(canonical, r);
    }
    const auto id = functions.try_emplace(canonical, static_cast<std::uint32_t>(functions.size())).first->second;
    egress_of_span_.emplace(span_key, id);
  }
}

std::uint32_t source_classifier::interval(std::uint32_t address) const {
  return static_cast<std::uint32_t>(std::upper_bound(bounds_.begin(), bounds_.end(), address) - bounds_.begin()) - 1;
}

// The key, part by part, with what the walk (walk.hpp) reads that each part covers:
//  - dest_group: the destinations as resolved for the source's VPC, region and AZ
//    (compiled_network::destination: DNS, interface endpoints, policy tables per leg);
//  - an instance that is not running, and its state: `run` stops at `inst->state` before reading
//    anything else (the component, the instance id, is rewritten by `rebase`); for such a source
//    the key ends here;
//  - subnet: `src.subnet` in `run` (the gateway-endpoint protocol check on its table, the
//    same-subnet test RT-7, `cross_acl(src.subnet, …)`, `route_from(src.subnet, …)`);
//  - vpc: `src.vpc` (`eni_at(src.vpc, dest)`, `route_from`);
//  - endpoint, source/destination check: read of a source only when it is a destination or an
//    appliance (both make it a class of its own), kept for safety;
//  - the outbound rule set's decision function (see the constructor) and `egress_empty`:
//    `sg_match(src.egress, …)` and SG_HAS_NO_RULES (SG-5, SG-6);
//  - `egress_component` is the ENI's own id (no group) or its first group: the blocking component
//    of an outbound refusal, rewritten by `rebase`;
//  - has_public: IGW-3, RT-13 (`src.has_public` in `through_igw`);
//  - `igw_component` is the ENI's own id (no instance) or an instance id: IGW-3's component,
//    rewritten by `rebase`;
//  - instance present (its state is "running" here);
//  - interval(primary): every `src_addr` test before a NAT gateway: the receivers' and appliances'
//    inbound groups (SG-8), NACLs inbound and on the reply (NACL-5, NACL-7), the route back
//    (`route_back_through`'s `table_route`, RT-14) and a transit gateway table's route back
//    (`tgw_route(out.association, src_addr)`); the address itself in a blocked rule is rewritten by
//    `rebase`;
//  - the groups that an inbound rule of a reachable receiver references (see the constructor), as
//    a set: `sender()`'s group references (SG-15, `peer_eni->groups`);
//  - zone: `src.zone` in `through_tgw` (a transit gateway entered from a subnet not in the input);
//  - IPv6 addresses, raw: an IPv6 flow (`walk<R, uint128>`) reads the source's `v6` family only;
//    a source without an IPv6 address stops at its start (NO_IPV6_ADDRESS), one with them is a
//    class of its own by these bytes (a VPC holds an address once), so the v4 parts above suffice.
// A source is a class of its own (returns false) when the walk can meet it as anything but the
// sender: one of its addresses is a destination (`eni_at(…, dest)` finds it; `arrive_at_eni` reads
// its inbound groups) or a NAT gateway's address (`sender()`'s `holds(src, src_addr)` after NAT-8,
// and a blocked rule naming that address), or a route targets it (`through_appliance` reads
// `own_ingress`, `source_dest_check`, its id as component).
bool source_classifier::key(const compiled_source& src, std::uint32_t dest_group, std::string& out) const {
  out.clear();
  if (src.internet) return false;  // IGW-12: a source on the internet is walked on its own
  const auto& e = t_.enis[src.eni];
  if (appliance_[src.eni]) return false;
  if (!e.v4.has_address) return false;  // VPC-6: an IPv6-only source stops IPv4 flows at its start
  for (std::uint32_t i = e.v4.addresses.off; i < e.v4.addresses.off + e.v4.addresses.len; ++i)
    if (std::binary_search(named_.begin(), named_.end(), t_.f4.addresses[i])) return false;
  key_put(out, dest_group);
  // An instance that is not running sends nothing: `run` stops before reading anything else.
  if (src.inst && !rules::instance_runs(*src.inst)) {
    key_put(out, std::uint8_t{1});
    key_put_text(out, src.inst->state.text());
    return true;
  }
  key_put(out, std::uint8_t{0});
  key_put(out, e.subnet);
  key_put(out, e.vpc);
  key_put(out, e.endpoint);
  key_put(out, egress_of_span_.at(std::uint64_t{e.v4.egress.off} << 32 | e.v4.egress.len));
  key_put(out, interval(e.v4.primary));
  const bool egress_own = e.egress_component.data() == e.id.data();
  const bool igw_own = e.igw_component.data() == e.id.data();
  const std::uint8_t flags = static_cast<std::uint8_t>(e.v4.egress_empty | e.has_public << 1 | e.source_dest_check << 2 |
                                                       egress_own << 3 | igw_own << 4 | (src.inst != nullptr) << 5);
  key_put(out, flags);
  // Sorted: `sender()` asks whether any of the groups is the referenced one.
  std::uint32_t groups[16], n_groups = 0;
  bool spilled = false;
  std::vector<std::uint32_t> many;
  for (std::uint32_t i = e.groups.off; i < e.groups.off + e.groups.len; ++i) {
    const auto g = t_.u32[i];
    if (g >= referenced_.size() || !referenced_[g]) continue;
    if (n_groups < 16 && !spilled) {
      groups[n_groups++] = g;
    } else {
      if (!spilled) many.assign(groups, groups + n_groups), spilled = true;
      many.push_back(g);
    }
  }
  if (spilled) {
    std::sort(many.begin(), many.end());
    many.erase(std::unique(many.begin(), many.end()), many.end());
    key_put(out, static_cast<std::uint32_t>(many.size()));
    for (const auto g : many) key_put(out, g);
  } else {
    std::sort(groups, groups + n_groups);
    const auto end = std::unique(groups, groups + n_groups);
    key_put(out, static_cast<std::uint32_t>(end - groups));
    for (auto* g = groups; g != end; ++g) key_put(out, *g);
  }
  key_put_text(out, e.zone);
  const auto& v6 = e.model->ipv6_addresses;
  key_put(out, static_cast<std::uint32_t>(v6.size()));
  for (const auto& a : v6) {
    const auto bytes = a.to_bytes();
    out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  return true;
}

source_classes classify(const source_classifier& classifier, const std::vector<compiled_source>& sources,
                        const std::vector<std::uint32_t>& dest_group, unsigned jobs) {
  const std::size_t n = sources.size();
  std::vector<std::string> keys(n);
  std::vector<std::size_t> hashes(n);
  std::vector<std::uint8_t> shared(n, 0);
  detail::in_batches(n, 1024, jobs, [&](std::size_t i) {
    keys[i].reserve(96);
    shared[i] = classifier.key(sources[i], dest_group[i], keys[i]);
    hashes[i] = std::hash<std::string_view>{}(keys[i]);
  });
  // Classes numbered in output order of their first member: an open-addressing table of rows
  // (row + 1; 0 is empty), probed linearly from each key's hash.
  source_classes out;
  out.class_of.resize(n);
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  std::vector<std::uint32_t> slots(capacity, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto next = static_cast<std::uint32_t>(out.representative.size());
    if (!shared[i]) {
      out.class_of[i] = next;
      out.representative.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    std::size_t slot = hashes[i] & (capacity - 1);
    while (slots[slot] != 0) {
      const std::size_t other = slots[slot] - 1;
      if (hashes[other] == hashes[i] && keys[other] == keys[i]) break;
      slot = (slot + 1) & (capacity - 1);
    }
    if (slots[slot] == 0) {
      slots[slot] = static_cast<std::uint32_t>(i + 1);
      out.class_of[i] = next;
      out.representative.push_back(static_cast<std::uint32_t>(i));
    } else {
      out.class_of[i] = out.class_of[slots[slot] - 1];
    }
  }
  return out;
}

namespace {

bool rule_names_address(blocked_rule::kind k) {
  using kind = blocked_rule::kind;
  switch (k) {
    case kind::sg_egress:
    case kind::sg_ingress:
    case kind::acl_entry:
    case kind::acl_final:
    case kind::acl_return_final:
    case kind::no_route:
    case kind::no_eni:
    case kind::rfc1918:
    case kind::rfc6598: return true;
    default: return false;
  }
}

}  // namespace

bool rebase(verdict& v, const compiled_network::tables& t, const compiled_source& rep, const compiled_source& member) {
  if (rep.eni == member.eni && rep.inst == member.inst) return false;
  bool changed = false;
  const auto& re = t.enis[rep.eni];
  const auto& me = t.enis[member.eni];
  // The key guarantees the same kind of name on both sides (an instance or not, a group or the
  // ENI's id); the representative's names are told apart by address, as the walk took them.
  auto fix = [&](leg_verdict& l) {
    if (!l.blocked) return;
    const char* c = l.component.data();
    if (rep.inst && member.inst && c == rep.inst->id.str().data()) l.component = member.inst->id.str(), changed = true;  // instance state
    else if (c == re.id.data()) l.component = me.id, changed = true;  // an ENI without instance or groups
    else if (c == re.igw_component.data()) l.component = me.igw_component, changed = true;  // IGW-3
    else if (c == re.egress_component.data()) l.component = me.egress_component, changed = true;  // SG-5
    if (l.rule.what == blocked_rule::kind::text && l.rule.text.data() == re.id.data()) l.rule.text = me.id, changed = true;  // IGW-3
    // The source's address (never a destination's or a NAT's: such sources are classes of their own).
    if (rule_names_address(l.rule.what) && l.rule.address.is_v4() &&
        static_cast<std::uint32_t>(l.rule.address.lo) == re.v4.primary)
      l.rule.address = address4{me.v4.primary}, changed = true;
  };
  fix(v);
  for (std::uint8_t i = 0; i < v.leg_count; ++i) fix(v.legs[i]);
  return changed;
}

}  // namespace vpcsim::engine
