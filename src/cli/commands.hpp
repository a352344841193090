#pragma once
// One function per subcommand, each in its own file; main.cpp wires them up.

#include <CLI/CLI.hpp>

namespace vpcsim::cli {

/// Exit status contract (design.md): 0 success/reachable, 1 not reachable, 2 bad usage or input.
enum exit_status : int { ok = 0, not_reachable = 1, bad_input = 2 };

/// Runs the `vpcsim` command line on `argv` (argv[0] is the program name) and returns its exit
/// status; usage and input errors are reported on stderr as status 2, never thrown.
int run(int argc, const char* const* argv);
/// `run` without its last resort: an exception other than `vpcsim::error` and CLI11's (an internal
/// error, a bug) propagates instead of becoming `[vpcsim.internal]` and status 2.
int run_unguarded(int argc, const char* const* argv);

/// What a subcommand leaves for main: its exit status.
struct context {
  int status = exit_status::ok;
};

/// `vpcsim validate INPUT`: resource counts per account/region and every diagnostic.
void add_validate(CLI::App& app, context& ctx);
/// `vpcsim show INPUT`: the normalised model as text or JSON.
void add_show(CLI::App& app, context& ctx);
/// `vpcsim trace INPUT --from SRC --to DST`: one flow's verdict, path, blocking rule and fix.
void add_trace(CLI::App& app, context& ctx);
/// `vpcsim graph INPUT [--from SRC --to DST]`: the network as Graphviz DOT/SVG/PNG, a traced path drawn on it.
void add_graph(CLI::App& app, context& ctx);
/// `vpcsim check INPUT --intents FILE`: reachability intents; exit 0 all hold, 1 any fails.
void add_check(CLI::App& app, context& ctx);
/// `vpcsim matrix INPUT`: every source × destination on a thread pool.
void add_matrix(CLI::App& app, context& ctx);
/// `vpcsim diff BEFORE AFTER`: the flows a change breaks or reroutes; exit 1 when any changed.
void add_diff(CLI::App& app, context& ctx);
/// `vpcsim lint INPUT`: design mistakes that break endpoint routing; exit 1 on error findings.
void add_lint(CLI::App& app, context& ctx);
/// `vpcsim convert INPUT --to native|aws [--out PATH]`: AWS CLI captures <-> native designs.
void add_convert(CLI::App& app, context& ctx);
/// `vpcsim exercise check DIR [--design FILE]`: exit 0 when every expected answer holds, 1 when not.
void add_exercise(CLI::App& app, context& ctx);
/// `vpcsim services [--region R]`: the known services, their endpoint types and hostnames.
void add_services(CLI::App& app, context& ctx);
/// `vpcsim completion bash|zsh|fish`: a completion script from the command line's own definition.
void add_completion(CLI::App& app, context& ctx);
/// `vpcsim generate --preset P [--seed N] --out DIR [--force]`: a realistic network as AWS CLI captures.
void add_generate(CLI::App& app, context& ctx);

}  // namespace vpcsim::cli
