// Trace latency on the seed example: one flow per destination kind.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/solver.hpp>

#include <benchmark/benchmark.h>

namespace {

const vpcsim::network& seed_network() {
  static const auto loaded = vpcsim::load_aws_cli(VPCSIM_EXAMPLES_DIR "/ecr-private-subnet");
  return loaded.network;
}

// One flow from the seed's app instance to `to`, asked of a solver in a loop by `ask`.
template <class Ask>
void seed_flow(benchmark::State& state, const char* to, Ask ask) {
  const vpcsim::solver s(seed_network());
  vpcsim::flow_request req;
  req.from = "i-0b11111111111111a";
  req.to = to;
  for (auto _ : state) benchmark::DoNotOptimize(ask(s, req));
  state.SetItemsProcessed(state.iterations());
}

// The full answer (`solver::trace`).
void BM_Trace(benchmark::State& state, const char* to) {
  seed_flow(state, to, [](const vpcsim::solver& s, const vpcsim::flow_request& r) { return s.trace(r); });
}
BENCHMARK_CAPTURE(BM_Trace, seed_ecr_api, "ecr.api");
BENCHMARK_CAPTURE(BM_Trace, seed_s3, "s3");
BENCHMARK_CAPTURE(BM_Trace, seed_ip, "10.0.3.12");
BENCHMARK_CAPTURE(BM_Trace, seed_ecr_pull, "ecr");

// The full answer by reference (`solver::trace_path`): the same walk, verdict, resolved address
// and path, without the words; then the same with every hop's rule written.
void BM_TracePath(benchmark::State& state, const char* to) {
  seed_flow(state, to, [](const vpcsim::solver& s, const vpcsim::flow_request& r) { return s.trace_path(r); });
}
BENCHMARK_CAPTURE(BM_TracePath, seed_ecr_api, "ecr.api");
BENCHMARK_CAPTURE(BM_TracePath, seed_s3, "s3");
BENCHMARK_CAPTURE(BM_TracePath, seed_ip, "10.0.3.12");
BENCHMARK_CAPTURE(BM_TracePath, seed_ecr_pull, "ecr");

void BM_TracePathRules(benchmark::State& state, const char* to) {
  seed_flow(state, to, [](const vpcsim::solver& s, const vpcsim::flow_request& r) {
    std::size_t chars = 0;
    for (const auto& h : s.trace_path(r).path) chars += vpcsim::compiled_network::rule_text(h.rule).size();
    return chars;
  });
}
BENCHMARK_CAPTURE(BM_TracePathRules, seed_ecr_api, "ecr.api");

// The public `vpcsim::trace(net, req)` in a loop: the solver is built on the first call only.
void BM_PublicTrace(benchmark::State& state, const char* to) {
  vpcsim::flow_request req;
  req.from = "i-0b11111111111111a";
  req.to = to;
  for (auto _ : state) benchmark::DoNotOptimize(vpcsim::trace(seed_network(), req));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_PublicTrace, seed_s3, "s3");

void BM_SolverSetup(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(vpcsim::solver(seed_network()));
}
BENCHMARK(BM_SolverSetup);

}  // namespace
