#pragma once
/// `vpcsim diff` for people (text, Markdown for a pull-request comment), spreadsheets (CSV) and CI
/// systems (JUnit XML: one test case per group of changed flows).

#include <vpcsim/sim/diff.hpp>

#include <string>

namespace vpcsim::report {

/// One line per resource change and one indented line per item or attribute:
/// `~ security-group sg-0abc (endpoints)` / `    - inbound tcp 443 from 10.0.0.0/16`; then
/// `N resources changed` (`no resource changed`).
std::string to_text(const model_diff& d);

/// The groups (kind, destination, before -> after, sources by subnet (at most ten lines), the
/// resource changes that explain each), then the resource changes, then a summary line.
std::string to_text(const reachability_diff& d, diff_fail_on fail_on);

/// `source,destination,leg,change,before_reachable,before_via,before_blocked_code,`
/// `before_blocked_component,after_reachable,after_via,after_blocked_code,after_blocked_component`,
/// one row per changed flow, RFC 4180 quoting.
std::string to_csv(const reachability_diff& d);

/// JUnit XML: one `testcase` per group, a `failure` when its kind counts under `fail_on`; a single
/// passing case when nothing changed.
std::string to_junit(const reachability_diff& d, diff_fail_on fail_on, const std::string& suite);

/// GitHub-flavoured Markdown for a pull-request comment: a headline, one table row per group, the
/// resource changes in a collapsed section.
std::string to_markdown(const reachability_diff& d, diff_fail_on fail_on);

/// The model diff alone as Markdown.
std::string to_markdown(const model_diff& d);

/// `lost` -> `LOST`, as the text and JUnit reports head a group.
std::string headline(const flow_group& g);

}  // namespace vpcsim::report
