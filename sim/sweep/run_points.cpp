#include "sim/sweep/run_points.hpp"

#include <tbb/parallel_for.h>

#include <mutex>

#include "sim/engine/ensemble.hpp"
#include "sim/engine/statistics.hpp"

namespace simrun {

namespace {

/// True when every focal probability's 95% Wilson interval is at most `half_width` wide on each side.
bool narrow_enough(const SweepPlan& plan, const Accumulator& acc) {
  for (std::size_t k = 0; k < plan.focal_dyads.size(); ++k) {
    const Interval iv = wilson(plan.focal_formed(acc, k, acc.ticks), acc.runs);
    if ((iv.hi - iv.lo) / 2 > plan.spec.target_half_width) return false;
  }
  return true;
}

}  // namespace

PointResult run_point(const SweepPlan& plan, std::size_t p, StopFlag stop) {
  const Scenario sc = plan.scenario_for(p);
  const ModelContext ctx(sc);
  EnsembleOptions opt;
  opt.seed = plan.spec.seed;
  opt.stop = stop;
  if (!plan.spec.adaptive()) {
    opt.runs = plan.spec.runs;
    return reduce_point(run_ensemble(ctx, opt, {}), ctx, plan.typed_outcomes());
  }
  // Whole batches of runs [done, done + batch): the decision to stop depends only on the seed
  // and the runs done, so the run count of a point is reproducible.
  Accumulator total(ctx.sc.calendar.ticks, ctx.nd, ctx.nl, ctx.n_events());
  for (std::uint64_t done = 0; done < plan.spec.max_runs;) {
    opt.first_run = done;
    opt.runs = std::min(plan.spec.batch, plan.spec.max_runs - done);
    total.merge(run_ensemble(ctx, opt, {}));
    done += opt.runs;
    if (narrow_enough(plan, total)) break;
  }
  return reduce_point(total, ctx, plan.typed_outcomes());
}

void run_points(const SweepPlan& plan, const std::vector<std::size_t>& points, std::vector<PointResult>& results,
                const std::function<void(std::size_t)>& done, StopFlag stop) {
  std::mutex m;
  tbb::parallel_for(std::size_t(0), points.size(), [&](std::size_t k) {
    const std::size_t p = points[k];
    results[p] = run_point(plan, p, stop);
    if (done) {
      std::lock_guard<std::mutex> lock(m);
      done(p);
    }
  });
}

}  // namespace simrun
