// The HDF5 experiment writer (Google Benchmark). Figures: docs/performance.md.
//
// The per-run tables (waves of 2048 rows, as simrun uses) and the Accumulator are produced once
// by a real ensemble of 10^4 runs of the scenario; the benchmarks time only the writer, on a file
// in $TMPDIR (default /tmp). Wall time (UseRealTime): the work is I/O and compression.
//
//   BM_WriteExperiment/runs:R/actors:N  the whole file, as `simrun` writes it: the constructor
//                                       (header, dimensions, scenario text, empty run tables),
//                                       write_wave for every wave, finish() (aggregates, rename).
//                                       bytes/s = final file size / time. For R > 10^4 the full
//                                       waves of the 10^4 runs are written again (same content).
//   BM_WriteHeader/actors:N             the constructor alone (then abandon()).
//   BM_WriteWaves/runs:R/actors:N       the write_wave calls alone.
//   BM_Finish/actors:N                  finish() alone (the aggregates: probabilities, quantiles,
//                                       histograms, landscape frequencies, t0 ranking) + rename.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bench/bench_common.hpp"
#include "sim/engine/accumulator.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/run_table.hpp"
#include "sim/output/experiment_writer.hpp"

namespace {

using simrun::bench::Kind;
constexpr std::uint32_t kSeed = simrun::kDefaultSeed;
constexpr std::uint64_t kWave = 2048;          // simrun's wave size (sim/cli/cmd_run.cpp)
constexpr std::uint64_t kSimulatedRuns = 10000;

struct Data {
  const simrun::ModelContext* ctx = nullptr;
  std::vector<simrun::RunTable> waves;  // kSimulatedRuns runs, waves of kWave rows
  simrun::Accumulator acc;
};

const Data& data(int actors) {
  static std::map<int, Data> cache;
  auto it = cache.find(actors);
  if (it != cache.end()) return it->second;
  Data d;
  d.ctx = simrun::bench::fixture(actors, Kind::File).ctx.get();
  simrun::EnsembleOptions opt;
  opt.seed = kSeed;
  opt.runs = kSimulatedRuns;
  opt.wave = kWave;
  d.acc = simrun::run_ensemble(*d.ctx, opt, [&](std::uint64_t, const simrun::RunTable& t) { d.waves.push_back(t); });
  return cache.emplace(actors, std::move(d)).first->second;
}

/// The first `rows` rows of a table (for a last, partial wave).
simrun::RunTable head(const simrun::RunTable& t, std::size_t rows) {
  simrun::RunTable h(rows, t.ticks, t.dyads, 0, t.scripted_events);
  const std::size_t nd = static_cast<std::size_t>(t.dyads), ne = simrun::RunTable::kEvents;
  auto copy = [&](auto& into, const auto& from, std::size_t per_row) {
    std::copy(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(rows * per_row), into.begin());
  };
  copy(h.formed, t.formed, nd);
  copy(h.first_tick, t.first_tick, nd);
  copy(h.dissolutions, t.dissolutions, nd);
  copy(h.ticks_in_force, t.ticks_in_force, nd);
  copy(h.final_military, t.final_military, nd);
  copy(h.final_economic, t.final_economic, nd);
  copy(h.final_diplomatic, t.final_diplomatic, nd);
  copy(h.final_trade, t.final_trade, nd);
  copy(h.dyad_events, t.dyad_events, nd * ne);
  copy(h.events, t.events, ne);
  copy(h.scripted, t.scripted, static_cast<std::size_t>(t.scripted_events));
  return h;
}

std::string out_path() {
  const char* tmp = std::getenv("TMPDIR");
  return std::string(tmp && *tmp ? tmp : "/tmp") + "/simrun_bench_output_" + std::to_string(::getpid()) + ".h5";
}

simrun::WriterOptions writer_options(std::uint64_t runs) {
  simrun::WriterOptions o;
  o.seed = kSeed;
  o.runs = runs;
  o.threads = 1;
  o.command_line = "bench_output";
  return o;
}

/// Streams `runs` rows in waves of kWave rows, as run_ensemble does (only the last wave is
/// shorter), cycling through the simulated full waves. Keeping every wave but the last at
/// kWave rows matters: a wave that starts off a chunk boundary makes HDF5 read back, inflate
/// and recompress the chunk it shares with the previous wave.
void write_waves(simrun::ExperimentWriter& w, const Data& d, std::uint64_t runs) {
  std::size_t full = 0;
  while (full < d.waves.size() && d.waves[full].rows == kWave) ++full;
  std::size_t k = 0;
  for (std::uint64_t done = 0; done < runs;) {
    const std::uint64_t rows = std::min<std::uint64_t>(kWave, runs - done);
    if (runs <= kSimulatedRuns) {
      w.write_wave(done, d.waves[k++]);  // the simulated waves themselves
    } else if (rows == kWave) {
      w.write_wave(done, d.waves[k++ % full]);
    } else {
      const simrun::RunTable part = head(d.waves[0], rows);
      w.write_wave(done, part);
    }
    done += rows;
  }
}

/// The Accumulator scaled to `runs` (counts only matter for the written probabilities' values).
simrun::Accumulator accumulator(const Data& d, std::uint64_t runs) {
  simrun::Accumulator a = d.acc;
  a.runs = runs;
  return a;
}

void finish_counters(benchmark::State& state, const std::string& path, std::uint64_t runs) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (!ec) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
    state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
  }
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(state.iterations() * runs), benchmark::Counter::kIsRate);
  std::filesystem::remove(path, ec);
}

