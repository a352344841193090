// vpcsim diff BEFORE AFTER [--from SELECTOR,...] [--to DST,...] [--port N] [--protocol P]
//                          [--between-instances] [--format text|json|csv|junit|markdown|sarif]
//                          [--fail-on lost|rerouted|any] [--jobs N] [--region R] [--timings]
// vpcsim diff --resources BEFORE AFTER [--format text|json|markdown]
// vpcsim diff PLAN.json ...: a Terraform plan's prior state -> its planned state
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/terraform.hpp>
#include <vpcsim/report/diff_json.hpp>
#include <vpcsim/report/diff.hpp>
#include <vpcsim/sim/diff.hpp>
#include <vpcsim/sim/workload.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

namespace vpcsim::cli {

namespace {

struct diff_options {
  std::string before, after, protocol = "tcp", region, format = "text", fail_on;
  std::vector<std::string> from, to;
  int port = 443;
  unsigned jobs = 0;
  bool resources = false, between_instances = false, timings = false;
};

diff_fail_on parse_fail_on(const std::string& text) {
  if (text.empty() || text == "any") return diff_fail_on::any;
  return text == "lost" ? diff_fail_on::lost : diff_fail_on::rerouted;  // CLI11 admits only these
}

}  // namespace

void add_diff(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<diff_options>();
  auto* cmd = app.add_subcommand(
      "diff", "What a change does to reachability: the flows whose verdict, via or blocking resource differ between "
              "BEFORE and AFTER, grouped, with the resource changes that explain them; exit 1 when any changed");
  add_limit_options(*cmd);
  add_max_hops_option(*cmd);
  cmd->add_option("BEFORE", opt->before, "The network before the change: AWS CLI captures or a design")->required();
  cmd->add_option("AFTER", opt->after,
                  "The network after the change: AWS CLI captures or a design; left out when BEFORE is a Terraform plan, "
                  "which then means its prior state -> its planned state");
  cmd->add_flag("--resources", opt->resources,
                "Only the model diff: resources added, removed and changed, with their rules, routes and entries");
  cmd->add_option("--from", opt->from,
                  "Sources as matrix takes them (instances, interfaces, workloads such as an ECS service: one interface per "
                  "subnet), comma-separated or repeated (default: every instance)")
      ->delimiter(',');
  cmd->add_option("--to", opt->to, "Destinations as matrix takes them, comma-separated (default s3,dynamodb,ecr)")
      ->delimiter(',');
  cmd->add_option("--port", opt->port, "Destination port (default 443)")->check(CLI::Range(0, 65535));
  cmd->add_option("--protocol", opt->protocol, "tcp, udp, icmp, icmpv6 (IPv6 destinations) or all (default tcp)")
      ->check(CLI::IsMember({"tcp", "udp", "icmp", "icmpv6", "all"}));
  cmd->add_flag("--between-instances", opt->between_instances,
                "Add instance-to-instance flows inside each VPC, one representative instance per subnet (README)");
  cmd->add_option("--format", opt->format, "text, json, csv, junit, markdown or sarif (default text)")
      ->check(CLI::IsMember({"text", "json", "csv", "junit", "markdown", "sarif"}));
  cmd->add_option("--fail-on", opt->fail_on,
                  "Exit 1 only for this kind of change: lost (reachable -> blocked), rerouted (another via) or any")
      ->check(CLI::IsMember({"lost", "rerouted", "any"}));
  cmd->add_option("--jobs", opt->jobs, "Threads (default: one per core)")->check(CLI::Range(0u, 1024u));
  cmd->add_option("--region", opt->region, "Region when the input does not say");
  cmd->add_flag("--timings", opt->timings, "Print on stderr the wall time of the imports and of the diff");
  cmd->callback([opt, &ctx] {
    if (opt->resources && (opt->format == "csv" || opt->format == "junit" || opt->format == "sarif"))
      throw usage_error("vpcsim.diff.bad_format",
                        "--resources prints text, json or markdown; csv, junit and sarif list changed flows");
    if (opt->resources && !opt->fail_on.empty() && opt->fail_on != "any")
      throw usage_error("vpcsim.diff.bad_fail_on",
                        "--fail-on " + opt->fail_on + " concerns flows; with --resources only 'any' applies");
    const diff_fail_on fail_on = parse_fail_on(opt->fail_on);
    const auto start = std::chrono::steady_clock::now();
    // One Terraform plan: its prior state -> its planned after-state.
    const bool one_plan = opt->after.empty();
    if (one_plan && !is_terraform_plan(opt->before))
      throw usage_error("vpcsim.diff.missing_after", "AFTER is required unless BEFORE is a Terraform plan");
    const std::string after_input = one_plan ? opt->before : opt->after;
    kept_until_exit kept;
    auto& before = kept.hold(load_input(opt->before, opt->region, one_plan ? std::optional<bool>(true) : std::nullopt));
    if (!before.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    auto& after = kept.hold(load_input(after_input, opt->region, one_plan ? std::optional<bool>(false) : std::nullopt));
    if (!after.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    inputs_read();
    const auto imported = std::chrono::steady_clock::now();
    std::string text;
    bool failing = false;
    if (opt->resources) {
      const model_diff d = diff_models(before.network, after.network);
      if (opt->format == "json") text = to_json(d, opt->before, after_input).dump(2) + "\n";
      else if (opt->format == "markdown") text = report::to_markdown(d);
      else text = report::to_text(d);
      failing = !d.empty();
    } else {
      // A workload in --from (an ECS service, an Auto Scaling group, ...: `trace --from`) stands
      // for one representative interface per subnet on each side, placed as trace places them.
      const bool from_workload = std::any_of(opt->from.begin(), opt->from.end(), [&](const std::string& f) {
        return before.network.find_workload(f) || after.network.find_workload(f);
      });
      if (from_workload) {
        place_workloads(before.network);
        place_workloads(after.network);
      }
      diff_request req;
      req.from = opt->from;
      req.to = opt->to;
      req.protocol = *protocol::parse(opt->protocol);
      req.port = static_cast<std::uint16_t>(opt->port);
      req.region = opt->region;
      req.max_hops = input_limits().max_hops;
      req.between_instances = opt->between_instances;
      const reachability_diff d = diff_reachability(before.network, after.network, req, opt->jobs);
      if (opt->format == "json") text = to_json(d, opt->before, after_input).dump(2) + "\n";
      else if (opt->format == "csv") text = report::to_csv(d);
      else if (opt->format == "junit") text = report::to_junit(d, fail_on, "vpcsim-diff");
      else if (opt->format == "sarif") text = to_sarif(d, fail_on, after_input, after.locations).dump(2) + "\n";
      else if (opt->format == "markdown") text = report::to_markdown(d, fail_on);
      else text = report::to_text(d, fail_on);
      for (const auto& g : d.groups) failing = failing || counts_as_failure(fail_on, g.kind);
    }
    std::cout << text << std::flush;
    if (opt->timings) {
      const auto done = std::chrono::steady_clock::now();
      std::fprintf(stderr, "timings: imports %.3f s, diff and output %.3f s\n",
                   std::chrono::duration<double>(imported - start).count(),
                   std::chrono::duration<double>(done - imported).count());
    }
    ctx.status = failing ? exit_status::not_reachable : exit_status::ok;
  });
}

}  // namespace vpcsim::cli
