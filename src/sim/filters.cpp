// Security groups (A.2) and network ACLs (A.3).
#include <vpcsim/sim/filters.hpp>

#include <algorithm>

namespace vpcsim {

namespace {
// SG-12: tcp/udp rules carry a port range; -1 and other protocols match every port.
bool sg_ports_match(const sg_rule& r, protocol proto, std::uint16_t port) {
  if (!r.protocol.matches(proto)) return false;
  if (r.protocol.is_all()) return true;
  if (r.protocol.has_ports()) return r.ports.contains(port);
  return true;  // ICMP: the simulator's flows use echo, which any ICMP rule admits (SG-13)
}
}  // namespace

bool sg_rule_matches(const network& net, const sg_rule& rule, protocol proto, std::uint16_t port,
                     const sg_peer_view& peer, std::vector<std::string>* warnings) {
  if (!sg_ports_match(rule, proto, port)) return false;
  if (const auto* c = std::get_if<cidr4>(&rule.peer)) return c->contains(peer.address);
  if (std::holds_alternative<cidr6>(rule.peer)) return false;  // IPv4 flow
  if (const auto* g = std::get_if<security_group_id>(&rule.peer)) {
    // SG-15: a group reference matches the private IPs of the ENIs in that group.
    if (!peer.eni || !peer.eni->has_address(peer.address)) return false;
    return std::find(peer.eni->security_groups.begin(), peer.eni->security_groups.end(), *g) !=
           peer.eni->security_groups.end();
  }
  const auto& pl_id = std::get<prefix_list_id>(rule.peer);
  const auto* pl = net.find(pl_id);
  if (!pl) {
    if (warnings) warnings->push_back("prefix list " + pl_id.str() + " is not in the input; its rules match nothing");
    return false;
  }
  // SG-14: a prefix-list rule matches any CIDR entry of the list.
  return std::any_of(pl->cidrs.begin(), pl->cidrs.end(), [&](const cidr4& c) { return c.contains(peer.address); });
}

sg_verdict check_security_groups(const network& net, const std::vector<security_group_id>& groups, bool ingress,
                                 protocol proto, std::uint16_t port, const sg_peer_view& peer) {
  sg_verdict v;
  for (const auto& gid : groups) {
    const auto* g = net.find(gid);
    if (!g) {
      v.warnings.push_back("security group " + gid.str() + " is not in the input; it allows nothing");
      continue;
    }
    // SG-5: the rules of every group are one set; any match allows. SG-3: no deny rules.
    for (const auto& r : ingress ? g->ingress : g->egress)
      if (sg_rule_matches(net, r, proto, port, peer, &v.warnings)) {
        v.allowed = true;
        v.group = g;
        v.rule = &r;
        return v;
      }
  }
  return v;
}

namespace {
bool acl_entry_matches_packet(const network_acl_entry& e, protocol proto, address4 peer) {
  if (!e.cidr_block || !e.cidr_block->contains(peer)) return false;  // NACL-9: IPv4 rules only
  return e.protocol.matches(proto);
}

// The ports of the entry (NACL-12: -1 and protocols other than tcp/udp match every port).
port_range acl_entry_ports(const network_acl_entry& e) {
  if (e.protocol.has_ports() && e.ports) return *e.ports;
  return port_range::all();
}
}  // namespace

acl_verdict check_network_acl(const network_acl& acl, bool egress, protocol proto, port_range ports, address4 peer) {
  std::vector<const network_acl_entry*> rules;
  for (const auto& e : acl.entries)
    if (e.egress == egress) rules.push_back(&e);
  // NACL-5: ascending rule number, first match applies.
  std::stable_sort(rules.begin(), rules.end(), [](auto* a, auto* b) { return a->rule_number < b->rule_number; });

  // The ports not yet decided; a packet range is allowed iff every port meets an allow first.
  std::vector<port_range> open{ports};
  acl_verdict v;
  for (const auto* e : rules) {
    if (!acl_entry_matches_packet(*e, proto, peer)) continue;
    const port_range er = proto.has_ports() ? acl_entry_ports(*e) : port_range::all();
    std::vector<port_range> rest;
    bool touched = false;
    for (const auto& r : open) {
      if (!r.overlaps(er)) {
        rest.push_back(r);
        continue;
      }
      touched = true;
      if (e->action == rule_action::deny) {
        v.allowed = false;
        v.entry = e;
        v.refused = {std::max(r.from, er.from), std::min(r.to, er.to)};
        return v;
      }
      if (r.from < er.from) rest.push_back({r.from, static_cast<std::uint16_t>(er.from - 1)});
      if (r.to > er.to) rest.push_back({static_cast<std::uint16_t>(er.to + 1), r.to});
    }
    if (touched && !v.entry) v.entry = e;  // the first allow that let part of the traffic through
    open = std::move(rest);
    if (open.empty()) {
      v.allowed = true;
      return v;
    }
  }
  // NACL-6: whatever no numbered rule matched meets the final `*` deny.
  v.allowed = false;
  v.entry = nullptr;
  v.refused = open.front();
  return v;
}

std::string describe_acl_decision(const acl_verdict& v) {
  if (v.entry) return to_string(*v.entry);
  return "#* deny all 0.0.0.0/0";
}

}  // namespace vpcsim
