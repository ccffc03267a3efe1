#include "sim/engine/ensemble.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <memory>

#include "sim/engine/observer.hpp"
#include "sim/model/rng.hpp"
#include "sim/model/step.hpp"

namespace simrun {

std::atomic<bool>& stop_requested() {
  static std::atomic<bool> flag{false};
  return flag;
}

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

Accumulator run_ensemble(const ModelContext& ctx, const EnsembleOptions& opt, const WaveSink& sink,
                         const ProgressFn& progress) {
  const int ticks = ctx.sc.calendar.ticks;
  std::unique_ptr<tbb::global_control> limit;
  if (opt.threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                  static_cast<std::size_t>(opt.threads));
  tbb::enumerable_thread_specific<Accumulator> partial([&] { return Accumulator(ticks, ctx.nd, ctx.nl, ctx.n_events()); });

  for (std::uint64_t done = 0; done < opt.runs;) {
    const std::uint64_t rows = std::min(opt.wave, opt.runs - done);
    const std::uint64_t traj = opt.trajectories > done ? std::min(rows, opt.trajectories - done) : 0;
    RunTable table(rows, ticks, ctx.nd, traj, ctx.n_events());
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, rows, 16), [&](const auto& range) {
      Accumulator& acc = partial.local();
      for (std::uint64_t r = range.begin(); r != range.end(); ++r) {
        if (stop_requested().load(std::memory_order_relaxed)) return;
        run_one(ctx, opt.seed, opt.first_run + done + r, acc, table, r);
      }
    });
    if (stop_requested().load()) throw Interrupted();
    if (sink) sink(opt.first_run + done, table);
    done += rows;
    if (progress) progress(done, opt.runs);
  }
  Accumulator total(ticks, ctx.nd, ctx.nl, ctx.n_events());
  for (const auto& acc : partial) total.merge(acc);
  return total;
}

}  // namespace simrun
