// Whole ensembles in-process (Google Benchmark), to split a `simrun` run into simulation and
// output. Figures: docs/performance.md.
//
//   BM_Ensemble/runs:R/threads:J/write:0|1/actors:N
//     write:0  run_ensemble() alone (no sink): the simulation, waves of 2048 runs, J threads.
//     write:1  what `simrun` does after loading the scenario (sim/cli/cmd_run.cpp): an
//              ExperimentWriter on a file in $TMPDIR (default /tmp), run_ensemble streaming each
//              wave into it, finish() with the aggregates and the rename.
//     write:2  diagnostic: the same ensemble and writer, but the waves are kept in memory and
//              written after the ensemble has finished. write:1 - write:2 is what interleaving
//              output with computation costs (caches evicted by zlib and HDF5 between waves).
//   The share of the run spent on output is (t[write:1] - t[write:0]) / t[write:1], measured on
//   the same machine, in the same process, at the same time.
//   items/s = ticks/s (runs x 38); counter runs/s.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_common.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/estimates.hpp"
#include "sim/output/experiment_writer.hpp"

namespace {

using simrun::bench::Kind;

void BM_Ensemble(benchmark::State& state) {
  const auto runs = static_cast<std::uint64_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const int write = static_cast<int>(state.range(2));
  const simrun::bench::Fixture& f = simrun::bench::fixture(static_cast<int>(state.range(3)), Kind::File);
  const simrun::ModelContext& ctx = *f.ctx;
  const char* tmp = std::getenv("TMPDIR");
  const std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/simrun_bench_ensemble_" + std::to_string(::getpid()) + ".h5";
  simrun::EnsembleOptions opt;
  opt.seed = simrun::kDefaultSeed;
  opt.runs = runs;
  opt.wave = 2048;  // as sim/cli/cmd_run.cpp
  // As simrun's commands do (sim/cli/thread_limit.hpp): the caller owns the thread count.
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::uint64_t done = 0;
  for (auto _ : state) {
    if (write == 2) {
      std::vector<std::pair<std::uint64_t, simrun::RunTable>> waves;
      const simrun::Accumulator acc =
          simrun::run_ensemble(ctx, opt, [&](std::uint64_t first, const simrun::RunTable& t) { waves.emplace_back(first, t); });
      simrun::ExperimentWriter w(simrun::OutputTarget(path, true), ctx, simrun::WriterOptions{opt.seed, runs, 0, threads, "bench_ensemble"});
      for (const auto& [first, t] : waves) w.write_wave(first, t);
      w.finish(acc, simrun::estimate_experiment(ctx, acc));
      done += acc.runs;
    } else if (write == 1) {
      simrun::ExperimentWriter w(simrun::OutputTarget(path, true), ctx, simrun::WriterOptions{opt.seed, runs, 0, threads, "bench_ensemble"});
      const simrun::Accumulator acc =
          simrun::run_ensemble(ctx, opt, [&](std::uint64_t first, const simrun::RunTable& t) { w.write_wave(first, t); });
      w.finish(acc, simrun::estimate_experiment(ctx, acc));
      done += acc.runs;
    } else {
      const simrun::Accumulator acc = simrun::run_ensemble(ctx, opt, {});
      done += acc.runs;
    }
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  state.SetItemsProcessed(static_cast<std::int64_t>(done) * ctx.sc.calendar.ticks);
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(done), benchmark::Counter::kIsRate);
  state.SetLabel(f.sc->name);
}

}  // namespace

BENCHMARK(BM_Ensemble)
    ->ArgNames({"runs", "threads", "write", "actors"})
    ->Args({10000, 1, 0, 5})
    ->Args({10000, 1, 1, 5})
    ->Args({10000, 1, 2, 5})
    ->Args({10000, 2, 0, 5})
    ->Args({10000, 2, 1, 5})
    ->Args({2000, 1, 0, 11})
    ->Args({2000, 1, 1, 11})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
