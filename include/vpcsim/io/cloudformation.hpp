#pragma once
/// The CloudFormation importer (design.md "Inputs" 3): templates, YAML or JSON, evaluated as a
/// stack creation would evaluate them (parameters, conditions, intrinsic functions), their
/// resources mapped onto the model with the AWS defaults a deployment creates. Resources are
/// named by their logical ids; their ids are generated from them, stable across runs.

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/design.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim {

/// Whether `path` is a CloudFormation template: a file whose text has `AWSTemplateFormatVersion`,
/// or a `Resources` section with `AWS::` types. False for designs and directories.
bool is_cloudformation_file(const std::filesystem::path& path);
/// Whether `path` is a template or a directory holding at least one (and no AWS CLI capture).
bool is_cloudformation_input(const std::filesystem::path& path);

/// Loads one template, or every template of a directory (read recursively, in path order)
/// together: `Fn::ImportValue` resolves against the others' exports. `options.region` defaults
/// to us-east-1 and `options.account` to 123456789012. Never throws for bad input.
design_result load_cloudformation(const std::filesystem::path& input, const load_options& options = {});
/// Loads these templates together.
design_result load_cloudformation(const std::vector<std::filesystem::path>& files, const load_options& options = {});
/// Loads template text; `file` labels diagnostics.
design_result load_cloudformation_text(std::string_view text, const std::string& file, const load_options& options = {});

/// Reads a parameters file in the `aws cloudformation create-stack --parameters` shape
/// (`[{"ParameterKey": "K", "ParameterValue": "V"}, ...]`) into `out`. Throws `import_error`
/// (`vpcsim.cfn.bad_parameters`) naming the file and the JSON pointer.
void read_parameters_file(const std::filesystem::path& file, std::map<std::string, std::string>& out);

}  // namespace vpcsim
