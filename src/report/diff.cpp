// `vpcsim diff` as text, CSV, JUnit XML and Markdown.
#include "escape.hpp"

#include <vpcsim/report/diff.hpp>

#include <cctype>

namespace vpcsim::report {

namespace diff_report_impl {

using detail::csv_field;
using detail::xml_escape;

constexpr std::size_t shown_sources = 3;  // sources named per subnet line; the rest are counted
constexpr std::size_t shown_subnets = 10;  // subnet lines per group in text, JUnit and Markdown

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string change_mark(resource_change_kind k) {
  switch (k) {
    case resource_change_kind::added: return "+";
    case resource_change_kind::removed: return "-";
    case resource_change_kind::changed: return "~";
  }
  return "~";
}

std::string shown(const std::string& v) { return v.empty() ? "(none)" : v; }

// `48 instances in subnet subnet-0a (private-a), sg sg-0b (app): i-0b1, i-0b2, i-0b3, …`
std::string sources_line(const group_sources& s) {
  bool instances = true;
  for (const auto& src : s.sources) instances = instances && src.rfind("i-", 0) == 0;
  std::string out = plural(s.sources.size(), instances ? "instance" : "source", instances ? "instances" : "sources") +
                    " in " + (s.subnet.rfind("subnet-", 0) == 0 ? "subnet " : "") + s.subnet;
  if (!s.security_groups.empty()) {
    out += s.security_groups.size() == 1 ? ", sg " : ", sgs ";
    for (std::size_t k = 0; k < s.security_groups.size(); ++k) out += (k ? " + " : "") + s.security_groups[k];
  }
  out += ": ";
  for (std::size_t k = 0; k < std::min(shown_sources, s.sources.size()); ++k) out += (k ? ", " : "") + s.sources[k];
  if (s.sources.size() > shown_sources) out += ", …";
  return out;
}

// The group's subnet lines, at most `shown_subnets`, then how many more subnets and sources.
std::vector<std::string> sources_lines(const flow_group& g) {
  std::vector<std::string> out;
  std::size_t more_sources = 0;
  for (std::size_t k = 0; k < g.sources.size(); ++k)
    if (k < shown_subnets) out.push_back(sources_line(g.sources[k]));
    else more_sources += g.sources[k].sources.size();
  if (g.sources.size() > shown_subnets)
    out.push_back("… and " + plural(more_sources, "source", "sources") + " in " +
                  plural(g.sources.size() - shown_subnets, "more subnet", "more subnets"));
  return out;
}

std::string change_line(const resource_change& c) {
  return change_mark(c.kind) + " " + c.type + " " + c.label();
}

// The indented lines under a resource change: its items and attributes.
std::string change_details(const resource_change& c, const std::string& indent) {
  std::string out;
  if (c.kind != resource_change_kind::changed) return out;  // an added/removed resource is its line
  for (const auto& a : c.attributes)
    out += indent + a.attribute + ": " + shown(a.before) + " -> " + shown(a.after) + "\n";
  for (const auto& r : c.removed) out += indent + "- " + r + "\n";
  for (const auto& a : c.added) out += indent + "+ " + a + "\n";
  return out;
}

std::string flow_summary(const reachability_diff& d) {
  std::string out = plural(d.flows.size(), "flow", "flows") + " changed";
  if (!d.flows.empty()) {
    std::string kinds;
    for (auto k : {flow_change_kind::lost, flow_change_kind::rerouted, flow_change_kind::gained, flow_change_kind::reblocked})
      if (auto n = d.count(k)) kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(to_string(k));
    out += " (" + kinds + ") in " + plural(d.groups.size(), "group", "groups");
  }
  out += ", of " + std::to_string(d.flows_compared) + " compared from " + plural(d.sources, "source", "sources");
  if (d.sources_before_only || d.sources_after_only)
    out += " (not compared: " + std::to_string(d.sources_before_only) + " only before, " +
           std::to_string(d.sources_after_only) + " only after)";
  out += "; " + plural(d.resources.changes.size(), "resource", "resources") + " changed";
  return out;
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else out += c;
  }
  return out;
}

std::string md_code(const std::string& s) { return "`" + s + "`"; }

}  // namespace diff_report_impl

std::string headline(const flow_group& g) {
  std::string kind(to_string(g.kind));
  for (auto& c : kind) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return kind + "  " + g.destination + ": " + g.before.summary() + " -> " + g.after.summary();
}

std::string to_text(const model_diff& d) {
  using namespace diff_report_impl;
  std::string out;
  for (const auto& c : d.changes) out += change_line(c) + "\n" + change_details(c, "    ");
  out += d.empty() ? "no resource changed\n" : plural(d.changes.size(), "resource", "resources") + " changed\n";
  return out;
}

std::string to_text(const reachability_diff& d, diff_fail_on fail_on) {
  using namespace diff_report_impl;
  std::string out;
  for (const auto& g : d.groups) {
    out += headline(g) + (counts_as_failure(fail_on, g.kind) ? "" : "  (not failing)") + "\n";
    // The blocking rule as the group's first flow words it (the address is that flow's).
    if (!g.before.reachable && !g.before.rule.empty()) out += "  rule before: " + g.before.rule + "\n";
    if (!g.after.reachable && !g.after.rule.empty()) out += "  rule after:  " + g.after.rule + "\n";
    for (const auto& line : sources_lines(g)) out += "  " + line + "\n";
    if (g.explained_by.empty()) out += "  explained by: no changed resource on these flows' paths\n";
    else {
      out += "  explained by:\n";
      for (std::size_t c : g.explained_by) {
        const auto& change = d.resources.changes[c];
        out += "    " + change_line(change) + "\n" + change_details(change, "        ");
      }
    }
    out += "\n";
  }
  if (!d.resources.empty()) {
    out += "resource changes:\n";
    for (const auto& c : d.resources.changes) out += "  " + change_line(c) + "\n" + change_details(c, "      ");
    out += "\n";
  }
  out += flow_summary(d) + "\n";
  return out;
}

