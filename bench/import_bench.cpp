// Import time of AWS CLI captures.
#include <vpcsim/io/aws_cli.hpp>

#include <benchmark/benchmark.h>

namespace {

void BM_Import(benchmark::State& state, const char* dir) {
  std::size_t resources = 0;
  for (auto _ : state) {
    auto loaded = vpcsim::load_aws_cli(dir);
    resources = loaded.network.size();
    benchmark::DoNotOptimize(loaded);
  }
  state.counters["resources"] = static_cast<double>(resources);
}
BENCHMARK_CAPTURE(BM_Import, seed_example, VPCSIM_EXAMPLES_DIR "/ecr-private-subnet");
BENCHMARK_CAPTURE(BM_Import, corpus_transit_gateway_peering, VPCSIM_CORPUS_DIR "/test-transit-gateway-peering");

}  // namespace
