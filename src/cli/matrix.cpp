// vpcsim matrix INPUT [--from SELECTOR,...] [--to DST,...] [--port N] [--protocol P]
//                     [--format text|csv|json|jsonl] [--jobs N] [--shard i/n] [--paths] [--region R]
//                     [--timings]
#include "commands.hpp"
#include "load.hpp"

#include <vpcsim/report/matrix_json.hpp>
#include <vpcsim/report/matrix.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/workload.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <memory>

namespace vpcsim::cli {

namespace {

struct matrix_options {
  std::string input, protocol = "tcp", region, format = "text", shard;
  std::vector<std::string> from, to = default_matrix_destinations();
  int port = 443;
  int ip_version = 0;  // --ip-version: 0, 4 or 6 (DNS-14)
  unsigned jobs = 0;
  bool paths = false;
  bool timings = false;
};

// Wall time of each step, printed on stderr by --timings: `import 2.91 s, sources 0.05 s, …`.
class stopwatch {
 public:
  void lap(const char* step, std::string note = {}) {
    const auto now = std::chrono::steady_clock::now();
    laps_.push_back({step, std::chrono::duration<double>(now - last_).count(), std::move(note)});
    last_ = now;
  }
  void print(const std::string& note = {}) const {
    double total = 0;
    std::fprintf(stderr, "timings:");
    for (const auto& l : laps_) {
      std::fprintf(stderr, " %s %.3f s%s,", l.step, l.seconds, l.note.c_str());
      total += l.seconds;
    }
    std::fprintf(stderr, " total %.3f s, %.3f s after import%s\n", total, total - laps_.front().seconds, note.c_str());
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  struct lap_time {
    const char* step;
    double seconds;
    std::string note;  // after the time: `flows 0.030 s (1,234 classes for 48,000 sources)`
  };
  std::vector<lap_time> laps_;
};

// A progress bar on stderr, only when stderr is a terminal and the run has lasted a second.
class progress_bar {
 public:
  progress_bar() : tty_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}
  ~progress_bar() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

  void operator()(std::size_t done, std::size_t total) {
    if (!tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || (now - last_ < std::chrono::milliseconds(100) && done != total)) return;
    last_ = now;
    shown_ = true;
    constexpr std::size_t width = 40;
    const std::size_t filled = width * done / total;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << total
              << " flows" << std::flush;
  }