std::string to_csv(const reachability_diff& d) {
  using namespace diff_report_impl;
  std::string out =
      "source,destination,leg,change,before_reachable,before_via,before_blocked_code,before_blocked_component,"
      "after_reachable,after_via,after_blocked_code,after_blocked_component\n";
  auto outcome = [](const flow_outcome& o) {
    return std::string(o.reachable ? "true" : "false") + "," + csv_field(o.via) + "," + csv_field(o.code) + "," +
           csv_field(o.component);
  };
  for (const auto& f : d.flows)
    out += csv_field(f.source) + "," + csv_field(f.destination) + "," + csv_field(f.leg) + "," +
           std::string(to_string(f.kind)) + "," + outcome(f.before) + "," + outcome(f.after) + "\n";
  return out;
}

std::string to_junit(const reachability_diff& d, diff_fail_on fail_on, const std::string& suite) {
  using namespace diff_report_impl;
  std::size_t failures = 0;
  for (const auto& g : d.groups) failures += counts_as_failure(fail_on, g.kind) ? 1 : 0;
  const std::size_t tests = d.groups.empty() ? 1 : d.groups.size();
  const std::string counts = " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
                             "\" errors=\"0\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + xml_escape(suite) + "\"" + counts + ">\n";
  out += "  <testsuite name=\"" + xml_escape(suite) + "\"" + counts + " skipped=\"0\">\n";
  const std::string summary = flow_summary(d);
  if (d.groups.empty())
    out += "    <testcase name=\"no reachability change\" classname=\"vpcsim.diff\" time=\"0\">\n      <system-out>" +
           xml_escape(summary + "\n") + "</system-out>\n    </testcase>\n";
  for (const auto& g : d.groups) {
    std::string body;
    if (!g.after.reachable && !g.after.rule.empty()) body += "rule after: " + g.after.rule + "\n";
    for (const auto& line : sources_lines(g)) body += line + "\n";
    for (std::size_t c : g.explained_by) {
      const auto& change = d.resources.changes[c];
      body += change_line(change) + "\n" + change_details(change, "    ");
    }
    out += "    <testcase name=\"" + xml_escape(headline(g)) + "\" classname=\"vpcsim.diff." +
           std::string(to_string(g.kind)) + "\" time=\"0\">\n";
    if (counts_as_failure(fail_on, g.kind))
      out += "      <failure message=\"" + xml_escape(plural(g.flow_count(), "flow", "flows") + " " +
                                                    std::string(to_string(g.kind)) + ": " + g.before.summary() +
                                                    " -> " + g.after.summary()) +
             "\" type=\"" + xml_escape(std::string(to_string(g.kind))) + "\">" + xml_escape(body) + "</failure>\n";
    out += "      <system-out>" + xml_escape(body) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

std::string to_markdown(const model_diff& d) {
  using namespace diff_report_impl;
  std::string out;
  for (const auto& c : d.changes) {
    out += "- **" + std::string(to_string(c.kind)) + "** " + c.type + " " + md_code(c.label()) + "\n";
    if (c.kind != resource_change_kind::changed) continue;
    for (const auto& a : c.attributes)
      out += "  - " + a.attribute + ": " + md_code(shown(a.before)) + " → " + md_code(shown(a.after)) + "\n";
    for (const auto& r : c.removed) out += "  - removed " + md_code(r) + "\n";
    for (const auto& a : c.added) out += "  - added " + md_code(a) + "\n";
  }
  if (d.empty()) out += "No resource changed.\n";
  return out;
}

std::string to_markdown(const reachability_diff& d, diff_fail_on fail_on) {
  using namespace diff_report_impl;
  std::string out = "### vpcsim diff: ";
  if (d.groups.empty()) out += "no change to reachability\n\n";
  else {
    out += plural(d.groups.size(), "change", "changes") + " to reachability\n\n";
    out += "| | change | destination | before | after | sources | explained by |\n";
    out += "| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& g : d.groups) {
      std::string sources, explained;
      for (const auto& line : sources_lines(g)) sources += (sources.empty() ? "" : "\n") + line;
      for (std::size_t c : g.explained_by) {
        const auto& change = d.resources.changes[c];
        explained += (explained.empty() ? "" : "\n") + change.type + " " + md_code(change.label());
      }
      out += std::string("| ") + (counts_as_failure(fail_on, g.kind) ? ":x:" : ":information_source:") + " | " +
             std::string(to_string(g.kind)) + " | " + md_cell(g.destination) + " | " + md_cell(g.before.summary()) +
             " | " + md_cell(g.after.summary()) + " | " + md_cell(sources) + " | " +
             md_cell(explained.empty() ? "—" : explained) + " |\n";
    }
    out += "\n";
  }
  out += flow_summary(d) + ".\n";
  if (!d.resources.empty())
    out += "\n<details><summary>" + plural(d.resources.changes.size(), "resource change", "resource changes") +
           "</summary>\n\n" + to_markdown(d.resources) + "\n</details>\n";
  return out;
}

}  // namespace vpcsim::report
