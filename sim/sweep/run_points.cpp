#include "sim/sweep/run_points.hpp"

#include <tbb/parallel_for.h>

#include <memory>
#include <mutex>

#include "sim/engine/ensemble.hpp"
#include "sim/engine/statistics.hpp"
#include "sim/scenario/overrides.hpp"

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

/// Runs with a posterior get their models in chunks of this many (memory: one model per run).
constexpr std::uint64_t kPosteriorChunk = 1024;

/// Runs [opt.first_run, opt.first_run + opt.runs) of a point whose scenario is `sc`. With a
/// posterior, run r's model has the calibrated inputs the sweep does not vary at their values in
/// the particle of draw r; integer sums merge exactly, so the chunks change nothing.
Accumulator run_runs(const SweepPlan& plan, const Scenario& sc, const ModelContext& ctx, const EnsembleOptions& opt) {
  if (!plan.posterior) return run_ensemble(ctx, opt, {});
  const SweepPosterior& post = *plan.posterior;
  if (!post.particle) throw std::logic_error("run_point: the plan's posterior has no particle picker");
  Accumulator total(ctx.sc.calendar.ticks, ctx.nd, ctx.nl, ctx.n_events());
  for (std::uint64_t first = opt.first_run, end = opt.first_run + opt.runs; first < end;) {
    const std::uint64_t n = std::min(kPosteriorChunk, end - first);
    std::vector<std::unique_ptr<Scenario>> scenarios(n);
    std::vector<std::unique_ptr<ModelContext>> models(n);
    tbb::parallel_for(std::uint64_t(0), n, [&](std::uint64_t k) {
      auto s = std::make_unique<Scenario>(sc);
      s->yaml_text.clear();  // a run needs the numbers only
      s->provenance.clear();
      s->overrides.clear();
      const auto particle = static_cast<std::size_t>(post.particle(plan.spec.seed, first + k));
      for (const auto& [column, path] : plan.drawn) apply_input_value(*s, path, post.value(particle, column));
      models[k] = std::make_unique<ModelContext>(*s);
      scenarios[k] = std::move(s);
    });
    EnsembleOptions chunk = opt;
    chunk.first_run = first;
    chunk.runs = n;
    total.merge(run_ensemble(ctx, [&](std::uint64_t run) -> const ModelContext& { return *models[run - first]; }, chunk, {}));
    first += n;
  }
  return total;
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
    return reduce_point(run_runs(plan, sc, ctx, opt), ctx, plan.typed_outcomes());
  }
  // Whole batches of runs [done, done + batch): the decision to stop depends only on the seed
  // and the runs done, so the run count of a point is reproducible.
  Accumulator total(ctx.sc.calendar.ticks, ctx.nd, ctx.nl, ctx.n_events());
  for (std::uint64_t done = 0; done < plan.spec.max_runs;) {
    opt.first_run = done;
    opt.runs = std::min(plan.spec.batch, plan.spec.max_runs - done);
    total.merge(run_runs(plan, sc, ctx, opt));
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
