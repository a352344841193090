#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/cloudformation.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/load.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <string>

namespace vpcsim::cli {

kept_until_exit::~kept_until_exit() {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  while (!kept->empty()) kept->pop_back();
  *kept = std::move(held_);
}

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
  bool strict = false;  // --strict: every warning about the input is an error (exit 2)
};
template_options& cfn_options() {
  static template_options current;
  return current;
}
// INPUT `-`: one document on standard input, a native design (it has "vpcsim": 1) or one AWS CLI
// response (`aws ec2 describe-vpcs | vpcsim show -`). Named `<stdin>` in messages.
load_result load_stdin(const load_options& options) {
  const std::string label = "<stdin>";
  std::string text;
  char buffer[1 << 16];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > options.limits.max_input_bytes)
      return {{}, {diagnostic{severity::error, "vpcsim.import.too_large", label, "", "",
                              "too large: more than " + std::to_string(options.limits.max_input_bytes) +
                                  " bytes (--max-input-bytes)"}}, {}, {}};
  }
  const auto doc = nlohmann::json::parse(text, nullptr, false, true);
  if (!doc.is_discarded() && doc.is_object() && doc.contains("vpcsim")) return load_design_text(text, label, options.limits).loaded;
  if (doc.is_discarded() && text.find("\"vpcsim\"") != std::string::npos)  // a design with a mistake: let it say where
    return load_design_text(text, label, options.limits).loaded;
  if (doc.is_discarded())
    return {{}, {diagnostic{severity::error, "vpcsim.import.not_json", label, "", "",
                            "not JSON: standard input holds neither a design nor an AWS CLI response"}}, {}, {}};
  return load_aws_cli_text(text, label, options);  // read as a file is
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
  cmd.add_flag("--strict", t.strict, "Treat every warning about INPUT as an error (exit 2): for CI");
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

void (*on_inputs_read)() = nullptr;

void inputs_read() {
  if (on_inputs_read) on_inputs_read();
}

load_result load_any(const std::string& input, const std::string& region, std::optional<bool> prior_state,
                     bool locations) {
  load_options options;
  options.region = region;
  options.locations = locations;
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
  auto r = input == "-" ? load_stdin(options) : vpcsim::load(input, options);
  if (!locations) r.locations.clear();  // a design on stdin is read without vpcsim::load
  if (t.strict)
    for (auto& d : r.diagnostics)
      if (d.level == severity::warning) d.level = severity::error;
  return r;
}

load_result load_input(const std::string& input, const std::string& region, std::optional<bool> prior_state,
                       bool locations) {
  auto r = load_any(input, region, prior_state, locations);
  for (const auto& d : r.diagnostics)
    std::cerr << (d.level == severity::error ? "error: " : d.level == severity::warning ? "warning: " : "note: ")
              << d.to_string() << '\n';
  return r;
}

namespace {
namespace fs = std::filesystem;

bool is_account_dir(const fs::directory_entry& e) {
  auto name = e.path().filename().string();
  return e.is_directory() && name.size() == 12 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// An empty or absent DIR is written; a non-empty one only with --force, and only when it holds
// nothing but account directories (an earlier capture), which are removed first so that no file
// of the earlier network mixes into the new one.
void prepare_capture_directory(const fs::path& dir, bool force, const std::string& command) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  if (!fs::is_directory(dir, ec))
    throw usage_error("vpcsim." + command + ".not_a_directory", dir.generic_string() + " exists and is not a directory");
  std::vector<fs::path> entries;
  bool only_accounts = true;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    entries.push_back(e.path());
    if (!is_account_dir(e)) only_accounts = false;
  }
  if (ec) throw usage_error("vpcsim." + command + ".unreadable", dir.generic_string() + ": cannot read: " + ec.message());
  if (entries.empty()) return;
  if (!force)
    throw usage_error("vpcsim." + command + ".not_empty",
                      dir.generic_string() + " is not empty: give --force to replace the capture in it, or another --out");
  if (!only_accounts)
    throw usage_error("vpcsim." + command + ".not_empty",
                      dir.generic_string() + " holds files other than account directories of an earlier capture: "
                      "--force replaces only such a directory; give another --out");
  for (const auto& p : entries) {
    fs::remove_all(p, ec);
    if (ec) throw usage_error("vpcsim." + command + ".unwritable", p.generic_string() + ": cannot remove: " + ec.message());
  }
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
