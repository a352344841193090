// vpcsim check INPUT --intents FILE [--junit OUT.xml] [--format text|json] [--region R]
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/intents_json.hpp>
#include <vpcsim/report/check_json.hpp>
#include <vpcsim/report/intents.hpp>
#include <vpcsim/sim/intents.hpp>
#include <vpcsim/sim/workload.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace vpcsim::cli {

namespace {
struct check_options {
  std::string input, intents, junit, format = "text", region;
};
}  // namespace

void add_check(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<check_options>();
  auto* cmd = app.add_subcommand("check", "Check reachability intents: exit 0 when every intent holds, 1 when one fails");
  add_limit_options(*cmd);
  add_max_hops_option(*cmd);
  cmd->add_option("INPUT", opt->input, input_help)->required();
  cmd->add_option("--intents", opt->intents, "Intents file (JSON): {\"intents\": [{\"name\", \"from\", \"to\", \"expect\", ...}]}")
      ->required();
  cmd->add_option("--junit", opt->junit, "Also write the results as JUnit XML to this file");
  cmd->add_option("--format", opt->format, "text or json (default text)")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--region", opt->region, "Region when the input does not say");
  cmd->callback([opt, &ctx] {
    const auto intents = load_intents(opt->intents);
    kept_until_exit kept;
    auto& loaded = kept.hold(load_input(opt->input, opt->region));
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    place_workloads(loaded.network);  // intents `from` may name an ECS service, Lambda function, ...
    inputs_read();
    const solver& s = kept.hold(solver(loaded.network, loaded.locations));  // fixes in the input's own terms (design.md `changes`)
    check_report report = check(s, intents, opt->region, input_limits().max_hops);
    if (!opt->junit.empty()) {
      std::ofstream out(opt->junit, std::ios::binary);
      out << report::to_junit(report, std::filesystem::path(opt->intents).stem().string());
      if (!out.flush())
        throw usage_error("vpcsim.cli.cannot_write", "cannot write the JUnit report to " + opt->junit);
    }
    if (opt->format == "json") std::cout << to_json(report).dump(2) << '\n';
    else std::cout << report::to_text(report);
    ctx.status = report.failed() == 0 ? exit_status::ok : exit_status::not_reachable;
  });
}

}  // namespace vpcsim::cli
