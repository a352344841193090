#pragma once
/// `vpcsim check` results for people (one line per intent and source, then `N passed, M failed`)
/// and for CI systems (JUnit XML: one test case per intent and source).

#include <vpcsim/sim/intents.hpp>

#include <string>

namespace vpcsim::report {

/// `PASS  name: source -> to (tcp 443): reason` per result, then `N passed, M failed`.
std::string to_text(const check_report& report);

/// The summary line: `N passed, M failed`.
std::string summary(const check_report& report);

/// JUnit XML (the Jenkins/Ant schema): one `testsuite` named `suite`, one `testcase` per result
/// with a `failure` carrying the reason, the trace and the fix.
std::string to_junit(const check_report& report, const std::string& suite);

}  // namespace vpcsim::report
