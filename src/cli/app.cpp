// The vpcsim command line as a function: main.cpp calls it, and so can tests and fuzz targets.
#include "commands.hpp"

#include "../model/edit_distance.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/version.hpp>

#include <algorithm>
#include <exception>
#include <string>
#include <iostream>

namespace vpcsim::cli {

int run_unguarded(int argc, const char* const* argv) {
  CLI::App app{"vpcsim: offline AWS VPC network simulator. INPUT is an AWS CLI capture (a directory of describe-* "
               "JSON, or one response; - reads one from stdin), a native design (.json/.jsonc; - too) or a "
               "CloudFormation template; resources may be given by id or by the name the input gives them.",
               "vpcsim"};
  // The version, the commit and the build type, as configured (no network, no git at run time).
  app.set_version_flag("--version", "vpcsim " + std::string{vpcsim::version} + " (commit " + VPCSIM_GIT_COMMIT +
                                        ", " + VPCSIM_BUILD_TYPE + " build)");
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
  add_services(app, ctx);
  add_completion(app, ctx);
  // `vpcsim trcae`: name the subcommand meant, as git does, rather than CLI11's generic refusal.
  const auto subcommands = app.get_subcommands([](const CLI::App*) { return true; });
  if (argc > 1 && argv[1][0] != '-' &&
      std::none_of(subcommands.begin(), subcommands.end(), [&](const CLI::App* sub) { return sub->get_name() == argv[1]; })) {
    std::string best;
    std::size_t best_distance = 3;  // a typo, not another word
    for (const CLI::App* sub : subcommands)
      if (auto d = detail::edit_distance(argv[1], sub->get_name()); d < best_distance) {
        best_distance = d;
        best = sub->get_name();
      }
    std::cerr << "vpcsim: unknown subcommand '" << argv[1] << "'"
              << (best.empty() ? std::string("; run vpcsim --help for the list") : "; did you mean '" + best + "'?") << '\n';
    return exit_status::bad_input;
  }
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
