// vpcsim exercise check DIR [--design FILE]: grades a learner's design against an exercise's
// expected answers (exercise/grade.hpp) and prints, flow by flow, what is still wrong.
#include "commands.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/exercise/grade.hpp>
#include <vpcsim/exercise/text.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/exercise.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace vpcsim::cli {

namespace {

struct exercise_options {
  std::string dir, design;
};

}  // namespace

void add_exercise(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<exercise_options>();
  auto* cmd = app.add_subcommand("exercise", "Graded endpoint-routing exercises");
  cmd->require_subcommand(1);
  auto* check = cmd->add_subcommand("check", "Check a design against an exercise's expected answers: exit 0 all correct, 1 not yet");
  check->add_option("DIR", opt->dir, "The exercise directory (design.jsonc, README.md, expected.json)")->required();
  check->add_option("--design", opt->design, "The design to check (default: DIR/design.jsonc)");
  check->callback([opt, &ctx] {
    namespace fs = std::filesystem;
    const fs::path dir = opt->dir;
    const auto ex = load_exercise(dir / "expected.json");
    const fs::path design_file = opt->design.empty() ? dir / "design.jsonc" : fs::path(opt->design);
    const auto design = load_design(design_file);
    for (const auto& d : design.loaded.diagnostics)
      std::cerr << (d.level == severity::error ? "error: " : "warning: ") << d.to_string() << '\n';
    if (!design.loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    const exercise_report graded = grade(design, ex);
    std::cout << report::to_text(graded);
    ctx.status = graded.solved() ? exit_status::ok : exit_status::not_reachable;
  });
}

}  // namespace vpcsim::cli
