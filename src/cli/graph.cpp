// vpcsim graph INPUT [--from SRC --to DST [--port N] [--protocol P]] [--vpc ID] [--subnet ID]
//                    [--format dot|svg|png] [--out FILE] [--region R]
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/error.hpp>
#include <vpcsim/model/names.hpp>
#include <vpcsim/report/dot.hpp>
#include <vpcsim/sim/solver.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

extern char** environ;

namespace vpcsim::cli {

namespace {

struct graph_options {
  std::string input, from, to, protocol = "tcp", region, vpc, subnet, format, out;
  int port = 443;
};

const std::string no_graphviz = "Graphviz 'dot' not found on PATH; install the graphviz package or use --format dot";

// Without --format, the extension of --out decides; DOT otherwise.
std::string format_for(const std::string& out) {
  const auto ext = std::filesystem::path(out).extension().string();
  if (ext == ".svg") return "svg";
  if (ext == ".png") return "png";
  return "dot";
}

// The first executable `name` on PATH.
std::optional<std::filesystem::path> find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string_view rest(path);
  while (true) {
    const auto colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    if (dir.empty()) dir = ".";  // POSIX: an empty PATH entry is the current directory
    const auto candidate = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate, ec)) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(colon + 1);
  }
}

[[noreturn]] void graphviz_failed(const std::string& why) {
  const std::string code = "vpcsim.graph.graphviz_failed";
  throw error(code, "[" + code + "] " + why);
}

// Pipes `text` into `dot -T<format>`, which writes to `out`, or to our stdout when it is empty.
void render(const std::filesystem::path& dot, const std::string& format, const std::string& text,
            const std::string& out) {
  int fds[2];
  if (::pipe(fds) != 0) graphviz_failed(std::string("cannot create a pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::vector<std::string> args{"dot", "-T" + format};
  if (!out.empty()) args.insert(args.end(), {"-o", out});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();  // dot shares our stdout
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, dot.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[0]);
  if (spawned != 0) {
    ::close(fds[1]);
    graphviz_failed("cannot run " + dot.string() + ": " + std::strerror(spawned));
  }
  // A dot that exits early closes the pipe; its exit status, not SIGPIPE, then says so.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(fds[1], text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fds[1]);
  std::signal(SIGPIPE, previous);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) graphviz_failed(std::string("cannot wait for dot: ") + std::strerror(errno));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    graphviz_failed("Graphviz 'dot -T" + format + "' failed" +
                    (WIFEXITED(status) ? " with exit status " + std::to_string(WEXITSTATUS(status)) : std::string{}));
}

void write_text(const std::string& text, const std::string& out) {
  if (out.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream file(out, std::ios::binary);
  file << text;
  if (!file.flush()) throw usage_error("vpcsim.graph.cannot_write", "cannot write " + out);
}

}  // namespace

void add_graph(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<graph_options>();
  auto* cmd = app.add_subcommand("graph", "Draw the network as a Graphviz picture, with a traced flow highlighted");
  add_limit_options(*cmd);
  cmd->add_option("INPUT", opt->input, input_help)
      ->required();
  auto* from = cmd->add_option("--from", opt->from, "Trace from: as for `vpcsim trace` (an id, a private IPv4 or a name)");
  auto* to = cmd->add_option("--to", opt->to, "Trace to: a destination as for `vpcsim trace`; the path is drawn");
  from->needs(to);
  to->needs(from);
  cmd->add_option("--port", opt->port, "Destination port of the traced flow (default 443)")
      ->check(CLI::Range(0, 65535))
      ->needs(from);
  cmd->add_option("--protocol", opt->protocol, "Protocol of the traced flow: tcp, udp, icmp, icmpv6 or all (default tcp)")
      ->check(CLI::IsMember({"tcp", "udp", "icmp", "icmpv6", "all"}))
      ->needs(from);
  auto* vpc = cmd->add_option("--vpc", opt->vpc, "Draw only this VPC (id or name) and what its routes and endpoints lead to");
  cmd->add_option("--subnet", opt->subnet, "Draw only this subnet (id or name) and what its traffic touches")->excludes(vpc);
  cmd->add_option("--format", opt->format,
                  "dot, svg or png (default: from the --out extension, else dot); svg and png run Graphviz's dot")
      ->check(CLI::IsMember({"dot", "svg", "png"}));
  cmd->add_option("--out", opt->out, "Write to FILE instead of stdout (png needs it when stdout is a terminal)");
  cmd->add_option("--region", opt->region, "Region when the input does not say");
  cmd->callback([opt, &ctx] {
    const std::string format = opt->format.empty() ? format_for(opt->out) : opt->format;
    std::optional<std::filesystem::path> dot;
    if (format != "dot") {
      // PNG is binary: it goes to a file, or to stdout only when that is a pipe or a file.
      if (format == "png" && opt->out.empty() && ::isatty(STDOUT_FILENO))
        throw usage_error("vpcsim.graph.binary_to_terminal",
                          "PNG output is binary and stdout is a terminal; give --out FILE or redirect stdout");
      dot = find_on_path("dot");
      if (!dot) throw usage_error("vpcsim.graph.no_graphviz", no_graphviz);
    }
    auto loaded = load_input(opt->input, opt->region);
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    const solver s(loaded.network);
    // --vpc and --subnet take an id or the name the user gave the resource.
    const std::string vpc_id = opt->vpc.empty() ? "" : resolve<vpcsim::vpc>(loaded.network, opt->vpc, "VPC", "VPCs").value;
    const std::string subnet_id =
        opt->subnet.empty() ? "" : resolve<vpcsim::subnet>(loaded.network, opt->subnet, "subnet", "subnets").value;
    const report::dot_options options{vpc_id, subnet_id, opt->region};
    std::string text;
    if (opt->from.empty()) {
      text = report::to_dot(s.topology(), options);
    } else {
      flow_request req;
      req.from = opt->from;
      req.to = opt->to;
      req.protocol = *protocol::parse(opt->protocol);
      req.port = static_cast<std::uint16_t>(opt->port);
      req.region = opt->region;
      const answer a = s.trace(req);
      text = report::to_dot(s.topology(), a, options);
      ctx.status = a.reachable ? exit_status::ok : exit_status::not_reachable;
    }
    if (format == "dot") write_text(text, opt->out);
    else render(*dot, format, text, opt->out);
  });
}

}  // namespace vpcsim::cli
