// vpcsim lint INPUT [--format text|json|sarif] [--region R]
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/report/lint_json.hpp>
#include <vpcsim/report/lint.hpp>
#include <vpcsim/sim/lint.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace vpcsim::cli {

namespace {
struct lint_cli_options {
  std::string input, format = "text", region;
};
}  // namespace

void add_lint(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<lint_cli_options>();
  auto* cmd = app.add_subcommand("lint", "Find the design mistakes that break endpoint routing: exit 0 without "
                                         "error findings, 1 with any, 2 on bad input");
  add_limit_options(*cmd);
  cmd->add_option("INPUT", opt->input, input_help)->required();
  cmd->add_option("--format", opt->format, "text, json or sarif (default text)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--region", opt->region, "Region when the input does not say");
  cmd->callback([opt, &ctx] {
    auto loaded = load_input(opt->input, opt->region);
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    const solver s(loaded.network);
    const auto findings = lint(s, lint_options{opt->region});
    if (opt->format == "json") std::cout << to_json(findings).dump(2) << '\n';
    else if (opt->format == "sarif") std::cout << to_sarif(findings, opt->input, loaded.locations).dump(2) << '\n';
    else std::cout << report::to_text(findings);
    // Warnings and notes inform; only error findings fail the run.
    ctx.status = has_errors(findings) ? exit_status::not_reachable : exit_status::ok;
  });
}

}  // namespace vpcsim::cli
