// vpcsim lint INPUT [--format text|json|sarif] [--region R] [--disable L003,L012] [--severity LEVEL]
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
  std::string input, format = "text", region, severity = "note";
  std::vector<std::string> disable;
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
  cmd->add_option("--disable", opt->disable, "Rules not to count, e.g. L003,L012 (SARIF lists them as suppressed)")
      ->delimiter(',');
  cmd->add_option("--severity", opt->severity, "Report findings of this severity and above: error, warning or note (default)")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  cmd->callback([opt, &ctx] {
    kept_until_exit kept;
    const auto& loaded = kept.hold(load_input(opt->input, opt->region));
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    const solver& s = kept.hold(solver(loaded.network));
    auto findings = lint(s, lint_options{opt->region, loaded.locations});
    lint_selection selection{opt->disable, severity::note, loaded.lint_ignores};
    if (opt->severity == "error") selection.threshold = severity::error;
    else if (opt->severity == "warning") selection.threshold = severity::warning;
    select_findings(findings, selection);
    if (opt->format == "json") std::cout << to_json(findings).dump(2) << '\n';
    else if (opt->format == "sarif") std::cout << to_sarif(findings, opt->input, loaded.locations).dump(2) << '\n';
    else std::cout << report::to_text(findings);
    // Warnings and notes inform; only error findings fail the run.
    ctx.status = has_errors(findings) ? exit_status::not_reachable : exit_status::ok;
  });
}

}  // namespace vpcsim::cli
