// vpcsim exercise check DIR [--design FILE]: runs a learner's design against an exercise's
// expected answers and says, flow by flow, what is still wrong.
#include "commands.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/exercise.hpp>
#include <vpcsim/sim/solver.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace vpcsim::cli {

namespace {

struct exercise_options {
  std::string dir, design;
};

// The id of an instance or network interface the design names so, else the text itself (an
// id, an address or a service).
std::string resolve(const design_result& d, const std::string& name) {
  for (const auto& [id, n] : d.names)
    if (n == name && (id.starts_with("i-") || id.starts_with("eni-"))) return id;
  return name;
}

std::string describe(const answer& a, const design_result& d) {
  if (a.reachable) return "reachable" + (a.via ? " via " + *a.via : std::string{});
  if (!a.blocked) return "not reachable";
  return "blocked: " + a.blocked->code + " at " + d.name_of(a.blocked->component);
}

std::string describe(const exercise_flow& f) {
  if (f.reachable) return "reachable" + (f.via ? " via " + *f.via : std::string{});
  std::string out = "blocked";
  if (f.code) out += ": " + *f.code;
  if (f.component) out += (f.code ? " at " : ": at ") + *f.component;
  return out;
}

// The answer matches when the verdict does and every expected detail does.
bool matches(const exercise_flow& f, const answer& a, const design_result& d) {
  if (a.reachable != f.reachable) return false;
  if (f.reachable) {
    if (!f.via) return true;
    if (a.via == f.via) return true;
    // A composite (`ecr`) carries `via` on its legs: each must match.
    if (a.legs.empty()) return false;
    for (const auto& leg : a.legs)
      if (leg.via != f.via) return false;
    return true;
  }
  if (!a.blocked) return false;
  if (f.code && a.blocked->code != *f.code) return false;
  if (f.component && d.name_of(a.blocked->component) != *f.component && a.blocked->component != *f.component) return false;
  return true;
}

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
    const solver s(design.loaded.network);
    std::size_t right = 0;
    std::cout << ex.title << "\n\n";
    for (const auto& f : ex.flows) {
      flow_request req;
      req.from = resolve(design, f.from);
      req.to = resolve(design, f.to);
      auto proto = protocol::parse(f.protocol);
      if (!proto) throw usage_error("vpcsim.exercise.bad_value", (dir / "expected.json").generic_string() + " " + f.pointer + ": protocol '" + f.protocol + "'");
      req.protocol = *proto;
      req.port = f.port;
      const answer a = s.trace(req);
      const bool ok = matches(f, a, design);
      right += ok;
      std::cout << (ok ? "ok     " : "WRONG  ") << f.from << " -> " << f.to << " " << f.protocol << "/" << f.port << ": "
                << describe(a, design) << '\n';
      if (!ok) {
        std::cout << "       expected " << describe(f) << '\n';
        if (a.blocked) std::cout << "       " << a.blocked->message << '\n';
        std::cout << "       hint: " << f.why << '\n';
      }
    }
    std::cout << '\n' << right << " of " << ex.flows.size() << " answers as expected"
              << (right == ex.flows.size() ? ": solved\n" : "\n");
    ctx.status = right == ex.flows.size() ? exit_status::ok : exit_status::not_reachable;
  });
}

}  // namespace vpcsim::cli
