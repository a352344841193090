#include <vpcsim/io/design.hpp>
#include <vpcsim/io/load.hpp>

#include <algorithm>

namespace vpcsim {

load_result load(const std::filesystem::path& input, const load_options& options) {
  if (!is_design_file(input)) return load_aws_cli(input, options);
  load_result r = load_design(input).loaded;
  if (options.strict) {
    const auto first_error = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                          [](const diagnostic& d) { return d.level == severity::error; });
    if (first_error != r.diagnostics.end()) throw import_error(*first_error);
  }
  return r;
}

}  // namespace vpcsim
