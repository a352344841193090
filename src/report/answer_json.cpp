#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>

namespace vpcsim {

nlohmann::json to_json(const answer& a) {
  using nlohmann::json;
  json j = json::object();
  j["schema_version"] = json_schema_version;
  j["from"] = a.from;
  if (!a.from_name.empty()) j["from_name"] = a.from_name;
  j["to"] = a.to;
  j["protocol"] = a.protocol;
  j["port"] = a.port;
  j["resolved"] = a.resolved.address.empty() && a.resolved.by.empty()
                      ? json(nullptr)
                      : json{{"address", a.resolved.address.empty() ? json(nullptr) : json(a.resolved.address)},
                             {"by", a.resolved.by}};
  if (!a.resolved.zone.empty()) j["resolved"]["zone"] = a.resolved.zone;
  if (!a.resolved.record.empty()) j["resolved"]["record"] = a.resolved.record;
  j["reachable"] = a.reachable;
  j["via"] = a.via ? json(*a.via) : json(nullptr);
  json path = json::array();
  for (const auto& h : a.path) {
    json o{{"component", h.component}, {"kind", h.kind}};
    if (!h.name.empty()) o["name"] = h.name;
    if (!h.check.empty()) o["check"] = h.check;
    if (!h.rule.empty()) o["rule"] = h.rule;
    o["direction"] = h.direction;
    if (!h.aws_rule.empty()) o["aws_rule"] = h.aws_rule;
    if (!h.explanation.empty()) o["explanation"] = h.explanation;
    path.push_back(std::move(o));
  }
  j["path"] = std::move(path);
  if (a.blocked) {
    j["blocked_by"] = json{{"code", a.blocked->code},       {"component", a.blocked->component},
                           {"rule", a.blocked->rule},       {"message", a.blocked->message},
                           {"fix", a.blocked->fix},         {"fixes", a.blocked->fixes}};
    if (!a.blocked->component_name.empty()) j["blocked_by"]["component_name"] = a.blocked->component_name;
    // `fixes` as changes in the input's own terms, parallel to `fixes` (design.md `changes`).
    if (!a.blocked->changes.empty()) {
      json changes = json::array();
      for (const auto& c : a.blocked->changes) {
        json o{{"fix", c.fix}};
        if (!c.edits.empty()) {
          json edits = json::array();
          for (const auto& e : c.edits) {
            json x{{"op", e.op}, {"pointer", e.pointer}};
            if (!e.resource.empty()) x["resource"] = e.resource;
            if (!e.location.empty()) x["location"] = e.location;
            x["entry"] = json::parse(e.entry);
            edits.push_back(std::move(x));
          }
          o["edits"] = std::move(edits);
        }
        if (!c.commands.empty()) o["commands"] = c.commands;
        changes.push_back(std::move(o));
      }
      j["blocked_by"]["changes"] = std::move(changes);
    }
  } else
    j["blocked_by"] = nullptr;
  j["warnings"] = a.warnings;
  if (!a.legs.empty()) {
    json legs = json::array();
    for (const auto& leg : a.legs) legs.push_back(to_json(leg));
    j["legs"] = std::move(legs);
  }
  return j;
}

}  // namespace vpcsim
