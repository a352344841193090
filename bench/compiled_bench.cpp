// The compiled engine (sim/compiled.hpp) beside the plain solver: single traces on the seed
// example; throughput, matrix and import on the `enterprise` network when
// VPCSIM_BENCH_ENTERPRISE names a directory of its AWS CLI captures
// (`vpcsim generate --preset enterprise --seed 1 --out DIR`); skipped otherwise.
#include <vpcsim/gen/generate.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/solver.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct loaded {
  vpcsim::load_result result;
  vpcsim::compiled_network compiled;
  explicit loaded(const fs::path& dir) : result(vpcsim::load_aws_cli(dir)), compiled(result.network) {}
};

const loaded& seed() {
  static const loaded l(VPCSIM_EXAMPLES_DIR "/ecr-private-subnet");
  return l;
}

// The enterprise captures, or nullptr (and the benchmark is skipped) when not given.
const char* enterprise_dir() {
  const char* dir = std::getenv("VPCSIM_BENCH_ENTERPRISE");
  return dir && *dir && fs::is_directory(dir) ? dir : nullptr;
}

const loaded* enterprise() {
  static const std::unique_ptr<loaded> l = enterprise_dir() ? std::make_unique<loaded>(enterprise_dir()) : nullptr;
  return l.get();
}

void BM_CompiledTrace(benchmark::State& state, const char* to) {
  const auto& c = seed().compiled;
  const auto src = c.source("i-0b11111111111111a", "");
  const auto dst = c.destination(to, src);
  for (auto _ : state) benchmark::DoNotOptimize(c.trace(src, dst, vpcsim::protocol::tcp(), 443));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_CompiledTrace, seed_s3, "s3");
BENCHMARK_CAPTURE(BM_CompiledTrace, seed_ecr_api, "ecr.api");
BENCHMARK_CAPTURE(BM_CompiledTrace, seed_ip, "10.0.3.12");
BENCHMARK_CAPTURE(BM_CompiledTrace, seed_ecr_pull, "ecr");

// Including resolution: what `compiled_network::trace(flow_request)` costs per call.
void BM_CompiledTraceUnprepared(benchmark::State& state, const char* to) {
  const auto& c = seed().compiled;
  vpcsim::flow_request req;
  req.from = "i-0b11111111111111a";
  req.to = to;
  for (auto _ : state) benchmark::DoNotOptimize(c.trace(req));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_CompiledTraceUnprepared, seed_s3, "s3");

void BM_CompileSeed(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(vpcsim::compiled_network(seed().result.network));
}
BENCHMARK(BM_CompileSeed);

