// `vpcsim check` results as text and JUnit XML.
#include "escape.hpp"

#include <vpcsim/report/intents.hpp>
#include <vpcsim/report/text.hpp>

namespace vpcsim::report {

namespace {

using detail::xml_escape;

std::string flow_label(const intent_result& r) {
  const auto& i = r.intent;
  const bool ports = i.protocol.has_ports();
  return with_name(r.source, r.answer.from_name) + " -> " + i.to + " (" + i.protocol.name() + (ports ? " " + std::to_string(i.port) : "") +
         (i.ip_version ? ", IPv" + std::to_string(i.ip_version) : "") + ")";
}

// The test case name: the intent's name, with the source when the selector expanded to it.
std::string case_name(const intent_result& r) {
  return r.source == r.intent.from ? r.intent.name
                                   : r.intent.name + " [" + with_name(r.source, r.answer.from_name) + "]";
}

}  // namespace

std::string summary(const check_report& report) {
  return std::to_string(report.passed()) + " passed, " + std::to_string(report.failed()) + " failed";
}

std::string to_text(const check_report& report) {
  std::string out;
  for (const auto& r : report.results)
    out += std::string(r.passed ? "PASS" : "FAIL") + "  " + r.intent.name + ": " + flow_label(r) + ": " + r.reason + "\n";
  out += summary(report) + "\n";
  return out;
}

std::string to_junit(const check_report& report, const std::string& suite) {
  const std::string counts = " tests=\"" + std::to_string(report.results.size()) + "\" failures=\"" +
                             std::to_string(report.failed()) + "\" errors=\"0\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + xml_escape(suite) + "\"" + counts + ">\n";
  out += "  <testsuite name=\"" + xml_escape(suite) + "\"" + counts + " skipped=\"0\">\n";
  for (const auto& r : report.results) {
    out += "    <testcase name=\"" + xml_escape(case_name(r)) + "\" classname=\"vpcsim.check." + xml_escape(suite) +
           "\" time=\"0\">\n";
    const std::string trace = to_text(r.answer);
    if (!r.passed) {
      const auto& b = r.answer.blocked;
      std::string body = flow_label(r) + ": " + r.reason + "\n";
      if (b && !r.answer.reachable) body += "fix: " + b->fix + "\n";
      body += "\n" + trace;
      out += "      <failure message=\"" + xml_escape(r.reason) + "\" type=\"" +
             xml_escape(b && !r.answer.reachable ? b->code : std::string("EXPECTATION")) + "\">" + xml_escape(body) +
             "</failure>\n";
    }
    out += "      <system-out>" + xml_escape(trace) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace vpcsim::report
