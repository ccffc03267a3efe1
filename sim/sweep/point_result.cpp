#include "sim/sweep/point_result.hpp"

#include <tbb/parallel_for.h>

#include <cstring>
#include <mutex>
#include <stdexcept>

#include "sim/engine/ensemble.hpp"
#include "sim/engine/statistics.hpp"
#include "sim/sweep/plan.hpp"

namespace simrun {

bool PointResult::operator==(const PointResult& o) const {
  return runs == o.runs && formed_by == o.formed_by && in_force == o.in_force && first_formation == o.first_formation &&
         front_sum == o.front_sum && front_sumsq == o.front_sumsq && origin == o.origin;
}

PointResult reduce_point(const Accumulator& acc, const ModelContext& ctx) {
  PointResult r;
  r.runs = acc.runs;
  r.formed_by = acc.formed_by;
  r.in_force = acc.in_force;
  r.first_formation = acc.first_formation;
  r.front_sum = acc.front_sum;
  r.front_sumsq = acc.front_sumsq;
  r.origin.resize(static_cast<std::size_t>(ctx.nd) * kFronts);
  for (int d = 0; d < ctx.nd; ++d) {
    const DyadSpec& s0 = ctx.dyad_spec(d);
    // The same t0 values as the experiment writer's front_mean (experiment_writer.cpp).
    r.origin[static_cast<std::size_t>(d) * kFronts + 0] = s0.military;
    r.origin[static_cast<std::size_t>(d) * kFronts + 1] = ctx.econ0[static_cast<std::size_t>(d)];
    r.origin[static_cast<std::size_t>(d) * kFronts + 2] = s0.diplomatic;
  }
  return r;
}

namespace {

/// True when every focal probability's 95% Wilson interval is at most `half_width` wide on each side.
bool narrow_enough(const SweepPlan& plan, const Accumulator& acc) {
  for (int d : plan.focal_dyads) {
    const Interval iv = wilson(acc.formed_by[acc.td(acc.ticks, d)], acc.runs);
    if ((iv.hi - iv.lo) / 2 > plan.spec.target_half_width) return false;
  }
  return true;
}

}  // namespace

PointResult run_point(const SweepPlan& plan, std::size_t p) {
  const Scenario sc = plan.scenario_for(p);
  const ModelContext ctx(sc);
  EnsembleOptions opt;
  opt.seed = plan.spec.seed;
  opt.threads = 0;  // the sweep sets the thread limit once, for all points
  if (!plan.spec.adaptive()) {
    opt.runs = plan.spec.runs;
    return reduce_point(run_ensemble(ctx, opt, {}), ctx);
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
  return reduce_point(total, ctx);
}

void run_points(const SweepPlan& plan, const std::vector<std::size_t>& points, std::vector<PointResult>& results,
                const std::function<void(std::size_t)>& done) {
  std::mutex m;
  tbb::parallel_for(std::size_t(0), points.size(), [&](std::size_t k) {
    const std::size_t p = points[k];
    results[p] = run_point(plan, p);
    if (done) {
      std::lock_guard<std::mutex> lock(m);
      done(p);
    }
  });
}

// ---- serialisation ------------------------------------------------------------------------

namespace {

template <class T>
void put(std::string& out, const std::vector<T>& v) {
  const std::uint64_t n = v.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

template <class T>
void get(const std::string& in, std::size_t& pos, std::vector<T>& v, std::size_t expected) {
  std::uint64_t n = 0;
  if (pos + sizeof n > in.size()) throw std::runtime_error("truncated point result");
  std::memcpy(&n, in.data() + pos, sizeof n);
  pos += sizeof n;
  if (n != expected || pos + n * sizeof(T) > in.size()) throw std::runtime_error("point result of the wrong shape");
  v.resize(n);
  if (n) std::memcpy(v.data(), in.data() + pos, n * sizeof(T));
  pos += n * sizeof(T);
}

}  // namespace

std::string serialize(const PointResult& r) {
  std::string out;
  out.append(reinterpret_cast<const char*>(&r.runs), sizeof r.runs);
  put(out, r.formed_by);
  put(out, r.in_force);
  put(out, r.first_formation);
  put(out, r.front_sum);
  put(out, r.front_sumsq);
  put(out, r.origin);
  return out;
}

PointResult deserialize(const std::string& in, int ticks, int dyads) {
  PointResult r;
  const auto td = static_cast<std::size_t>(ticks + 1) * static_cast<std::size_t>(dyads);
  const auto nd = static_cast<std::size_t>(dyads);
  std::size_t pos = 0;
  if (in.size() < sizeof r.runs) throw std::runtime_error("truncated point result");
  std::memcpy(&r.runs, in.data(), sizeof r.runs);
  pos = sizeof r.runs;
  get(in, pos, r.formed_by, td);
  get(in, pos, r.in_force, td);
  get(in, pos, r.first_formation, nd * static_cast<std::size_t>(ticks + 2));
  get(in, pos, r.front_sum, td * kFronts);
  get(in, pos, r.front_sumsq, td * kFronts);
  get(in, pos, r.origin, nd * kFronts);
  if (pos != in.size()) throw std::runtime_error("point result with trailing bytes");
  return r;
}

}  // namespace simrun
