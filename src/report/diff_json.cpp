// `vpcsim diff` as JSON (schemas/diff.schema.json).
#include <vpcsim/report/diff_json.hpp>

#include <nlohmann/json.hpp>

namespace vpcsim {

namespace {

nlohmann::json outcome_json(const flow_outcome& o) {
  nlohmann::json j;
  j["reachable"] = o.reachable;
  j["via"] = o.reachable ? nlohmann::json(o.via) : nlohmann::json(nullptr);
  if (o.reachable || o.code.empty()) j["blocked_by"] = nullptr;
  else
    j["blocked_by"] = {{"code", o.code},
                       {"component", o.component},
                       {"component_name", o.component_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.component_name)},
                       {"rule", o.rule}};
  return j;
}

nlohmann::json resources_json(const model_diff& d) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : d.changes) {
    nlohmann::json attributes = nlohmann::json::array();
    for (const auto& a : c.attributes) attributes.push_back({{"attribute", a.attribute}, {"before", a.before}, {"after", a.after}});
    out.push_back({{"kind", std::string(to_string(c.kind))},
                   {"type", c.type},
                   {"before_id", c.before_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.before_id)},
                   {"after_id", c.after_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.after_id)},
                   {"name", c.name.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.name)},
                   {"added", c.added},
                   {"removed", c.removed},
                   {"attributes", std::move(attributes)}});
  }
  return out;
}

}  // namespace

nlohmann::json to_json(const model_diff& d, const std::string& before, const std::string& after) {
  return {{"schema_version", 1}, {"before", before}, {"after", after}, {"resources", resources_json(d)}};
}

nlohmann::json to_json(const reachability_diff& d, const std::string& before, const std::string& after) {
  nlohmann::json out = to_json(d.resources, before, after);
  out["summary"] = {{"sources", d.sources},
                    {"sources_before_only", d.sources_before_only},
                    {"sources_after_only", d.sources_after_only},
                    {"flows_compared", d.flows_compared},
                    {"flows_changed", d.flows.size()},
                    {"lost", d.count(flow_change_kind::lost)},
                    {"gained", d.count(flow_change_kind::gained)},
                    {"rerouted", d.count(flow_change_kind::rerouted)},
                    {"reblocked", d.count(flow_change_kind::reblocked)},
                    {"resources_changed", d.resources.changes.size()}};
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : d.groups) {
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& s : g.sources)
      sources.push_back({{"subnet", s.subnet}, {"security_groups", s.security_groups}, {"sources", s.sources}});
    groups.push_back({{"kind", std::string(to_string(g.kind))},
                      {"destination", g.destination},
                      {"before", outcome_json(g.before)},
                      {"after", outcome_json(g.after)},
                      {"flows", g.flows},
                      {"sources", std::move(sources)},
                      {"explained_by", g.explained_by}});
  }
  out["groups"] = std::move(groups);
  nlohmann::json flows = nlohmann::json::array();
  for (const auto& f : d.flows)
    flows.push_back({{"source", f.source},
                     {"destination", f.destination},
                     {"leg", f.leg.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.leg)},
                     {"kind", std::string(to_string(f.kind))},
                     {"before", outcome_json(f.before)},
                     {"after", outcome_json(f.after)}});
  out["flows"] = std::move(flows);
  return out;
}

}  // namespace vpcsim
