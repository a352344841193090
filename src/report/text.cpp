#include <vpcsim/report/text.hpp>

#include <algorithm>

namespace vpcsim::report {

namespace {

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

void write_explanation(std::string& out, const answer& a, const std::string& indent) {
  out += indent + "explanation:\n";
  int n = 1;
  for (const auto& h : a.path) {
    if (h.explanation.empty()) continue;
    out += indent + "  " + std::to_string(n++) + ". " + h.explanation + (h.aws_rule.empty() ? "" : " [" + h.aws_rule + "]") + "\n";
  }
  if (a.blocked) out += indent + "  " + std::to_string(n) + ". " + a.blocked->message + ". " + a.blocked->fix + ".\n";
}

void write_one(std::string& out, const answer& a, const std::string& indent, bool explain) {
  out += indent + with_name(a.from, a.from_name) + " -> " + a.to + " (" + a.protocol + (a.protocol == "tcp" || a.protocol == "udp" ? " " + std::to_string(a.port) : "") + ")\n";
  if (!a.resolved.by.empty())
    out += indent + "resolved: " + (a.resolved.address.empty() ? "-" : a.resolved.address) + " (" + a.resolved.by + ")\n";
  if (!a.path.empty()) {
    std::size_t w = 0, wk = 0;
    for (const auto& h : a.path) {
      w = std::max(w, with_name(h.component, h.name).size());
      wk = std::max(wk, h.kind.size() + (h.check.empty() ? 0 : h.check.size() + 1));
    }
    out += indent + "path:\n";
    int n = 1;
    for (const auto& h : a.path) {
      std::string kind = h.kind + (h.check.empty() ? "" : " " + h.check);
      std::string line = indent + "  " + pad(std::to_string(n++) + ".", 4) + (h.direction == "return" ? "<- " : "   ") +
                         pad(with_name(h.component, h.name), w) + "  " + pad(kind, wk) + (h.rule.empty() ? "" : "  " + h.rule);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  if (a.reachable) {
    out += indent + "REACHABLE" + (a.via ? " via " + *a.via : std::string{}) + "\n";
  } else if (a.blocked) {
    out += indent + "NOT REACHABLE: " + a.blocked->code + " at " + with_name(a.blocked->component, a.blocked->component_name) + "\n";
    out += indent + "  rule: " + a.blocked->rule + "\n";
    out += indent + "  why:  " + a.blocked->message + "\n";
    const auto& b = *a.blocked;
    // Under each fix, its change in the input's own terms: the design's edits, or the AWS CLI commands.
    const auto change = [&](std::size_t i, const std::string& under) {
      if (i >= b.changes.size()) return;
      for (const auto& e : b.changes[i].edits)
        out += under + (e.op == "set" ? "set " + e.pointer : "add to " + e.pointer) +
               (e.location.empty() ? "" : " (" + e.location + ")") + ": " + e.entry + "\n";
      for (const auto& c : b.changes[i].commands) out += under + "$ " + c + "\n";
    };
    if (b.fixes.size() <= 1) {
      out += indent + "  fix:  " + b.fix + "\n";
      change(0, indent + "        ");
    } else {  // ranked: the one to try first first
      for (std::size_t i = 0; i < b.fixes.size(); ++i) {
        out += indent + (i == 0 ? "  fix:  " : "        ") + std::to_string(i + 1) + ". " + b.fixes[i] + "\n";
        change(i, indent + "           ");
      }
    }
  } else {
    out += indent + "NOT REACHABLE\n";
  }
  if (explain) write_explanation(out, a, indent);
  if (!a.warnings.empty()) {
    out += indent + "warnings:\n";
    for (const auto& w : a.warnings) out += indent + "  - " + w + "\n";
  }
}

}  // namespace

std::string to_text(const answer& a, bool explain) {
  std::string out;
  if (a.legs.empty()) {
    write_one(out, a, "", explain);
    return out;
  }
  out += with_name(a.from, a.from_name) + " -> " + a.to + " (" + a.resolved.by + ")\n";
  for (std::size_t i = 0; i < a.legs.size(); ++i) {
    out += "\nleg " + std::to_string(i + 1) + " of " + std::to_string(a.legs.size()) + ": " + a.legs[i].to + "\n";
    write_one(out, a.legs[i], "  ", explain);
  }
  out += "\n";
  if (a.reachable) out += "REACHABLE: every leg arrives\n";
  else if (a.blocked) out += "NOT REACHABLE: " + a.blocked->code + " at " + with_name(a.blocked->component, a.blocked->component_name) + "\n";
  else out += "NOT REACHABLE\n";
  return out;
}

}  // namespace vpcsim::report
