// Lint findings as JSON and SARIF 2.1.0.
#include "escape.hpp"
#include "json_position.hpp"

#include <vpcsim/report/lint_json.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <set>

namespace vpcsim {

using nlohmann::json;

json to_json(const std::vector<lint_finding>& findings) {
  json list = json::array();
  std::size_t counts[3] = {0, 0, 0};
  std::size_t suppressed = 0;
  for (const auto& f : findings) {
    if (!f.suppressed.empty()) {  // counted, not listed (SARIF lists them, marked)
      ++suppressed;
      continue;
    }
    const auto* rule = find_lint_rule(f.rule);
    list.push_back(json{{"rule", f.rule},
                        {"name", rule ? std::string(rule->name) : std::string{}},
                        {"severity", std::string(to_string(f.level))},
                        {"resource", f.resource},
                        {"aws_rule", f.aws_rule},
                        {"message", f.message},
                        {"fix", f.fix}});
    if (!f.resource_name.empty()) list.back()["resource_name"] = f.resource_name;
    ++counts[static_cast<int>(f.level)];
  }
  return json{{"schema_version", json_schema_version}, {"findings", std::move(list)}, {"errors", counts[0]},
              {"warnings", counts[1]}, {"notes", counts[2]}, {"suppressed", suppressed}};
}

namespace {
using report::detail::uri_reference;
// SARIF 2.1.0 §3.33: the resource by its id, with the input's name of it as the display name.
json logical_location(const lint_finding& f) {
  json l{{"name", f.resource}, {"kind", "resource"}};
  if (!f.resource_name.empty()) l["fullyQualifiedName"] = f.resource + " \"" + f.resource_name + "\"";
  return l;
}
}  // namespace

json to_sarif(const std::vector<lint_finding>& findings, const std::string& artifact_path,
              const std::map<std::string, source_location>& locations) {
  const std::string artifact_uri = uri_reference(artifact_path);
  const auto& rules = lint_rules();
  json rule_list = json::array();
  for (const auto& r : rules)
    rule_list.push_back(json{
        {"id", std::string(r.id)},
        {"name", std::string(r.name)},
        {"shortDescription", {{"text", std::string(r.summary)}}},
        {"help", {{"text", std::string(r.summary) + " (docs/aws-semantics.md: " + std::string(r.aws_rules) + ")"}}},
        {"defaultConfiguration", {{"level", std::string(to_string(r.level))}}},
        {"properties", {{"aws_rules", std::string(r.aws_rules)}}}});
  // A capture's resources have a file and a JSON pointer only: their lines are found here, in
  // one read of each file a finding points into.
  std::set<std::string> ids;
  for (const auto& f : findings) ids.insert(f.resource);
  const auto located = report::detail::with_lines(locations, ids);
  json results = json::array();
  for (const auto& f : findings) {
    const auto it = std::find_if(rules.begin(), rules.end(), [&](const lint_rule& r) { return r.id == f.rule; });
    json result{{"ruleId", f.rule},
                {"level", std::string(to_string(f.level))},
                {"message", {{"text", f.message + ". Fix: " + f.fix}}},
                {"locations",
                 json::array({json{{"physicalLocation", {{"artifactLocation", {{"uri", artifact_uri}}}}},
                                   {"logicalLocations", json::array({logical_location(f)})}}})},
                // One finding, one fingerprint: two findings of a rule on one resource differ by message.
                {"partialFingerprints", {{"vpcsimFinding/v2", f.fingerprint.empty() ? finding_fingerprint(f.rule, f.resource, f.message) : f.fingerprint}}},
                {"properties", {{"resource", f.resource}, {"aws_rule", f.aws_rule}, {"fix", f.fix}}}};
    if (!f.resource_name.empty()) result["properties"]["resource_name"] = f.resource_name;
    if (auto where = located.find(f.resource); where != located.end() && where->second.line > 0) {
      auto& physical = result["locations"][0]["physicalLocation"];
      physical["artifactLocation"]["uri"] = uri_reference(where->second.file);
      physical["region"] = {{"startLine", where->second.line}};
      if (where->second.column > 0) physical["region"]["startColumn"] = where->second.column;
    }
    // SARIF 2.1.0 §3.27.23: a suppressed result stays in the log, marked with how it was suppressed.
    if (!f.suppressed.empty())
      result["suppressions"] = json::array({json{
          {"kind", f.suppressed},
          {"justification", f.suppressed == "inSource" ? "\"lint\": {\"ignore\"} on the resource in the input"
                                                       : "--disable " + f.rule.substr(7)}}});
    if (it != rules.end()) result["ruleIndex"] = std::distance(rules.begin(), it);
    results.push_back(std::move(result));
  }
  json driver{{"name", "vpcsim"}, {"version", std::string(version)}, {"rules", std::move(rule_list)}};
  return json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({json{{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}}})}};
}

}  // namespace vpcsim
