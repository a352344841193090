#pragma once
// Loading an input for a subcommand: diagnostics go to stderr, errors make it unusable.

#include <CLI/CLI.hpp>

#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/limits.hpp>
#include <vpcsim/net/ports.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vpcsim::cli {

/// What every command's INPUT may be, for its --help.
inline constexpr const char* input_help =
    "A native design (.json/.jsonc), AWS CLI captures (a directory of describe-* JSON, or one response), a "
    "CloudFormation template (or a directory of them), or - for one design or AWS response on stdin. Resources "
    "may be named by id or by the names the input gives them";

/// The limits every command loads INPUT with, set by the options `add_limit_options` adds.
vpcsim::limits& input_limits();
/// Adds `--max-input-bytes` and `--max-json-depth` to a command that loads INPUT, and resets
/// `input_limits()` to the defaults (the command line may run more than once in a process).
void add_limit_options(CLI::App& cmd);
/// `--max-hops` (trace, matrix, check): `input_limits().max_hops`, a path longer is a LOOP verdict.
void add_max_hops_option(CLI::App& cmd);

/// Loads INPUT with vpcsim::load (a native design or AWS CLI captures), `region` for captures
/// that do not say. Prints nothing.
/// `prior_state`: for a Terraform plan, its prior state (true) or its after-state (false); unset,
/// as `--before` says. `locations`: fill `load_result::locations` (load_options::locations).
load_result load_any(const std::string& input, const std::string& region, std::optional<bool> prior_state = std::nullopt,
                     bool locations = true);
/// Loads INPUT as `load_any` does; prints warnings and errors to stderr (`warning: [code] …`).
load_result load_input(const std::string& input, const std::string& region, std::optional<bool> prior_state = std::nullopt,
                       bool locations = true);

/// What the executable does once a command has read its inputs and before it builds on them (the
/// compiled tables, the flows); null in other programs that run commands (the fuzz target). The
/// `vpcsim` tool puts mimalloc's new memory on 2 MiB pages then (src/cli/main.cpp).
extern void (*on_inputs_read)();
/// Calls `on_inputs_read`, when set: commands that build tables call it once their inputs are read.
void inputs_read();

/// What a command builds from its inputs (the loaded input, a solver, compiled tables), held so that
/// it is not freed when the command ends: the process ends right after, and freeing a large model
/// costs as much as a quarter of a command (`enterprise`, 48,000 instances: 0.4 s of 1.8 s for
/// `validate`; `huge`: 0.8 s of `matrix`). Declared first in a command, it owns what `hold` is
/// given; when the command ends (or throws) it frees what the previous command kept (a caller that
/// runs commands in one process: the fuzz target), the last held first, and keeps its own,
/// reachable (not a leak).
class kept_until_exit {
 public:
  kept_until_exit() = default;
  kept_until_exit(const kept_until_exit&) = delete;
  kept_until_exit& operator=(const kept_until_exit&) = delete;
  ~kept_until_exit();
  /// Owns `value` until the process ends; hold what refers to a held object after it.
  template <class T>
  T& hold(T value) {
    auto owned = std::make_shared<T>(std::move(value));
    T& ref = *owned;
    held_.push_back(std::move(owned));
    return ref;
  }

 private:
  std::vector<std::shared_ptr<void>> held_;
};

/// Makes `dir` ready for a capture written as ACCOUNT/REGION/*.json (generate, convert --to aws):
/// absent or empty is fine; a non-empty one only with `force` and only when it holds nothing but
/// the account directories of an earlier capture, which are removed so no stale file stays.
/// Throws usage_error `vpcsim.COMMAND.not_empty` (or `.not_a_directory`, `.unwritable`).
void prepare_capture_directory(const std::filesystem::path& dir, bool force, const std::string& command);

/// Parses `A-B` or `N` for a port-range option; throws usage_error naming the option.
port_range parse_port_range_option(const std::string& option, const std::string& text);

}  // namespace vpcsim::cli
