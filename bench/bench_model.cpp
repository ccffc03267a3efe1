// Model kernels (Google Benchmark). Figures and how to read them: docs/performance.md.
//
//   BM_Tick/actors:N/synthetic:K       one step() (a quarter, every actor, dyad and link);
//                                      items/s = ticks/s. The world is reset from the scenario
//                                      (start_run, timer paused) every T = 38 ticks.
//   BM_StartRun/actors:N/synthetic:K   start_run(): reset to t0 plus tick-0 utilities (per run).
//   BM_Utilities/actors:N/synthetic:K  compute_propensities + compute_utilities alone (phase 4).
//   BM_Observe/actors:N/synthetic:K    RunObserver::observe of one tick (recording + landscape).
//   BM_RunOne/actors:N/synthetic:K     run_one(): a whole run, ticks 0..38 observed, into an
//                                      Accumulator and a RunTable row; items/s = ticks/s
//                                      (38 per run), counter runs/s.
//   BM_LandscapeMinimum/actors:N       landscape_minimum() on the t0 landscape of the fixture;
//                                      items/s = configurations/s (2^(N-1) per call).
//
// synthetic:0 is the scenario file (5: scenarios/baseline.yaml, 11: scenarios/eleven_actors.yaml),
// synthetic:1 a random but fixed scenario generated in code (bench/bench_common.hpp).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "bench/bench_common.hpp"
#include "sim/engine/accumulator.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/observer.hpp"
#include "sim/engine/run_table.hpp"
#include "sim/model/landscape.hpp"
#include "sim/model/rng.hpp"
#include "sim/model/step.hpp"
#include "sim/model/utility.hpp"

namespace {

using simrun::bench::Fixture;
using simrun::bench::Kind;
constexpr std::uint32_t kSeed = simrun::kDefaultSeed;

const Fixture& fixture_of(const benchmark::State& state) {
  return simrun::bench::fixture(static_cast<int>(state.range(0)), static_cast<Kind>(state.range(1)));
}

void label(benchmark::State& state, const Fixture& f) {
  state.counters["dyads"] = f.ctx->nd;
  state.SetLabel(f.sc->name);
}

void BM_Tick(benchmark::State& state) {
  const Fixture& f = fixture_of(state);
  const simrun::ModelContext& ctx = *f.ctx;
  const int T = ctx.sc.calendar.ticks;
  simrun::WorldState world;
  std::uint32_t run = 0;
  simrun::RunRng rng(kSeed, run);
  simrun::start_run(ctx, world);
  for (auto _ : state) {
    if (world.tick == T) {
      state.PauseTiming();
      simrun::start_run(ctx, world);
      rng = simrun::RunRng(kSeed, ++run);
      state.ResumeTiming();
    }
    simrun::step(ctx, world, rng);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  label(state, f);
}

void BM_StartRun(benchmark::State& state) {
  const Fixture& f = fixture_of(state);
  simrun::WorldState world;
  for (auto _ : state) {
    simrun::start_run(*f.ctx, world);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  label(state, f);
}

void BM_Utilities(benchmark::State& state) {
  const Fixture& f = fixture_of(state);
  simrun::WorldState world;
  simrun::start_run(*f.ctx, world);
  for (auto _ : state) {
    simrun::compute_propensities(*f.ctx, world);
    simrun::compute_utilities(*f.ctx, world);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * f.ctx->nl);  // links evaluated
  label(state, f);
}

void BM_Observe(benchmark::State& state) {
  const Fixture& f = fixture_of(state);
  const simrun::ModelContext& ctx = *f.ctx;
  const int T = ctx.sc.calendar.ticks;
  simrun::Accumulator acc(T, ctx.nd, ctx.nl, ctx.n_events());
  simrun::RunTable table(1, T, ctx.nd, 0, ctx.n_events());
  simrun::WorldState world;
  simrun::start_run(ctx, world);
  // Observe a mid-run state (tick 19), as a typical tick sees it.
  const simrun::RunRng rng(kSeed, 0);
  while (world.tick < T / 2) simrun::step(ctx, world, rng);
  simrun::RunObserver observer(ctx, acc, table, 0);
  for (auto _ : state) {
    observer.observe(world);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  label(state, f);
}

void BM_RunOne(benchmark::State& state) {
  const Fixture& f = fixture_of(state);
  const simrun::ModelContext& ctx = *f.ctx;
  const int T = ctx.sc.calendar.ticks;
  constexpr std::size_t kRows = 2048;  // simrun's wave size
  simrun::Accumulator acc(T, ctx.nd, ctx.nl, ctx.n_events());
  simrun::RunTable table(kRows, T, ctx.nd, 0, ctx.n_events());
  std::uint64_t run = 0;
  for (auto _ : state) {
    const std::size_t row = run % kRows;
    if (row == 0 && run > 0) {
      state.PauseTiming();
      table = simrun::RunTable(kRows, T, ctx.nd, 0, ctx.n_events());  // a fresh wave
      state.ResumeTiming();
    }
    simrun::run_one(ctx, kSeed, run, acc, table, row);
    ++run;
  }
  benchmark::DoNotOptimize(acc.runs);
  state.SetItemsProcessed(state.iterations() * T);
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  label(state, f);
}

void BM_LandscapeMinimum(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Fixture& f = simrun::bench::fixture(n, n == 5 || n == 11 ? Kind::File : Kind::Synthetic);
  simrun::WorldState world;
  simrun::start_run(*f.ctx, world);
  std::vector<double> sizes, weights;
  for (const auto& a : f.sc->actors) sizes.push_back(a.size);
  simrun::landscape_weights(n, sizes, world.propensity, weights);
  for (auto _ : state) {
    const simrun::LandscapeMinimum m = simrun::landscape_minimum(n, weights);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * (std::int64_t{1} << (n - 1)));
  state.counters["configs"] = static_cast<double>(std::int64_t{1} << (n - 1));
  state.SetLabel(f.sc->name);
}

// {actors, synthetic}: the two scenario files, and a synthetic series for the scaling curve.
void kernel_cases(benchmark::internal::Benchmark* b) {
  b->ArgNames({"actors", "synthetic"});
  for (auto args : std::vector<std::vector<std::int64_t>>{{5, 0}, {11, 0}, {5, 1}, {8, 1}, {11, 1}, {16, 1}}) b->Args(args);
}

void run_cases(benchmark::internal::Benchmark* b) {
  b->ArgNames({"actors", "synthetic"});
  for (auto args : std::vector<std::vector<std::int64_t>>{{5, 0}, {11, 0}, {8, 1}, {16, 1}}) b->Args(args);
}

}  // namespace

BENCHMARK(BM_Tick)->Apply(kernel_cases);
BENCHMARK(BM_StartRun)->Apply(kernel_cases);
BENCHMARK(BM_Utilities)->Apply(kernel_cases);
BENCHMARK(BM_Observe)->Apply(kernel_cases);
BENCHMARK(BM_RunOne)->Apply(run_cases);
BENCHMARK(BM_LandscapeMinimum)->ArgName("actors")->Arg(5)->Arg(8)->Arg(11)->Arg(16);
