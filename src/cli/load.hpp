#pragma once
// Loading an input for a subcommand: diagnostics go to stderr, errors make it unusable.

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/net/ports.hpp>

#include <string>

namespace vpcsim::cli {

/// Loads INPUT; prints warnings and errors to stderr (`warning: [code] …`, `error: [code] …`).
load_result load_input(const std::string& input, const std::string& region);

/// Parses `A-B` or `N` for a port-range option; throws usage_error naming the option.
port_range parse_port_range_option(const std::string& option, const std::string& text);

}  // namespace vpcsim::cli
