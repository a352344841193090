// `vpcsim show INPUT [--format text|json] [--region R]`: the normalised model, as text
// (report/network.hpp) or JSON (io/model_json's `to_json`).
// Diagnostics go to stderr; an unusable input prints its errors and exits 2.
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/model_json.hpp>
#include <vpcsim/report/network.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace vpcsim::cli {

namespace {

struct show_options {
  std::string input;
  std::string format = "text";
  std::string region;
};

}  // namespace

void add_show(CLI::App& app, context& ctx) {
  auto opts = std::make_shared<show_options>();
  auto* sub = app.add_subcommand("show", "Print the normalised model of an input");
  add_limit_options(*sub);
  sub->add_option("INPUT", opts->input, input_help)->required();
  sub->add_option("--format", opts->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--region", opts->region, "Region for files whose path and zones name none");
  sub->callback([opts, &ctx] {
    auto result = load_any(opts->input, opts->region);
    for (const auto& d : result.diagnostics)
      std::cerr << (d.level == severity::error ? "error: " : d.level == severity::warning ? "warning: " : "note: ")
                << d.to_string() << '\n';
    if (!result.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    if (opts->format == "json") std::cout << to_json(result.network).dump(2) << '\n';
    else report::write_text(result.network, std::cout);
    ctx.status = exit_status::ok;
  });
}

}  // namespace vpcsim::cli