// Mixed destinations on enterprise: services and other instances' addresses (IPv6: other
// instances' and an internet address), sources and destinations drawn at random (fixed seed),
// resolved before timing; one thread.
void enterprise_throughput(benchmark::State& state, bool ipv6) {
  const auto* e = enterprise();
  if (!e) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  const auto& c = e->compiled;
  const auto& net = e->result.network;
  const auto ids = vpcsim::all_instance_sources(net);
  std::mt19937_64 rng(42);
  std::vector<std::string> addresses;
  if (ipv6) {
    for (const auto& [id, eni] : net.all<vpcsim::network_interface>())
      for (const auto& a : eni.ipv6_addresses) addresses.push_back(a.to_string());
  } else {
    for (const auto& [id, inst] : net.all<vpcsim::instance>())
      if (inst.private_ip) addresses.push_back(inst.private_ip->to_string());
  }
  if (addresses.empty()) {
    state.SkipWithError("the network has no IPv6 addresses (vpcsim generate --dual-stack)");
    return;
  }
  // IPv6: other instances and an address on the internet (egress-only or internet gateway).
  const std::vector<std::string> services =
      ipv6 ? std::vector<std::string>{"2600:9000:2000::10"} : std::vector<std::string>{"s3", "dynamodb", "ecr.api", "ecr.dkr"};
  struct flow {
    vpcsim::compiled_source src;
    vpcsim::compiled_destination dst;
  };
  std::vector<flow> flows;
  constexpr std::size_t n = 4096;
  while (flows.size() < n) {
    const auto& from = ids[rng() % ids.size()];
    const std::string to = rng() % 2 ? services[rng() % services.size()] : addresses[rng() % addresses.size()];
    try {
      auto src = c.source(from, "");
      auto dst = c.destination(to, src);
      flows.push_back({std::move(src), std::move(dst)});
    } catch (const vpcsim::error&) {
    }
  }
  std::size_t i = 0, reachable = 0;
  for (auto _ : state) {
    const auto& f = flows[i++ % n];
    const auto v = c.trace(f.src, f.dst, vpcsim::protocol::tcp(), 443);
    reachable += v.reachable;
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["reachable_share"] = static_cast<double>(reachable) / static_cast<double>(state.iterations());
}
void BM_EnterpriseThroughput(benchmark::State& state) { enterprise_throughput(state, false); }
BENCHMARK(BM_EnterpriseThroughput);
// The same on IPv6 flows (VPCSIM_BENCH_ENTERPRISE made with `generate --dual-stack`).
void BM_EnterpriseThroughput6(benchmark::State& state) { enterprise_throughput(state, true); }
BENCHMARK(BM_EnterpriseThroughput6);

// The same mix through the solver, each request by its strings (names, source and destination
// resolved per request), answered by `answer` (`trace` or `trace_path`).
template <class Answer>
void solver_throughput(benchmark::State& state, Answer answer) {
  const auto* e = enterprise();
  if (!e) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  static const vpcsim::solver plain(e->result.network);
  const auto ids = vpcsim::all_instance_sources(e->result.network);
  const std::vector<std::string> services{"s3", "dynamodb", "ecr.api", "ecr.dkr"};
  std::size_t i = 0;
  for (auto _ : state) {
    vpcsim::flow_request req;
    req.from = ids[(i * 7919) % ids.size()];
    req.to = services[i % services.size()];
    ++i;
    benchmark::DoNotOptimize(answer(plain, req));
  }
  state.SetItemsProcessed(state.iterations());
}
// Full answers, for comparison.
void BM_EnterprisePlainThroughput(benchmark::State& state) {
  solver_throughput(state, [](const vpcsim::solver& s, const vpcsim::flow_request& r) { return s.trace(r); });
}
BENCHMARK(BM_EnterprisePlainThroughput);
// Full answers by reference (`solver::trace_path`): the path recorded hop by hop without its words.
void BM_EnterprisePathThroughput(benchmark::State& state) {
  solver_throughput(state, [](const vpcsim::solver& s, const vpcsim::flow_request& r) { return s.trace_path(r); });
}
BENCHMARK(BM_EnterprisePathThroughput);

// Every enterprise instance × {s3, dynamodb, ecr.api, ecr.dkr}: the matrix the benchmarks below ask.
vpcsim::matrix_request enterprise_matrix_request(const loaded& e) {
  vpcsim::matrix_request req;
  req.sources = vpcsim::all_instance_sources(e.result.network);
  req.destinations = {"s3", "dynamodb", "ecr.api", "ecr.dkr"};
  return req;
}

// Every enterprise instance × {s3, dynamodb, ecr.api, ecr.dkr} on 2 threads, as `vpcsim matrix`
// computes it for text or CSV output (import and compilation excluded).
void BM_EnterpriseMatrix(benchmark::State& state) {
  const auto* e = enterprise();
  if (!e) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  const vpcsim::matrix_request req = enterprise_matrix_request(*e);
  std::size_t classes = 0;
  for (auto _ : state) {
    const auto m = vpcsim::run_matrix(e->compiled, req, 2);
    classes = m.classes;
    benchmark::DoNotOptimize(m);
  }
  state.counters["cells"] = static_cast<double>(req.sources.size() * req.destinations.size());
  state.counters["classes"] = static_cast<double>(classes);
}
BENCHMARK(BM_EnterpriseMatrix)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same flows as `vpcsim matrix --format csv` computes and writes them (`matrix_csv`: the
// classes' verdicts, no answers).
void BM_EnterpriseMatrixCsv(benchmark::State& state) {
  const auto* e = enterprise();
  if (!e) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  const vpcsim::matrix_request req = enterprise_matrix_request(*e);
  std::size_t classes = 0;
  for (auto _ : state) benchmark::DoNotOptimize(vpcsim::matrix_csv(e->compiled, req, 2, {}, &classes));
  state.counters["cells"] = static_cast<double>(req.sources.size() * req.destinations.size());
  state.counters["classes"] = static_cast<double>(classes);
}
BENCHMARK(BM_EnterpriseMatrixCsv)->Unit(benchmark::kMillisecond)->UseRealTime();

// Issue #24: the matrix by equivalence classes of sources (the classes' computation, one walk per
// class and destination, every cell's answer) on a generated `small` network (seed 1, 192
// instances) × s3, dynamodb, ecr.api, ecr.dkr, on 2 threads; runs everywhere (CI's smoke run).
void BM_GeneratedMatrixClasses(benchmark::State& state) {
  static const vpcsim::network net = [] {
    vpcsim::gen::generate_options options;
    options.seed = 1;
    return vpcsim::gen::generate(options);
  }();
  static const vpcsim::compiled_network c(net);
  vpcsim::matrix_request req;
  req.sources = vpcsim::all_instance_sources(net);
  req.destinations = {"s3", "dynamodb", "ecr.api", "ecr.dkr"};
  req.region = "us-east-1";
  std::size_t classes = 0;
  for (auto _ : state) {
    const auto m = vpcsim::run_matrix(c, req, 2);
    classes = m.classes;
    benchmark::DoNotOptimize(m);
  }
  state.counters["cells"] = static_cast<double>(req.sources.size() * req.destinations.size());
  state.counters["classes"] = static_cast<double>(classes);
}
BENCHMARK(BM_GeneratedMatrixClasses)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EnterpriseCompile(benchmark::State& state) {
  const auto* e = enterprise();
  if (!e) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(vpcsim::compiled_network(e->result.network));
}
BENCHMARK(BM_EnterpriseCompile)->Unit(benchmark::kMillisecond);

// Import beside nlohmann_json alone on the same files, read from disk in both.
std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& f : fs::recursive_directory_iterator(dir))
    if (f.is_regular_file() && f.path().extension() == ".json") out.push_back(f.path());
  return out;
}

void BM_EnterpriseImport(benchmark::State& state) {
  const char* dir = enterprise_dir();
  if (!dir) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  std::uintmax_t bytes = 0;
  for (const auto& f : json_files(dir)) bytes += fs::file_size(f);
  for (auto _ : state) benchmark::DoNotOptimize(vpcsim::load_aws_cli(dir));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_EnterpriseImport)->Unit(benchmark::kMillisecond);

void BM_EnterpriseJsonParseOnly(benchmark::State& state) {
  const char* dir = enterprise_dir();
  if (!dir) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  const auto files = json_files(dir);
  std::uintmax_t bytes = 0;
  for (const auto& f : files) bytes += fs::file_size(f);
  for (auto _ : state)
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      benchmark::DoNotOptimize(nlohmann::json::parse(ss.str()));
    }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_EnterpriseJsonParseOnly)->Unit(benchmark::kMillisecond);

}  // namespace