void BM_WriteExperiment(benchmark::State& state) {
  const auto runs = static_cast<std::uint64_t>(state.range(0));
  const Data& d = data(static_cast<int>(state.range(1)));
  const simrun::Accumulator acc = accumulator(d, runs);
  const std::string path = out_path();
  for (auto _ : state) {
    simrun::ExperimentWriter w(path, *d.ctx, writer_options(runs));
    write_waves(w, d, runs);
    w.finish(acc);
  }
  finish_counters(state, path, runs);
}

void BM_WriteHeader(benchmark::State& state) {
  const Data& d = data(static_cast<int>(state.range(0)));
  const std::string path = out_path();
  for (auto _ : state) {
    simrun::ExperimentWriter w(path, *d.ctx, writer_options(kSimulatedRuns));
    state.PauseTiming();
    w.abandon();
    state.ResumeTiming();
  }
}

void BM_WriteWaves(benchmark::State& state) {
  const auto runs = static_cast<std::uint64_t>(state.range(0));
  const Data& d = data(static_cast<int>(state.range(1)));
  const std::string path = out_path();
  for (auto _ : state) {
    state.PauseTiming();
    {
      simrun::ExperimentWriter w(path, *d.ctx, writer_options(runs));
      state.ResumeTiming();
      write_waves(w, d, runs);
      state.PauseTiming();
      w.abandon();
    }
    state.ResumeTiming();
  }
  // Raw (uncompressed) bytes of the per-run tables handed to HDF5.
  const std::int64_t nd = d.ctx->nd, ne = simrun::RunTable::kEvents;
  const std::int64_t bytes = static_cast<std::int64_t>(runs) * (nd * (1 + 2 + 2 + 2 + 12 + 4 + 2 * ne) + 4 * ne + 2 * d.ctx->n_events());
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(state.iterations() * runs), benchmark::Counter::kIsRate);
}

void BM_Finish(benchmark::State& state) {
  const Data& d = data(static_cast<int>(state.range(0)));
  const std::string path = out_path();
  for (auto _ : state) {
    state.PauseTiming();
    simrun::ExperimentWriter w(path, *d.ctx, writer_options(kSimulatedRuns));
    write_waves(w, d, kSimulatedRuns);
    state.ResumeTiming();
    w.finish(d.acc);
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

}  // namespace

BENCHMARK(BM_WriteExperiment)->ArgNames({"runs", "actors"})->Args({10000, 5})->Args({100000, 5})->Args({10000, 11})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WriteHeader)->ArgName("actors")->Arg(5)->Arg(11)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WriteWaves)->ArgNames({"runs", "actors"})->Args({10000, 5})->Args({100000, 5})->Args({10000, 11})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Finish)->ArgName("actors")->Arg(5)->Arg(11)->Unit(benchmark::kMillisecond)->UseRealTime();
