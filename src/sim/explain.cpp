// The words of answers, written once: `blocked_by.rule` from the `blocked_rule` a step yields, and
// the hops, warnings, message and fix of a full answer from the events of the one walk.
#include "explain.hpp"

#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/dns.hpp>
#include <vpcsim/sim/policy.hpp>
#include <vpcsim/sim/routing.hpp>

#include "changes.hpp"
#include "hops.hpp"
#include "rules.hpp"
#include "walk.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

namespace vpcsim::explain {

std::string rule_text(const blocked_rule& r, protocol proto, std::uint16_t port) {
  const std::string addr = r.address.to_string();
  const std::string dir = r.egress ? "outbound" : "inbound";
  const std::string flow = rules::flow_text(proto, port);
  switch (r.what) {
    case blocked_rule::kind::none: return {};
    case blocked_rule::kind::text: return std::string(r.prefix) + std::string(r.text);
    case blocked_rule::kind::sg_egress: return "no outbound rule allows " + flow + " to " + addr;
    case blocked_rule::kind::sg_ingress: return "no inbound rule allows " + flow + " from " + addr;
    case blocked_rule::kind::acl_entry: return to_string(*std::get<const network_acl_entry*>(r.object));
    case blocked_rule::kind::acl_final:
      return "no " + dir + " rule allows " + flow + (r.egress ? " to " : " from ") + addr + " (final #* deny)";
    case blocked_rule::kind::acl_return_final:
      return "no " + dir + " rule allows the return traffic " + (r.egress ? "to " : "from ") + addr +
             (proto.has_ports() ? " to ports " + r.ports.to_string() : "") + " (final #* deny)";
    case blocked_rule::kind::route: return describe(*std::get<const route*>(r.object));
    case blocked_rule::kind::no_route: return "no route matches " + addr;
    case blocked_rule::kind::no_eni: return "no network interface holds " + addr;
    case blocked_rule::kind::rfc1918: return "destination " + addr + " is in RFC 1918 space";
    case blocked_rule::kind::rfc6598: return "destination " + addr + " is in RFC 6598 space";
    case blocked_rule::kind::policy_statement: return describe(*std::get<const policy_statement*>(r.object));
    case blocked_rule::kind::tgw_route: return describe(*std::get<const transit_gateway_route*>(r.object));
  }
  return {};
}

blocked_rule missing(blocked_rule::kind k, address4 address, bool egress, port_range ports) {
  blocked_rule r;
  r.what = k;
  r.address = address;
  r.egress = egress;
  r.ports = ports;
  return r;
}

blocked_rule acl_denial(const network_acl_entry* entry, address4 peer, bool egress, std::optional<port_range> return_ports) {
  blocked_rule r = missing(entry                ? blocked_rule::kind::acl_entry
                           : return_ports       ? blocked_rule::kind::acl_return_final
                                                : blocked_rule::kind::acl_final,
                           peer, egress, return_ports.value_or(port_range{}));
  if (entry) r.object = entry;
  return r;
}

blocked_rule route_rule(const route& rt) {
  blocked_rule r;
  r.what = blocked_rule::kind::route;
  r.object = &rt;
  return r;
}

blocked_rule route_or_none(const route* rt, address4 address) {
  return rt ? route_rule(*rt) : missing(blocked_rule::kind::no_route, address);
}

}  // namespace vpcsim::explain

// ---------------------------------------------------------------------------------------------
// The words of a full answer: the path recorder of the one walk (walk.hpp). Each event of the walk
// becomes a hop, a warning, or the message and fix of `blocked_by`; the walk decided, this only
// words it, reading the model to name things.

namespace vpcsim::explain {

namespace {

using engine::ev;
using engine::event;
using engine::npos;
using engine::walk_state;
using rules::flow_text;

std::string str(std::string_view s) { return std::string(s); }
// A sentence in one allocation: the pieces' total size reserved, then each appended (a chain of
// `+` reallocates as the sentence grows). A piece is anything a string_view takes.
template <class... P>
std::string cat(const P&... pieces) {
  const std::string_view views[] = {std::string_view(pieces)...};
  std::size_t size = 0;
  for (const auto v : views) size += v.size();
  std::string out;
  out.reserve(size);
  for (const auto v : views) out.append(v);
  return out;
}
template <class K>
std::string ip(K a) { return vpcsim::to_string(a); }  // either family

class path_recorder {
 public:
  static constexpr bool words = true;

  path_recorder(const network& net, const compiled_network::tables& t, const destination& dest,
                const network_interface& src, const instance* inst, const flow_request& req, answer& ans)
      : net_(net), t_(t), dest_(dest), src_(src), inst_(inst), req_(req), ans_(ans), dest_text_(vpcsim::to_string(dest.address)) {}

  template <class K>
  void hop(const walk_state<K>& w, const event& e);
  template <class K>
  void note(const walk_state<K>& w, const event& e);
  template <class K>
  void stop(const walk_state<K>& w, const event& e);

  std::string message;
  // Every change that fixes the flow, ranked (the one to try first first), each with its edits of a
  // design and its AWS CLI commands where it is one exact change.
  std::vector<fix_change> fixes;
  bool loop = false;  // stopped by a routing loop, whose words name the path's hops

 private:
  // A hop, built in its place on the path: its facts (hops.hpp), its rule quoted, its sentence.
  // Ids and names are built at their size and moved in (an assignment would allocate room to grow).
  void add_hop(const path_hop& f, std::string rule, std::string explanation) {
    auto& h = ans_.path.emplace_back();
    h.component = std::string(f.component);
    h.kind = f.kind;
    h.check = f.check;
    h.rule = std::move(rule);
    h.direction = f.reply ? "return" : "forward";
    h.aws_rule = f.aws_rule;
    h.explanation = std::move(explanation);
    h.name = std::string(f.name);
  }
  engine::hop_context context() const { return {net_, t_, dest_, src_, inst_}; }
  void warn(std::string w) { ans_.warnings.push_back(std::move(w)); }
  void say(std::string m, std::string f) {
    message = std::move(m);
    fixes = {fix_change{std::move(f), {}, {}}};
  }
  void say(std::string m, std::vector<fix_change> f) {
    message = std::move(m);
    fixes = std::move(f);
  }

  std::string flow() const { return flow_text(req_.protocol, req_.port); }
  // After a NAT64 translation (NAT-10) the packet's destination is the IPv4 address it embeds.
  const std::string& dest() const { return dest_text_; }
  bool dest_v6() const { return !nat64_to_ && dest_.address.is_v6(); }
  // A host's block in the flow's family: `/32`, or `/128` for IPv6.
  std::string host() const { return dest_v6() ? "/128" : "/32"; }
  const network_interface* eni_model(std::uint32_t ix) const { return t_.enis[ix].model; }
  const vpc_endpoint& endpoint(std::uint32_t ix) const { return *t_.endpoint_models[ix]; }
  // An interface as answers name it: `eni-… of i-…` when its instance is in the input.
  std::string interface_name(std::uint32_t ix) const {
    const instance* inst = t_.enis[ix].attached;
    return str(t_.enis[ix].id) + (inst ? " of " + inst->id.str() : std::string{});
  }
  // A security group rule of the flow's protocol and port naming each of `peers` (a prefix list id,
  // a group id or a CIDR): the design's entries and the AWS CLI commands.
  fix_change sg_change(std::string text, bool ingress, const std::string& group, const std::vector<std::string>& peers) const;
  // The NACL entries of one alternative (NACL-5, NACL-7): allow entries of `acl` in one direction,
  // one per CIDR, each numbered below the entry that denies the flow, and the entry for the
  // reply when the NACL does not let it through.
  struct acl_entries {
    std::uint32_t acl = npos;
    bool egress = false;
    port_range ports{};
    const network_acl_entry* denied_by = nullptr;  // the entry that denied; nullptr: the final `*`
    bool reply = false;                            // also the entry for the reply (1024-65535, NACL-18)
  };
  fix_change acl_change(std::string text, const acl_entries& spec, const std::vector<std::string>& cidrs) const;
  // A route of `table` for `destination` to `target` (RT-15).
  std::vector<fix_change> route_change(std::string text, const std::string& table, const std::string& destination,
                                       const std::string& target) const {
    nlohmann::ordered_json entry;
    entry["to"] = destination;
    entry["via"] = target;
    return {fix_change{std::move(text),
                       {design_edit{table, "routes", "add", entry.dump(), {}, {}}},
                       {changes::create_route(table, destination, target)}}};
  }
  template <class K>
  std::vector<fix_change> missing_sg_rule_fix(const walk_state<K>& w) const;
  template <class K>
  std::vector<fix_change> sg_ingress_fix(const walk_state<K>& w, const engine::c_eni& receiver) const;
  template <class K>
  std::vector<fix_change> acl_fix(const walk_state<K>& w, const event& e, const std::string& rule_to_add, const acl_entries& spec,
                                  const std::string& tail = ", numbered below any rule that denies it") const;
  template <class K>
  std::vector<fix_change> acl_fix_in_family(const walk_state<K>& w, const event& e, const std::string& acl,
                                            const std::string& dir) const;
  std::vector<fix_change> no_route_fix(const event& e) const;
  // The subnet (a table index) holding `address` as the flow sees it from VPC `vpc` (a table index).
  template <class K>
  std::uint32_t subnet_holding(const walk_state<K>& w, K address, std::uint32_t vpc) const;
  // The CIDR of subnet `s` (a table index) in the flow's family that holds `a`, as text.
  template <class K>
  std::string subnet_cidr(std::uint32_t s, K a) const;
  std::string cycle_to(std::string_view table) const;

