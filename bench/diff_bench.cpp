// vpcsim diff (sim/diff.hpp): a one-rule change on the bundled example, and on `enterprise` when
// VPCSIM_BENCH_ENTERPRISE names its AWS CLI captures (`vpcsim generate --preset enterprise --seed 1
// --out DIR`; skipped otherwise): the network against a copy with one security-group rule removed,
// every instance × s3, dynamodb, ecr (vpcsim diff's default flows) on 2 threads, imports excluded.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/sim/diff.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace {

namespace fs = std::filesystem;

// A network and a copy of it without one inbound rule of `group` (the first whose name contains
// `group` and that has one): the change a pull request makes.
struct before_after {
  vpcsim::load_result loaded;
  vpcsim::network after;
  std::string changed;

  before_after(const fs::path& dir, const std::string& group) : loaded(vpcsim::load_aws_cli(dir)), after(loaded.network) {
    for (const auto& [id, g] : loaded.network.all<vpcsim::security_group>())
      if (g.name.find(group) != std::string::npos && !g.ingress.empty()) {
        vpcsim::security_group edited = g;
        edited.ingress.erase(edited.ingress.begin());
        after.put(edited);
        changed = id.str();
        break;
      }
  }
};

void run(benchmark::State& state, const before_after& ba) {
  if (ba.changed.empty()) {
    state.SkipWithError("no security group to edit");
    return;
  }
  std::size_t flows = 0, changed = 0;
  for (auto _ : state) {
    const auto d = vpcsim::diff_reachability(ba.loaded.network, ba.after, {}, 2);
    flows = d.flows_compared;
    changed = d.flows.size();
    benchmark::DoNotOptimize(d);
  }
  state.counters["flows"] = static_cast<double>(flows);
  state.counters["changed"] = static_cast<double>(changed);
}

void BM_DiffSeedOneRuleRemoved(benchmark::State& state) {
  static const before_after ba(VPCSIM_EXAMPLES_DIR "/ecr-private-subnet", "endpoints");
  run(state, ba);
}
BENCHMARK(BM_DiffSeedOneRuleRemoved)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_EnterpriseDiffOneRuleRemoved(benchmark::State& state) {
  const char* dir = std::getenv("VPCSIM_BENCH_ENTERPRISE");
  if (!dir || !*dir || !fs::is_directory(dir)) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return;
  }
  static const before_after ba(dir, "vpc-endpoints");
  run(state, ba);
}
BENCHMARK(BM_EnterpriseDiffOneRuleRemoved)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
