#include "sim/engine/ensemble.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <algorithm>

#include "sim/engine/observer.hpp"
#include "sim/model/rng.hpp"
#include "sim/model/step.hpp"

namespace simrun {

void run_one(const ModelContext& ctx, std::uint32_t seed, std::uint64_t run, Accumulator& acc, RunTable& table,
             std::size_t row) {
  thread_local WorldState world;
  const RunRng rng(seed, static_cast<std::uint32_t>(run));
  RunObserver observer(ctx, acc, table, row);
  start_run(ctx, world);
  observer.observe(world);
  for (int t = 1; t <= ctx.sc.calendar.ticks; ++t) {
    step(ctx, world, rng);
    observer.observe(world);
  }
  observer.finish(world);
}

namespace {

/// Runs [first, first + rows) of the ensemble into `table` (row r = run first + r).
void compute_wave(const RunContext& context_of, const EnsembleOptions& opt, std::uint64_t first, RunTable& table,
                  tbb::enumerable_thread_specific<Accumulator>& partial) {
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, table.rows, 16), [&](const auto& range) {
    Accumulator& acc = partial.local();
    for (std::uint64_t r = range.begin(); r != range.end(); ++r) {
      if (stop_set(opt.stop, std::memory_order_relaxed)) return;
      const std::uint64_t run = opt.first_run + first + r;
      run_one(context_of(run), opt.seed, run, acc, table, r);
    }
  });
}

/// Runs in the wave that starts after `done` runs: opt.wave, but the last stretch (at most one
/// wave) is split once at a multiple of opt.tail_align, because handing the last wave to the
/// sink overlaps nothing: a smaller last wave leaves less serial work at the end. Splitting at a
/// multiple of the output's chunk rows keeps every wave on chunk boundaries (no chunk is
/// written twice).
std::uint64_t wave_rows(const EnsembleOptions& opt, std::uint64_t done) {
  const std::uint64_t remaining = opt.runs - done;
  if (remaining > opt.wave) return opt.wave;
  if (opt.tail_align == 0 || remaining <= opt.tail_align) return remaining;
  return (remaining - 1) / opt.tail_align * opt.tail_align;
}

RunTable make_table(const ModelContext& ctx, const EnsembleOptions& opt, std::uint64_t done) {
  const std::uint64_t rows = wave_rows(opt, done);
  const std::uint64_t traj = opt.trajectories > done ? std::min(rows, opt.trajectories - done) : 0;
  RunTable table(rows, ctx.sc.calendar.ticks, ctx.nd, traj, ctx.n_events());
  if (opt.tick_status) table.status.assign(rows * static_cast<std::size_t>(ctx.sc.calendar.ticks + 1) * static_cast<std::size_t>(ctx.nd), 0);
  return table;
}

}  // namespace

// Waves are pipelined: while the calling thread hands wave k to the sink (compression and HDF5
// writes, which are serial), wave k + 1 is already being computed by the other threads. With J
// threads the arena has J - 1 workers plus the caller, so the sink takes the caller's place and
// no core is oversubscribed; with one thread the task waits for the caller (no overlap). J is the caller's arena's
// concurrency: the ensemble does not set it.
// Results are unchanged: each run writes only its own row, and the sums are integers.
Accumulator run_ensemble(const ModelContext& ctx, const EnsembleOptions& opt, const WaveSink& sink,
                         const ProgressFn& progress, const std::function<void()>& prologue) {
  return run_ensemble(ctx, [&ctx](std::uint64_t) -> const ModelContext& { return ctx; }, opt, sink, progress, prologue);
}

Accumulator run_ensemble(const ModelContext& ctx, const RunContext& context_of, const EnsembleOptions& opt,
                         const WaveSink& sink, const ProgressFn& progress, const std::function<void()>& prologue) {
  const int ticks = ctx.sc.calendar.ticks;
  tbb::enumerable_thread_specific<Accumulator> partial([&] { return Accumulator(ticks, ctx.nd, ctx.nl, ctx.n_events()); });

  // Computes the wave starting at `first` into `table` while `serial_work` runs on this thread.
  auto overlapped = [&](std::uint64_t first, RunTable& table, const std::function<void()>& serial_work) {
    tbb::task_group computing;
    if (first < opt.runs) computing.run([&] { compute_wave(context_of, opt, first, table, partial); });
    try {
      if (serial_work) serial_work();
    } catch (...) {
      computing.cancel();  // the wave is thrown away: stop it (its parallel_for is bound to this group)
      computing.wait();
      throw;
    }
    computing.wait();
  };

  RunTable current = make_table(ctx, opt, 0);
  overlapped(0, current, prologue);
  for (std::uint64_t done = 0; done < opt.runs;) {
    throw_if_stopped(opt.stop);
    const std::uint64_t next_first = done + current.rows;
    RunTable next = next_first < opt.runs ? make_table(ctx, opt, next_first) : RunTable();
    overlapped(next_first, next, [&] {
      if (sink) sink(opt.first_run + done, current);
    });
    done = next_first;
    if (progress) progress(done, opt.runs);
    current = std::move(next);
  }
  throw_if_stopped(opt.stop);
  // Sum into the first thread's accumulator (integer sums: the order does not matter); a fresh
  // total would cost a few MB of page faults for nothing.
  auto it = partial.begin();
  if (it == partial.end()) return Accumulator(ticks, ctx.nd, ctx.nl, ctx.n_events());
  Accumulator total = std::move(*it);
  for (++it; it != partial.end(); ++it) total.merge(*it);
  return total;
}

}  // namespace simrun
