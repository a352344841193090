// vpcsim trace INPUT --from SRC --to DST [--port N] [--protocol P] [--region R] [--format text|json]
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/answer_json.hpp>
#include <vpcsim/report/text.hpp>
#include <vpcsim/sim/solver.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace vpcsim::cli {

namespace {
struct trace_options {
  std::string input, from, to, protocol = "tcp", region, format = "text", action, resource, client_ports;
  int port = 443;
  bool explain = false;
};
}  // namespace

void add_trace(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<trace_options>();
  auto* cmd = app.add_subcommand("trace", "Trace a flow: does it arrive, by which path, and if not, which rule stops it");
  add_limit_options(*cmd);
  cmd->add_option("INPUT", opt->input, "AWS CLI capture: a directory of describe-* JSON files, or one file")->required();
  cmd->add_option("--from", opt->from, "Source: instance id, network interface id, or a private IPv4 of one")->required();
  cmd->add_option("--to", opt->to,
                  "Destination: service (s3, dynamodb, ecr.api, ecr.dkr, com.amazonaws.REGION.X), ecr (image pull), "
                  "hostname, IPv4, instance id or ENI id")
      ->required();
  cmd->add_option("--port", opt->port, "Destination port (default 443)")->check(CLI::Range(0, 65535));
  cmd->add_option("--protocol", opt->protocol, "tcp, udp, icmp or all (default tcp)")
      ->check(CLI::IsMember({"tcp", "udp", "icmp", "all"}));
  cmd->add_option("--region", opt->region, "Region when the input does not say");
  cmd->add_option("--format", opt->format, "text or json (default text)")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--action", opt->action, "IAM action for endpoint policies (default: any action of the service)");
  cmd->add_option("--resource", opt->resource, "Resource ARN for endpoint policies (default: *)");
  cmd->add_flag("--explain", opt->explain, "After the verdict, explain each hop in plain sentences with its AWS rule");
  add_max_hops_option(*cmd);
  cmd->add_option("--client-ports", opt->client_ports,
                  "The client's ephemeral port range for return traffic (default 32768-60999, Linux)");
  cmd->callback([opt, &ctx] {
    auto loaded = load_input(opt->input, opt->region);
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    flow_request req;
    req.from = opt->from;
    req.to = opt->to;
    req.protocol = *protocol::parse(opt->protocol);
    req.port = static_cast<std::uint16_t>(opt->port);
    req.region = opt->region;
    req.max_hops = input_limits().max_hops;
    if (!opt->action.empty()) req.action = opt->action;
    if (!opt->resource.empty()) req.resource = opt->resource;
    if (!opt->client_ports.empty()) req.client_ports = parse_port_range_option("--client-ports", opt->client_ports);
    const answer a = solver(loaded.network).trace(req);
    if (opt->format == "json") std::cout << to_json(a).dump(2) << '\n';
    else std::cout << report::to_text(a, opt->explain);
    ctx.status = a.reachable ? exit_status::ok : exit_status::not_reachable;
  });
}

}  // namespace vpcsim::cli