  const network& net_;
  const compiled_network::tables& t_;
  const destination& dest_;
  const network_interface& src_;
  const instance* inst_;
  const flow_request& req_;
  answer& ans_;
  std::optional<address4> nat64_to_;  // NAT-10: the IPv4 destination after a NAT64 translation
  std::string dest_text_;             // `dest()`, written once (and again at a NAT64 translation)
};

// The subnet (a table index) that holds `address`, following the flow: the source's, the NAT
// gateway's the packet left by, a subnet of `vpc` (the VPC the packet is in at the blocking hop),
// else of a VPC actively peered with it (PEER-1); npos when none does. A VPC the flow does not
// reach is never named, even when its CIDR overlaps (two VPCs may share a CIDR).
template <class K>
std::uint32_t path_recorder::subnet_holding(const walk_state<K>& w, K address, std::uint32_t vpc) const {
  const auto holds = [&](std::uint32_t s) {
    if (s == npos || !t_.subnets[s].present) return false;
    if constexpr (walk_state<K>::v6) return t_.subnets[s].lo6 <= address && address <= t_.subnets[s].hi6;
    else return t_.subnets[s].lo <= address && address <= t_.subnets[s].hi;
  };
  if (holds(w.src.subnet)) return w.src.subnet;
  if (w.nat != npos && holds(t_.nats[w.nat].subnet)) return t_.nats[w.nat].subnet;
  const auto in_vpc = [&](std::uint32_t v) {
    if (v == npos) return npos;
    const auto& sub = t_.vpcs[v].subnets;
    for (std::uint32_t i = sub.off; i < sub.off + sub.len; ++i)
      if (holds(t_.u32[i])) return t_.u32[i];
    return npos;
  };
  if (const auto s = in_vpc(vpc); s != npos) return s;
  for (const auto& p : t_.peerings) {
    if (!p.active || vpc == npos) continue;
    for (int side = 0; side < 2; ++side)
      if (p.sides[side].vpc == vpc)
        if (const auto s = in_vpc(p.sides[1 - side].vpc); s != npos) return s;
  }
  return npos;
}

template <class K>
std::string path_recorder::subnet_cidr(std::uint32_t s, K a) const {
  const auto* sub = net_.find(subnet_id{str(t_.subnets[s].id)});
  if (!sub) return {};
  if constexpr (walk_state<K>::v6) {
    for (const auto& c : sub->ipv6_cidr_blocks)
      if (c.contains(make_address6(a))) return c.to_string();
    return {};
  } else {
    return sub->cidr_block ? sub->cidr_block->to_string() : std::string{};  // VPC-6: none on an IPv6-only subnet
  }
}

namespace {

// A customer-managed prefix list that holds `a` (of either family): the peer a rule should name
// before a CIDR.
template <class K>
const prefix_list* own_prefix_list_holding(const network& net, K a) {
  for (const auto& [id, pl] : net.all<prefix_list>()) {
    if (pl.aws_managed) continue;
    if constexpr (engine::family_of<K>::v6) {
      for (const auto& c : pl.ipv6_cidrs)
        if (c.contains(make_address6(a))) return &pl;
    } else {
      for (const auto& c : pl.cidrs)
        if (c.contains(address4{a})) return &pl;
    }
  }
  return nullptr;
}

// A rule's protocol and ports in a design's keys: `"protocol": "tcp", "ports": 443`.
void design_protocol(nlohmann::ordered_json& entry, protocol p, port_range ports) {
  entry["protocol"] = p.name();
  if (p.has_ports()) {
    if (ports.from == ports.to) entry["ports"] = ports.from;
    else entry["ports"] = ports.to_string();
  }
}

// The free rule number of `acl`'s entries in one direction (`taken`) for an entry that must come
// before `denied_by` (NACL-5: the lowest number that matches decides): the highest free number
// below it; after the final `*` deny, the next multiple of 10 after the last entry (100 for none).
int free_rule_number(const std::set<int>& taken, const network_acl_entry* denied_by) {
  if (denied_by && !denied_by->is_default_deny()) {
    for (int n = denied_by->rule_number - 1; n >= 1; --n)
      if (!taken.count(n)) return n;
  }
  int last = 0;
  for (const int n : taken)
    if (n < 32767) last = std::max(last, n);
  int n = last == 0 ? 100 : (last / 10 + 1) * 10;  // AWS's examples start at 100
  while (taken.count(n) && n < 32766) ++n;
  return std::min(n, 32766);
}

}  // namespace

fix_change path_recorder::sg_change(std::string text, bool ingress, const std::string& group,
                                    const std::vector<std::string>& peers) const {
  fix_change c{std::move(text), {}, {}};
  if (group.rfind("sg-", 0) != 0) return c;  // no group to add the rule to: words only
  const port_range ports = req_.protocol.has_ports() ? port_range::single(req_.port) : port_range::all();
  for (const auto& peer : peers) {
    nlohmann::ordered_json entry;
    design_protocol(entry, req_.protocol, ports);
    entry[ingress ? "from" : "to"] = peer;
    c.edits.push_back(design_edit{group, ingress ? "ingress" : "egress", "add", entry.dump(), {}, {}});
    c.commands.push_back(changes::authorize_security_group(ingress, group, req_.protocol, ports, peer));
  }
  return c;
}

fix_change path_recorder::acl_change(std::string text, const acl_entries& spec, const std::vector<std::string>& cidrs) const {
  fix_change c{std::move(text), {}, {}};
  const std::string acl_id = str(t_.acls[spec.acl].id);
  const auto* acl = net_.find(network_acl_id{acl_id});
  if (!acl) return c;  // AWS's default NACL of a subnet the input gives none (NACL-10): nothing to edit
  std::set<int> taken[2];  // [egress]
  for (const auto& entry : acl->entries) taken[entry.egress].insert(entry.rule_number);
  const auto add = [&](bool egress, protocol p, port_range ports, const network_acl_entry* denied_by, const std::string& cidr) {
    const int number = free_rule_number(taken[egress], denied_by);
    taken[egress].insert(number);
    nlohmann::ordered_json entry;
    entry["rule"] = number;
    entry["action"] = "allow";
    design_protocol(entry, p, ports);
    entry[cidr.find(':') != std::string::npos ? "ipv6_cidr" : "cidr"] = cidr;
    c.edits.push_back(design_edit{acl_id, egress ? "outbound" : "inbound", "add", entry.dump(), {}, {}});
    c.commands.push_back(changes::create_network_acl_entry(acl_id, egress, number, p, ports, cidr));
  };
  for (const auto& cidr : cidrs) add(spec.egress, req_.protocol, spec.ports, spec.denied_by, cidr);
  if (spec.reply)  // NACL-7: the reply crosses the NACL the other way, to the client's ephemeral ports (NACL-18)
    for (const auto& cidr : cidrs) add(!spec.egress, req_.protocol, nat_gateway_ports, nullptr, cidr);
  return c;
}

// The outbound rule the source's group lacks, ranked by the peer it names: a prefix list, then a
// security group, then a subnet CIDR, then the address itself.
template <class K>
std::vector<fix_change> path_recorder::missing_sg_rule_fix(const walk_state<K>& w) const {
  const std::string group = src_.security_groups.empty() ? "a security group" : src_.security_groups.front().str();
  // `peers`: the rule's peers when `peer` is not one (several CIDRs, or words around the address).
  // No default argument: clang 14 leaks a lambda's by-value default argument in a template.
  const auto alt_of = [&](const std::string& peer, const std::string& note, const std::vector<std::string>& peers) {
    return sg_change("Add an outbound rule to " + group + " allowing " + flow() + " to " + peer + " (" + note + ")", false,
                     group, peers);
  };
  const auto alt = [&](const std::string& peer, const std::string& note) { return alt_of(peer, note, {peer}); };
  if (!dest_.service.empty() && !dest_.endpoint)
    if (const auto* pl = net_.prefix_list_named(services::endpoint_service_name(dest_.service, dest_.region)))
      return {alt(pl->id.str(), "the " + dest_.service + " prefix list, GW-9")};
  std::vector<fix_change> out;
  if (dest_.endpoint) {  // IF-7b: the endpoint's group, else the subnets its interfaces are in
    for (const auto& g : dest_.endpoint->security_groups)
      out.push_back(alt(g.str(), "a security group of " + dest_.endpoint->id.str() + ", SG-15; IF-7b"));
    std::string cidrs;
    std::vector<std::string> peers;
    for (const auto& s : dest_.endpoint->subnets)
      if (const auto* sub = net_.find(s); sub && sub->cidr_block) {
        cidrs += (cidrs.empty() ? "" : " and ") + sub->cidr_block->to_string();
        peers.push_back(sub->cidr_block->to_string());
      }
    if (!cidrs.empty()) out.push_back(alt_of(cidrs, "the subnets of " + dest_.endpoint->id.str() + "; IF-7b", peers));
    if (out.empty()) out.push_back(alt(dest() + host(), "IF-7b"));
    return out;
  }
  if (const auto* pl = own_prefix_list_holding(net_, w.dest))
    out.push_back(alt(pl->id.str(), "the prefix list \"" + pl->name + "\", which holds " + dest() + "; SG-14"));
  // SG-15: a group reference matches the receiver in the source's own VPC.
  if (const auto peer = t_.eni_at<K>(w.src.vpc, w.dest); peer != npos)
    if (const auto* m = eni_model(peer); m && !m->security_groups.empty())
      out.push_back(alt(m->security_groups.front().str(),
                        "a security group of " + interface_name(peer) + ", which holds " + dest() + "; SG-15"));
  if (const auto s = subnet_holding(w, w.dest, w.src.vpc); s != npos && s != w.src.subnet)
    if (auto c = subnet_cidr(s, w.dest); !c.empty())
      out.push_back(alt(c, "the CIDR of " + str(t_.subnets[s].id) + ", which holds " + dest() + "; SG-6"));
  out.push_back(alt_of(dest() + host() + " or a CIDR that holds it", "SG-6", {dest() + host()}));
  return out;
}

// The inbound rule the receiver's group lacks, ranked by the source it names: a prefix list, the
// client's security group (only where a reference matches: straight from the client, SG-15, SG-17,
// SG-19), the client subnet's CIDR, the address. After a NAT gateway the client is the NAT (NAT-8).
template <class K>
std::vector<fix_change> path_recorder::sg_ingress_fix(const walk_state<K>& w, const engine::c_eni& receiver) const {
  const std::string src = ip(w.src_addr);
  const std::string ids = receiver.endpoint != npos ? "IF-7, ECR-3" : "SG-8";
  const std::string group = str(receiver.ingress_component);
  const auto alt = [&](const std::string& peer, const std::string& note) {
    return sg_change("Add an inbound rule to " + group + " allowing " + flow() + " from " + peer + " (" +
                         (note.empty() ? ids : note + "; " + ids) + ")",
                     true, group, {peer});
  };
  std::vector<fix_change> out;
  if (const auto* pl = own_prefix_list_holding(net_, w.src_addr))
    out.push_back(alt(pl->id.str(), "the prefix list \"" + pl->name + "\", which holds " + src));
  const bool direct = !w.indirect() && w.src_addr == engine::in_family<K>(w.src).primary;
  if (direct && !src_.security_groups.empty())
    out.push_back(alt(src_.security_groups.front().str(),
                      "a security group of " + (inst_ ? inst_->id.str() : src_.id.str()) + ", the client, SG-15"));
  if (const auto s = subnet_holding(w, w.src_addr, receiver.vpc); s != npos)
    if (auto c = subnet_cidr(s, w.src_addr); !c.empty()) {
      // After a NAT gateway or an appliance that translates (NAT-8, RT-13) the sender is not the client.
      const bool own = w.src_addr == engine::in_family<K>(w.src).primary;
      const bool nat_subnet = w.nat != npos && s == t_.nats[w.nat].subnet;
      out.push_back(alt(c, "the CIDR of " + str(t_.subnets[s].id) +
                               (own          ? ", the client's subnet"
                                : nat_subnet ? ", the subnet of NAT gateway " + str(t_.nats[w.nat].id) + " that the traffic leaves by"
                                             : ", which holds " + src)));
    }
  out.push_back(alt(src + host(), ""));
  if (w.src.vpc == npos)  // IGW-12: a server for any client on the internet
    out.push_back(alt(walk_state<K>::v6 ? "::/0" : "0.0.0.0/0", "any address on the internet"));
  return out;
}

// The NACL entry to add, ranked: the peer subnet's CIDR (NACL entries name CIDR blocks only, NACL-14),
// then the address. `rule_to_add` is `inbound rule to acl-… allowing tcp 443 from` (or `to`).
template <class K>
std::vector<fix_change> path_recorder::acl_fix(const walk_state<K>& w, const event& e, const std::string& rule_to_add,
                                               const acl_entries& spec, const std::string& tail) const {
  const K address = w.key(e.address);
  const std::string peer = ip(address);
  std::vector<fix_change> out;
  if (const auto s = subnet_holding(w, address, t_.subnets[e.subnet].vpc); s != npos && s != e.subnet)
    if (auto c = subnet_cidr(s, address); !c.empty())
      out.push_back(acl_change("Add an " + rule_to_add + " " + c + " (the CIDR of " + str(t_.subnets[s].id) + ", which holds " +
                                   peer + ")" + tail,
                               spec, {c}));
  if constexpr (!walk_state<K>::v6)  // a service's IPv4 address: its prefix list's block
    if (out.empty() && !dest_.service.empty() && address == w.dest)
      if (const auto* pl = net_.prefix_list_named(services::endpoint_service_name(dest_.service, dest_.region)))
        for (const auto& c : pl->cidrs)
          if (c.contains(address4{address})) {
            std::vector<std::string> blocks{c.to_string()};  // the one holding the address first, then the others
            for (const auto& other : pl->cidrs)
              if (other != c) blocks.push_back(other.to_string());
            out.push_back(acl_change("Add an " + rule_to_add + " " + c.to_string() +
                                         (pl->cidrs.size() > 1 ? " and each other entry of " : ", the entry of ") +
                                         pl->id.str() + " (the " + dest_.service +
                                         " prefix list, whose addresses the service answers from; a NACL entry names a "
                                         "CIDR, not a prefix list, NACL-14)" + tail,
                                     spec, blocks));
            break;
          }
  out.push_back(acl_change("Add an " + rule_to_add + " " + peer + host() + tail, spec, {peer + host()}));
  if (w.src.vpc == npos && address == w.src_addr) {  // IGW-12: a server for any client on the internet
    const std::string any = walk_state<K>::v6 ? "::/0" : "0.0.0.0/0";
    out.push_back(acl_change("Add an " + rule_to_add + " " + any + " (any address on the internet)" + tail, spec, {any}));
  }
  return out;
}

// A NACL that denies the forward packet. IPv6 (NACL-9, NACL-10): IPv4 entries never match it, and
// the entries to add mirror the default NACL's `101 ::/0` ones, with their return rule (NACL-7).
// IPv4: when the NACL would drop the reply as well, the fix adds its entry too (NACL-7, NACL-18).
template <class K>
std::vector<fix_change> path_recorder::acl_fix_in_family(const walk_state<K>& w, const event& e, const std::string& acl,
                                                         const std::string& dir) const {
  const std::string to_from = e.egress ? " to" : " from";
  const std::string back_dir = e.egress ? "inbound" : "outbound";
  acl_entries spec{e.acl, e.egress, req_.protocol.has_ports() ? port_range::single(req_.port) : port_range::all(), e.entry,
                   walk_state<K>::v6};
  if constexpr (walk_state<K>::v6) {
    const std::string reply = ", numbered below any rule that denies it, and an " + back_dir +
                              " IPv6 rule allowing the return traffic on ports 1024-65535 (NACLs are stateless, NACL-7)";
    auto out = acl_fix(w, e, dir + " IPv6 rule to " + acl + " allowing " + flow() + to_from, spec, reply);
    out.insert(out.end() - 1, acl_change("Add an " + dir + " IPv6 rule to " + acl + " allowing " + flow() + to_from + " ::/0" +
                                             reply + "; IPv4 entries never match IPv6 (NACL-9)",
                                         spec, {"::/0"}));
    return out;
  } else {
    // The reply comes back from the peer to the client's ports (NAT-11: a NAT gateway's 1024-65535).
    spec.reply = !engine::acl_allows(w.f, t_.acls[e.acl], !e.egress, req_.protocol, w.src_ports, w.key(e.address)).allowed;
    std::string tail = ", numbered below any rule that denies it";
    if (spec.reply)
      tail += ", and an " + back_dir + " rule allowing the return traffic" + (e.egress ? " from" : " to") +
              " it on ports 1024-65535 (NACLs are stateless, NACL-7, NACL-18)";
    return acl_fix(w, e, dir + " rule to " + acl + " allowing " + flow() + to_from, spec, tail);
  }
}

// The fix looks at what the VPC has. An endpoint path names the service's existing gateway endpoint
// (GW-6) or says which endpoint to create (IF-11); the internet path is a route to a NAT or internet
// gateway. A subnet without a default route in a VPC that has endpoints is private by design: the
// endpoint path comes first, the internet path second and labelled as such.
std::vector<fix_change> path_recorder::no_route_fix(const event& e) const {
  const std::string rt = str(t_.tables[e.table].id);
  const vpc_id v{str(t_.vpcs[e.vpc].id)};
  fix_change endpoint_path;
  const auto* info = dest_.service.empty() ? nullptr : services::find_service(dest_.service);
  if (info && info->gateway_endpoint) {
    const std::string name = services::endpoint_service_name(dest_.service, dest_.region);
    const vpc_endpoint* existing = nullptr;
    for (const auto* ep : net_.endpoints_in(v))
      if (!existing && ep->type == endpoint_type::gateway && ep->service_name == name) existing = ep;
    if (existing) {
      const std::string id = existing->id.str();
      endpoint_path = {"associate " + id + " (the " + dest_.service + " gateway endpoint of " + v.str() + ") with " + rt + " (GW-6)",
                       {design_edit{id, "route_tables", "add", nlohmann::json(rt).dump(), {}, {}}},
                       {changes::add_endpoint_route_table(id, rt)}};
    } else {
      nlohmann::ordered_json entry;
      entry["name"] = dest_.service + "-gateway";  // a design's resource needs a name
      entry["service"] = dest_.service;
      entry["vpc"] = v.str();
      entry["route_tables"] = nlohmann::json::array({rt});
      endpoint_path = {"create a gateway endpoint for " + dest_.service + " associated with " + rt + " (GW-6)",
                       {design_edit{"", "endpoints", "add", entry.dump(), {}, {}}},
                       {changes::create_gateway_endpoint(v.str(), name, rt)}};
    }
  } else if (!dest_.service.empty()) {
    endpoint_path.fix = "create an interface endpoint for " + dest_.service + " with private DNS in " + v.str() + " (IF-11)";
  }
  // IF-6, GW-4, ECR-5: an endpoint of the service exists in the VPC, but for another Region than the
  // name traced; it serves its own Region only, so say so rather than ask for an endpoint.
  if (!dest_.service.empty())
    for (const auto* ep : net_.endpoints_in(v))
      if (const auto parts = services::parse_endpoint_service_name(ep->service_name);
          parts && parts->short_name == dest_.service && parts->region != dest_.region) {
        endpoint_path = {"call " + dest_.service + " by its " + parts->region + " name, which " + ep->id.str() + " (the " +
                             dest_.service + (ep->type == endpoint_type::gateway ? " gateway" : " interface") +
                             " endpoint of " + v.str() + ") serves; it serves " + parts->region + " only, not the " +
                             dest_.region + " name traced (IF-6, GW-4, ECR-5)",
                         {},
                         {}};
        break;
      }
  const std::string internet_path =
      "add a route to " + rt + " for " + dest() +
      (dest_v6() ? " (for example ::/0 to an egress-only internet gateway or internet gateway; RT-9: 0.0.0.0/0 "
                               "does not match IPv6)"
                             : " (for example 0.0.0.0/0 to a NAT gateway or internet gateway)");
  const auto sentence = [](std::string text) { return fix_change{std::move(text), {}, {}}; };
  std::vector<fix_change> out;
  // DNS-3: a private hosted zone answers only the VPCs associated with it.
  if (dest_.unassociated_zone)
    out.push_back(sentence("Associate the private hosted zone " + dest_.unassociated_zone->id.str() + " (" +
                        dest_.unassociated_zone->name + ") with " + v.str() + " so that it answers there (DNS-3, DNS-12)"));
  if (dest_.ineffective_private_dns)  // DNS-6: both attributes on (setting one already on changes nothing)
    out.push_back(fix_change{"Turn on enableDnsSupport and enableDnsHostnames on " + v.str() + " so that the private DNS of " +
                                 dest_.ineffective_private_dns->id.str() + " takes effect (DNS-6)",
                             {design_edit{v.str(), "dns_support", "set", "true", {}, {}},
                              design_edit{v.str(), "dns_hostnames", "set", "true", {}, {}}},
                             {changes::enable_vpc_dns_attribute(v.str(), "--enable-dns-support"),
                              changes::enable_vpc_dns_attribute(v.str(), "--enable-dns-hostnames")}});
  const bool private_design = !net_.endpoints_in(v).empty();
  if (endpoint_path.fix.empty()) out.push_back(sentence(internet_path));
  else if (private_design) {
    out.push_back(std::move(endpoint_path));
    out.push_back(sentence("for the internet path, " + internet_path));
  } else {
    out.push_back(sentence(internet_path));
    out.push_back(std::move(endpoint_path));
  }
  return out;
}

// The forwarding components from the first visit of `table` back to it:
// `rtb-a -> nat-a -> rtb-b -> nat-b -> rtb-a` (filters left out).
std::string path_recorder::cycle_to(std::string_view table) const {
  auto first = std::find_if(ans_.path.begin(), ans_.path.end(), [&](const vpcsim::hop& h) {
    return (h.kind == "route-table" || h.kind == "transit-gateway-route-table") && h.component == table;
  });
  std::string out;
  for (auto it = first; it != ans_.path.end(); ++it)
    if (it->kind != "security-group" && it->kind != "network-acl") out += it->component + " -> ";
  return out + str(table);
}

template <class K>
void path_recorder::hop(const walk_state<K>& w, const event& e) {
  if constexpr (walk_state<K>::v6)
    if (e.what == ev::nat) {  // NAT-10
      nat64_to_ = make_address4(static_cast<std::uint32_t>(w.dest));
      dest_text_ = vpcsim::to_string(*nat64_to_);
    }
  if (!req_.path) return;  // an answer without its path: no hop, no words
  // The hop's facts (hops.hpp), then its sentence, which quotes them.
  const path_hop h = engine::hop_of(context(), w, e);
  if (h.kind.empty()) return;
  std::string rule = compiled_network::rule_text(h.rule);
  auto add = [&](std::string sentence) { add_hop(h, std::move(rule), std::move(sentence)); };
  switch (e.what) {
    case ev::start: {
      // VPC-6: an interface of an IPv6-only subnet has no IPv4 address to start an IPv4 flow from.
      const std::string address = walk_state<K>::v6 || w.src.v4.has_address ? ip(w.src_addr) : std::string("no IPv4 address");
      const std::string_view subnet = t_.subnets[w.src.subnet].id, vpc = t_.vpcs[w.src.vpc].id;
      if (inst_)
        add(cat("The flow starts at instance ", inst_->id.str(), " (", w.src.id, ", ", address, " in ", subnet, " of ", vpc, ")."));
      else
        add(cat("The flow starts at network interface ", w.src.id, " (", address, " in ", subnet, " of ", vpc, ")."));
      return;
    }
    case ev::sg_egress:
      add(cat("Security group ", h.component, " of ", w.src.id, " lets the packet out: its outbound rule '", rule,
              "' matches (the rules of all the interface's groups form one set)."));
      return;
    case ev::acl:
      add(cat("Network ACL ", h.component, " lets the packet ", e.egress ? "leave " : "enter ", t_.subnets[e.subnet].id, ": rule ",
              rule, " is the first rule, by number, that matches it."));
      return;
    case ev::route: {
      const std::string_view s = t_.subnets[e.subnet].id;
      const route& r = *t_.routes[e.route].r;
      const auto& sn = t_.subnets[e.subnet];
      const bool main = sn.assoc == e.table && sn.implicit_main;
      add(cat("Route table ", h.component, main ? cat(" (the VPC's main table: ", s, " has no explicit association, RT-2)") : cat(" of ", s),
              " sends ", ip(w.dest), " by its most specific matching route, ", rule,
              std::holds_alternative<prefix_list_id>(r.destination)
                  ? cat(" (the prefix list's entry ", w.f.bound_words[e.interval].matched.to_string(), " matches)")
                  : std::string(),
              "."));
      return;
    }
    case ev::sg_ingress: {
      const auto& eni = t_.enis[e.eni];
      const bool ep = eni.endpoint != npos;
      add(cat("Security group ", h.component, " of ", ep ? "endpoint " : "", ep ? t_.endpoints[eni.endpoint].id : eni.id,
              " lets the packet in: its inbound rule '", rule, "' matches."));
      return;
    }
    case ev::arrive: {
      const auto* model = eni_model(e.eni);
      const bool attached = model && model->attachment && model->attachment->instance;
      add(cat("The packet arrives at network interface ", h.component, attached ? " of " : "",
              attached ? std::string_view(model->attachment->instance->str()) : std::string_view(), "."));
      return;
    }
    case ev::interface_endpoint:
      add(cat("The packet reaches interface endpoint ", h.component, " (", endpoint(e.endpoint).service_name,
              "): PrivateLink carries it to the service from the endpoint's network interface ", t_.enis[e.eni].id, "."));
      return;
    case ev::service: add(cat("The request arrives at ", h.component, ".")); return;
    case ev::internet:
      // w.dest: after NAT64 (NAT-10) the IPv4 address the packet now carries.
      if (h.kind == "internet") add(cat("The packet is on the internet, bound for ", ip(w.dest), "."));
      else add(cat("The request arrives at ", h.component, " over its public address ", ip(w.dest), "."));
      return;
    case ev::nat: {
      const auto* nat = t_.nats[e.nat].model;
      const std::string becomes = engine::nat_source_text(*nat);
      if constexpr (walk_state<K>::v6) {  // NAT-10: NAT64 (RFC 6052: the IPv4 address is the last 32 bits)
        add("NAT gateway " + nat->id.str() + " translates the IPv6 packet to IPv4 (NAT64): the destination " + ip(w.dest) +
            " becomes " + ip(static_cast<std::uint32_t>(w.dest)) + ", the IPv4 address in its last 32 bits (RFC 6052), and the source " +
            ip(w.src_addr) + " becomes " + becomes + " (ports 1024-65535); it forwards the IPv4 packet by the route table of its subnet " +
            nat->subnet.str() + ".");
        return;
      }
      add("NAT gateway " + nat->id.str() + " rewrites the source (source becomes " + becomes +
          ", ports 1024-65535) and forwards by the route table of its subnet " + nat->subnet.str() + ".");
      return;
    }
    case ev::igw:
      if constexpr (walk_state<K>::v6)  // IGW-5: no translation for IPv6
        add("Internet gateway " + str(e.text) + " sends the IPv6 packet to the internet untranslated: its source is " +
            ip(w.src_addr) + ", the instance's own IPv6 address.");
      else
        add("Internet gateway " + str(e.text) + " maps the private source to its public address" +
            (h.rule.what == hop_rule::kind::source_becomes ? " (" + h.rule.address.to_string() + ")" : std::string{}) +
            " and sends the packet to the internet.");
      return;
    case ev::eigw:
      add("Egress-only internet gateway " + str(e.text) + " sends the IPv6 packet to the internet; it lets the replies back "
          "in and never admits a connection initiated from the internet.");
      return;
    case ev::gateway_endpoint:
      add(cat("Gateway endpoint ", h.component, " (", endpoint(e.endpoint).service_name,
              ") carries the packet to the service without an internet gateway or NAT device."));
      return;
    case ev::appliance_sg: {
      const bool ingress = !e.egress;
      add("Security group " + str(h.component) + " of appliance " + interface_name(e.eni) + " lets the forwarded packet " +
          (ingress ? "in" : "out") + ": its " + (ingress ? "inbound" : "outbound") + " rule '" + rule + "' matches.");
      return;
    }
    case ev::appliance:
      add("Network interface " + interface_name(e.eni) + " has its source/destination check off: as an appliance it takes "
          "the packet for " + ip(w.dest) + " and forwards it by the route table of its subnet " +
          str(t_.subnets[t_.enis[e.eni].subnet].id) + ".");
      return;
    case ev::tgw_enter:
      add("The packet enters transit gateway " + str(t_.tgws[e.tgw].id) + " through attachment " + str(h.component) + " of " +
          str(t_.vpcs[e.vpc].id) + ", by its subnet " + str(t_.subnets[e.subnet].id) + " in " + str(e.text) + ".");
      return;
    case ev::tgw_table:
      add("Transit gateway route table " + str(h.component) + " (associated with " + str(t_.tgw_attachments[e.attachment].id) +
          ") sends " + dest() + " by its most specific matching route, " + rule + ".");
      return;
    case ev::tgw_leave: {
      const auto& out = t_.tgw_attachments[e.attachment];
      add("Transit gateway " + str(t_.tgws[e.tgw].id) + " hands the packet to " + str(out.resource_id) + " through attachment " +
          str(out.id) + ", by its subnet " + str(t_.subnets[e.subnet].id) + ".");
      return;
    }
    case ev::peering:
      add("Peering connection " + str(h.component) + " carries the packet into " + str(t_.vpcs[e.vpc].id) + ", whose CIDRs hold " +
          dest() + ".");
      return;
    case ev::from_internet: add("The flow starts on the internet at " + ip(w.src_addr) + ", bound for " + dest() + "."); return;
    case ev::igw_in: {
      const auto& eni = t_.enis[e.eni];
      const std::string igw = str(e.text), vpc = str(t_.vpcs[eni.vpc].id);
      if constexpr (walk_state<K>::v6)
        add("Internet gateway " + igw + ", attached to " + vpc + ", admits the IPv6 packet for " + dest() + ", the address of " +
            interface_name(e.eni) + ", untranslated (IGW-1, IGW-5).");
      else
        add("Internet gateway " + igw + ", attached to " + vpc + ", maps the destination " + dest() + " (a public IPv4 of " +
            interface_name(e.eni) + ") to its private address " + h.rule.address.to_string() + " and admits the packet.");
      return;
    }
    case ev::route_reply: {
      const auto kind = t_.routes[e.route].kind;
      const bool to_appliance = kind == target_kind::network_interface || kind == target_kind::instance;  // IGW-9
      add("Route table " + str(h.component) + " of " + str(t_.subnets[t_.enis[e.eni].subnet].id) + " sends the reply to " +
          ip(w.src_addr) + " by its route " + rule +
          (to_appliance ? ", back through appliance " + interface_name(t_.routes[e.route].target) +
                              " that the request came through (RT-14: the same appliance both ways, IGW-9)."
                        : std::string(", back through the internet gateway the request came in by.")));
      return;
    }
    case ev::edge_route: {
      const bool local = t_.routes[e.route].kind == target_kind::local;
      add("Gateway route table " + str(h.component) + " (edge-associated with " + str(e.text) + ", RT-25) routes the traffic entering by the "
          "gateway: it sends " + ip(w.dest) + " by its most specific matching route, " + rule +
          (local ? ", straight to the destination's subnet." : ", to a middlebox appliance first."));
      return;
    }
    case ev::acl_reply: {
      const bool ports = req_.protocol.has_ports();
      add(cat("The reply ", e.egress ? "leaves " : "enters ", t_.subnets[e.subnet].id, ": network ACL ", h.component,
              " is stateless and checks it again, and rule ", rule, " allows ", e.egress ? "it to " : "it from ", ip(w.key(e.address)),
              ports ? " to ports " : "", ports ? e.ports.to_string() : std::string(), "."));
      return;
    }
    default: return;
  }
}

template <class K>
void path_recorder::note(const walk_state<K>& w, const event& e) {
  switch (e.what) {
    case ev::policy_allows: {
      if (!req_.path) return;  // its words go to the endpoint's hop
      const auto& ep = endpoint(e.endpoint);
      const auto& table = *w.leg.policy;
      path_hop facts;
      engine::policy_allows(context(), w, e, facts);
      vpcsim::hop& h = ans_.path.back();
      h.rule = compiled_network::rule_text(facts.rule);
      h.check = facts.check;
      h.explanation += cat(" Its policy", ep.policy ? "" : " (none given: AWS's default full access, POL-2)", " allows ",
                           table.action[e.endpoint], " on ", table.resource[e.endpoint], h.rule.empty() ? "" : ": ", h.rule,
                           " (an explicit Deny would win, POL-4).");
      return;
    }
    case ev::warn_text: warn(str(e.text)); return;
    case ev::warn_no_acl:
      warn("no network ACL of " + str(t_.subnets[e.subnet].id) +
           " is in the input; assumed AWS's default NACL, which allows all traffic (NACL-10)");
      return;
    case ev::warn_shadowed: {
      const route& r = *t_.routes[e.route].r;
      warn("route " + describe(r) + " is more specific than (or equal to) the prefix-list route " +
           describe(*w.f.bound_words[e.interval].shadowed) + "; traffic to " + dest() + " bypasses the gateway endpoint (GW-7b, GW-7c)");
      return;
    }
    case ev::warn_default_group: {
      const auto& eni = t_.enis[e.eni];
      warn(str(t_.endpoints[eni.endpoint].id) + " lists no security group; AWS attaches the VPC's default group " +
           str(eni.defaulted_group) + " (IF-7)");
      return;
    }
    case ev::warn_gateway_dns:
      warn("AWS states that gateway endpoints need both enableDnsSupport and enableDnsHostnames on " +
           endpoint(e.endpoint).vpc.str() + " when clients use the Amazon DNS server (GW-11); one of them is off");
      return;
    case ev::warn_policy:
      for (const auto& x : w.leg.policy->warnings[e.endpoint]) warn(str(t_.endpoints[e.endpoint].id) + " policy: " + x);
      return;
    case ev::warn_nat_instance: {
      const auto pub = engine::public_source(context(), w);
      warn("appliance " + str(t_.enis[e.eni].id) + " is taken to translate the source " + ip(w.src_addr) +
           " to its own address, as a NAT instance does; its public IPv4 " + pub->to_string() +
           " is the address the internet sees (RT-13)");
      return;
    }
    case ev::warn_asymmetric_appliance:
      warn("the reply from " + dest() + " to " + ip(w.src_addr) + " leaves by route " + describe(*t_.routes[e.route].r) +
           " of " + str(t_.tables[e.table].id) + ", not through appliance " + str(w.appliance->id) +
           ": AWS does not support asymmetric routing through an appliance, and a stateful one drops such a flow (RT-14)");
      return;
    case ev::warn_asymmetric_tgw:
      warn("the reply to " + ip(w.src_addr) + " goes by " + describe(*e.tgw_route) + " of " + str(t_.tgw_tables[e.table].id) +
           ", not back through " + str(t_.tgw_attachments[e.attachment].id) + ": asymmetric routing");
      return;
    case ev::warn_nat_peering:
      warn("traffic from a NAT gateway into a peering connection keeps the NAT's address as source");
      return;
    case ev::warn_unsupported_target:
      warn("paths through " + std::string(to_string(t_.routes[e.route].kind)) + " targets are not modelled yet");
      return;
    case ev::warn_unsupported_attachment:
      warn("paths through " + str(t_.tgw_attachments[e.attachment].resource_type) +
           " attachments of a transit gateway are not modelled yet");
      return;
    default: return;
  }
}

template <class K>
void path_recorder::stop(const walk_state<K>& w, const event& e) {
  const std::string d = dest(), src = ip(w.src_addr);
  switch (e.what) {
    case ev::stop_instance_state:
      say("Instance " + inst_->id.str() + " is " + inst_->state.text() + " and sends no traffic", "Start the instance");
      return;
    case ev::stop_sg_egress: {
      std::string groups;
      for (const auto& g : src_.security_groups) groups += (groups.empty() ? "" : ", ") + g.str();
      say("The security groups of " + src_.id.str() + " (" + groups + ") have no outbound rule that allows " + flow() +
              " to " + d + " (SG-5, SG-6)",
          missing_sg_rule_fix(w));
      return;
    }
    case ev::stop_acl: {
      const std::string acl = str(t_.acls[e.acl].id), dir = e.egress ? "outbound" : "inbound";
      const std::string peer = ip(w.key(e.address));
      say("Network ACL " + acl + " of " + str(t_.subnets[e.subnet].id) + " does not allow " + dir + " " + flow() +
              (e.egress ? " to " : " from ") + peer + " (NACL-5, NACL-6)",
          acl_fix_in_family(w, e, acl, dir));
      return;
    }
    case ev::stop_loop: {
      loop = true;
      if (!req_.path) return;  // full_answer walks again with the path, which the words quote
      const std::string cycle = cycle_to(e.text);
      say("The packet to " + d + " returns to " + str(e.text) + " and goes round " + cycle + " without arriving: a routing loop",
          "Change a route of the loop so that traffic to " + d + " leaves it");
      return;
    }
    case ev::stop_hop_limit:
      say("The path to " + d + " exceeds " + std::to_string(req_.max_hops) + " hops (the --max-hops limit) at " + str(e.text) +
              " without arriving: treated as a routing loop",
          "Check the routes on the path, or raise --max-hops");
      return;
    case ev::stop_no_route_table: {
      const std::string v = str(t_.vpcs[e.vpc].id);
      say("Neither an associated route table nor the main route table of " + v + " for " + str(t_.subnets[e.subnet].id) +
              " is in the input (RT-1, RT-2)",
          "Capture describe-route-tables for " + v);
      return;
    }
    case ev::stop_no_route:
      say("Route table " + str(t_.tables[e.table].id) + " of " + str(t_.subnets[e.subnet].id) + " has no route for " + d +
              " (RT-21)",
          no_route_fix(e));
      return;
    case ev::stop_blackhole: {
      const route& r = *t_.routes[e.route].r;
      const bool target_missing = r.target.kind != target_kind::local && !rules::in_input(net_, r.target.id);
      say("The route " + describe(r) + " in " + str(t_.tables[e.table].id) + " is a blackhole: its target " + r.target.id +
              (target_missing ? " is not in the input" : " is deleted or detached") + " (RT-22, RT-24)",
          "Delete the route, or point it at a working target");
      return;
    }
    case ev::stop_unsupported_target: {
      const route& r = *t_.routes[e.route].r;
      say("The route sends the packet to " + r.target.id + " (" + std::string(to_string(r.target.kind)) +
              "); vpcsim does not model paths through this kind of target yet",
          "Check this hop by hand, or trace to an address before it");
      return;
    }
    case ev::stop_no_interface:
      say("No network interface in " + str(t_.vpcs[e.vpc].id) + " has the address " + d + ", so nothing answers there",
          "Check the destination address");
      return;
    case ev::stop_sg_ingress: {
      const auto& eni = t_.enis[e.eni];
      const bool ep = eni.endpoint != npos;
      const std::string whose = ep ? "endpoint " + str(t_.endpoints[eni.endpoint].id) : str(eni.id);
      std::string m = "The security groups of " + whose + " have no inbound rule that allows " + flow() + " from " + src +
                      (ep ? " (IF-7: the endpoint security group must allow inbound " + flow() + " from the clients)"
                           : std::string(" (SG-5, SG-6)"));
      if (w.appliance)
        m += "; the packet came through appliance " + str(w.appliance->id) +
             ", and a rule that references the source's security group does not match such traffic (SG-19)";
      else if (w.tgw != npos)
        m += "; the packet came through transit gateway " + str(t_.tgws[w.tgw].id) +
             ", and a rule that references the source's security group matches across it only with security group "
             "referencing support, off by default (SG-17)";
      say(m, sg_ingress_fix(w, eni));
      return;
    }
    case ev::stop_interface_protocol:
      say("Interface endpoint " + str(t_.endpoints[e.endpoint].id) + " carries only TCP traffic (IF-5)", "Use TCP");
      return;
    case ev::stop_endpoint_state: {
      const auto& ep = t_.endpoints[e.endpoint];
      say("Interface endpoint " + str(ep.id) + " is " + str(ep.state) + ", not available",
          "Wait for the endpoint to become available, or accept the connection if it is pending acceptance");
      return;
    }
    case ev::stop_policy: {
      const auto& table = *w.leg.policy;
      const std::string id = str(t_.endpoints[e.endpoint].id);
      const std::string &action = table.action[e.endpoint], &resource = table.resource[e.endpoint];
      const bool explicit_deny = table.explicit_deny[e.endpoint];
      std::string to_do = explicit_deny ? "Narrow or remove the Deny statement in the policy of " + id
                                      : "Add an Allow statement for " + action + " on " + resource + " to the policy of " +
                                            id +
                                            (resource.find("starport-layer-bucket") != std::string::npos
                                                 ? " (ECR-8: the layer bucket must be allowed)"
                                                 : "");
      // POL-9: an Allow covers the request but its condition names another endpoint or VPC.
      if (const int st = table.excluded_allow[e.endpoint]; !explicit_deny && st >= 0) {
        const auto& ep = endpoint(e.endpoint);
        to_do = "Make the condition of the Allow statement in the policy of " + id + " name " + id +
                " (aws:SourceVpce) or " + ep.vpc.str() + " (aws:SourceVpc): it covers " + action + " on " + resource +
                ", but its condition excludes requests through this endpoint (POL-9). The statement: " +
                describe(ep.policy->statements[static_cast<std::size_t>(st)]);
      }
      say("The policy of " + id + (explicit_deny ? " explicitly denies " : " does not allow ") + action + " on " + resource +
              "; the service answers with an authorization error (403 AccessDenied / AccessDeniedException), not a "
              "timeout (POL-4, POL-6)",
          to_do);
      return;
    }
    case ev::stop_nat_state: {
      const auto& nat = t_.nats[e.nat];
      say("NAT gateway " + str(nat.id) + " is " + str(nat.state) + "; only an available NAT gateway forwards (NAT-14)",
          "Replace the NAT gateway and point the route at the new one (NAT-15)");
      return;
    }
    case ev::stop_nat_protocol:
      say("NAT gateway " + str(t_.nats[e.nat].id) + " carries only TCP, UDP and ICMP (NAT-4, NAT-10)", "Use TCP, UDP or ICMP");
      return;
    case ev::stop_igw_detached: {
      const std::string v = str(t_.vpcs[e.vpc].id), igw = str(e.text);
      say("Internet gateway " + igw + " is not attached to " + v + "; routes to it are blackholes (IGW-2)",
          "Attach " + igw + " to " + v);
      return;
    }
    case ev::stop_private_nat:
      say("NAT gateway " + str(t_.nats[e.nat].id) + " is a private NAT gateway; the internet gateway drops its traffic (NAT-3)",
          "Use a public NAT gateway (with an Elastic IP) in a public subnet for internet access");
      return;
    case ev::stop_igw_private_destination:
      say("Internet gateway " + str(e.text) + " drops outbound traffic to " +
              (e.egress ? "RFC 1918 (private)" : "RFC 6598 (shared, 100.64.0.0/10)") + " addresses (IGW-6)",
          "Route such destinations through peering, a transit gateway or a VPN instead");
      return;
    case ev::stop_no_public_ip: {
      const std::string who = str(w.src.igw_component);
      say(who + " has no public IPv4 or Elastic IP address" +
              (w.appliance ? ", nor has appliance " + str(w.appliance->id) + " to translate it to," : std::string{}) +
              " so internet gateway " + str(e.text) + " cannot carry its traffic (IGW-3, IGW-6)",
          "Associate an Elastic IP with " + src_.id.str() +
              ", or route the subnet's internet traffic through a NAT gateway in a public subnet (NAT-4)");
      return;
    }
    case ev::stop_icmp_family:
      say(w.v6 ? "ICMP (protocol 1) is IPv4's control protocol: an IPv6 packet to " + d +
                     " carries ICMPv6 (protocol 58) instead, and icmp rules never match it (IGW-11)"
               : "ICMPv6 (protocol 58) belongs to IPv6: an IPv4 packet to " + d +
                     " carries ICMP (protocol 1) instead, and icmpv6 rules never match it (IGW-11)",
          w.v6 ? "Trace with --protocol icmpv6, and allow icmpv6 (58) in the security groups and NACLs"
               : "Trace with --protocol icmp, and allow icmp (1) in the security groups and NACLs");
      return;
    case ev::stop_no_ipv6_address:
      say(str(w.src.igw_component) + " has no IPv6 address, so it cannot send IPv6 to " + d +
              "; an instance needs an IPv6 address from its subnet's IPv6 CIDR (IGW-3)",
          "Assign an IPv6 address to " + src_.id.str() + " (aws ec2 assign-ipv6-addresses --network-interface-id " +
              src_.id.str() + " --ipv6-address-count 1); its subnet " + src_.subnet.str() +
              " needs an IPv6 CIDR block from its VPC's");
      return;
    case ev::stop_no_ipv4_address: {
      // VPC-6: an IPv6-only subnet gives its interfaces no IPv4 address.
      const auto* sub = net_.find(src_.subnet);
      const bool native = sub && sub->ipv6_native;
      say(str(w.src.igw_component) + " has no private IPv4 address" +
              (native ? ": its subnet " + src_.subnet.str() + " is IPv6-only (Ipv6Native)" : std::string{}) +
              ", so it cannot send IPv4 to " + d + "; an interface in an IPv6-only subnet sends IPv6 only (VPC-6)",
          "Trace to an IPv6 address or name (--ip-version 6): a name with A records only reaches it through DNS64 and "
          "NAT64 (EnableDns64 on " + src_.subnet.str() + ", a route for 64:ff9b::/96 to a NAT gateway; DNS-15, NAT-10); "
          "or run the client in a dual-stack subnet");
      return;
    }
    case ev::stop_nat64_prefix: {
      // NAT-10, DNS-15: the fix is a route for 64:ff9b::/96 to a public NAT gateway of the VPC.
      // A public NAT gateway of the VPC whose subnet routes the embedded IPv4 address to an internet
      // gateway, else any public one.
      std::string nat_id, any_nat;
      for (const auto& n : t_.nats) {
        if (n.vpc != w.src.vpc || n.is_private || !n.available) continue;
        if (any_nat.empty()) any_nat = str(n.id);
        const auto nt = n.subnet == npos ? npos : t_.subnets[n.subnet].table;
        const auto ri = nt == npos ? npos : t_.table_route(nt, static_cast<std::uint32_t>(w.dest));
        if (nat_id.empty() && ri != npos && t_.routes[ri].kind == target_kind::internet_gateway) nat_id = str(n.id);
      }
      if (nat_id.empty()) nat_id = any_nat;
      const auto table = t_.subnets[w.src.subnet].table;
      const std::string msg = str(e.text) + " does not carry " + d +
                              ": 64:ff9b::/96 is the NAT64 prefix (RFC 6052), not routed on the internet; only a NAT "
                              "gateway translates it to the IPv4 address in its last 32 bits (NAT-10, DNS-15)";
      if (!nat_id.empty() && table != npos)
        say(msg, route_change("Add a route 64:ff9b::/96 -> " + nat_id + " to " + str(t_.tables[table].id) + " (NAT-10)",
                              str(t_.tables[table].id), "64:ff9b::/96", nat_id));
      else
        say(msg, "Create a public NAT gateway in a subnet whose route table sends 0.0.0.0/0 to an internet gateway, and "
                 "route 64:ff9b::/96 to it from " + src_.subnet.str() + " (NAT-10)");
      return;
    }
    case ev::stop_nat_ipv6:
      say("NAT gateway " + str(t_.nats[e.nat].id) + " does not carry IPv6 to " + d +
              ": a NAT gateway carries IPv6 only as NAT64 toward 64:ff9b::/96 with DNS64 (NAT-10)",
          "Route ::/0 to an egress-only internet gateway (outbound only, IGW-8) or an internet gateway instead");
      return;
    case ev::stop_eigw_detached: {
      const std::string v = str(t_.vpcs[e.vpc].id), g = str(e.text);
      say("Egress-only internet gateway " + g + " is not attached to " + v + " (IGW-8, IGW-2)", "Attach " + g + " to " + v);
      return;
    }
    case ev::stop_eigw_ipv4:
      say("Egress-only internet gateway " + str(e.text) + " carries IPv6 only, not the IPv4 packet to " + d + " (IGW-8)",
          "Route IPv4 internet traffic to a NAT gateway or an internet gateway");
      return;
    case ev::stop_gateway_endpoint_state: {
      const auto& ep = t_.endpoints[e.endpoint];
      say("Gateway endpoint " + str(ep.id) + " is " + str(ep.state) + ", not available", "Recreate the endpoint");
      return;
    }
    case ev::stop_gateway_endpoint_protocol:
      say("Gateway endpoint " + str(t_.endpoints[e.endpoint].id) + " carries only TCP and ICMP echo traffic (RA-CODES)",
          "Use TCP");
      return;
    case ev::stop_appliance_missing: {
      const std::string id = t_.routes[e.route].r->target.id;
      say("The route sends the packet to " + id + ", whose network interface is not in the input",
          "Capture describe-network-interfaces for the VPC of " + id);
      return;
    }
    case ev::stop_appliance_state: {
      const auto* inst = t_.routes[e.route].appliance;
      say("Appliance instance " + inst->id.str() + " is " + inst->state.text() + " and forwards nothing",
          "Start " + inst->id.str() + ", or route around it");
      return;
    }
    case ev::stop_appliance_sg: {
      const bool ingress = !e.egress;
      const std::string dir = ingress ? "inbound" : "outbound";
      const std::string what = flow() + (ingress ? " from " : " to ") + ip(w.key(e.address));
      const auto& eni = t_.enis[e.eni];
      say("The security groups of appliance " + interface_name(e.eni) + " have no " + dir + " rule that allows " + what +
              "; an appliance's groups filter the traffic it forwards (SG-5, SG-6)",
          "Add an " + dir + " rule to " + str(eni.egress_component) + " allowing " + what + host() + " or a CIDR that contains it");
      return;
    }
    case ev::stop_source_dest_check: {
      const std::string id = str(t_.enis[e.eni].id);
      const std::string command = changes::disable_source_dest_check(id);
      say("Network interface " + interface_name(e.eni) + " has its source/destination check on, so it drops the packet for " +
              ip(w.dest) + ", which is not one of its addresses (RT-14: an appliance needs the check off)",
          std::vector<fix_change>{{"Turn the check off: " + command, {}, {command}}});
      return;
    }
    case ev::stop_internet_unknown:
      say("No network interface of the input has the address " + d +
              (w.v6 ? std::string{} : std::string(" as its private IPv4 or as a public IPv4 or Elastic IP mapped to it")) +
              ", so nothing in the input answers there (IGW-12)",
          "Check the destination: from the internet, trace to an instance's public IPv4 or Elastic IP, or to its IPv6 address");
      return;
    case ev::stop_internet_private: {
      const std::string holder = e.eni != npos ? interface_name(e.eni) : std::string{};
      const std::string eni_id = e.eni != npos ? str(t_.enis[e.eni].id) : std::string{};
      say(d + " is a private address" + (holder.empty() ? std::string{} : " of " + holder) +
              " and no public IPv4 or Elastic IP maps to it: the internet does not route private addresses, and an internet "
              "gateway admits only traffic addressed to a public IPv4 mapped 1:1 to an interface's private one (IGW-5, IGW-6)",
          holder.empty()
              ? std::vector<fix_change>{{"Trace to the public IPv4 or Elastic IP of the instance, or to its IPv6 address", {}, {}}}
              : std::vector<fix_change>{{"Associate an Elastic IP with " + eni_id + " (aws ec2 allocate-address --domain vpc; aws ec2 "
                                         "associate-address --network-interface-id " + eni_id + " --private-ip-address " + d +
                                         " --allocation-id eipalloc-…) in a subnet routed to an internet gateway, and trace to it (IGW-3)",
                                         {}, {}}});
      return;
    }
    case ev::stop_nat_inbound: {
      const std::string nat = str(t_.nats[e.nat].id);
      say(d + " is the public IPv4 of NAT gateway " + nat +
              ": a NAT gateway lets instances connect out and admits no connection started from the internet (NAT-2)",
          "To accept connections from the internet, give the server a public IPv4 or Elastic IP in a subnet routed to an internet "
          "gateway (IGW-3), or put a load balancer in such a subnet in front of it");
      return;
    }
    case ev::stop_eigw_inbound: {
      const auto& eni = t_.enis[e.eni];
      const std::string g = str(e.text), v = str(t_.vpcs[e.vpc].id), sn = str(t_.subnets[eni.subnet].id);
      if (e.table == npos) {
        say(v + " has no internet gateway, only egress-only internet gateway " + g +
                ": an egress-only internet gateway admits no connection started from the internet (IGW-8), so nothing from " +
                src + " reaches " + interface_name(e.eni),
            "Attach an internet gateway to " + v + " (aws ec2 create-internet-gateway; aws ec2 attach-internet-gateway --vpc-id " + v +
                " --internet-gateway-id igw-…) and route ::/0 of " + sn + "'s route table to it (IGW-3, IGW-4)");
        return;
      }
      std::string igw;
      for (const auto& gw : t_.igws)
        for (std::uint32_t i = gw.attached_vpcs.off; i < gw.attached_vpcs.off + gw.attached_vpcs.len; ++i)
          if (igw.empty() && t_.u32[i] == eni.vpc) igw = str(gw.id);
      const std::string table = str(t_.tables[e.table].id);
      say("Route table " + table + " of " + sn + " sends the reply to " + src + " by " + describe(*t_.routes[e.route].r) +
              ", an egress-only internet gateway, not back through internet gateway " + igw +
              " that the request came in by: an egress-only internet gateway admits no connection started from the internet "
              "(IGW-8), so " + sn + " is private for IPv6 and the reply is lost (RT-14)",
          route_change("Route the internet's IPv6 traffic of " + table + " to " + igw + " (a route for " + src + host() +
                           ", or ::/0 instead of " + g + ", makes " + sn + " public for IPv6, IGW-4); or move the server to a "
                           "subnet whose route table sends ::/0 to " + igw,
                       table, src + host(), igw));
      return;
    }
    case ev::stop_edge_no_public_ip: {
      // w.dest: the address the internet gateway translated the destination to (IGW-5).
      const std::string id = str(t_.enis[e.eni].id), table = str(t_.tables[e.table].id), to = ip(w.dest);
      say("Gateway route table " + table + " of " + str(e.text) + " sends " + to + " by " + describe(*t_.routes[e.route].r) +
              " to network interface " + interface_name(e.eni) + ", which has no public " + (w.v6 ? "IPv6 address" : "IPv4 address") +
              ": AWS delivers traffic that enters by an internet gateway to a middlebox interface only when it has a public IP "
              "address (RT-27), so the packet does not reach it",
          w.v6 ? "Assign an IPv6 address to " + id + " (aws ec2 assign-ipv6-addresses --network-interface-id " + id +
                     " --ipv6-address-count 1), or route " + to + " in " + table + " to an appliance that has one"
               : "Associate an Elastic IP with " + id + " (aws ec2 allocate-address --domain vpc; aws ec2 associate-address "
                 "--network-interface-id " + id + " --allocation-id eipalloc-…), or route " + to + " in " + table +
                     " to an appliance that has one");
      return;
    }
    case ev::stop_no_igw: {
      const std::string v = str(t_.vpcs[e.vpc].id);
      say("No internet gateway is attached to " + v + ", so nothing from the internet enters it to reach " + interface_name(e.eni) +
              " (IGW-2, IGW-3)",
          "Attach an internet gateway to " + v + " (aws ec2 create-internet-gateway; aws ec2 attach-internet-gateway --vpc-id " + v +
              " --internet-gateway-id igw-…) and route the subnet's internet traffic to it (IGW-3)");
      return;
    }
    case ev::stop_no_route_back: {
      const std::string table = str(t_.tables[e.table].id), gateway = str(e.text);
      if (w.src.vpc == npos && e.route != npos) {  // IGW-12: from the internet, the reply routed elsewhere
        const std::string sn = str(t_.subnets[t_.enis[e.eni].subnet].id);
        say("Route table " + table + " of " + sn + " sends the reply to " + src + " by " + describe(*t_.routes[e.route].r) +
                ", not back through internet gateway " + gateway +
                " that the request came in by: the routing is asymmetric and the reply is lost (RT-14, IGW-12)",
            route_change("Add a route for " + src + host() + " (or the internet's addresses, which makes " + sn +
                             " a public subnet, IGW-4) to " + gateway + " in " + table + "; or move the server to a public subnet",
                         table, src + host(), gateway));
        return;
      }
      say("Route table " + table + " of " + str(t_.subnets[t_.enis[e.eni].subnet].id) + " has no route back to " + src +
              " through " + gateway + ", so the reply is lost (RT-14: the reverse route)",
          route_change("Add a route for " + src + " (or its VPC's CIDR) to " + gateway + " in " + table, table,
                       src + host(), gateway));
      return;
    }
    case ev::stop_tgw_missing:
      say("Transit gateway " + str(e.text) + " is not in the input", "Capture describe-transit-gateways");
      return;
    case ev::stop_tgw_state: {
      const auto& g = t_.tgws[e.tgw];
      say("Transit gateway " + str(g.id) + " is " + str(g.state) + ", not available", "Wait for the transit gateway");
      return;
    }
    case ev::stop_tgw_no_attachment: {
      const std::string g = str(t_.tgws[e.tgw].id), v = str(t_.vpcs[e.vpc].id);
      say("The route sends the packet to transit gateway " + g + ", but no attachment of " + v + " to it is in the input",
          "Attach " + v + " to " + g + ", or capture describe-transit-gateway-vpc-attachments");
      return;
    }
    case ev::stop_tgw_attachment_state: {
      const auto& a = t_.tgw_attachments[e.attachment];
      say("Attachment " + str(a.id) + " of " + str(t_.vpcs[e.vpc].id) + " to " + str(t_.tgws[e.tgw].id) + " is " +
              str(a.state) + ", not available",
          "Wait for the attachment, or accept it in the transit gateway's account");
      return;
    }
    case ev::stop_tgw_az: {
      const std::string a = str(t_.tgw_attachments[e.attachment].id), zone = str(e.text);
      say("Attachment " + a + " of " + str(t_.vpcs[e.vpc].id) + " to " + str(t_.tgws[e.tgw].id) + " has no subnet in " + zone +
              ", so resources there cannot reach the transit gateway",
          "Add a subnet of " + zone + " to " + a + " (aws ec2 modify-transit-gateway-vpc-attachment --add-subnet-ids)");
      return;
    }
    case ev::stop_tgw_no_association: {
      const std::string a = str(t_.tgw_attachments[e.attachment].id);
      say("Attachment " + a + " is associated with no route table of " + str(t_.tgws[e.tgw].id) +
              ", so the transit gateway drops what comes in by it",
          "Associate " + a + " with a transit gateway route table");
      return;
    }
    case ev::stop_tgw_table_missing:
      say("Transit gateway route table " + str(e.text) + " is not in the input",
          "Capture describe-transit-gateway-route-tables and its routes");
      return;
    case ev::stop_tgw_no_route: {
      const std::string table = str(t_.tgw_tables[e.table].id);
      say("Transit gateway route table " + table + " has no route for " + d,
          "Add a static route for " + d + " to " + table + ", or propagate the destination VPC's attachment into it");
      return;
    }
    case ev::stop_tgw_blackhole:
      say("The route " + describe(*e.tgw_route) + " of " + str(t_.tgw_tables[e.table].id) + " is a blackhole: it drops the packet",
          "Point the route at an attachment, or delete it");
      return;
    case ev::stop_tgw_out_missing:
      say("Transit gateway attachment " + str(e.text) + " is not in the input", "Capture describe-transit-gateway-attachments");
      return;
    case ev::stop_tgw_out_state: {
      const auto& a = t_.tgw_attachments[e.attachment];
      say("Attachment " + str(a.id) + " is " + str(a.state) + ", not available", "Wait for the attachment");
      return;
    }
    case ev::stop_tgw_out_unsupported: {
      const auto& a = t_.tgw_attachments[e.attachment];
      say("The transit gateway sends the packet to attachment " + str(a.id) + " (" + str(a.resource_type) + " " +
              str(a.resource_id) + "); vpcsim models VPC attachments only",
          "Check this hop by hand, or trace to an address before it");
      return;
    }
    case ev::stop_tgw_vpc_missing: {
      const auto& a = t_.tgw_attachments[e.attachment];
      say("The VPC " + str(a.resource_id) + " of attachment " + str(a.id) +
              " is not in the input, so its network ACLs, security groups and routes cannot be checked",
          "Add the describe-* captures of the account that owns " + str(a.resource_id));
      return;
    }
    case ev::stop_tgw_no_subnet: {
      const auto& a = t_.tgw_attachments[e.attachment];
      say("Attachment " + str(a.id) + " lists no subnet of " + str(a.resource_id), "Capture describe-transit-gateway-vpc-attachments");
      return;
    }
    case ev::stop_tgw_no_route_back: {
      const std::string table = str(t_.tgw_tables[e.table].id), in = str(e.text);
      say("Transit gateway route table " + table + " (associated with " + str(t_.tgw_attachments[e.attachment].id) +
              ") has no route back to " + src + ", so the reply is lost",
          "Add a route for " + src + " to " + in + " in " + table + ", or propagate " + in + " into it");
      return;
    }
    case ev::stop_tgw_no_ipv6_support: {
      const std::string table = str(t_.tgw_tables[e.table].id);
      const auto& a = t_.tgw_attachments[e.attachment];
      say("Transit gateway route table " + table + " has no IPv6 route " + (e.egress ? "back to " + src : "for " + d) +
              ": attachment " + str(a.id) + " of " + str(a.resource_id) +
              " propagates into it with Ipv6Support disable, so its VPC's IPv6 CIDRs do not propagate (TGW-2)",
          "Enable IPv6 support on the attachment (aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id " +
              str(a.id) + " --options Ipv6Support=enable), or add a static IPv6 route to " + table);
      return;
    }
    case ev::stop_peering_state: {
      const auto& p = t_.peerings[e.peering];
      say("Peering connection " + str(p.id) + " is " + str(p.status) + ", not active", "Accept the peering connection");
      return;
    }
    case ev::stop_peering_outside: {
      const std::string pcx = str(t_.peerings[e.peering].id), v = str(t_.vpcs[e.vpc].id);
      say("Peering connection " + pcx + " carries only traffic to addresses of " + v +
              "; the peer's gateways and endpoints cannot be used (PEER-2)",
          "Reach " + d + " from a resource of " + v + " itself, or use a transit gateway or an interface endpoint (PEER-3)");
      return;
    }
    case ev::stop_peer_vpc_missing: {
      const std::string v = str(t_.vpcs[e.vpc].id);
      const auto* pcx = net_.find(peering_connection_id{str(t_.peerings[e.peering].id)});
      const std::string& account = pcx->requester.vpc.str() == v ? pcx->requester.account : pcx->accepter.account;
      say("The peer VPC " + v + (account.empty() ? "" : " (account " + account + ")") +
              " is not in the input, so its network ACLs, security groups and return route cannot be checked",
          "Add the peer account's describe-* captures to the input");
      return;
    }
    case ev::stop_acl_reply: {
      const std::string acl = str(t_.acls[e.acl].id), peer = ip(w.key(e.address));
      const std::string dir = e.egress ? "outbound" : "inbound";
      const std::string ports = req_.protocol.has_ports() ? " to ports " + e.ports.to_string() : "";
      const std::string what = req_.protocol.name() + (req_.protocol.has_ports() ? " " + e.ports.to_string() : "");
      say("Network ACL " + acl + " of " + str(t_.subnets[e.subnet].id) + " does not allow the return traffic " +
              (e.egress ? "to " : "from ") + peer + ports + "; NACLs are stateless, so replies need their own rule (NACL-7, NACL-19)",
          acl_fix(w, e, dir + (walk_state<K>::v6 ? " IPv6" : "") + " rule to " + acl + " allowing " + what + (e.egress ? " to" : " from"),
                  acl_entries{e.acl, e.egress, e.ports, e.entry, false},
                  std::string(walk_state<K>::v6 ? " (IPv4 entries never match IPv6, NACL-9)" : "") +
                      " (AWS recommends ephemeral ports 1024-65535, NACL-18)"));
      return;
    }
    default: return;
  }
}

}  // namespace

void set_fixes(blocked_by& b, std::vector<std::string> fixes) {
  std::vector<fix_change> changes;
  for (auto& f : fixes) changes.push_back(fix_change{std::move(f), {}, {}});
  set_fixes(b, std::move(changes));
}

void set_fixes(blocked_by& b, std::vector<fix_change> changes) {
  std::vector<std::string> fixes;
  for (auto& c : changes) {
    if (!c.fix.empty()) c.fix[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(c.fix[0])));
    fixes.push_back(c.fix);
  }
  b.fix.clear();
  for (const auto& f : fixes) {
    if (b.fix.empty()) {
      b.fix = f;
      continue;
    }
    // `Add …; or add …`: a later alternative continues the sentence, unless it starts with a name.
    std::string next = f;
    if (next.size() > 1 && std::islower(static_cast<unsigned char>(next[1])))
      next[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(next[0])));
    // An alternative that names its case first (`for the internet path, add …`) reads `or, for …`.
    b.fix += (next.rfind("for ", 0) == 0 ? "; or, " : "; or ") + next;
  }
  b.fixes = std::move(fixes);
  b.changes = std::move(changes);
}

