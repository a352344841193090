// `vpcsim diff` as JSON (schemas/diff.schema.json) and SARIF 2.1.0.
#include "escape.hpp"
#include "json_position.hpp"

#include <vpcsim/report/diff.hpp>
#include <vpcsim/report/diff_json.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <set>

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

// Helpers in a named namespace: the library is built in unity batches, where anonymous namespaces
// of neighbouring files meet.
namespace diff_sarif_impl {

struct kind_rule {
  flow_change_kind kind;
  const char* id;
  const char* name;
  const char* level;
  const char* summary;
};

// One rule per kind of change, in the order groups are listed.
constexpr std::array<kind_rule, 4> kind_rules{{
    {flow_change_kind::lost, "VPCSIM-DIFF-LOST", "flow-lost", "error",
     "A flow reachable before the change is blocked after it"},
    {flow_change_kind::rerouted, "VPCSIM-DIFF-REROUTED", "flow-rerouted", "warning",
     "A flow reachable on both sides leaves by another way after the change (e.g. an interface endpoint -> a NAT "
     "gateway: the traffic now crosses the internet)"},
    {flow_change_kind::gained, "VPCSIM-DIFF-GAINED", "flow-gained", "note",
     "A flow blocked before the change is reachable after it"},
    {flow_change_kind::reblocked, "VPCSIM-DIFF-REBLOCKED", "flow-reblocked", "note",
     "A flow blocked on both sides is blocked by another resource or code after the change"},
}};

std::size_t rule_index(flow_change_kind k) {
  for (std::size_t i = 0; i < kind_rules.size(); ++i)
    if (kind_rules[i].kind == k) return i;
  return 0;
}

// FNV-1a 64 of the group's kind, destination and outcomes: stable across runs and machines, so code
// scanning follows one alert from one run to the next.
std::string fingerprint(const flow_group& g) {
  std::uint64_t h = 14695981039346656037ull;
  const std::string kind(to_string(g.kind)), before = g.before.summary(), after = g.after.summary();
  for (const std::string* part : {&kind, &g.destination, &before, &after}) {
    for (unsigned char c : *part) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xffu) * 1099511628211ull;  // a separator, so ("ab","c") and ("a","bc") differ
  }
  static const char* hex = "0123456789abcdef";
  std::string out = kind + ":" + g.destination + ":";
  for (int shift = 60; shift >= 0; shift -= 4) out += hex[(h >> shift) & 15];
  return out;
}

}  // namespace diff_sarif_impl

nlohmann::json to_sarif(const reachability_diff& d, diff_fail_on fail_on, const std::string& after,
                        const std::map<std::string, source_location>& locations) {
  using namespace diff_sarif_impl;
  using nlohmann::json;
  using report::detail::uri_reference;
  const std::string artifact_uri = uri_reference(after);
  json rules = json::array();
  for (const auto& r : kind_rules)
    rules.push_back(json{{"id", r.id},
                         {"name", r.name},
                         {"shortDescription", {{"text", r.summary}}},
                         {"help", {{"text", std::string(r.summary) + " (README: vpcsim diff)"}}},
                         {"defaultConfiguration", {{"level", r.level}}}});
  // A capture's resources have a file and a JSON pointer only: their lines are found here, in one
  // read of each file a result points into (as lint's SARIF does).
  std::set<std::string> ids;
  for (const auto& g : d.groups) {
    for (std::size_t c : g.explained_by) {
      const auto& change = d.resources.changes[c];
      ids.insert(change.after_id.empty() ? change.before_id : change.after_id);
    }
    ids.insert((g.after.reachable ? g.before : g.after).component);
  }
  const auto located = report::detail::with_lines(locations, ids);
  json results = json::array();
  for (const auto& g : d.groups) {
    const kind_rule& rule = kind_rules[rule_index(g.kind)];
    std::size_t subnets = g.sources.size();
    std::string text = report::headline(g) + ": " + std::to_string(g.flow_count()) +
                       (g.flow_count() == 1 ? " flow" : " flows") + " from " + std::to_string(subnets) +
                       (subnets == 1 ? " subnet" : " subnets");
    if (!g.after.reachable && !g.after.rule.empty()) text += "; rule after: " + g.after.rule;
    // Where: the changed resources that explain the group, else the blocking component.
    json places = json::array();
    auto place = [&](const std::string& id, const std::string& label) {
      json physical{{"artifactLocation", {{"uri", artifact_uri}}}};
      if (auto where = located.find(id); where != located.end() && where->second.line > 0) {
        physical["artifactLocation"]["uri"] = uri_reference(where->second.file);
        physical["region"] = {{"startLine", where->second.line}};
        if (where->second.column > 0) physical["region"]["startColumn"] = where->second.column;
      }
      places.push_back(json{{"physicalLocation", std::move(physical)},
                            {"logicalLocations", json::array({json{{"name", label}, {"kind", "resource"}}})}});
    };
    std::string explained;
    for (std::size_t c : g.explained_by) {
      const auto& change = d.resources.changes[c];
      place(change.after_id.empty() ? change.before_id : change.after_id, change.label());
      explained += (explained.empty() ? "" : ", ") + std::string(to_string(change.kind)) + " " + change.type + " " +
                   change.label();
    }
    text += explained.empty() ? "; explained by no changed resource on these flows' paths"
                              : "; explained by: " + explained;
    const flow_outcome& blocking = g.after.reachable ? g.before : g.after;
    if (places.empty())
      place(blocking.component, blocking.component.empty() ? g.destination
                                                           : blocking.component + (blocking.component_name.empty()
                                                                                        ? ""
                                                                                        : " (" + blocking.component_name + ")"));
    json sources = json::array();
    for (const auto& s : g.sources) sources.push_back(json{{"subnet", s.subnet}, {"sources", s.sources.size()}});
    results.push_back(json{{"ruleId", rule.id},
                           {"ruleIndex", rule_index(g.kind)},
                           {"level", rule.level},
                           {"message", {{"text", text}}},
                           {"locations", std::move(places)},
                           {"partialFingerprints", {{"vpcsimDiffGroup/v1", fingerprint(g)}}},
                           {"properties",
                            {{"kind", std::string(to_string(g.kind))},
                             {"destination", g.destination},
                             {"before", g.before.summary()},
                             {"after", g.after.summary()},
                             {"flows", g.flow_count()},
                             {"subnets", std::move(sources)},
                             {"failing", counts_as_failure(fail_on, g.kind)}}}});
  }
  json driver{{"name", "vpcsim"}, {"version", std::string(version)}, {"rules", std::move(rules)}};
  return json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({json{{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}}})}};
}

}  // namespace vpcsim
