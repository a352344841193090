#pragma once
// Loading an input for a subcommand: diagnostics go to stderr, errors make it unusable.

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/net/ports.hpp>

#include <string>

namespace vpcsim::cli {

/// Loads INPUT with vpcsim::load (a native design or AWS CLI captures), `region` for captures
/// that do not say. Prints nothing.
load_result load_any(const std::string& input, const std::string& region);
/// Loads INPUT as `load_any` does; prints warnings and errors to stderr (`warning: [code] …`).
load_result load_input(const std::string& input, const std::string& region);

/// The id of the one instance, else the one network interface, whose `Name` tag is `text` (a
/// design's name); `text` itself when none or several have it.
std::string id_for_name(const network& n, const std::string& text);

/// Parses `A-B` or `N` for a port-range option; throws usage_error naming the option.
port_range parse_port_range_option(const std::string& option, const std::string& text);

}  // namespace vpcsim::cli
