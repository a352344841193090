// An exercise's constraints on a learner's design: forbidden rules, a required prefix list,
// "nothing else changes" (the diff engine, sim/diff.hpp) and a limit on rules added.
#include "constraints.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/services/catalogue.hpp>
#include <vpcsim/sim/diff.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/policy.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace vpcsim::detail::exercise {

namespace {

// A rule, entry or route the learner's design has and the starting design has not.
struct added_rule {
  std::string in;         // `security-group`, `network-acl`, `route-table`
  std::string direction;  // `inbound`, `outbound`; empty for a route
  bool allows = true;     // false for a NACL deny entry
  vpcsim::protocol protocol = protocol::all();
  std::optional<port_range> ports;  // nullopt: every port of the protocol
  std::optional<cidr4> cidr;        // the peer, when it is an IPv4 block
  std::string region;
  std::string text;  // `security group app: inbound all traffic from 0.0.0.0/0`
};

std::string region_of(const network& net, const scope& where, const vpc_id& vpc) {
  if (!where.region.empty()) return where.region;
  const auto* v = net.find(vpc);
  return v ? v->where.region : std::string{};
}

// Resources are matched by id: a design's ids follow from its names (docs/design-format.md), so a
// resource the learner kept has the same id on both sides.
std::vector<added_rule> added_rules(const design_result& start, const design_result& design) {
  const network& before = start.loaded.network;
  const network& after = design.loaded.network;
  std::vector<added_rule> out;
  for (const auto& entry : after.all<security_group>()) {
    const auto& id = entry.first;  // named, not bound: clang 14 lambdas cannot capture a binding
    const auto& sg = entry.second;
    const auto* old = before.find(id);
    const std::string region = region_of(after, sg.where, sg.vpc);
    auto scan = [&](const std::vector<sg_rule>& rules, const std::vector<sg_rule>* old_rules, bool ingress) {
      for (const auto& r : rules) {
        if (old_rules && std::find(old_rules->begin(), old_rules->end(), r) != old_rules->end()) continue;
        const auto* block = std::get_if<cidr4>(&r.peer);
        // SG-9: a new group allows all outbound traffic unless told otherwise; that is AWS's, not the learner's.
        if (!old && !ingress && r.protocol.is_all() && block && block->prefix_length() == 0) continue;
        added_rule a{"security-group", ingress ? "inbound" : "outbound", true, r.protocol,
                     r.protocol.has_ports() ? std::optional<port_range>(r.ports) : std::nullopt,
                     block ? std::optional<cidr4>(*block) : std::nullopt, region,
                     "security group " + design.name_of(id.str()) + ": " + (ingress ? "inbound " : "outbound ") +
                         describe(r, ingress)};
        out.push_back(std::move(a));
      }
    };
    scan(sg.ingress, old ? &old->ingress : nullptr, true);
    scan(sg.egress, old ? &old->egress : nullptr, false);
  }
  for (const auto& [id, acl] : after.all<network_acl>()) {
    const auto* old = before.find(id);
    for (const auto& e : acl.entries) {
      if (e.is_default_deny()) continue;  // NACL-6: AWS's, in every ACL
      if (old && std::find(old->entries.begin(), old->entries.end(), e) != old->entries.end()) continue;
      out.push_back(added_rule{"network-acl", e.egress ? "outbound" : "inbound", e.action == rule_action::allow, e.protocol,
                               e.protocol.has_ports() ? e.ports : std::nullopt, e.cidr_block,
                               region_of(after, acl.where, acl.vpc),
                               "network ACL " + design.name_of(id.str()) + ": " + (e.egress ? "outbound " : "inbound ") +
                                   to_string(e)});
    }
  }
  for (const auto& [id, rt] : after.all<route_table>()) {
    const auto* old = before.find(id);
    for (const auto& r : rt.routes) {
      // RT-10: local routes are implied; GW-6: a gateway endpoint's route is its association.
      if (r.target.kind == target_kind::local || r.target.kind == target_kind::gateway_endpoint) continue;
      if (old && std::find(old->routes.begin(), old->routes.end(), r) != old->routes.end()) continue;
      out.push_back(added_rule{"route-table", "", true, protocol::all(), std::nullopt, std::nullopt, {},
                               "route table " + design.name_of(id.str()) + ": route " + to_string(r.destination) +
                                   " -> " + design.name_of(r.target.id)});
    }
  }
  return out;
}

bool matches(const rule_pattern& p, const added_rule& r) {
  if (r.in == "route-table" || !r.allows) return false;
  if (p.in != "any" && p.in != r.in) return false;
  if (p.direction != "any" && p.direction != r.direction) return false;
  if (p.protocol) {
    const auto want = protocol::parse(*p.protocol);  // checked by parse_exercise
    if (want->is_all() ? !r.protocol.is_all() : !r.protocol.matches(*want)) return false;
  }
  if (p.cidr && !(r.cidr && r.cidr->contains(*p.cidr))) return false;
  if (p.ports) {
    if (r.protocol.is_all() || (r.protocol.has_ports() && !r.ports)) {
      // every port
    } else if (!r.protocol.has_ports() || !r.ports->overlaps(*p.ports)) {
      return false;
    }
  }
  if (p.service_cidr && !(r.cidr && services::service_owning(*r.cidr, r.region))) return false;
  return true;
}

std::vector<std::string> forbid(const exercise_constraint& c, const std::vector<added_rule>& added) {
  std::vector<std::string> out;
  for (const auto& r : added)
    if (matches(c.pattern, r)) {
      std::string line = r.text;
      if (c.pattern.service_cidr && r.cidr)
        line += " hard-codes " + r.cidr->to_string() + ", a published " + *services::service_owning(*r.cidr, r.region) +
                " range (use its prefix list, SG-14)";
      out.push_back(std::move(line));
    }
  return out;
}

std::vector<std::string> require_prefix_list(const exercise_constraint& c, const design_result& design) {
  const network& net = design.loaded.network;
  std::set<std::string> names;
  for (const auto& [id, sg] : net.all<security_group>()) {
    const std::string service_name = services::endpoint_service_name(c.service, region_of(net, sg.where, sg.vpc));
    names.insert(service_name);
    for (const auto& r : c.direction == "inbound" ? sg.ingress : sg.egress)
      if (const auto* pl = std::get_if<prefix_list_id>(&r.peer))
        if (const auto* list = net.find(*pl); list && list->name == service_name) return {};
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return {"no security group has an " + c.direction + " rule naming the " + c.service + " prefix list" +
          (list.empty() ? std::string{} : " (" + list + ")")};
}

// POL-9: every Allow of every endpoint policy keeps a condition on one of the keys (a solution
// that deletes the condition, or opens the policy to everyone, does not pass).
std::vector<std::string> require_policy_condition(const exercise_constraint& c, const design_result& design) {
  std::string keys;
  for (const auto& k : c.keys) keys += (keys.empty() ? "" : " or ") + k;
  std::vector<std::string> out;
  for (const auto& [id, ep] : design.loaded.network.all<vpc_endpoint>()) {
    if (!ep.policy) continue;
    for (const auto& st : ep.policy->statements)
      if (st.effect == policy_effect::allow &&
          std::none_of(c.keys.begin(), c.keys.end(), [&](const std::string& k) { return condition_tests_key(st, k); }))
        out.push_back("endpoint " + design.name_of(id.str()) + ": " + describe(st) + " has no condition on " + keys);
  }
  return out;
}

std::vector<std::string> limit(const exercise_constraint& c, const std::vector<added_rule>& added) {
  if (added.size() <= c.max_rules) return {};
  std::vector<std::string> out{std::to_string(added.size()) + " rules, entries and routes added; at most " +
                               std::to_string(c.max_rules) + " are needed:"};
  for (const auto& r : added) out.push_back("  " + r.text);
  return out;
}

// Whether a changed flow is one the exercise asks to change.
bool asked(const flow_change& f, const design_result& design, const vpcsim::exercise& ex) {
  return std::any_of(ex.flows.begin(), ex.flows.end(), [&](const exercise_flow& x) {
    const std::string to = resolve(design, x.to);
    return resolve(design, x.from) == f.source && (to == f.destination || (!f.leg.empty() && to == f.leg));
  });
}

std::string label(const flow_outcome& o, const design_result& d) {
  if (o.reachable) return "reachable via " + o.via;
  return "blocked: " + o.code + " at " + d.name_of(o.component);
}

// Every other flow that works in the starting design keeps working, by the same via: the diff engine on every
// instance to the matrix's destinations, the exercise's destinations and each other, once per
// protocol and port the exercise uses.
std::vector<std::string> unchanged(const design_result& start, const design_result& design, const vpcsim::exercise& ex) {
  std::set<std::pair<std::string, std::uint16_t>> ports{{"tcp", std::uint16_t{443}}};
  std::vector<std::string> destinations = default_matrix_destinations();
  for (const auto& f : ex.flows) {
    ports.emplace(f.protocol, f.port);
    const std::string to = resolve(start, f.to);
    if (std::find(destinations.begin(), destinations.end(), to) == destinations.end()) destinations.push_back(to);
  }
  std::vector<std::string> out;
  for (const auto& [proto, port] : ports) {
    diff_request req;
    req.to = destinations;
    req.protocol = *protocol::parse(proto);
    req.port = port;
    req.between_instances = true;
    reachability_diff d;
    try {
      d = diff_reachability(start.loaded.network, design.loaded.network, req, 1);
    } catch (const usage_error& e) {
      out.push_back(std::string("cannot compare with the starting design: ") + e.what());
      continue;
    }
    for (const auto& f : d.flows) {
      // A fix opens the siblings of the flow it opens (one route serves every destination): only
      // flows that worked are held to their verdict and via (lost, rerouted).
      if (f.kind == flow_change_kind::gained || f.kind == flow_change_kind::reblocked) continue;
      if (asked(f, design, ex)) continue;
      out.push_back(design.name_of(f.source) + " -> " + design.name_of(f.destination) + (f.leg.empty() ? "" : " (" + f.leg + ")") +
                    " " + proto + "/" + std::to_string(port) + ": " + label(f.before, start) + " before, now " +
                    label(f.after, design));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> breaches(const exercise_constraint& c, const design_result& start, const design_result& design,
                                  const vpcsim::exercise& ex) {
  using kind = exercise_constraint::kind;
  switch (c.what) {
    case kind::forbid: return forbid(c, added_rules(start, design));
    case kind::require_prefix_list: return require_prefix_list(c, design);
    case kind::unchanged: return unchanged(start, design, ex);
    case kind::max_rules_added: return limit(c, added_rules(start, design));
    case kind::require_policy_condition: return require_policy_condition(c, design);
  }
  return {};
}

}  // namespace vpcsim::detail::exercise
