// `vpcsim validate INPUT [--region R]`: loads the input and reports what it holds and what is
// wrong with it. Everything goes to stdout, because the findings are this command's answer;
// exit 0 when the input is usable, 2 when it is not.
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/report/validation.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <utility>

namespace vpcsim::cli {

namespace {

struct validate_options {
  std::string input;
  std::string region;
};

}  // namespace

void add_validate(CLI::App& app, context& ctx) {
  auto opts = std::make_shared<validate_options>();
  auto* sub = app.add_subcommand("validate", "Load an input and report its resources and problems");
  add_limit_options(*sub);
  sub->add_option("INPUT", opts->input, input_help)->required();
  sub->add_option("--region", opts->region, "Region for files whose path and zones name none");
  sub->callback([opts, &ctx] {
    kept_until_exit kept;
    // The report names places by its diagnostics, never by the resources' locations.
    const auto& result = kept.hold(load_any(opts->input, opts->region, std::nullopt, /*locations=*/false));
    report::write_text(result, std::cout);
    ctx.status = result.usable() ? exit_status::ok : exit_status::bad_input;
  });
}

}  // namespace vpcsim::cli
