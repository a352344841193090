// Answers that depend on links an importer could not rebuild (sim/provenance.hpp).
#include <vpcsim/sim/provenance.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace vpcsim {

namespace {

struct component {
  std::string id, name;
};

/// The subnet of an instance or interface (the path names them, not their subnets), or nullptr.
const subnet* subnet_of(const network& net, const std::string& id) {
  if (const auto* e = net.find(network_interface_id{id})) return net.find(e->subnet);
  if (const auto* i = net.find(instance_id{id}); i && i->subnet) return net.find(*i->subnet);
  return nullptr;
}

/// The components `a` depends on, in path order: its source (its subnet, and the workload it stands
/// for), every hop (with the subnet of an instance or interface), the blocking component, then its
/// legs'.
void components_of(const network& net, const answer& a, std::vector<component>& out) {
  auto with_subnet = [&](const std::string& id, const std::string& name) {
    out.push_back({id, name});
    if (const subnet* s = subnet_of(net, id)) out.push_back({s->id.str(), display_name(*s)});
  };
  with_subnet(a.from, a.from_name);
  // A workload's representative interface is named `WORKLOAD@SUBNET` (sim/workload.hpp).
  if (auto at = a.from_name.find('@'); at != std::string::npos) out.push_back({a.from_name.substr(0, at), ""});
  for (const auto& h : a.path) with_subnet(h.component, h.name);
  if (a.blocked) out.push_back({a.blocked->component, a.blocked->component_name});
  for (const auto& leg : a.legs) components_of(net, leg, out);
}

std::string warning(const component& c, const unresolved_link& l) {
  const std::string where = l.address == c.name || l.address == c.id ? "" : " (in " + with_name(c.id, c.name) + ")";
  return "the answer depends on " + l.address + where + ", whose " + l.attribute + " could not be rebuilt from the plan (" + l.reason + ")";
}

}  // namespace

void note_unresolved(const network& net, answer& a) {
  const auto& unresolved = net.unresolved();
  if (unresolved.empty()) return;
  for (auto& leg : a.legs) note_unresolved(net, leg);
  std::vector<component> components;
  components_of(net, a, components);
  for (const auto& c : components) {
    auto it = unresolved.find(c.id);
    if (it == unresolved.end()) continue;
    for (const auto& link : it->second) {
      auto w = warning(c, link);
      if (std::find(a.warnings.begin(), a.warnings.end(), w) == a.warnings.end()) a.warnings.push_back(std::move(w));
    }
  }
}

}  // namespace vpcsim
