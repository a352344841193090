// The reachability diff: the same flows answered on two networks by the compiled engine, the
// changed ones grouped, each group explained by the changed resources on its flows' paths.
#include <vpcsim/error.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/diff.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/solver.hpp>

#include <algorithm>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_set>

namespace vpcsim {

std::string_view to_string(flow_change_kind k) noexcept {
  switch (k) {
    case flow_change_kind::lost: return "lost";
    case flow_change_kind::gained: return "gained";
    case flow_change_kind::rerouted: return "rerouted";
    case flow_change_kind::reblocked: return "reblocked";
  }
  return "lost";
}

std::string flow_outcome::summary() const {
  if (reachable) return via;
  if (code.empty()) return "blocked";
  return "blocked: " + code + " at " + component + (component_name.empty() ? "" : " (" + component_name + ")");
}

std::size_t reachability_diff::count(flow_change_kind k) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(flows.begin(), flows.end(), [k](const flow_change& f) { return f.kind == k; }));
}

// Helpers in a named namespace: the library is built in unity batches, where anonymous namespaces
// of neighbouring files meet.
namespace reach_diff_impl {

// The order groups are listed in: what breaks first, then what takes another way.
int rank(flow_change_kind k) {
  switch (k) {
    case flow_change_kind::lost: return 0;
    case flow_change_kind::rerouted: return 1;
    case flow_change_kind::gained: return 2;
    case flow_change_kind::reblocked: return 3;
  }
  return 4;
}

// The `Name` tag (a design's name; a security group's group name without one) of the resource an
// id names, or empty.
std::string name_of(const network& net, const std::string& id) {
  auto tag = [](const auto* r) { return r ? name_tag(r->tags) : std::string{}; };
  auto starts = [&](std::string_view p) { return id.rfind(p, 0) == 0; };
  if (starts("sg-")) {
    const auto* g = net.find(security_group_id(id));
    return !g ? "" : name_tag(g->tags).empty() ? g->name : name_tag(g->tags);
  }
  if (starts("acl-")) return tag(net.find(network_acl_id(id)));
  if (starts("rtb-")) return tag(net.find(route_table_id(id)));
  if (starts("vpce-")) return tag(net.find(vpc_endpoint_id(id)));
  if (starts("nat-")) return tag(net.find(nat_gateway_id(id)));
  if (starts("igw-")) return tag(net.find(internet_gateway_id(id)));
  if (starts("subnet-")) return tag(net.find(subnet_id(id)));
  if (starts("vpc-")) return tag(net.find(vpc_id(id)));
  if (starts("i-")) return tag(net.find(instance_id(id)));
  if (starts("eni-")) return tag(net.find(network_interface_id(id)));
  if (starts("pcx-")) return tag(net.find(peering_connection_id(id)));
  if (starts("tgw-attach-")) return tag(net.find(transit_gateway_attachment_id(id)));
  if (starts("tgw-rtb-")) return tag(net.find(transit_gateway_route_table_id(id)));
  if (starts("tgw-")) return tag(net.find(transit_gateway_id(id)));
  return "";
}

flow_outcome outcome_of(const answer& a, const network& net) {
  flow_outcome o;
  o.reachable = a.reachable;
  if (a.reachable) o.via = a.via.value_or("");
  else if (a.blocked) {
    o.code = a.blocked->code;
    o.component = a.blocked->component;
    o.rule = a.blocked->rule;
    o.component_name = name_of(net, o.component);
    if (o.component_name == o.component) o.component_name.clear();
  }
  return o;
}

flow_change_kind kind_of(const flow_outcome& b, const flow_outcome& a) {
  if (b.reachable && !a.reachable) return flow_change_kind::lost;
  if (!b.reachable && a.reachable) return flow_change_kind::gained;
  return b.reachable ? flow_change_kind::rerouted : flow_change_kind::reblocked;
}

// One flow of a batch: a cell of its matrix.
struct planned_flow {
  std::size_t source = 0;  // index into the sources of its matrix
  std::size_t destination = 0;
};

// One batch of flows answered as a matrix on both sides.
struct batch {
  matrix_request request;
  std::vector<planned_flow> flows;  // empty: every cell
  bool instance_destinations = false;
};

// The instances standing for each subnet in the instance-to-instance sample (diff_request docs).
std::vector<batch> instance_batches(const network& before, const network& after, const diff_request& r) {
  // (vpc, subnet) -> instances whose primary interface is in that subnet on both sides, by id.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_subnet;
  for (const auto& [id, inst] : before.all<instance>()) {
    const auto* eb = before.primary_interface_of(id);
    const auto* ea = after.find(id) ? after.primary_interface_of(id) : nullptr;
    if (eb && ea && eb->subnet == ea->subnet && eb->vpc == ea->vpc)
      by_subnet[{eb->vpc.str(), eb->subnet.str()}].push_back(id.str());
  }
  std::vector<batch> out;
  for (auto it = by_subnet.begin(); it != by_subnet.end();) {
    const std::string vpc = it->first.first;
    batch b;
    b.request.protocol = r.protocol;
    b.request.port = r.port;
    b.request.region = r.region;
    b.request.max_hops = r.max_hops;
    b.instance_destinations = true;
    std::vector<std::pair<std::size_t, std::optional<std::size_t>>> subnets;  // rep, second (destination indexes)
    for (; it != by_subnet.end() && it->first.first == vpc; ++it) {
      const auto& ids = it->second;
      b.request.sources.push_back(ids[0]);
      b.request.destinations.push_back(ids[0]);
      std::optional<std::size_t> second;
      if (ids.size() > 1) {
        second = b.request.destinations.size();
        b.request.destinations.push_back(ids[1]);
      }
      subnets.emplace_back(b.request.destinations.size() - (second ? 2 : 1), second);
    }
    for (std::size_t s = 0; s < subnets.size(); ++s) {
      for (std::size_t t = 0; t < subnets.size(); ++t)
        if (s != t) b.flows.push_back({s, subnets[t].first});
      if (subnets[s].second) b.flows.push_back({s, *subnets[s].second});
    }
    std::sort(b.flows.begin(), b.flows.end(), [](const planned_flow& x, const planned_flow& y) {
      return std::tie(x.source, x.destination) < std::tie(y.source, y.destination);
    });
    if (!b.flows.empty()) out.push_back(std::move(b));
  }
  return out;
}

// Where a source sits: its primary (or only) interface.
const network_interface* interface_of(const network& net, const std::string& source) {
  if (source.rfind("i-", 0) == 0) return net.primary_interface_of(instance_id(source));
  if (source.rfind("eni-", 0) == 0) return net.find(network_interface_id(source));
  if (auto a = parse_address4(source)) {
    const auto enis = net.interfaces_with_address(*a);
    return enis.empty() ? nullptr : enis.front();
  }
  return nullptr;
}

std::string labelled(const std::string& id, const std::string& name) {
  return name.empty() || name == id ? id : id + " (" + name + ")";
}

std::string subnet_label(const network& net, const subnet_id& id) {
  const auto* s = net.find(id);
  return labelled(id.str(), s ? name_tag(s->tags) : "");
}

std::string group_label(const network& net, const security_group_id& id) {
  const auto* g = net.find(id);
  if (!g) return id.str();
  const std::string n = name_tag(g->tags);
  return labelled(id.str(), n.empty() ? g->name : n);
}

// The ids a full answer touches: every hop's component, the blocking component and the words of
// its resolution (`private DNS of vpce-…`), legs included.
void touched(const answer& a, const std::string& leg, std::unordered_set<std::string>& ids) {
  if (!a.legs.empty()) {
    for (const auto& l : a.legs)
      if (leg.empty() || l.to == leg) touched(l, "", ids);
    return;
  }
  for (const auto& h : a.path) ids.insert(h.component);
  if (a.blocked) ids.insert(a.blocked->component);
  std::size_t start = 0;
  const std::string& by = a.resolved.by;
  while (start < by.size()) {
    const auto end = std::min(by.find_first_of(" (),", start), by.size());
    if (end > start) ids.insert(by.substr(start, end - start));
    start = end + 1;
  }
}

// An endpoint's place: the source's or destination's interface, instance, subnet and VPC.
void endpoint_ids(const network& net, const std::string& who, std::unordered_set<std::string>& ids) {
  ids.insert(who);
  if (const auto* eni = interface_of(net, who)) {
    ids.insert(eni->id.str());
    ids.insert(eni->subnet.str());
    ids.insert(eni->vpc.str());
    if (eni->attachment && eni->attachment->instance) ids.insert(eni->attachment->instance->str());
  }
}

}  // namespace reach_diff_impl

