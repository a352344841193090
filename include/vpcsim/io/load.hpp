#pragma once
/// One entry point for every input format: a native design, a Terraform plan or state, CloudFormation
/// templates or AWS CLI captures, picked from the
/// path (io/design.hpp `is_design_file`), as every `vpcsim` command reads its INPUT.

#include <vpcsim/io/aws_cli.hpp>

#include <filesystem>

namespace vpcsim {

/// Loads `input` as a native design when `is_design_file(input)`, else as AWS CLI captures with
/// `options`. Bad input is a diagnostic of the result; with `options.strict` the first error is
/// thrown as an `import_error` instead (for designs too).
load_result load(const std::filesystem::path& input, const load_options& options = {});

}  // namespace vpcsim
