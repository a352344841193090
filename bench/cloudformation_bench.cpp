// Load time of CloudFormation templates: read, parse (libyaml), evaluate, map, build the model.
#include <vpcsim/io/cloudformation.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace {

void BM_CloudFormationLoad(benchmark::State& state, const char* file, const char* parameters) {
  vpcsim::load_options o;
  if (parameters[0] != '\0') vpcsim::read_parameters_file(parameters, o.parameters);
  std::size_t resources = 0;
  for (auto _ : state) {
    auto loaded = vpcsim::load_cloudformation(std::filesystem::path(file), o);
    if (!loaded.loaded.usable()) {
      state.SkipWithError("the template does not load");
      break;
    }
    resources = loaded.loaded.network.size();
    benchmark::DoNotOptimize(loaded);
  }
  state.counters["resources"] = static_cast<double>(resources);
}
// The largest template of the corpus (65 KB): the AWS Quick Start VPC.
BENCHMARK_CAPTURE(BM_CloudFormationLoad, largest_corpus_quickstart_vpc,
                  VPCSIM_CFN_DIR "/aws-quickstart__quickstart-aws-vpc/templates/aws-vpc.template.yaml",
                  VPCSIM_CFN_PARAMETERS_DIR "/aws-quickstart__quickstart-aws-vpc/templates/aws-vpc.template.parameters.json")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CloudFormationLoad, example_ecr_private_subnet, VPCSIM_EXAMPLES_DIR "/cloudformation/ecr-private-subnet.yaml", "")
    ->Unit(benchmark::kMillisecond);

}  // namespace