reachability_diff diff_reachability(const network& before, const network& after, const diff_request& request,
                                    unsigned jobs) {
  using namespace reach_diff_impl;
  reachability_diff out;
  out.resources = diff_models(before, after);

  // Sources as matrix lists them, on each side; a selector must name something on one side at least.
  for (const auto& text : request.from)
    if (select_sources(before, {text}, true).empty() && select_sources(after, {text}, true).empty())
      select_sources(before, {text});  // throws vpcsim.selector.no_match
  const auto sources_before = select_sources(before, request.from, true);
  const auto sources_after = select_sources(after, request.from, true);
  const std::set<std::string, std::less<>> in_after(sources_after.begin(), sources_after.end());
  const std::set<std::string, std::less<>> in_before(sources_before.begin(), sources_before.end());

  std::vector<batch> batches(1);
  batch& main = batches.front();
  for (const auto& s : sources_before)
    if (in_after.count(s)) main.request.sources.push_back(s);
    else ++out.sources_before_only;
  for (const auto& s : sources_after)
    if (!in_before.count(s)) ++out.sources_after_only;
  out.sources = main.request.sources.size();
  main.request.destinations = request.to.empty() ? default_matrix_destinations() : request.to;
  main.request.protocol = request.protocol;
  main.request.port = request.port;
  main.request.region = request.region;
  main.request.max_hops = request.max_hops;
  if (request.between_instances)
    for (auto& b : instance_batches(before, after, request)) batches.push_back(std::move(b));

  // Both networks compiled at once (the tables of each are independent), then every batch answered
  // on each side by the engine `vpcsim matrix` uses.
  auto compiled_after = std::async(std::launch::async, [&after] { return std::make_unique<compiled_network>(after); });
  const compiled_network compiled_before(before);
  const auto compiled_after_ptr = compiled_after.get();

  struct located {
    const batch* b;
    std::size_t source, destination;
  };
  std::vector<located> where;  // parallel to out.flows
  for (const auto& b : batches) {
    if (b.request.sources.empty() || b.request.destinations.empty()) continue;
    const matrix_result rb = run_matrix(compiled_before, b.request, jobs);
    const matrix_result ra = run_matrix(*compiled_after_ptr, b.request, jobs);
    auto compare = [&](std::size_t i, std::size_t j) {
      const answer& ab = rb.at(i, j);
      const answer& aa = ra.at(i, j);
      auto one = [&](const answer& lb, const answer& la, const std::string& leg) {
        ++out.flows_compared;
        flow_outcome ob = outcome_of(lb, before), oa = outcome_of(la, after);
        if (ob.same(oa)) return;
        out.flows.push_back({b.request.sources[i], b.request.destinations[j], leg, kind_of(ob, oa), std::move(ob),
                             std::move(oa)});
        where.push_back({&b, i, j});
      };
      if (ab.legs.empty() && aa.legs.empty()) one(ab, aa, "");
      else
        for (std::size_t k = 0; k < std::min(ab.legs.size(), aa.legs.size()); ++k) one(ab.legs[k], aa.legs[k], ab.legs[k].to);
    };
    if (b.flows.empty()) {
      for (std::size_t i = 0; i < b.request.sources.size(); ++i)
        for (std::size_t j = 0; j < b.request.destinations.size(); ++j) compare(i, j);
    } else {
      for (const auto& f : b.flows) compare(f.source, f.destination);
    }
  }
  if (out.flows.empty()) return out;

  // Groups: same kind, destination and outcomes; sources by subnet and security groups.
  std::map<std::tuple<int, std::string, std::string, std::string>, std::size_t> group_of;
  std::vector<std::map<std::pair<std::string, std::vector<std::string>>, std::vector<std::size_t>>> members;
  for (std::size_t k = 0; k < out.flows.size(); ++k) {
    const flow_change& f = out.flows[k];
    std::string dest;
    if (where[k].b->instance_destinations) {
      const auto* eni = interface_of(after, f.destination);
      dest = "instances in subnet " + (eni ? subnet_label(after, eni->subnet) : f.destination);
    } else {
      dest = f.leg.empty() ? f.destination : f.leg + " (" + f.destination + ")";
    }
    const auto key = std::make_tuple(rank(f.kind), dest, f.before.summary(), f.after.summary());
    auto [it, fresh] = group_of.try_emplace(key, out.groups.size());
    if (fresh) {
      flow_group g;
      g.kind = f.kind;
      g.destination = dest;
      g.before = f.before;
      g.after = f.after;
      out.groups.push_back(std::move(g));
      members.emplace_back();
    }
    out.groups[it->second].flows.push_back(k);
    std::string subnet = "(no subnet)";
    std::vector<std::string> groups;
    if (const auto* eni = interface_of(after, f.source)) {
      subnet = subnet_label(after, eni->subnet);
      for (const auto& g : eni->security_groups) groups.push_back(group_label(after, g));
      std::sort(groups.begin(), groups.end());
    }
    members[it->second][{subnet, groups}].push_back(k);
  }

  // Explanations: one flow per subnet and security-group set of each group, traced in full by the
  // path solver on both sides (the same decisions; compiled_test checks the engines agree).
  auto solver_after = std::async(std::launch::async, [&after] { return std::make_unique<solver>(after); });
  const solver solver_before(before);
  const auto solver_after_ptr = solver_after.get();
  std::unordered_map<std::string, std::vector<std::size_t>> changes_by_id;
  for (std::size_t c = 0; c < out.resources.changes.size(); ++c) {
    const auto& ch = out.resources.changes[c];
    if (!ch.before_id.empty()) changes_by_id[ch.before_id].push_back(c);
    if (!ch.after_id.empty() && ch.after_id != ch.before_id) changes_by_id[ch.after_id].push_back(c);
  }
  for (std::size_t g = 0; g < out.groups.size(); ++g) {
    flow_group& group = out.groups[g];
    std::set<std::size_t> explained;
    for (auto& [key, flows] : members[g]) {
      group.sources.push_back({key.first, key.second, {}});
      for (std::size_t k : flows) group.sources.back().sources.push_back(out.flows[k].source);
      const flow_change& f = out.flows[flows.front()];
      const located& at = where[flows.front()];
      flow_request req;
      req.from = f.source;
      req.to = f.destination;
      req.protocol = at.b->request.protocol;
      req.port = at.b->request.port;
      req.region = at.b->request.region;
      req.max_hops = at.b->request.max_hops;
      std::unordered_set<std::string> ids;
      touched(solver_before.trace(req), f.leg, ids);
      touched(solver_after_ptr->trace(req), f.leg, ids);
      for (const network* net : {&before, &after}) {
        endpoint_ids(*net, f.source, ids);
        if (at.b->instance_destinations) endpoint_ids(*net, f.destination, ids);
      }
      for (const auto& id : ids)
        if (auto it = changes_by_id.find(id); it != changes_by_id.end()) explained.insert(it->second.begin(), it->second.end());
    }
    group.explained_by.assign(explained.begin(), explained.end());
  }
  // Groups in a stable order: kind (lost first), then the order of their first flow.
  std::vector<std::size_t> order(out.groups.size());
  for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return std::make_pair(rank(out.groups[x].kind), out.groups[x].flows.front()) <
           std::make_pair(rank(out.groups[y].kind), out.groups[y].flows.front());
  });
  std::vector<flow_group> sorted;
  sorted.reserve(order.size());
  for (std::size_t g : order) sorted.push_back(std::move(out.groups[g]));
  out.groups = std::move(sorted);
  return out;
}

}  // namespace vpcsim
