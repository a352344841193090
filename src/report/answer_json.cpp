#include "json_text.hpp"

#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>

namespace vpcsim {

namespace {

// The one answer writer. Keys in byte order at every level, as nlohmann's objects print them
// (tests/sim/scenario_table_test.cpp checks the text against nlohmann's dump on every scenario answer).
void write(report::detail::json_text& j, const answer& a, bool paths) {
  j.begin_object();
  j.key("blocked_by");
  if (a.blocked) {
    const auto& b = *a.blocked;
    j.begin_object();
    // `fixes` as changes in the input's own terms, parallel to `fixes` (design.md `changes`).
    if (!b.changes.empty()) {
      j.key("changes");
      j.begin_array();
      for (const auto& c : b.changes) {
        j.begin_object();
        if (!c.commands.empty()) {
          j.key("commands");
          j.strings(c.commands);
        }
        if (!c.edits.empty()) {
          j.key("edits");
          j.begin_array();
          for (const auto& e : c.edits) {
            j.begin_object();
            j.key("entry");
            j.document(nlohmann::json::parse(e.entry));
            if (!e.location.empty()) j.field("location", e.location);
            j.field("op", e.op);
            j.field("pointer", e.pointer);
            if (!e.resource.empty()) j.field("resource", e.resource);
            j.end_object();
          }
          j.end_array();
        }
        j.field("fix", c.fix);
        j.end_object();
      }
      j.end_array();
    }
    j.field("code", b.code);
    j.field("component", b.component);
    if (!b.component_name.empty()) j.field("component_name", b.component_name);
    j.field("fix", b.fix);
    j.key("fixes");
    j.strings(b.fixes);
    j.field("message", b.message);
    j.field("rule", b.rule);
    j.end_object();
  } else {
    j.null();
  }
  j.field("from", a.from);
  if (!a.from_name.empty()) j.field("from_name", a.from_name);
  if (!a.legs.empty()) {
    j.key("legs");
    j.begin_array();
    for (const auto& leg : a.legs) write(j, leg, paths);
    j.end_array();
  }
  if (paths) {
    j.key("path");
    j.begin_array();
    for (const auto& h : a.path) {
      j.begin_object();
      if (!h.aws_rule.empty()) j.field("aws_rule", h.aws_rule);
      if (!h.check.empty()) j.field("check", h.check);
      j.field("component", h.component);
      j.field("direction", h.direction);
      if (!h.explanation.empty()) j.field("explanation", h.explanation);
      j.field("kind", h.kind);
      if (!h.name.empty()) j.field("name", h.name);
      if (!h.rule.empty()) j.field("rule", h.rule);
      j.end_object();
    }
    j.end_array();
  }
  j.field("port", std::int64_t{a.port});
  j.field("protocol", a.protocol);
  j.field("reachable", a.reachable);
  j.key("resolved");
  if (a.resolved.address.empty() && a.resolved.by.empty()) {
    j.null();
  } else {
    j.begin_object();
    j.key("address");
    if (a.resolved.address.empty()) j.null();
    else j.value(a.resolved.address);
    j.field("by", a.resolved.by);
    if (!a.resolved.record.empty()) j.field("record", a.resolved.record);
    if (!a.resolved.zone.empty()) j.field("zone", a.resolved.zone);
    j.end_object();
  }
  j.field("schema_version", std::int64_t{json_schema_version});
  j.field("to", a.to);
  j.key("via");
  if (a.via) j.value(*a.via);
  else j.null();
  j.key("warnings");
    j.strings(a.warnings);
  j.end_object();
}

}  // namespace

void append_json(std::string& out, const answer& a, int indent, int depth, bool paths) {
  report::detail::json_text j(out, indent, depth);
  write(j, a, paths);
}

nlohmann::json to_json(const answer& a) {
  std::string text;
  append_json(text, a, -1);
  return nlohmann::json::parse(text);
}

}  // namespace vpcsim
