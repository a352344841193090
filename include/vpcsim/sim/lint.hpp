#pragma once
/// Lint: the design mistakes that break endpoint routing, each rule with a stable id, the AWS
/// rules it rests on (docs/aws-semantics.md) and a fix. Rules that are reachability questions ask
/// the solver; the others read the model with the SG, NACL and route evaluators.

#include <vpcsim/error.hpp>
#include <vpcsim/sim/solver.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// A lint rule. Ids never change meaning; retired rules keep their id unused.
struct lint_rule {
  std::string_view id;         ///< `VPCSIM-L001`
  std::string_view name;       ///< `ecr-no-s3-path`
  severity level;              ///< the severity of its findings
  std::string_view aws_rules;  ///< the rule ids of aws-semantics.md it rests on (`ECR-1, ECR-10`)
  std::string_view summary;    ///< what it finds, in one sentence
};

/// Every rule, ordered by id.
const std::vector<lint_rule>& lint_rules();

/// The rule with this id, or nullptr.
const lint_rule* find_lint_rule(std::string_view id);

/// One mistake found in one resource.
struct lint_finding {
  std::string rule;      ///< the rule id (`VPCSIM-L001`)
  severity level = severity::error;
  std::string resource;  ///< the AWS id of the resource to change
  std::string aws_rule;  ///< the aws-semantics.md rule ids behind this finding
  std::string message;   ///< what is wrong, in a sentence
  std::string fix;       ///< what to change
  /// Why the finding is not counted: `inSource` (the input's own `"lint": {"ignore"}` on the
  /// resource) or `external` (`--disable`), SARIF's suppression kinds; empty when it counts.
  std::string suppressed;
  std::string resource_name;  ///< the input's name of `resource` (design name, Name tag, logical id, …)
  /// The finding's identity across runs (SARIF `partialFingerprints`): rule, resource and the
  /// message before names are added, so renaming a resource keeps it. See `finding_fingerprint`.
  std::string fingerprint;

  bool operator==(const lint_finding&) const = default;
};

/// `RULE:RESOURCE:` and an FNV-1a 64 hash of the rule, resource and `message`: stable across
/// runs and machines, distinct for two findings of one rule on one resource.
std::string finding_fingerprint(const std::string& rule, const std::string& resource, const std::string& message);

/// Which findings count (`vpcsim lint --disable --severity`, a design's `"lint": {"ignore"}`).
struct lint_selection {
  std::vector<std::string> disabled;    ///< rule ids, `L003` or `VPCSIM-L003`
  severity threshold = severity::note;  ///< findings less severe than this are dropped
  std::map<std::string, std::vector<std::string>> ignored;  ///< resource id -> rule ids (load_result::lint_ignores)
};

/// Drops the findings below the threshold and marks the disabled (`external`) and the ignored
/// (`inSource`) ones suppressed. Throws `usage_error` (`vpcsim.lint.unknown_rule`) for a rule id
/// that names no rule, with the nearest one.
void select_findings(std::vector<lint_finding>& findings, const lint_selection& selection);

struct lint_options {
  std::string region;  ///< for VPCs whose region the input does not say (`--region`)
  /// Where the input writes each resource (`load_result::locations`). For a design (locations with
  /// a JSON pointer and a line) each fix says which entry to change and how, in the design's own keys, instead
  /// of the AWS CLI command it gives on a capture.
  std::map<std::string, source_location> locations;
};

/// Runs every rule on the solver's network. Findings are ordered by rule id, then resource,
/// then message, so the output is deterministic.
std::vector<lint_finding> lint(const solver& s, const lint_options& options = {});

/// `error`, `warning` or `note` (SARIF's level names too).
std::string_view to_string(severity level) noexcept;

/// Whether any finding that is not suppressed has severity `error`.
bool has_errors(const std::vector<lint_finding>& findings);

}  // namespace vpcsim