 private:
  bool tty_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_{};
};

// 48000 -> "48,000".
std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

void add_matrix(CLI::App& app, context& ctx) {
  auto opt = std::make_shared<matrix_options>();
  auto* cmd = app.add_subcommand("matrix", "Trace every source to every destination on a thread pool");
  add_limit_options(*cmd);
  add_max_hops_option(*cmd);
  cmd->add_option("INPUT", opt->input, input_help)->required();
  cmd->add_option("--from", opt->from,
                  "Sources, comma-separated or repeated: instance id or name, ENI id, subnet id or name (every instance in "
                  "it), tag:Key=Value (default: every instance)")
      ->delimiter(',');
  cmd->add_option("--to", opt->to, "Destinations as trace takes them, comma-separated (default s3,dynamodb,ecr)")
      ->delimiter(',');
  cmd->add_option("--port", opt->port, "Destination port (default 443)")->check(CLI::Range(0, 65535));
  cmd->add_option("--protocol", opt->protocol, "tcp, udp, icmp, icmpv6 (IPv6 destinations) or all (default tcp)")
      ->check(CLI::IsMember({"tcp", "udp", "icmp", "icmpv6", "all"}));
  cmd->add_option("--ip-version", opt->ip_version, "4 or 6: the family of the destination names' answers")
      ->check(CLI::IsMember({4, 6}));
  cmd->add_option("--format", opt->format,
                  "text, csv, json (one array of answers) or jsonl (one answer per line) (default text)")
      ->check(CLI::IsMember({"text", "csv", "json", "jsonl"}));
  cmd->add_option("--jobs", opt->jobs, "Threads (default: one per core)")->check(CLI::Range(0u, 1024u));
  cmd->add_option("--shard", opt->shard, "Only the i-th of n contiguous parts of the sources (i/n, 1-based)");
  cmd->add_flag("--paths", opt->paths, "Keep each answer's path in --format json and jsonl");
  cmd->add_option("--region", opt->region, "Region when the input does not say");
  cmd->add_flag("--timings", opt->timings,
                "Print on stderr the wall time of each step: import, sources, compile (the rest of building the "
                "tables of text and csv, which starts with sources; the solver's indexes for json and jsonl), then "
                "for text flows (with the number of equivalence classes of sources walked) and output; for csv one "
                "step, flows and output, each batch of rows written when done (with the number of classes); for "
                "json and jsonl one step, flows and output, written as answered (with the threads' time answering "
                "and writing JSON)");
  cmd->callback([opt, &ctx] {
    const shard_spec shard = opt->shard.empty() ? shard_spec{} : parse_shard(opt->shard);
    stopwatch clock;
    kept_until_exit kept;
    const bool json = opt->format == "json" || opt->format == "jsonl";
    // Only full answers name places in the input (fixes in a design's own terms).
    auto& loaded = kept.hold(load_input(opt->input, opt->region, std::nullopt, /*locations=*/json));
    clock.lap("import");
    if (!loaded.usable()) {
      ctx.status = exit_status::bad_input;
      return;
    }
    place_workloads(loaded.network);  // `--from NAME` of an ECS service, Lambda function, ...
    inputs_read();
    const network& net = loaded.network;
    // The compiled tables are built on a second thread while the sources are listed (and, for
    // json, while the solver indexes names).
    auto compiled = std::async(std::launch::async, [&net] { return std::make_unique<compiled_network>(net); });
    const std::vector<std::string> sources = select_sources(net, opt->from);

    matrix_request req;
    req.sources = shard_sources(sources, shard);
    req.destinations = opt->to;
    req.protocol = *protocol::parse(opt->protocol);
    req.ip_version = opt->ip_version;
    req.port = static_cast<std::uint16_t>(opt->port);
    req.region = opt->region;
    req.max_hops = input_limits().max_hops;
    req.paths = opt->paths;
    clock.lap("sources");
    progress_bar bar;
    const auto report = [&bar](std::size_t done, std::size_t total) { bar(done, total); };
    if (json) {
      // Full answers (messages, fixes, warnings, --paths) from the solver, each written as soon as it
      // and the cells before it are answered: the whole result is never held.
      // Fixes in the input's own terms (design.md `changes`); the names are indexed while the
      // tables finish compiling on the other thread.
      const solver& s = kept.hold(solver(net, std::move(loaded.locations), std::move(compiled)));
      const matrix_answers answers(s, req, opt->jobs);  // each source and destination resolved once
      clock.lap("compile");
      const auto times = write_json_stream(
          std::cout, req, [&answers](std::size_t cell) { return answers(cell); }, opt->paths,
          opt->format == "json" ? matrix_json_layout::array : matrix_json_layout::lines, opt->jobs, report);
      std::cout.flush();
      clock.lap("flows and output");
      char note[128];
      std::snprintf(note, sizeof note, " (threads: answering %.3f s, writing JSON %.3f s)", times.answering,
                    times.writing);
      if (opt->timings) clock.print(note);
    } else if (opt->format == "csv") {
      // Verdicts only, from the compiled engine; each batch of rows written once those before it are.
      std::size_t classes = 0;
      const auto& c = kept.hold(compiled.get());
      clock.lap("compile");
      write_matrix_csv(
          *c, req, [](std::string_view text) { std::cout.write(text.data(), static_cast<std::streamsize>(text.size())); },
          opt->jobs, report, &classes);
      std::cout.flush();
      clock.lap("flows and output",
                " (" + with_thousands(classes) + " classes for " + with_thousands(req.sources.size()) + " sources)");
      if (opt->timings) clock.print();
    } else {  // text prints verdicts and names: the compiled engine gives the same, faster
      matrix_result result;
      {
        const auto& c = kept.hold(compiled.get());
        clock.lap("compile");
        result = run_matrix(*c, req, opt->jobs, report);
      }
      clock.lap("flows", " (" + with_thousands(result.classes) + " classes for " + with_thousands(result.sources.size()) +
                             " sources)");
      std::cout << report::to_text(result);
      std::cout.flush();
      clock.lap("output");
      if (opt->timings) clock.print();
    }
    ctx.status = exit_status::ok;
  });
}

}  // namespace vpcsim::cli
