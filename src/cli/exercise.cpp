// vpcsim exercise list | show N | reset N | check N [--hint] | solution N: the graded exercises
// (exercise/grade.hpp). An exercise is named by its number (`7`, `07`), its directory name
// (`07-nacl-return-traffic`) or a directory path; the learner's design is `--design FILE`, by
// default `NN-name.jsonc` in the current directory, which `reset` writes.
#include "commands.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/exercise/grade.hpp>
#include <vpcsim/exercise/text.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/exercise.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#ifndef VPCSIM_EXERCISES_DIR
#define VPCSIM_EXERCISES_DIR ""
#endif
#ifndef VPCSIM_INSTALLED_EXERCISES_DIR
#define VPCSIM_INSTALLED_EXERCISES_DIR ""
#endif

namespace vpcsim::cli {

namespace {

namespace fs = std::filesystem;

struct exercise_options {
  std::string which, design, root;
  bool hint = false;
};

// Where the hints a learner has asked for are remembered, per exercise: in the current directory,
// beside the default designs.
constexpr const char* hint_state_file = ".vpcsim-hints.json";

// --exercises, else $VPCSIM_EXERCISES, else the source tree's (a build), else the installed ones.
fs::path exercises_root(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("VPCSIM_EXERCISES"); env && *env) return env;
  std::error_code ec;
  for (const char* dir : {VPCSIM_EXERCISES_DIR, VPCSIM_INSTALLED_EXERCISES_DIR})
    if (*dir && fs::is_directory(dir, ec)) return dir;
  throw usage_error("vpcsim.exercise.no_exercises", "no exercises found: pass --exercises DIR or set VPCSIM_EXERCISES");
}

// The exercise directories (`NN-name`), in order.
std::vector<fs::path> exercise_dirs(const fs::path& root) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    const auto name = e.path().filename().string();
    if (e.is_directory() && name.size() > 3 && std::isdigit(static_cast<unsigned char>(name[0])) &&
        std::isdigit(static_cast<unsigned char>(name[1])) && name[2] == '-' && fs::exists(e.path() / "expected.json"))
      out.push_back(e.path());
  }
  if (ec) throw usage_error("vpcsim.exercise.no_exercises", root.generic_string() + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

fs::path find_exercise(const std::string& which, const std::string& root_option) {
  std::error_code ec;
  if (fs::is_directory(which, ec) && fs::exists(fs::path(which) / "expected.json")) return which;
  const auto root = exercises_root(root_option);
  const auto dirs = exercise_dirs(root);
  const bool by_number =
      !which.empty() && which.size() <= 2 &&
      std::all_of(which.begin(), which.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  const std::string prefix = by_number ? std::string(which.size() == 1 ? "0" : "") + which + "-" : std::string{};
  for (const auto& d : dirs) {
    const auto name = d.filename().string();
    if (name == which || (by_number && name.starts_with(prefix))) return d;
  }
  std::string known;
  for (const auto& d : dirs) known += (known.empty() ? "" : ", ") + d.filename().string();
  throw usage_error("vpcsim.exercise.unknown", "no exercise '" + which + "' in " + root.generic_string() +
                                                   (known.empty() ? "" : "; exercises: " + known));
}

fs::path default_design(const fs::path& dir) { return fs::path(dir.filename().string() + ".jsonc"); }

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw usage_error("vpcsim.exercise.unreadable", file.generic_string() + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json hint_state() {
  std::ifstream in(hint_state_file, std::ios::binary);
  if (!in) return nlohmann::json::object();
  auto j = nlohmann::json::parse(in, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

void save_hint_state(const nlohmann::json& state) {
  std::ofstream out(hint_state_file, std::ios::binary | std::ios::trunc);
  if (!out) throw usage_error("vpcsim.exercise.unwritable", std::string(hint_state_file) + ": cannot write");
  out << state.dump(2) << '\n';
}

design_result load_or_report(const fs::path& file, context& ctx) {
  auto d = load_design(file);
  for (const auto& diag : d.loaded.diagnostics)
    std::cerr << (diag.level == severity::error ? "error: " : "warning: ") << diag.to_string() << '\n';
  if (!d.loaded.usable()) ctx.status = exit_status::bad_input;
  return d;
}

void check(const exercise_options& opt, context& ctx) {
  const fs::path dir = find_exercise(opt.which, opt.root);
  const std::string name = dir.filename().string();
  const auto ex = load_exercise(dir / "expected.json");
  const fs::path design_file = opt.design.empty() ? default_design(dir) : fs::path(opt.design);
  std::error_code ec;
  if (opt.design.empty() && !fs::exists(design_file, ec))
    throw usage_error("vpcsim.exercise.no_design", "no design at " + design_file.generic_string() + ": `vpcsim exercise reset " +
                                                       name + "` writes the starting design there, or pass --design FILE");
  const auto start = load_or_report(dir / "design.jsonc", ctx);
  if (ctx.status == exit_status::bad_input) return;
  const auto design = load_or_report(design_file, ctx);
  if (ctx.status == exit_status::bad_input) return;
  const exercise_report graded = grade(start, design, ex);
  std::cout << report::to_text(graded);
  ctx.status = graded.solved() ? exit_status::ok : exit_status::not_reachable;
  if (graded.solved()) return;
  // Hints are staged: each --hint shows one more, the symptom first; they never come unasked.
  auto state = hint_state();
  std::size_t seen = state.contains(name) && state[name].is_number_unsigned() ? state[name].get<std::size_t>() : 0;
  seen = std::min(seen, ex.hints.size());
  if (opt.hint && seen < ex.hints.size()) {
    ++seen;
    state[name] = seen;
    save_hint_state(state);
  }
  if (opt.hint)
    for (std::size_t i = 0; i < seen; ++i)
      std::cout << "hint " << i + 1 << " of " << ex.hints.size() << ": " << ex.hints[i] << '\n';
  if (seen < ex.hints.size())
    std::cout << "hints: " << seen << " of " << ex.hints.size() << " seen; `vpcsim exercise check " << name
              << " --hint` shows the next\n";
  else if (opt.hint)
    std::cout << "no more hints: `vpcsim exercise solution " << name << "` shows one solution\n";
}

}  // namespace

void add_exercise(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<exercise_options>();
  auto* cmd = app.add_subcommand("exercise", "Graded endpoint-routing exercises: list, show, reset, check, solution");
  cmd->require_subcommand(1);
  auto with_exercise = [&](CLI::App* sub) {
    sub->add_option("EXERCISE", opt->which, "The exercise: its number (7), name (07-nacl-return-traffic) or directory")
        ->required();
  };
  auto with_root = [&](CLI::App* sub) {
    sub->add_option("--exercises", opt->root, "The exercises' directory (default: $VPCSIM_EXERCISES, else the bundled ones)");
  };

  auto* list = cmd->add_subcommand("list", "The exercises: number, level, topic and title");
  with_root(list);
  list->callback([opt] {
    for (const auto& dir : exercise_dirs(exercises_root(opt->root))) {
      const auto ex = load_exercise(dir / "expected.json");
      std::cout << dir.filename().string() << "  " << ex.level << std::string(7 - std::min<std::size_t>(ex.level.size(), 6), ' ')
                << ex.title << "\n    " << ex.topic << '\n';
    }
  });

  auto* show = cmd->add_subcommand("show", "The task of one exercise, and how to start");
  with_exercise(show);
  with_root(show);
  show->callback([opt] {
    const fs::path dir = find_exercise(opt->which, opt->root);
    const auto ex = load_exercise(dir / "expected.json");
    std::cout << read(dir / "README.md") << "\nLevel: " << ex.level << ". Topic: " << ex.topic << "\nStarting design: "
              << (dir / "design.jsonc").generic_string() << "\nStart with `vpcsim exercise reset " << dir.filename().string()
              << "` (writes " << default_design(dir).generic_string() << " here), edit it, then `vpcsim exercise check "
              << dir.filename().string() << "`.\n";
  });

  auto* reset = cmd->add_subcommand("reset", "Write the starting design (again) to --design, by default NN-name.jsonc here, "
                                             "and forget the hints seen");
  with_exercise(reset);
  with_root(reset);
  reset->add_option("--design", opt->design, "Where to write the starting design (default: ./NN-name.jsonc)");
  reset->callback([opt] {
    const fs::path dir = find_exercise(opt->which, opt->root);
    const fs::path target = opt->design.empty() ? default_design(dir) : fs::path(opt->design);
    const std::string text = read(dir / "design.jsonc");
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text)) throw usage_error("vpcsim.exercise.unwritable", target.generic_string() + ": cannot write");
    auto state = hint_state();
    if (state.erase(dir.filename().string()) > 0) save_hint_state(state);
    std::cout << "wrote " << target.generic_string() << ": the starting design of " << dir.filename().string() << '\n';
  });

  auto* check_cmd = cmd->add_subcommand("check", "Grade a design: exit 0 solved, 1 not yet (what is wrong), 2 bad input");
  with_exercise(check_cmd);
  with_root(check_cmd);
  check_cmd->add_option("--design", opt->design, "The design to grade (default: ./NN-name.jsonc, written by reset)");
  check_cmd->add_flag("--hint", opt->hint, "Show the next hint too (they are remembered in ./.vpcsim-hints.json)");
  check_cmd->callback([opt, &ctx] { check(*opt, ctx); });

  auto* solution = cmd->add_subcommand("solution", "Print one solution of an exercise (try first)");
  with_exercise(solution);
  with_root(solution);
  solution->callback([opt] {
    const fs::path dir = find_exercise(opt->which, opt->root);
    const fs::path file = dir.parent_path() / "solutions" / (dir.filename().string() + ".jsonc");
    std::cout << read(file);
  });
}

}  // namespace vpcsim::cli
