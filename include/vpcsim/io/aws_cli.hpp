#pragma once
/// The AWS CLI importer: `aws ec2 describe-* --output json` captures into a `network`
/// (design.md "Inputs" 1). Every AWS quirk is normalised here.

#include <vpcsim/error.hpp>
#include <vpcsim/limits.hpp>
#include <vpcsim/model/network.hpp>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vpcsim {

struct load_options {
  /// Region for files whose path and availability zones do not name one (`--region`).
  std::string region;
  /// Throw the first error-level diagnostic as an `import_error` instead of collecting it.
  bool strict = false;
  /// Input size and nesting limits (`vpcsim.import.too_large`, `vpcsim.import.too_deep`).
  vpcsim::limits limits;
  /// CloudFormation templates (io/cloudformation.hpp): the account (`--account`), parameter
  /// values (`--parameter`, `--parameters FILE`) and the availability zones `Fn::GetAZs` returns
  /// for the region (`--azs`; default: the built-in table).
  std::string account;
  std::map<std::string, std::string> parameters;
  std::vector<std::string> azs;
  /// Nested stacks (`AWS::CloudFormation::Stack`): the local file of each TemplateURL
  /// (`--template-map URL=FILE`); a relative TemplateURL is read beside its parent without one.
  std::map<std::string, std::string> template_map;
  /// Terraform plans (io/terraform.hpp): load the plan's prior state instead of its planned
  /// after-state (`--before`).
  bool prior_state = false;
  /// Fill `load_result::locations`. A caller that never names a place in the input skips them
  /// (`vpcsim validate`, `matrix --format csv`): for AWS CLI captures they are an ordered map of
  /// every resource, built once every file is read (`huge`: a million, 320 MB of 1.9 GB at peak).
  bool locations = true;
};

/// A loaded network and everything found while loading it.
struct load_result {
  vpcsim::network network;
  std::vector<diagnostic> diagnostics;  ///< in input order: file by file, resource by resource
  /// Resource id -> where the input defines it, for inputs that say (CloudFormation templates:
  /// the resource's line; AWS's implicit parts at their VPC's line; designs: the line and column
  /// of the resource's object and its JSON pointer; AWS CLI captures: the file and the JSON pointer
  /// of the resource's object, `/SecurityGroups/3`, line 0: the SARIF writer finds the line).
  /// Empty for the others.
  std::map<std::string, source_location> locations;
  /// Resource id -> the lint rules the input suppresses on it, as written (a design resource's
  /// `"lint": {"ignore": ["L003"]}`). Empty for inputs that cannot say.
  std::map<std::string, std::vector<std::string>> lint_ignores;

  /// False when any diagnostic is an error: the input cannot be used as it is.
  bool usable() const { return !has_errors(diagnostics); }
};

/// Loads a directory (read recursively; `REGION/` and 12-digit `ACCOUNT/` levels set the scope)
/// or a single file. Top-level keys decide what a file holds; unknown keys are warnings.
load_result load_aws_cli(const std::filesystem::path& input, const load_options& options = {});

/// Loads these files as one capture, each with the scope its path gives. The answer does not
/// depend on their order: the directory form passes them sorted, tests pass them shuffled.
/// `input` labels an empty list's diagnostic.
load_result load_aws_cli_files(std::span<const std::filesystem::path> files, const std::string& input,
                               const load_options& options = {});

/// Loads one describe-* response (or a merged bundle) from its text, checked and parsed as a file's
/// is (standard input, a test's string); `file` labels diagnostics and sets the scope as a path
/// would.
load_result load_aws_cli_text(std::string_view text, const std::string& file, const load_options& options = {});

/// Loads one parsed describe-* response (or a merged bundle); `file` labels diagnostics.
load_result load_aws_cli(const nlohmann::json& document, const std::string& file,
                         const load_options& options = {});

/// Loads several parsed responses as one input, as the files of one directory are (the scope
/// hints of all of them complete each one's): every page of a paginated call, every call's answer.
/// Each pair is (label, document); the label names it in diagnostics and sets the scope as a path
/// would (`us-east-1/vpcs` sets the region).
load_result load_aws_cli(const std::vector<std::pair<std::string, nlohmann::json>>& documents,
                         const load_options& options = {});

}  // namespace vpcsim
