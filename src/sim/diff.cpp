// The reachability diff: the same flows answered on two networks by the compiled engine, the
// changed ones grouped, each group explained by the changed resources on its flows' paths.
#include <vpcsim/error.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/diff.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/solver.hpp>

#include "batches.hpp"
#include "diff_detail.hpp"
#include "rules.hpp"

#include <vpcsim/services/catalogue.hpp>

#include <algorithm>
#include <iterator>
#include <exception>
#include <thread>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>
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

// The name the input gave the resource an id names (its logical id or Terraform address, else its
// `Name` tag; a security group's group name without one: display_name), or empty.
std::string name_of(const network& net, const std::string& id) {
  auto tag = [](const auto* r) { return r ? display_name(*r) : std::string{}; };
  auto starts = [&](std::string_view p) { return id.rfind(p, 0) == 0; };
  if (starts("sg-")) {
    const auto* g = net.find(security_group_id(id));
    return !g ? "" : display_name(*g);
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

// One side's sources and destinations, resolved once, as run_matrix resolves them: destinations
// per DNS resolver key (the source's VPC, region and AZ), the first error in output order thrown.
struct prepared {
  std::vector<compiled_source> sources;
  std::vector<const std::vector<compiled_destination>*> row;
  std::unordered_map<std::string, std::vector<compiled_destination>> by_key;
};

void prepare(prepared& p, const compiled_network& c, const matrix_request& r, unsigned jobs) {
  const std::size_t rows = r.sources.size();
  p.sources.resize(rows);
  p.row.resize(rows);
  std::vector<std::exception_ptr> errors(rows);
  detail::in_batches(rows, 256, jobs, [&](std::size_t i) {
    try {
      p.sources[i] = c.source(r.sources[i], r.region);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  });
  for (std::size_t i = 0; i < rows; ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    auto [it, fresh] = p.by_key.try_emplace(p.sources[i].resolver_key);
    if (fresh)
      for (const auto& to : r.destinations) it->second.push_back(c.destination(to, p.sources[i]));
    p.row[i] = &it->second;
  }
}

// What diff compares of a verdict or leg, as `to_answer` would show it: verdict, via, and the
// blocking code and component.
bool same_outcome(const leg_verdict& b, const leg_verdict& a) {
  return b.reachable == a.reachable && b.via == a.via && b.blocked == a.blocked &&
         (!b.blocked || (b.code == a.code && b.component == a.component));
}

struct located {
  const batch* b;
  std::size_t source, destination;
};

// Answers a batch's flows on both sides with the compiled engine and appends the changed ones (and
// where they are) in flow order, whatever the number of threads.
void compare_batch(const batch& b, const network& before, const compiled_network& cb, const network& after,
                   const compiled_network& ca, unsigned jobs, reachability_diff& out, std::vector<located>& where) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  prepared pb, pa;
  prepare(pb, cb, b.request, jobs);
  prepare(pa, ca, b.request, jobs);
  const std::size_t cols = b.request.destinations.size();
  const std::size_t count = b.flows.empty() ? b.request.sources.size() * cols : b.flows.size();
  auto cell = [&](std::size_t k) {
    return b.flows.empty() ? std::pair{k / cols, k % cols} : std::pair{b.flows[k].source, b.flows[k].destination};
  };
  struct found {
    std::size_t k;
    verdict vb, va;
  };
  constexpr std::size_t chunk = 512;
  std::vector<std::vector<found>> changed((count + chunk - 1) / chunk);
  std::vector<std::size_t> compared(changed.size(), 0);
  detail::in_batches(changed.size(), 1, jobs, [&](std::size_t c) {
    for (std::size_t k = c * chunk; k < std::min(count, (c + 1) * chunk); ++k) {
      const auto [i, j] = cell(k);
      const verdict vb = cb.trace(pb.sources[i], (*pb.row[i])[j], b.request.protocol, b.request.port,
                                  linux_ephemeral_ports, b.request.max_hops);
      const verdict va = ca.trace(pa.sources[i], (*pa.row[i])[j], b.request.protocol, b.request.port,
                                  linux_ephemeral_ports, b.request.max_hops);
      bool differs = vb.leg_count != va.leg_count;
      if (vb.leg_count == 0) differs = differs || !same_outcome(vb, va);
      for (std::size_t l = 0; l < std::min(vb.leg_count, va.leg_count); ++l)
        differs = differs || !same_outcome(vb.legs[l], va.legs[l]);
      compared[c] += std::max<std::size_t>(1, vb.leg_count);
      if (differs) changed[c].push_back({k, vb, va});
    }
  });
  for (std::size_t c = 0; c < changed.size(); ++c) {
    out.flows_compared += compared[c];
    for (const found& f : changed[c]) {
      const std::size_t i = cell(f.k).first, j = cell(f.k).second;  // lambdas below capture them
      flow_request req;
      req.from = b.request.sources[i];
      req.to = b.request.destinations[j];
      req.protocol = b.request.protocol;
      req.port = b.request.port;
      const answer ab = cb.to_answer(f.vb, req), aa = ca.to_answer(f.va, req);
      auto one = [&](const answer& lb, const answer& la, const std::string& leg) {
        flow_outcome ob = outcome_of(lb, before), oa = outcome_of(la, after);
        if (ob.same(oa)) return;
        out.flows.push_back({req.from, req.to, leg, kind_of(ob, oa), std::move(ob), std::move(oa)});
        where.push_back({&b, i, j});
      };
      if (ab.legs.empty() && aa.legs.empty()) one(ab, aa, "");
      else
        for (std::size_t l = 0; l < std::min(ab.legs.size(), aa.legs.size()); ++l) one(ab.legs[l], aa.legs[l], ab.legs[l].to);
    }
  }
}

// The part of a network flows from `vpcs` can touch, for the path solver's explanations: those
// VPCs, every VPC joined to them by peering or a transit gateway (transitively), and what is not
// in a VPC (prefix lists, peering connections, transit gateways). A whole estate's topology costs
// far more to build than one VPC's; the caller checks the slice's answer against the full one.
std::unique_ptr<network> slice(const network& net, std::set<std::string> vpcs) {
  for (bool grew = true; grew;) {
    grew = false;
    auto add = [&](const std::string& v) { grew = vpcs.insert(v).second || grew; };
    for (const auto& [id, p] : net.all<peering_connection>()) {
      if (vpcs.count(p.requester.vpc.str())) add(p.accepter.vpc.str());
      if (vpcs.count(p.accepter.vpc.str())) add(p.requester.vpc.str());
    }
    std::map<std::string, std::vector<std::string>> by_tgw;
    for (const auto& [id, a] : net.all<transit_gateway_attachment>())
      if (a.resource_type == "vpc") by_tgw[a.transit_gateway.str()].push_back(a.resource_id);
    for (const auto& [tgw, members] : by_tgw)
      if (std::any_of(members.begin(), members.end(), [&](const std::string& v) { return vpcs.count(v) > 0; }))
        for (const auto& v : members) add(v);
  }
  auto out = std::make_unique<network>();
  auto in = [&](const vpc_id& v) { return vpcs.count(v.str()) > 0; };
  auto attached = [&](const std::vector<gateway_attachment>& as) {
    return as.empty() || std::any_of(as.begin(), as.end(), [&](const gateway_attachment& a) { return in(a.vpc); });
  };
  for (const auto& [id, r] : net.all<vpc>()) if (in(id)) out->put(r);
  for (const auto& [id, r] : net.all<subnet>()) if (in(r.vpc)) out->put(r);
  for (const auto& [id, r] : net.all<route_table>()) if (in(r.vpc)) out->put(r);
  for (const auto& [id, r] : net.all<network_acl>()) if (in(r.vpc)) out->put(r);
  for (const auto& [id, r] : net.all<security_group>()) if (in(r.vpc)) out->put(r);
  for (const auto& [id, r] : net.all<internet_gateway>()) if (attached(r.attachments)) out->put(r);
  for (const auto& [id, r] : net.all<egress_only_internet_gateway>()) if (attached(r.attachments)) out->put(r);
  for (const auto& [id, r] : net.all<vpn_gateway>()) if (attached(r.attachments)) out->put(r);
  for (const auto& [id, r] : net.all<nat_gateway>()) if (in(r.vpc)) out->put(r);
  for (const auto& [id, r] : net.all<vpc_endpoint>()) if (in(r.vpc)) out->put(r);
  // Instances in the VPCs, and those attached to an interface in them (a source is its primary
  // interface, wherever the instance says it is).
  std::unordered_set<std::string_view> with_interface;
  for (const auto& [id, r] : net.all<network_interface>())
    if (in(r.vpc)) {
      out->put(r);
      if (r.attachment && r.attachment->instance) with_interface.insert(r.attachment->instance->str());
    }
  for (const auto& [id, r] : net.all<instance>()) {
    const network_interface* eni = r.vpc ? nullptr : net.primary_interface_of(id);
    if ((r.vpc ? in(*r.vpc) : eni && in(eni->vpc)) || with_interface.count(id.str())) out->put(r);
  }
  for (const auto& [id, r] : net.all<prefix_list>()) out->put(r);
  for (const auto& [id, r] : net.all<peering_connection>()) out->put(r);
  for (const auto& [id, r] : net.all<transit_gateway>()) out->put(r);
  for (const auto& [id, r] : net.all<transit_gateway_attachment>()) out->put(r);
  for (const auto& [id, r] : net.all<transit_gateway_route_table>()) out->put(r);
  return out;
}

// Full answers for explanations, from the path solver on slices of one side's network (built
// once per set of VPCs), or on the whole network when a slice answers otherwise than the engine.
class explainer {
 public:
  explicit explainer(const network& net) : net_(net) {}

  answer trace(const flow_request& req, const std::set<std::string>& vpcs, const std::string& leg,
               const flow_outcome& expected) {
    auto& s = slices_[vpcs];
    if (!s.engine) {
      s.net = slice(net_, vpcs);
      s.engine = std::make_unique<solver>(*s.net);
    }
    try {
      answer a = s.engine->trace(req);
      if (leg_outcome_same(a, leg, expected)) return a;
    } catch (const error&) {
      // The slice lacks what a name or address stands for (a destination named by its Name tag in a
      // VPC outside the slice): the whole network answers instead.
    }
    if (!whole_) whole_ = std::make_unique<solver>(net_);
    return whole_->trace(req);
  }

 private:
  static bool leg_outcome_same(const answer& a, const std::string& leg, const flow_outcome& expected) {
    if (leg.empty()) return outcome_of(a, network{}).same(expected);
    for (const auto& l : a.legs)
      if (l.to == leg) return outcome_of(l, network{}).same(expected);
    return false;
  }
  struct sliced {
    std::unique_ptr<network> net;
    std::unique_ptr<vpcsim::solver> engine;
  };
  const network& net_;
  std::map<std::set<std::string>, sliced> slices_;
  std::unique_ptr<solver> whole_;
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
  return labelled(id.str(), s ? display_name(*s) : "");
}

std::string group_label(const network& net, const security_group_id& id) {
  const auto* g = net.find(id);
  if (!g) return id.str();
  return labelled(id.str(), display_name(*g));
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

// -- The VPCs a change can reach -----------------------------------------------------------------
// A flow's answer depends only on its source's VPC, the VPCs joined to it, and the resources outside
// any VPC. Two VPCs are joined by a peering connection, by attachments to transit gateways, and by
// any reference from a resource of one to a resource of the other (a route to another VPC's NAT
// gateway, a rule naming another VPC's group, an association with another VPC's subnet, ...).
// A changed resource reaches its own VPCs and those of every resource that references it, on either
// side; flows from sources outside the VPCs so reached, joined, are the same on both sides.

// Union-find over VPC ids (views into the two networks).
class vpc_sets {
 public:
  void add(std::string_view v) { parent_.try_emplace(v, v); }
  std::string_view find(std::string_view v) {
    auto it = parent_.try_emplace(v, v).first;
    while (it->second != it->first) {
      auto up = parent_.find(it->second);
      it->second = up->second;  // path halving
      it = up;
    }
    return it->first;
  }
  void unite(std::string_view a, std::string_view b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[a] = b;
  }
  const std::unordered_map<std::string_view, std::string_view>& all() const noexcept { return parent_; }

 private:
  std::unordered_map<std::string_view, std::string_view> parent_;
};

using id_set = std::unordered_set<std::string_view>;
using home_map = std::unordered_map<std::string_view, std::string_view>;  // resource id -> a VPC it is in

// Calls ref(id) for each id a resource refers to, other than its own VPC (which is its home).
template <class F>
void each_reference(const route_table& r, F&& ref) {
  for (const auto& rt : r.routes)
    if (!rt.target.id.empty() && rt.target.id != "local") ref(rt.target.id);
  for (const auto& a : r.associations) {
    if (a.subnet) ref(a.subnet->str());
    if (a.gateway) ref(*a.gateway);
  }
  for (const auto& v : r.propagating_vgws) ref(v.str());
}
template <class F>
void each_reference(const network_acl& n, F&& ref) {
  for (const auto& a : n.associations) ref(a.subnet.str());
}
template <class F>
void each_reference(const security_group& g, F&& ref) {
  for (const auto* rules : {&g.ingress, &g.egress})
    for (const auto& r : *rules)
      if (const auto* peer = std::get_if<security_group_id>(&r.peer)) ref(peer->str());
}
template <class F>
void each_reference(const nat_gateway& n, F&& ref) {
  ref(n.subnet.str());
  for (const auto& a : n.addresses)
    if (a.network_interface) ref(a.network_interface->str());
}
template <class F>
void each_reference(const vpc_endpoint& e, F&& ref) {
  for (const auto& x : e.route_tables) ref(x.str());
  for (const auto& x : e.subnets) ref(x.str());
  for (const auto& x : e.network_interfaces) ref(x.str());
  for (const auto& x : e.security_groups) ref(x.str());
}
template <class F>
void each_reference(const network_interface& e, F&& ref) {
  ref(e.subnet.str());
  for (const auto& x : e.security_groups) ref(x.str());
  if (e.attachment && e.attachment->instance) ref(e.attachment->instance->str());
}
template <class F>
void each_reference(const instance& i, F&& ref) {
  if (i.subnet) ref(i.subnet->str());
  for (const auto& x : i.network_interfaces) ref(x.str());
  for (const auto& x : i.security_groups) ref(x.str());
}

// One side's resources. Each resource has a home VPC: its own, a gateway's attachments (which it
// joins), an instance's (else its primary interface's); peering and transit gateways join VPCs.
// Then every reference: a reference to a changed resource marks the referrer's home as reached,
// and one to a resource of another VPC joins the two. Interfaces and instances, the bulk of an
// estate, are not indexed: what they refer to (subnets, groups) is looked up among the few other
// resources, and their references to each other only mark (a source is its primary interface,
// and `slice` keeps the instances of its interfaces). `sets` and `reached` are this side's.
void index_side(const network& net, const id_set& changed, vpc_sets& sets, std::vector<std::string_view>& reached) {
  home_map home;  // every resource but interfaces and instances
  auto put = [&](const std::string& id, const std::string& vpc) {
    home.emplace(id, vpc);
    sets.add(vpc);
  };
  for (const auto& [id, r] : net.all<vpc>()) put(id.str(), id.str());
  for (const auto& [id, r] : net.all<subnet>()) put(id.str(), r.vpc.str());
  for (const auto& [id, r] : net.all<route_table>()) put(id.str(), r.vpc.str());
  for (const auto& [id, r] : net.all<network_acl>()) put(id.str(), r.vpc.str());
  for (const auto& [id, r] : net.all<security_group>()) put(id.str(), r.vpc.str());
  for (const auto& [id, r] : net.all<nat_gateway>()) put(id.str(), r.vpc.str());
  for (const auto& [id, r] : net.all<vpc_endpoint>()) put(id.str(), r.vpc.str());
  auto gateways = [&](const auto& table) {
    for (const auto& [id, r] : table)
      for (const auto& a : r.attachments) {
        put(id.str(), a.vpc.str());
        sets.unite(a.vpc.str(), r.attachments.front().vpc.str());
      }
  };
  gateways(net.all<internet_gateway>());
  gateways(net.all<egress_only_internet_gateway>());
  gateways(net.all<vpn_gateway>());
  for (const auto& [id, p] : net.all<peering_connection>()) sets.unite(p.requester.vpc.str(), p.accepter.vpc.str());
  // Every VPC attached to a transit gateway is joined to every other one (whichever gateway: they
  // may be peered).
  const std::string* attached = nullptr;
  for (const auto& [id, a] : net.all<transit_gateway_attachment>())
    if (a.resource_type == "vpc") {
      if (attached) sets.unite(*attached, a.resource_id);
      else attached = &a.resource_id;
    }

  // The home of an interface or instance named by another resource (a route to it, a NAT
  // gateway's or endpoint's interfaces): looked up, these references being few.
  auto home_of_host = [&](const std::string& id) -> const std::string* {
    if (id.rfind("eni-", 0) == 0) {
      const auto* eni = net.find(network_interface_id(id));
      return eni ? &eni->vpc.str() : nullptr;
    }
    if (id.rfind("i-", 0) == 0) {
      const auto* inst = net.find(instance_id(id));
      if (inst && inst->vpc) return &inst->vpc->str();
      const auto* eni = inst ? net.primary_interface_of(inst->id) : nullptr;
      return eni ? &eni->vpc.str() : nullptr;
    }
    return nullptr;
  };
  auto refer = [&](std::string_view from, const std::string& to) {
    if (changed.count(to)) reached.push_back(from);
    if (auto it = home.find(to); it != home.end()) {
      if (it->second != from) sets.unite(from, it->second);
    } else if (const auto* h = home_of_host(to); h && *h != from) {
      sets.unite(from, *h);
    }
  };
  // A changed resource reaches its own VPC; a changed instance, its primary interface's too.
  for (const auto& id : changed) {
    if (auto it = home.find(id); it != home.end()) reached.push_back(it->second);
    else if (const auto* h = home_of_host(std::string(id))) reached.push_back(*h);
    if (id.rfind("i-", 0) == 0)
      if (const auto* eni = net.primary_interface_of(instance_id(std::string(id)))) reached.push_back(eni->vpc.str());
  }
  auto refs = [&](const auto& table) {
    for (const auto& [id, r] : table) {
      const auto from = home.find(id.str());
      if (from == home.end()) continue;  // a detached gateway: nothing of its own to reach
      const std::string_view vpc = from->second;
      each_reference(r, [&](const std::string& to) { refer(vpc, to); });
    }
  };
  refs(net.all<route_table>());
  refs(net.all<network_acl>());
  refs(net.all<security_group>());
  refs(net.all<nat_gateway>());
  refs(net.all<vpc_endpoint>());
  // Interfaces and instances: subnets and groups among the indexed resources; each other only
  // against the changed ids.
  auto host_refs = [&](std::string_view vpc, const auto& subnet, const auto& groups) {
    refer(vpc, subnet);
    for (const auto& g : groups) refer(vpc, g.str());
  };
  for (const auto& [id, e] : net.all<network_interface>()) {
    sets.add(e.vpc.str());
    host_refs(e.vpc.str(), e.subnet.str(), e.security_groups);
    if (e.attachment && e.attachment->instance && changed.count(e.attachment->instance->str()))
      reached.push_back(e.vpc.str());
  }
  for (const auto& [id, i] : net.all<instance>()) {
    const std::string* vpc = i.vpc ? &i.vpc->str() : home_of_host(id.str());
    if (!vpc) continue;  // no interface: not a source
    sets.add(*vpc);
    if (i.subnet) host_refs(*vpc, i.subnet->str(), i.security_groups);
    else
      for (const auto& g : i.security_groups) refer(*vpc, g.str());
    for (const auto& e : i.network_interfaces)
      if (changed.count(e.str())) reached.push_back(*vpc);
  }
}

// What the changes can reach: every VPC id (on either side) in a joined set with a VPC a change
// reaches; `whole` when a change is outside every VPC, so every flow is compared on the whole
// networks.
struct change_reach {
  bool whole = false;
  std::set<std::string> vpcs;
  bool reaches(const network_interface* eni) const { return whole || (eni && vpcs.count(eni->vpc.str()) > 0); }
};

// The two sides are indexed on two threads, each into its own sets, then joined.
change_reach reach_of_changes(const network& before, const network& after, const detail::unequal_resources& unequal) {
  change_reach out;
  out.whole = unequal.outside_vpcs;
  if (out.whole || unequal.ids.empty()) return out;
  const id_set changed(unequal.ids.begin(), unequal.ids.end());
  vpc_sets sets_after;
  std::vector<std::string_view> reached_after;
  auto indexed = std::async(std::launch::async, [&] { index_side(after, changed, sets_after, reached_after); });
  vpc_sets sets;
  std::vector<std::string_view> reached;
  index_side(before, changed, sets, reached);
  indexed.get();
  std::vector<std::pair<std::string_view, std::string_view>> joins;
  for (const auto& [v, parent] : sets_after.all()) joins.emplace_back(v, parent);
  for (const auto& [v, parent] : joins) sets.unite(v, parent);  // parent links carry the after side's sets
  reached.insert(reached.end(), reached_after.begin(), reached_after.end());
  std::unordered_set<std::string_view> roots;
  for (auto v : reached) roots.insert(sets.find(v));
  std::vector<std::string_view> vpcs;
  for (const auto& [v, parent] : sets.all()) vpcs.push_back(v);
  for (auto v : vpcs)
    if (roots.count(sets.find(v))) out.vpcs.emplace(v);
  return out;
}

// Whether a destination is a catalogued AWS service (or the ECR image pull): it resolves for every
// source without an error, within the source's VPC, to the same number of legs, unless an instance
// or interface is named after it (a name wins over a service: names_any).
bool service_destination(const std::string& to) {
  const auto* s = services::find_service(to);
  return (s && s->short_name == to) || !services::composite_legs(to, "").empty();
}

// Whether an instance or interface has one of `names` as a name name_index takes (Name tag,
// logical id, Terraform address).
bool names_any(const network& net, const std::vector<std::string>& names) {
  auto named = [&](const tag_map& tags) {
    for (std::string_view key : {std::string_view("Name"), logical_id_tag, terraform_address_tag})
      if (auto it = tags.find(std::string(key));
          it != tags.end() && std::find(names.begin(), names.end(), it->second) != names.end())
        return true;
    return false;
  };
  for (const auto& [id, r] : net.all<network_interface>())
    if (!r.tags.empty() && named(r.tags)) return true;
  for (const auto& [id, r] : net.all<instance>())
    if (!r.tags.empty() && named(r.tags)) return true;
  return false;
}

// A source's interface when the source resolves on this side without an error, else nullptr.
const network_interface* resolvable_source(const network& net, const std::string& source, const std::string& region) {
  if (source.rfind("i-", 0) != 0 && source.rfind("eni-", 0) != 0) return nullptr;
  const auto* eni = interface_of(net, source);
  if (!eni || !eni->primary_ip() || (region.empty() && rules::region_of(net, *eni).empty())) return nullptr;
  return eni;
}

// Every instance with an interface, with its primary interface, in id order: what
// `select_sources(net, {})` lists (all_instance_sources).
std::vector<std::pair<const std::string*, const network_interface*>> instance_sources(const network& net) {
  std::vector<std::pair<const std::string*, const network_interface*>> out;
  for (const auto& [inst, eni] : instances_with_interfaces(net)) out.emplace_back(&inst->id.str(), eni);
  return out;
}

// Whether a source with this interface resolves without an error (resolvable_source).
const network_interface* resolvable(const network& net, const network_interface* eni, const std::string& region) {
  return eni && eni->primary_ip() && (!region.empty() || !rules::region_of(net, *eni).empty()) ? eni : nullptr;
}

// One side's part of deciding which flows to answer: each source's interface (resolvable_source),
// and whether an instance or interface is named after a destination.
struct side_facts {
  std::vector<const network_interface*> interfaces;
  bool names_a_destination = false;
};

side_facts facts_of(const network& net, const matrix_request& r, const std::vector<const network_interface*>& listed) {
  side_facts f;
  f.interfaces.reserve(r.sources.size());
  if (listed.size() == r.sources.size())  // the interfaces came with the listing
    for (std::size_t k = 0; k < listed.size(); ++k)
      f.interfaces.push_back(r.sources[k].rfind("i-", 0) == 0 ? resolvable(net, listed[k], r.region) : nullptr);
  else
    for (const auto& s : r.sources) f.interfaces.push_back(resolvable_source(net, s, r.region));
  f.names_a_destination = names_any(net, r.destinations);
  return f;
}

}  // namespace reach_diff_impl

reachability_diff diff_reachability(const network& before, const network& after, const diff_request& request,
                                    unsigned jobs) {
  using namespace reach_diff_impl;
  reachability_diff out;
  // The model diff runs beside the listing of sources; it also lists what differs at all, which
  // decides the flows to answer.
  detail::unequal_resources unequal;
  auto resources = std::async(std::launch::async, [&] { return detail::diff_models(before, after, &unequal); });

  // Sources as matrix lists them, on each side (the two sides on two threads); a selector must
  // name something on one side at least.
  for (const auto& text : request.from)
    if (select_sources(before, {text}, true).empty() && select_sources(after, {text}, true).empty())
      select_sources(before, {text});  // throws vpcsim.selector.no_match
  std::vector<batch> batches(1);
  // Without selectors (every instance), each source's interface on each side comes with the
  // listing, and both lists are in id order.
  std::vector<const network_interface*> listed_before, listed_after;  // parallel to the main batch's sources
  {
    batch& main = batches.front();
    if (request.from.empty()) {
      auto of_after = std::async(std::launch::async, [&] { return instance_sources(after); });
      const auto b = instance_sources(before);
      const auto a = of_after.get();
      for (std::size_t i = 0, j = 0; i < b.size() || j < a.size();) {
        if (j == a.size() || (i < b.size() && *b[i].first < *a[j].first)) {
          ++out.sources_before_only;
          ++i;
        } else if (i == b.size() || *a[j].first < *b[i].first) {
          ++out.sources_after_only;
          ++j;
        } else {
          main.request.sources.push_back(*b[i].first);
          listed_before.push_back(b[i++].second);
          listed_after.push_back(a[j++].second);
        }
      }
    } else {
      auto of_after = std::async(std::launch::async, [&] { return select_sources(after, request.from, true); });
      const auto sources_before = select_sources(before, request.from, true);
      const auto sources_after = of_after.get();
      const std::unordered_set<std::string_view> in_after(sources_after.begin(), sources_after.end());
      const std::unordered_set<std::string_view> in_before(sources_before.begin(), sources_before.end());
      for (const auto& s : sources_before)
        if (in_after.count(s)) main.request.sources.push_back(s);
        else ++out.sources_before_only;
      for (const auto& s : sources_after)
        if (!in_before.count(s)) ++out.sources_after_only;
    }
    out.sources = main.request.sources.size();
    main.request.destinations = request.to.empty() ? default_matrix_destinations() : request.to;
    main.request.protocol = request.protocol;
    main.request.port = request.port;
    main.request.region = request.region;
    main.request.max_hops = request.max_hops;
  }
  if (request.between_instances)
    for (auto& b : instance_batches(before, after, request)) batches.push_back(std::move(b));
  const matrix_request& flows = batches.front().request;

  // The flows a change can touch (reach_of_changes): only those are answered, on slices of both
  // networks holding the VPCs the changes reach. Every flow is answered on the whole networks when a
  // change is outside every VPC, when a destination is not a catalogued service (its resolution may
  // leave the source's VPC, or fail) or an instance or interface is named after it, when a source
  // would not resolve (the error must show), or on request (the reference the tests check the slices
  // against).
  change_reach reach;
  reach.whole = true;
  side_facts facts_before, facts_after;
  if (!request.whole_networks &&
      std::all_of(flows.destinations.begin(), flows.destinations.end(), service_destination)) {
    auto of_after = std::async(std::launch::async, [&] { return facts_of(after, flows, listed_after); });
    facts_before = facts_of(before, flows, listed_before);
    facts_after = of_after.get();
    bool sliceable = !facts_before.names_a_destination && !facts_after.names_a_destination;
    for (std::size_t i = 0; sliceable && i < flows.sources.size(); ++i)
      sliceable = facts_before.interfaces[i] && facts_after.interfaces[i];
    resources.wait();  // `unequal` is complete
    if (sliceable) reach = reach_of_changes(before, after, unequal);
  }
  // The batches to answer: each batch's flows from reached sources; the others count as compared
  // (a composite destination's legs one each) and unchanged.
  std::vector<batch> traced;
  for (std::size_t n = 0; n < batches.size(); ++n) {
    const batch& b = batches[n];
    if (b.request.sources.empty() || b.request.destinations.empty()) continue;
    if (reach.whole) {
      traced.push_back(b);
      continue;
    }
    if (b.instance_destinations) {  // one VPC's sample: every source is in it
      const auto& first = b.request.sources.front();
      if (reach.reaches(interface_of(before, first)) || reach.reaches(interface_of(after, first))) traced.push_back(b);
      else out.flows_compared += b.flows.size();
      continue;
    }
    batch kept = b;  // the main batch: `facts_*` are parallel to its sources
    kept.request.sources.clear();
    std::size_t legs_per_source = 0;
    for (const auto& to : b.request.destinations)
      legs_per_source += std::max<std::size_t>(1, services::composite_legs(to, "").size());
    for (std::size_t i = 0; i < b.request.sources.size(); ++i)
      if (reach.reaches(facts_before.interfaces[i]) || reach.reaches(facts_after.interfaces[i]))
        kept.request.sources.push_back(b.request.sources[i]);
      else
        out.flows_compared += legs_per_source;
    if (!kept.request.sources.empty()) traced.push_back(std::move(kept));
  }

  // Both networks (or slices) compiled at once (the tables of each are independent), then every
  // batch answered on each side by the engine `vpcsim matrix` uses.
  std::vector<located> where;  // parallel to out.flows
  if (!traced.empty()) {
    std::unique_ptr<network> sliced_before, sliced_after;
    if (!reach.whole) {
      auto sliced = std::async(std::launch::async, [&] { return slice(after, reach.vpcs); });
      sliced_before = slice(before, reach.vpcs);
      sliced_after = sliced.get();
    }
    const network& nb = sliced_before ? *sliced_before : before;
    const network& na = sliced_after ? *sliced_after : after;
    auto compiled_after = std::async(std::launch::async, [&na] { return std::make_unique<compiled_network>(na); });
    const compiled_network compiled_before(nb);
    const auto compiled_after_ptr = compiled_after.get();
    for (const auto& b : traced) compare_batch(b, before, compiled_before, after, *compiled_after_ptr, jobs, out, where);
  }
  out.resources = resources.get();
  if (out.flows.empty()) return out;

  // Groups: same kind, destination and outcomes; sources by subnet, with the security groups they
  // all have.
  std::map<std::tuple<int, std::string, std::string, std::string>, std::size_t> group_of;
  // Per group: subnet -> (its flows, the security groups every one of their sources has).
  struct member {
    std::vector<std::size_t> flows;
    std::vector<std::string> groups;
  };
  std::vector<std::map<std::string, member>> members;
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
    auto [m, first] = members[it->second].try_emplace(subnet);
    if (first) m->second.groups = groups;
    else {  // keep the groups common to every source of the subnet
      std::vector<std::string> common;
      std::set_intersection(m->second.groups.begin(), m->second.groups.end(), groups.begin(), groups.end(),
                            std::back_inserter(common));
      m->second.groups = std::move(common);
    }
    m->second.flows.push_back(k);
  }

  // Explanations: one flow per subnet of each group, traced in full by the path solver on both
  // sides (the same decisions; compiled_test checks the engines agree), each side on its own thread.
  struct task {
    std::size_t group, flow;
  };
  std::vector<task> tasks;
  for (std::size_t g = 0; g < out.groups.size(); ++g)
    for (auto& [subnet, m] : members[g]) {
      out.groups[g].sources.push_back({subnet, m.groups, {}});
      for (std::size_t k : m.flows) out.groups[g].sources.back().sources.push_back(out.flows[k].source);
      tasks.push_back({g, m.flows.front()});
    }
  auto ids_on = [&](const network& net, bool after_side) {
    explainer ex(net);
    std::vector<std::unordered_set<std::string>> ids(tasks.size());
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      const flow_change& f = out.flows[tasks[t].flow];
      const located& at = where[tasks[t].flow];
      flow_request req;
      req.from = f.source;
      req.to = f.destination;
      req.protocol = at.b->request.protocol;
      req.port = at.b->request.port;
      req.region = at.b->request.region;
      req.max_hops = at.b->request.max_hops;
      std::set<std::string> vpcs;
      for (const std::string* who : {&f.source, &f.destination})
        if (const auto* eni = interface_of(net, *who)) vpcs.insert(eni->vpc.str());
      touched(ex.trace(req, vpcs, f.leg, after_side ? f.after : f.before), f.leg, ids[t]);
      endpoint_ids(net, f.source, ids[t]);
      if (at.b->instance_destinations) endpoint_ids(net, f.destination, ids[t]);
    }
    return ids;
  };
  auto ids_after = std::async(std::launch::async, [&] { return ids_on(after, true); });
  const auto ids_before = ids_on(before, false);
  const auto ids_after_v = ids_after.get();
  std::unordered_map<std::string, std::vector<std::size_t>> changes_by_id;
  for (std::size_t c = 0; c < out.resources.changes.size(); ++c) {
    const auto& ch = out.resources.changes[c];
    if (!ch.before_id.empty()) changes_by_id[ch.before_id].push_back(c);
    if (!ch.after_id.empty() && ch.after_id != ch.before_id) changes_by_id[ch.after_id].push_back(c);
  }
  std::vector<std::set<std::size_t>> explained(out.groups.size());
  for (std::size_t t = 0; t < tasks.size(); ++t)
    for (const auto* ids : {&ids_before[t], &ids_after_v[t]})
      for (const auto& id : *ids)
        if (auto it = changes_by_id.find(id); it != changes_by_id.end())
          explained[tasks[t].group].insert(it->second.begin(), it->second.end());
  for (std::size_t g = 0; g < out.groups.size(); ++g)
    out.groups[g].explained_by.assign(explained[g].begin(), explained[g].end());
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
