#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/cloudformation.hpp>
#include <vpcsim/io/load.hpp>

#include <charconv>
#include <iostream>
#include <string>

namespace vpcsim::cli {

vpcsim::limits& input_limits() {
  static vpcsim::limits current;
  return current;
}

namespace {
/// `--parameter`, `--parameters`, `--account`, `--azs`: how CloudFormation templates are evaluated.
struct template_options {
  std::vector<std::string> parameters, parameter_files, template_map;
  std::string account, azs;
  bool before = false;  ///< Terraform plans: the prior state
};
template_options& cfn_options() {
  static template_options current;
  return current;
}
}  // namespace

void add_limit_options(CLI::App& cmd) {
  auto& lim = input_limits();
  lim = vpcsim::limits{};
  auto& t = cfn_options();
  t = template_options{};
  cmd.add_option("--parameter", t.parameters, "CloudFormation: a template parameter, Key=Value (repeatable)");
  cmd.add_option("--parameters", t.parameter_files,
                 "CloudFormation: a parameters file as `aws cloudformation create-stack --parameters file://` takes it");
  cmd.add_option("--template-map", t.template_map,
                 "CloudFormation: the local file of a nested stack's TemplateURL, URL=FILE (repeatable)");
  cmd.add_option("--account", t.account, "CloudFormation: the account id (AWS::AccountId; default 123456789012); Terraform: the account when the plan does not say");
  cmd.add_option("--azs", t.azs, "CloudFormation: the availability zones Fn::GetAZs returns, comma-separated (default: AWS's for the region)");
  cmd.add_flag("--before", t.before, "Terraform plan: load the plan's prior state instead of its planned after-state");
  cmd.add_option("--max-input-bytes", lim.max_input_bytes,
                 "Largest input file read, in bytes (default " + std::to_string(lim.max_input_bytes) + ")")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--max-json-depth", lim.max_json_depth,
                 "Deepest JSON nesting read, in levels (default " + std::to_string(lim.max_json_depth) + ")")
      ->check(CLI::PositiveNumber);
}

void add_max_hops_option(CLI::App& cmd) {
  cmd.add_option("--max-hops", input_limits().max_hops,
                 "Longest path traced, in hops, before the verdict is LOOP (default " +
                     std::to_string(vpcsim::limits{}.max_hops) + ")")
      ->check(CLI::PositiveNumber);
}

load_result load_any(const std::string& input, const std::string& region, std::optional<bool> prior_state) {
  load_options options;
  options.region = region;
  options.limits = input_limits();
  const auto& t = cfn_options();
  options.account = t.account;
  options.prior_state = prior_state.value_or(t.before);
  for (const auto& f : t.parameter_files) read_parameters_file(f, options.parameters);
  for (const auto& p : t.parameters) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0)
      throw usage_error("vpcsim.cli.bad_parameter", "--parameter '" + p + "' is not Key=Value");
    options.parameters[p.substr(0, eq)] = p.substr(eq + 1);
  }
  for (const auto& m : t.template_map) {
    auto eq = m.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
      throw usage_error("vpcsim.cli.bad_template_map", "--template-map '" + m + "' is not URL=FILE");
    options.template_map[m.substr(0, eq)] = m.substr(eq + 1);
  }
  for (std::size_t start = 0; start < t.azs.size();) {
    auto comma = t.azs.find(',', start);
    auto az = t.azs.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!az.empty()) options.azs.push_back(az);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return vpcsim::load(input, options);
}

load_result load_input(const std::string& input, const std::string& region, std::optional<bool> prior_state) {
  auto r = load_any(input, region, prior_state);
  for (const auto& d : r.diagnostics)
    std::cerr << (d.level == severity::error ? "error: " : d.level == severity::warning ? "warning: " : "note: ")
              << d.to_string() << '\n';
  return r;
}

port_range parse_port_range_option(const std::string& option, const std::string& text) {
  auto number = [&](std::string_view s, std::uint16_t& out) {
    unsigned v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v > 65535) return false;
    out = static_cast<std::uint16_t>(v);
    return true;
  };
  port_range r;
  const auto dash = text.find('-');
  const bool ok = dash == std::string::npos
                      ? number(text, r.from) && (r.to = r.from, true)
                      : number(std::string_view(text).substr(0, dash), r.from) &&
                            number(std::string_view(text).substr(dash + 1), r.to) && r.from <= r.to;
  if (!ok) throw usage_error("vpcsim.cli.bad_port_range", option + " '" + text + "' is not a port or a range A-B within 0-65535");
  return r;
}

}  // namespace vpcsim::cli
