#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/load.hpp>

#include <charconv>
#include <iostream>
#include <string>

namespace vpcsim::cli {

vpcsim::limits& input_limits() {
  static vpcsim::limits current;
  return current;
}

void add_limit_options(CLI::App& cmd) {
  auto& lim = input_limits();
  lim = vpcsim::limits{};
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

load_result load_any(const std::string& input, const std::string& region) {
  load_options options;
  options.region = region;
  options.limits = input_limits();
  return vpcsim::load(input, options);
}

load_result load_input(const std::string& input, const std::string& region) {
  auto r = load_any(input, region);
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
