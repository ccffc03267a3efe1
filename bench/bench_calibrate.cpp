// Calibration speed (issue 11 item 7), in-process (Google Benchmark). Figures: docs/performance.md.
//
//   BM_CalibrationSimulation   one simulator call of `simrun calibrate` on the 2014-18 calibration
//                              (scenarios/calibrations/history_2014_2018.yaml): parameters drawn
//                              from the priors applied through --set, the ModelContext, one run of
//                              the 18-quarter replay, the distance. items/s = simulations/s.
//   BM_CalibrationRunOnly      the run alone (run_one on the replay at its point values): the
//                              model's share of a simulation is RunOnly / Simulation time.
//   BM_AbcBookkeeping/N        the sampler with a free simulator (distance = |theta - 0.5|, one
//                              parameter): proposals, batches, kernel and O(N^2) importance
//                              weights per generation, N particles, 6 generations; items/s =
//                              attempts/s of bookkeeping alone (default kernel: truncated).
//   BM_AbcBookkeeping14/K      the same with 14 uniform priors on [0, 1] (as many bounded priors as
//                              the baseline; distance |mean(theta) - 0.5|), 500 particles, kernel K:
//                              0 truncated, 1 unconstrained, 2 gaussian (its proposals mostly
//                              fall outside the support and are redrawn).
#include <benchmark/benchmark.h>

#include <cmath>

#include "bench/bench_common.hpp"
#include "sim/calibrate/abc_rng.hpp"
#include "sim/calibrate/calibration_run.hpp"
#include "sim/calibrate/evaluators.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/scenario/draws.hpp"
#include "sim/scenario/loader.hpp"

namespace {

struct History {
  simrun::CalibrationSpec spec;
  simrun::Scenario scenario;
  std::unique_ptr<simrun::ModelSimulator> sim;
  History()
      : spec(simrun::load_calibration(simrun::bench::source_root() + "/scenarios/calibrations/history_2014_2018.yaml")),
        scenario(simrun::load_scenario(spec.scenario)),
        sim(std::make_unique<simrun::ModelSimulator>(scenario, spec)) {}
};

const History& history() {
  static const History h;
  return h;
}

void BM_CalibrationSimulation(benchmark::State& state) {
  const History& h = history();
  const std::vector<simrun::PriorMarginal> prior = simrun::calibrated_priors(*h.sim);
  const simrun::AbcRng rng(1);
  std::uint64_t a = 0;
  for (auto _ : state) {
    Eigen::VectorXd theta(static_cast<Eigen::Index>(prior.size()));
    for (std::size_t k = 0; k < prior.size(); ++k)
      theta(static_cast<Eigen::Index>(k)) = prior[k].quantile(rng.uniform(0, a, static_cast<std::uint32_t>(16 + k)));
    benchmark::DoNotOptimize(h.sim->distance(h.sim->summaries(theta, rng.model_seed(0, a))));
    ++a;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalibrationSimulation)->Unit(benchmark::kMicrosecond);

void BM_CalibrationRunOnly(benchmark::State& state) {
  const History& h = history();
  const simrun::Scenario fixed = simrun::apply_parameters(h.scenario, simrun::draw_parameters(h.scenario, 1, 0));
  const simrun::ModelContext ctx(fixed);
  simrun::Accumulator acc(fixed.calendar.ticks, ctx.nd, ctx.nl, ctx.n_events());
  simrun::RunTable table(1, fixed.calendar.ticks, ctx.nd, 0, ctx.n_events());
  std::uint64_t r = 0;
  for (auto _ : state) simrun::run_one(ctx, 1, r++, acc, table, 0);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalibrationRunOnly)->Unit(benchmark::kMicrosecond);

void BM_AbcBookkeeping(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const simrun::PriorMarginal uniform{"x", [](double u) { return u; }, [](double) { return 0.0; }, 0.0, 1.0};
  simrun::AbcSettings s;
  s.particles = n;
  s.max_generations = 5;
  s.min_acceptance = 1e-4;
  std::uint64_t attempts = 0;
  for (auto _ : state) {
    std::vector<simrun::AbcGeneration> gens;
    simrun::run_abc_smc({uniform}, s, simrun::threaded_evaluator([](int, std::uint64_t, const Eigen::VectorXd& t) {
                          return std::fabs(t(0) - 0.5);
                        }), gens);
    for (const auto& g : gens) attempts += g.attempts;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(attempts));
}
BENCHMARK(BM_AbcBookkeeping)->Arg(500)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_AbcBookkeeping14(benchmark::State& state) {
  const simrun::PriorMarginal uniform{"x", [](double u) { return u; }, [](double) { return 0.0; }, 0.0, 1.0};
  const std::vector<simrun::PriorMarginal> prior(14, uniform);
  simrun::AbcSettings s;
  s.particles = 500;
  s.max_generations = 5;
  s.min_acceptance = 1e-4;
  s.kernel = static_cast<simrun::AbcKernel>(state.range(0));
  std::uint64_t attempts = 0;
  for (auto _ : state) {
    std::vector<simrun::AbcGeneration> gens;
    simrun::run_abc_smc(prior, s, simrun::threaded_evaluator([](int, std::uint64_t, const Eigen::VectorXd& t) {
                          return std::fabs(t.mean() - 0.5);
                        }), gens);
    for (const auto& g : gens) attempts += g.attempts;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(attempts));
  state.SetLabel(simrun::abc_kernel_name(s.kernel));
}
BENCHMARK(BM_AbcBookkeeping14)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
