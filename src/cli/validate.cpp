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

// The loaded input is not freed when the command ends: the process ends right after, and freeing
// a large model costs as much as a quarter of the command (`enterprise`, 48,000 instances: 0.4 s of
// 1.8 s). One result is kept at a time, so a caller that runs commands in one process (the fuzz
// target) frees each when the next replaces it, and the last stays reachable (not a leak).
void keep_until_exit(load_result result) {
  static auto* kept = new std::unique_ptr<load_result>();
  *kept = std::make_unique<load_result>(std::move(result));
}

}  // namespace

void add_validate(CLI::App& app, context& ctx) {
  auto opts = std::make_shared<validate_options>();
  auto* sub = app.add_subcommand("validate", "Load an input and report its resources and problems");
  add_limit_options(*sub);
  sub->add_option("INPUT", opts->input, input_help)->required();
  sub->add_option("--region", opts->region, "Region for files whose path and zones name none");
  sub->callback([opts, &ctx] {
    auto result = load_any(opts->input, opts->region);
    report::write_text(result, std::cout);
    ctx.status = result.usable() ? exit_status::ok : exit_status::bad_input;
    keep_until_exit(std::move(result));
  });
}

}  // namespace vpcsim::cli
