#include "sim/engine/estimates.hpp"

#include <algorithm>
#include <cmath>

#include "sim/engine/predictive_stats.hpp"
#include "sim/engine/statistics.hpp"
#include "sim/model/step.hpp"

namespace simrun {

ProbabilityTriplet wilson_triplet(const std::vector<std::uint64_t>& counts, std::uint64_t runs) {
  ProbabilityTriplet t;
  t.estimate.resize(counts.size());
  t.lower.resize(counts.size());
  t.upper.resize(counts.size());
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const Interval iv = wilson(counts[k], runs);
    t.estimate[k] = iv.estimate;
    t.lower[k] = iv.lo;
    t.upper[k] = iv.hi;
  }
  return t;
}

FrontMoments front_moments(const std::vector<int128>& sum, const std::vector<int128>& sumsq,
                           const std::vector<double>& origin, std::uint64_t runs, int dyads) {
  const double n = static_cast<double>(runs);
  const auto nd = static_cast<std::size_t>(dyads);
  FrontMoments m;
  m.mean.resize(sum.size());
  m.sd.resize(sum.size());
  for (std::size_t k = 0; k < sum.size(); ++k) {
    const std::size_t d = (k / kFronts) % nd, f = k % kFronts;
    const double mu = from_fixed(sum[k]) / n;
    const double var = std::max(0.0, from_fixed(sumsq[k]) / n - mu * mu);
    m.mean[k] = origin[d * kFronts + f] + mu;
    m.sd[k] = std::sqrt(var * n / std::max(1.0, n - 1));
  }
  return m;
}

std::vector<double> front_origin(const ModelContext& ctx) {
  std::vector<double> origin(static_cast<std::size_t>(ctx.nd) * kFronts);
  for (int d = 0; d < ctx.nd; ++d) {
    const DyadSpec& s0 = ctx.dyad_spec(d);
    const auto at = static_cast<std::size_t>(d) * kFronts;
    origin[at + static_cast<std::size_t>(Front::Military)] = s0.military;
    origin[at + static_cast<std::size_t>(Front::Economic)] = ctx.econ0[static_cast<std::size_t>(d)];
    origin[at + static_cast<std::size_t>(Front::Diplomatic)] = s0.diplomatic;
  }
  return origin;
}

LandscapeRanking t0_landscape_ranking(const ModelContext& ctx, std::size_t max_ranks) {
  WorldState w0;
  start_run(ctx, w0);
  std::vector<double> sizes, weights;
  for (const auto& a : ctx.sc.actors) sizes.push_back(a.size);
  landscape_weights(ctx.n, sizes, w0.propensity, weights);
  LandscapeRanking r;
  r.ranked = landscape_ranking(ctx.n, weights);
  if (r.ranked.size() > max_ranks) r.ranked.resize(max_ranks);
  for (const auto& [config, energy] : r.ranked) r.local_minimum.push_back(is_local_minimum(ctx.n, weights, config) ? 1 : 0);
  return r;
}

ProbabilityTriplet predictive_triplet(const DrawCounts& draws, const std::vector<std::uint32_t>& per_draw) {
  ProbabilityTriplet t;
  for (int tick = 0; tick <= draws.ticks; ++tick)
    for (int d = 0; d < draws.dyads; ++d) {
      const Interval iv = predictive_interval(draws.cell(per_draw, tick, d), draws.runs_per_draw);
      t.estimate.push_back(iv.estimate);
      t.lower.push_back(iv.lo);
      t.upper.push_back(iv.hi);
    }
  return t;
}

ProbabilityTriplet predictive_pact_triplet(const DrawCounts& draws, const std::vector<std::uint32_t>& per_draw) {
  ProbabilityTriplet t;
  for (int tick = 0; tick <= draws.ticks; ++tick)
    for (int d = 0; d < draws.dyads; ++d)
      for (int k = 0; k < kPactTypes; ++k) {
        const Interval iv = predictive_interval(draws.cell(per_draw, tick, d, k), draws.runs_per_draw);
        t.estimate.push_back(iv.estimate);
        t.lower.push_back(iv.lo);
        t.upper.push_back(iv.hi);
      }
  return t;
}

ExperimentEstimates estimate_experiment(const ModelContext& ctx, const Accumulator& acc, const DrawCounts* draws) {
  ExperimentEstimates e;
  e.predictive = draws != nullptr;
  e.formed_by = draws ? predictive_triplet(*draws, draws->formed_by) : wilson_triplet(acc.formed_by, acc.runs);
  e.in_force = draws ? predictive_triplet(*draws, draws->in_force) : wilson_triplet(acc.in_force, acc.runs);
  e.coaligned = draws ? predictive_triplet(*draws, draws->coaligned) : wilson_triplet(acc.coaligned, acc.runs);
  e.pact_formed_by = draws ? predictive_pact_triplet(*draws, draws->pact_formed_by) : wilson_triplet(acc.pact_formed_by, acc.runs);
  e.pact_in_force = draws ? predictive_pact_triplet(*draws, draws->pact_in_force) : wilson_triplet(acc.pact_in_force, acc.runs);
  e.fronts = front_moments(acc.front_sum, acc.front_sumsq, front_origin(ctx), acc.runs, ctx.nd);
  e.t0_ranking = t0_landscape_ranking(ctx, kLandscapeRanks);
  return e;
}

}  // namespace simrun
