#include "aws_import.hpp"
#include "input_limits.hpp"

#include <vpcsim/io/cloudformation.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/io/terraform.hpp>

#include <algorithm>

namespace vpcsim {

namespace {

load_result checked(load_result r, const load_options& options) {
  if (options.strict) {
    const auto first_error = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                          [](const diagnostic& d) { return d.level == severity::error; });
    if (first_error != r.diagnostics.end()) throw import_error(*first_error);
  }
  if (!options.locations) r.locations.clear();
  return r;
}

}  // namespace

load_result load(const std::filesystem::path& input, const load_options& options) {
  // A single file is checked before anything reads it: telling a design from a capture reads it.
  std::error_code ec;
  if (!std::filesystem::is_directory(input, ec)) {
    bool too_large = false;
    if (auto problem = detail::input_file_problem(input, options.limits, too_large)) {
      const std::string file = input.generic_string();
      return checked({{}, {too_large ? detail::aws::messages::too_large(file, *problem)
                                     : detail::aws::messages::unreadable(file, *problem)}, {}, {}},
                     options);
    }
  }
  if (is_terraform_file(input)) return checked(load_terraform(input, options).loaded, options);
  if (is_cloudformation_input(input)) return checked(load_cloudformation(input, options).loaded, options);
  if (!is_design_file(input)) return load_aws_cli(input, options);
  return checked(load_design(input, options.limits).loaded, options);
}

}  // namespace vpcsim
