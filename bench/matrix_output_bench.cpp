// `vpcsim matrix --format json|jsonl` (report/matrix_json.hpp): the streamed output, on the bundled
// example and on `enterprise` when VPCSIM_BENCH_ENTERPRISE names its AWS CLI captures (skipped
// otherwise). The `Output` cases write answers computed beforehand, so they time the JSON alone (the
// answer writer and the ordered stream on 2 threads); the `Matrix` cases answer with the solver
// too, as the CLI does after import. The output goes to a stream that discards it.
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/report/matrix_json.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/solver.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <unordered_map>

namespace {

namespace fs = std::filesystem;

// A stream that counts what it is given and keeps nothing.
class counting_buffer : public std::streambuf {
 public:
  std::size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    ++bytes;
    return traits_type::not_eof(c);
  }
};

// A network, its solver, the matrix request of `vpcsim matrix --to s3,dynamodb,ecr.api,ecr.dkr`, and
// every cell's answer (by source and destination) for the Output cases.
struct fixture {
  vpcsim::load_result loaded;
  std::unique_ptr<vpcsim::solver> engine;
  vpcsim::matrix_request request;
  std::unordered_map<std::string, vpcsim::answer> answers;

  explicit fixture(vpcsim::load_result l) : loaded(std::move(l)) {
    engine = std::make_unique<vpcsim::solver>(loaded.network);
    request.sources = vpcsim::select_sources(loaded.network, {});
    request.destinations = {"s3", "dynamodb", "ecr.api", "ecr.dkr"};
    const auto result = vpcsim::run_matrix(*engine, request, 2);
    for (std::size_t i = 0; i < result.sources.size(); ++i)
      for (std::size_t j = 0; j < result.destinations.size(); ++j)
        answers.emplace(result.sources[i] + "|" + result.destinations[j], result.at(i, j));
  }
};

const fixture* enterprise(benchmark::State& state) {
  const char* dir = std::getenv("VPCSIM_BENCH_ENTERPRISE");
  if (!dir || !*dir || !fs::is_directory(dir)) {
    state.SkipWithError("VPCSIM_BENCH_ENTERPRISE is not set");
    return nullptr;
  }
  static const fixture f(vpcsim::load_aws_cli(dir));
  return &f;
}

const fixture& seed() {
  static const fixture f(vpcsim::load(VPCSIM_EXAMPLES_DIR "/ecr-private-subnet"));
  return f;
}

void stream(benchmark::State& state, const fixture& f, vpcsim::matrix_json_layout layout, bool precomputed) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    counting_buffer sink;
    std::ostream out(&sink);
    if (precomputed)
      vpcsim::write_json_stream(
          out, f.request,
          [&f](std::size_t cell) {
            const auto r = f.request.cell(cell);
            return f.answers.at(r.from + "|" + r.to);
          },
          false, layout, 2);
    else {
      const vpcsim::matrix_answers answers(*f.engine, f.request, 2);
      vpcsim::write_json_stream(out, f.request, [&answers](std::size_t cell) { return answers(cell); }, false, layout, 2);
    }
    bytes = sink.bytes;
  }
  state.counters["cells"] = static_cast<double>(f.request.sources.size() * f.request.destinations.size());
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_SeedMatrixJsonOutput(benchmark::State& state) { stream(state, seed(), vpcsim::matrix_json_layout::array, true); }
BENCHMARK(BM_SeedMatrixJsonOutput)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_SeedMatrixJsonlOutput(benchmark::State& state) { stream(state, seed(), vpcsim::matrix_json_layout::lines, true); }
BENCHMARK(BM_SeedMatrixJsonlOutput)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_EnterpriseMatrixJsonOutput(benchmark::State& state) {
  if (const auto* f = enterprise(state)) stream(state, *f, vpcsim::matrix_json_layout::array, true);
}
BENCHMARK(BM_EnterpriseMatrixJsonOutput)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EnterpriseMatrixJsonlOutput(benchmark::State& state) {
  if (const auto* f = enterprise(state)) stream(state, *f, vpcsim::matrix_json_layout::lines, true);
}
BENCHMARK(BM_EnterpriseMatrixJsonlOutput)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EnterpriseMatrixJson(benchmark::State& state) {
  if (const auto* f = enterprise(state)) stream(state, *f, vpcsim::matrix_json_layout::array, false);
}
BENCHMARK(BM_EnterpriseMatrixJson)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
