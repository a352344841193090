// The vpcsim command line as a function: main.cpp calls it, and so can tests and fuzz targets.
#include "commands.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/version.hpp>

#include <exception>
#include <iostream>

namespace vpcsim::cli {

int run_unguarded(int argc, const char* const* argv) {
  CLI::App app{"vpcsim: offline AWS VPC network simulator", "vpcsim"};
  app.set_version_flag("--version", std::string{vpcsim::version});
  app.require_subcommand(1);
  context ctx;
  add_validate(app, ctx);
  add_show(app, ctx);
  add_trace(app, ctx);
  add_graph(app, ctx);
  add_check(app, ctx);
  add_matrix(app, ctx);
  add_diff(app, ctx);
  add_lint(app, ctx);
  add_convert(app, ctx);
  add_exercise(app, ctx);
  add_generate(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_status::bad_input;
  } catch (const vpcsim::error& e) {
    std::cerr << "vpcsim: " << e.what() << '\n';
    return exit_status::bad_input;
  }
  return ctx.status;
}

int run(int argc, const char* const* argv) {
  try {
    return run_unguarded(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "vpcsim: [vpcsim.internal] " << e.what() << '\n';
    return exit_status::bad_input;
  }
}

}  // namespace vpcsim::cli
