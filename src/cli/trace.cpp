// vpcsim trace INPUT --from SRC --to DST [--port N] [--protocol P] [--region R] [--format text|json]
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/report/text.hpp>
#include <vpcsim/sim/solver.hpp>
#include <vpcsim/sim/workload.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace vpcsim::cli {

namespace {
struct trace_options {
  std::string input, from, to, protocol = "tcp", region, format = "text", action, resource, client_ports, sgs;
  int port = 443;
  int ip_version = 0;  // --ip-version: 0, 4 or 6 (DNS-14)
  bool explain = false;
};

}  // namespace

void add_trace(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<trace_options>();
  auto* cmd = app.add_subcommand("trace", "Trace a flow: does it arrive, by which path, and if not, which rule stops it");
  add_limit_options(*cmd);
  cmd->add_option("INPUT", opt->input, input_help)->required();
  cmd->add_option("--from", opt->from,
                  "Source: instance id, network interface id, a private IPv4 or an IPv6 address of one, a name or logical id, a workload "
                  "(ECS service, Auto Scaling group, Lambda function, ...: one answer per subnet), subnet:NAME, or a public IPv4 "
                  "or IPv6 address outside every VPC: a flow from the internet, to an instance's public IPv4 or IPv6 address")
      ->required();
  cmd->add_option("--sg", opt->sgs, "With --from subnet:NAME: the security groups of the hypothetical interface, comma-separated");
  cmd->add_option("--to", opt->to,
                  "Destination: service (s3, dynamodb, ecr.api, ecr.dkr, com.amazonaws.REGION.X), ecr (image pull), "
                  "hostname, IPv4, IPv6 (the flow is then IPv6: IPv6 routes, rules and entries only), an instance or ENI by id or name")
      ->required();
  cmd->add_option("--port", opt->port, "Destination port (default 443)")->check(CLI::Range(0, 65535));
  cmd->add_option("--protocol", opt->protocol, "tcp, udp, icmp, icmpv6 (IPv6 destinations) or all (default tcp)")
      ->check(CLI::IsMember({"tcp", "udp", "icmp", "icmpv6", "all"}));
  cmd->add_option("--ip-version", opt->ip_version,
                  "4 or 6: the family of the destination name's answer (6: the AAAA of a dual-stack interface "
                  "endpoint, an instance's IPv6 address)")
      ->check(CLI::IsMember({4, 6}));
  cmd->add_option("--region", opt->region, "Region when the input does not say");
  cmd->add_option("--format", opt->format, "text or json (default text)")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--action", opt->action, "IAM action for endpoint policies (default: any action of the service)");
  cmd->add_option("--resource", opt->resource, "Resource ARN for endpoint policies (default: *)");
  cmd->add_flag("--explain", opt->explain, "After the verdict, explain each hop in plain sentences with its AWS rule");
  add_max_hops_option(*cmd);
  cmd->add_option("--client-ports", opt->client_ports,
                  "The client's ephemeral port range for return traffic (default 32768-60999, Linux)");
  cmd->callback([opt, &ctx] {
    kept_until_exit kept;
    const auto& loaded = kept.hold(load_input(opt->input, opt->region));
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    inputs_read();
    flow_request req;
    req.from = opt->from;
    req.to = opt->to;
    req.protocol = *protocol::parse(opt->protocol);
    req.port = static_cast<std::uint16_t>(opt->port);
    req.region = opt->region;
    req.ip_version = opt->ip_version;
    req.max_hops = input_limits().max_hops;
    if (!opt->action.empty()) req.action = opt->action;
    if (!opt->resource.empty()) req.resource = opt->resource;
    if (!opt->client_ports.empty()) req.client_ports = parse_port_range_option("--client-ports", opt->client_ports);
    // A workload, or a hypothetical interface in a subnet: one representative interface per subnet,
    // one answer each; the verdict is the worst.
    std::optional<workload> w;
    if (opt->from.rfind("subnet:", 0) == 0) {
      w = workload{};
      w->name = opt->from;
      w->type = "hypothetical interface";
      w->subnets.push_back(find_subnet(loaded.network, opt->from.substr(7)));
      const auto* sn = loaded.network.find(w->subnets.front());
      for (std::size_t start = 0; start < opt->sgs.size();) {
        auto comma = opt->sgs.find(',', start);
        auto name = opt->sgs.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!name.empty()) w->security_groups.push_back(find_security_group(loaded.network, name, sn->vpc));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (const auto* found = loaded.network.find_workload(opt->from)) {
      w = *found;
      if (!opt->sgs.empty()) throw usage_error("vpcsim.cli.bad_option", "--sg goes with --from subnet:NAME; workload " + w->name + " has its own groups");
    } else if (!opt->sgs.empty()) {
      throw usage_error("vpcsim.cli.bad_option", "--sg goes with --from subnet:NAME");
    }
    if (!w) {
      const answer a = kept.hold(solver(loaded.network, loaded.locations)).trace(req);
      if (opt->format == "json") {
        std::string text;
        append_json(text, a, 2);
        std::cout << text << '\n';
      }
      else std::cout << report::to_text(a, opt->explain);
      ctx.status = a.reachable ? exit_status::ok : exit_status::not_reachable;
      return;
    }
    network& placed = kept.hold(network(loaded.network));
    const auto sources = place_workload(placed, *w);
    const solver& s = kept.hold(solver(placed, loaded.locations));
    bool all = true;
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& src : sources) {
      req.from = src.interface.value;
      const answer a = s.trace(req);
      all = all && a.reachable;
      const subnet* where = placed.find(src.subnet);
      const std::string subnet_name = where ? display_name(*where) : std::string{};
      if (opt->format == "json") {
        auto j = to_json(a);
        j["workload"] = {{"name", w->name}, {"type", w->type}, {"subnet", src.subnet.value}};
        if (!subnet_name.empty()) j["workload"]["subnet_name"] = subnet_name;
        answers.push_back(std::move(j));
      } else {
        std::cout << "== " << w->name << " (" << w->type << ") in " << with_name(src.subnet.value, subnet_name) << ", as " << src.interface.value << " "
                  << src.address.to_string() << '\n'
                  << report::to_text(a, opt->explain);
      }
    }
    if (opt->format == "json") std::cout << answers.dump(2) << '\n';
    else std::cout << (all ? "ALL REACHABLE" : "NOT REACHABLE from every subnet") << " (" << sources.size() << " subnet"
                   << (sources.size() == 1 ? "" : "s") << ")\n";
    ctx.status = all ? exit_status::ok : exit_status::not_reachable;
  });
}

}  // namespace vpcsim::cli
