// vpcsim: offline AWS VPC network simulator.
#include "commands.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/version.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"vpcsim: offline AWS VPC network simulator", "vpcsim"};
  app.set_version_flag("--version", std::string{vpcsim::version});
  app.require_subcommand(1);
  vpcsim::cli::context ctx;
  vpcsim::cli::add_validate(app, ctx);
  vpcsim::cli::add_show(app, ctx);
  vpcsim::cli::add_trace(app, ctx);
  vpcsim::cli::add_graph(app, ctx);
  vpcsim::cli::add_check(app, ctx);
  vpcsim::cli::add_matrix(app, ctx);
  vpcsim::cli::add_lint(app, ctx);
  vpcsim::cli::add_convert(app, ctx);
  vpcsim::cli::add_exercise(app, ctx);
  vpcsim::cli::add_generate(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return vpcsim::cli::exit_status::bad_input;
  } catch (const vpcsim::error& e) {
    std::cerr << "vpcsim: " << e.what() << '\n';
    return vpcsim::cli::exit_status::bad_input;
  } catch (const std::exception& e) {
    std::cerr << "vpcsim: [vpcsim.internal] " << e.what() << '\n';
    return vpcsim::cli::exit_status::bad_input;
  }
  return ctx.status;
}
