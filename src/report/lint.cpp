// Lint findings as text.
#include <vpcsim/report/lint.hpp>
#include <vpcsim/sim/answer.hpp>

#include <algorithm>

namespace vpcsim::report {

namespace {
std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}
}  // namespace

std::string summary(const std::vector<lint_finding>& findings) {
  auto count = [&](severity s) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const lint_finding& f) {
      return f.level == s && f.suppressed.empty();
    }));
  };
  std::string out = plural(count(severity::error), "error") + ", " + plural(count(severity::warning), "warning");
  if (const auto notes = count(severity::note)) out += ", " + plural(notes, "note");
  const auto suppressed = static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](const lint_finding& f) { return !f.suppressed.empty(); }));
  if (suppressed) out += " (" + std::to_string(suppressed) + " suppressed)";
  return out;
}

std::string to_text(const std::vector<lint_finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (!f.suppressed.empty()) continue;  // counted in the summary
    const auto* rule = find_lint_rule(f.rule);
    out += std::string(to_string(f.level)) + " " + f.rule + " " + (rule ? std::string(rule->name) : std::string{}) +
           " at " + with_name(f.resource, f.resource_name) + "\n";
    out += "  " + f.message + "\n";
    out += "  fix: " + f.fix + "\n";
    out += "  aws: " + f.aws_rule + "\n";
  }
  out += summary(findings) + "\n";
  return out;
}

}  // namespace vpcsim::report
