#pragma once
/// The Terraform importer (design.md "Inputs" 4): the JSON of `terraform show -json PLANFILE` (a
/// plan) and of `terraform show -json` (a state), format versions 0.1 to 1.x. Its AWS resources are
/// mapped onto a native design, so the AWS defaults a deployment creates are implied as for any
/// design. Resources are named by their Terraform addresses (`module.vpc.aws_subnet.private[0]`,
/// the `terraform:address` tag); links the plan leaves unknown until apply are rebuilt from the
/// configuration's expression references (TF-1).

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/design.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace vpcsim {

/// Whether `path` is a Terraform plan or state JSON file: a `.json` file whose top level has
/// `format_version` with `planned_values`, `resource_changes` or `values`. False for directories.
bool is_terraform_file(const std::filesystem::path& path);

/// Whether `path` is a Terraform plan (a file `is_terraform_file` takes whose top level has
/// `planned_values` or `resource_changes`), not a state.
bool is_terraform_plan(const std::filesystem::path& path);

/// Loads a plan (its planned after-state, or with `options.prior_state` its prior state) or a
/// state. `options.region` and `options.account` apply when the file does not say (defaults
/// us-east-1, 123456789012). Never throws for bad input: problems are diagnostics
/// (`vpcsim.terraform.*`) naming the file, the JSON pointer and the resource address.
design_result load_terraform(const std::filesystem::path& file, const load_options& options = {});
/// Loads plan or state text; `file` labels diagnostics.
design_result load_terraform_text(std::string_view text, const std::string& file, const load_options& options = {});

}  // namespace vpcsim
