#pragma once
// Monte Carlo ensemble on oneTBB. Runs are processed in waves (of opt.wave runs; the last one
// smaller): within a wave runs execute in parallel, each into its thread's Accumulator and its
// own row of the wave's RunTable; the table is then handed to the sink (the output file) in run
// order on the calling thread, while the other threads already compute the next wave.
// Run r draws only from RunRng(seed, r), so results do not depend on scheduling.
// The ensemble runs on whatever oneTBB arena its caller set up: it never sets the thread count
// (simrun's commands own a tbb::global_control for -j, sim/cli/thread_limit.hpp; a test may run
// it inside a tbb::task_arena).
#include <cstdint>
#include <functional>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/run_table.hpp"
#include "sim/engine/stop.hpp"
#include "sim/model/rng.hpp"
#include "sim/model/world.hpp"

namespace simrun {

struct EnsembleOptions {
  std::uint32_t seed = kDefaultSeed;
  std::uint64_t first_run = 0;   ///< global index of the first run (shards and MPI ranks)
  std::uint64_t runs = 10000;
  std::uint64_t trajectories = 0;///< keep full trajectories of runs [first_run, first_run + trajectories)
  std::uint64_t wave = 4096;     ///< runs per wave (memory: two run tables)
  /// The last stretch of at most one wave is split at a multiple of this (0: never). Keep it a
  /// multiple of the output's chunk rows (1024 or a power-of-two fraction) and a divisor of wave.
  std::uint64_t tail_align = 1024;
  /// Fill each RunTable's per-tick `status` (in force, coaligned): predictive runs fold it into
  /// per-draw probabilities.
  bool tick_status = false;
  /// Polled between runs; once set, the runs still to do are skipped and run_ensemble throws
  /// Interrupted at the next wave boundary, before the sink gets another wave (nullptr: never).
  /// The caller owns the flag (simrun's is sim/cli/signals.hpp's, set by its signal handler).
  StopFlag stop = nullptr;
};

/// The model run `run` (global index) uses: predictive runs give each run its parameter draw's.
using RunContext = std::function<const ModelContext&(std::uint64_t run)>;

/// Receives each wave's per-run table, in run order, on the calling thread.
using WaveSink = std::function<void(std::uint64_t first_run, const RunTable& table)>;
/// Called after each wave with the number of runs done.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// `prologue`, if given, runs on the calling thread while the first wave is computed (the output
/// file's fixed parts, so that with two or more threads they cost no wall time).
/// @throws Interrupted when options.stop is set (EnsembleOptions::stop).
Accumulator run_ensemble(const ModelContext& ctx, const EnsembleOptions& options, const WaveSink& sink,
                         const ProgressFn& progress = {}, const std::function<void()>& prologue = {});

/// The same with a model per run. `shape` gives the sizes of the accumulators and tables (every
/// context must have its actors, dyads, links, events and ticks).
Accumulator run_ensemble(const ModelContext& shape, const RunContext& context_of, const EnsembleOptions& options,
                         const WaveSink& sink, const ProgressFn& progress = {},
                         const std::function<void()>& prologue = {});

/// One run from start to end (tick 0..T) into an accumulator and a table row.
void run_one(const ModelContext& ctx, std::uint32_t seed, std::uint64_t run, Accumulator& acc,
             RunTable& table, std::size_t row);

}  // namespace simrun