answer full_answer(const network& net, const compiled_network::tables& t, const network_interface& src_model,
                   const engine::c_eni& src, const instance* inst, const compiled_leg& leg, const flow_request& req,
                   bool from_internet) {
  answer ans;
  const auto& res = *leg.resolution;
  if (res.failure) {  // DNS-4: no path at all
    ans.blocked = res.failure;
    if (ans.blocked->fixes.empty()) set_fixes(*ans.blocked, std::vector<std::string>{ans.blocked->fix});
    ans.resolved = resolution{"", "DNS resolution failed", {}, {}};
    return ans;
  }
  const destination& dest = *res.dest;
  ans.warnings = dest.warnings;
  ans.resolved = resolution{vpcsim::to_string(dest.address), dest.by, dest.zone ? dest.zone->id.str() : std::string(), dest.record};
  if (req.path) ans.path.reserve(16);  // a path of a VPC's own hops and the reply's NACLs fits
  path_recorder rec(net, t, dest, src_model, inst, req, ans);
  // RT-9: the walk in the destination's family.
  const leg_verdict v = [&] {
    if (leg.address.is_v6()) {
      engine::walk<path_recorder, uint128> w(t, src, leg, req.protocol, req.port, req.client_ports, req.max_hops, rec);
      if (from_internet) w.run_from_internet();
      else w.run(inst);
      return w.v;
    }
    engine::walk<path_recorder, std::uint32_t> w(t, src, leg, req.protocol, req.port, req.client_ports, req.max_hops, rec);
    if (from_internet) w.run_from_internet();
    else w.run(inst);
    return w.v;
  }();
  if (rec.loop && !req.path) {  // the loop's words quote the path: walk again keeping it
    flow_request with_path = req;
    with_path.path = true;
    answer again = full_answer(net, t, src_model, src, inst, leg, with_path, from_internet);
    again.path.clear();
    return again;
  }
  ans.reachable = v.reachable;
  if (v.via != via_kind::none) ans.via = std::string(to_string(v.via));
  if (v.blocked) {
    auto fixes = std::move(rec.fixes);
    // The whole network first: the service's own endpoint exists in the VPC but its private DNS is
    // off, so the flow took the public name to wherever it stopped (IF-11e). Turning it on is the fix.
    if (dest.private_dns_off) {
      const std::string id = dest.private_dns_off->id.str();
      fixes.insert(fixes.begin(), fix_change{"Enable private DNS on " + dest.private_dns_off->id.str() + ", the " + dest.service +
                                      " interface endpoint of " + dest.private_dns_off->vpc.str() + ": with it off, " +
                                      dest.service +
                                      "'s default name resolves to public addresses and the traffic never reaches the "
                                      "endpoint (IF-11e; it also needs enableDnsSupport and enableDnsHostnames, DNS-6)",
                                  {design_edit{id, "private_dns", "set", "true", {}, {}}},
                                  {changes::enable_private_dns(id)}});
    }
    ans.blocked = blocked_by{std::string(v.code), std::string(v.component), rule_text(v.rule, req.protocol, req.port),
                             std::move(rec.message), {}, {}, {}};
    set_fixes(*ans.blocked, std::move(fixes));
  }
  return ans;
}

}  // namespace vpcsim::explain
