// vpcsim convert INPUT --to native|aws [--out PATH] [--region R]: an AWS CLI capture becomes an
// editable native design; a design becomes describe-* captures other tools read.
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/aws_writer.hpp>
#include <vpcsim/io/design.hpp>

#include <fstream>
#include <iostream>
#include <memory>

namespace vpcsim::cli {

namespace {
struct convert_options {
  std::string input, to, out, region;
  bool force = false;
};
}  // namespace

void add_convert(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = app.add_subcommand("convert", "Convert between AWS CLI captures and the native design format");
  add_limit_options(*cmd);
  cmd->add_option("INPUT", opt->input, input_help)->required();
  cmd->add_option("--to", opt->to, "native (a design) or aws (a directory of describe-* JSON files)")
      ->required()
      ->check(CLI::IsMember({"native", "aws"}));
  cmd->add_option("--out", opt->out, "Output: the design file (default: stdout) or, for aws, the directory to write");
  cmd->add_option("--region", opt->region, "Region for capture files whose path and zones name none");
  cmd->add_flag("--force", opt->force, "With --to aws: replace an earlier capture in --out (its files are removed first)");
  cmd->callback([opt, &ctx] {
    if (opt->to == "aws" && opt->out.empty())
      throw usage_error("vpcsim.cli.missing_out", "--to aws writes a directory of files: give it with --out");
    // A non-empty --out is refused before loading; with --force it is emptied only once the input
    // has loaded, so a bad input leaves the earlier capture as it was.
    if (opt->to == "aws" && !opt->force) prepare_capture_directory(opt->out, false, "convert");
    auto loaded = load_input(opt->input, opt->region);
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    if (opt->to == "aws") {
      prepare_capture_directory(opt->out, opt->force, "convert");
      write_aws_cli(loaded.network, opt->out);
    } else if (opt->out.empty()) {
      std::cout << write_design(loaded.network);
    } else {
      std::ofstream out(opt->out, std::ios::binary);
      out << write_design(loaded.network);
      if (!out.flush()) throw usage_error("vpcsim.convert.unwritable", opt->out + ": cannot write");
    }
    ctx.status = exit_status::ok;
  });
}

}  // namespace vpcsim::cli
