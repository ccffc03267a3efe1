// The statistics of predictive runs (sim/engine/predictive_stats.hpp): a hand-computed case of
// the law-of-total-variance split, and simulated ensembles with a known split (the per-draw
// probabilities are set, the runs are Bernoulli draws from Philox with fixed seeds) whose
// estimates must lie within 4 standard errors of the truth, the standard error taken from the
// bootstrap (its 95% interval spans about 3.92 of them).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/engine/draw_counts.hpp"
#include "sim/engine/predictive_stats.hpp"
#include "sim/scenario/draws.hpp"

using simrun::PredictiveStats;

namespace {

/// k_d ~ Binomial(R, p[d]) from counter-based uniforms (draw_uniform addresses them by draw and run).
std::vector<std::uint32_t> simulate(const std::vector<double>& p, std::uint64_t R, std::uint32_t seed) {
  std::vector<std::uint32_t> k(p.size(), 0);
  for (std::size_t d = 0; d < p.size(); ++d)
    for (std::uint64_t r = 0; r < R; ++r)
      k[d] += simrun::draw_uniform(seed, d, "run" + std::to_string(r)) < p[d];
  return k;
}

double bootstrap_sd(const PredictiveStats& s) { return (s.input_share.hi - s.input_share.lo) / (2 * 1.959963984540054); }

}  // namespace

TEST(PredictiveStats, HandComputedSplit) {
  // R = 10, p̂ = 0, 0.5, 1: mean 0.5, s² = 0.25, mean p̂(1-p̂) = 1/12.
  // V_inputs = 0.25 - (1/12)/9, V_chance = (1/12)·10/9, share = V_inputs / (V_inputs + V_chance).
  const PredictiveStats s = simrun::predictive_stats({0, 5, 10}, 10, 1, 0);
  EXPECT_DOUBLE_EQ(s.predictive.estimate, 0.5);
  EXPECT_NEAR(s.var_inputs, 0.25 - 1.0 / 108, 1e-15);
  EXPECT_NEAR(s.var_chance, 10.0 / 108, 1e-15);
  EXPECT_NEAR(s.input_share.estimate, (0.25 - 1.0 / 108) / (0.25 + 9.0 / 108), 1e-15);
  EXPECT_DOUBLE_EQ(s.median, 0.5);
  EXPECT_DOUBLE_EQ(s.q10, 0.1);  // type 7: 0 + 0.2·(0.5 - 0)
  EXPECT_TRUE(std::isnan(s.input_share.lo));  // no bootstrap asked for
}

TEST(PredictiveStats, SortedQuantileIsType7) {
  EXPECT_DOUBLE_EQ(simrun::sorted_quantile({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(simrun::sorted_quantile({1, 2, 3, 4}, 0.1), 1.3);
  EXPECT_DOUBLE_EQ(simrun::sorted_quantile({7}, 0.9), 7);
}

TEST(PredictiveStats, RecoversAKnownSplit) {
  // Half the draws at p = 0.1, half at 0.3: Var_inputs = 0.01, E[p(1-p)] = 0.15, share 1/16.
  std::vector<double> p(2000);
  for (std::size_t d = 0; d < p.size(); ++d) p[d] = d % 2 ? 0.3 : 0.1;
  const PredictiveStats s = simrun::predictive_stats(simulate(p, 50, 11), 50, 3);
  EXPECT_NEAR(s.input_share.estimate, 0.0625, 4 * bootstrap_sd(s));
  EXPECT_LT(s.input_share.lo, 0.0625);
  EXPECT_GT(s.input_share.hi, 0.0625);
  // The predictive probability: 0.2, within 4 of its standard errors (the interval's half-width / 1.96).
  EXPECT_NEAR(s.predictive.estimate, 0.2, 4 * (s.predictive.hi - s.predictive.lo) / (2 * 1.96));
  // Uncorrected, the spread of p̂ would overstate Var_inputs by E[p(1-p)]/R = 0.003 (30%).
  EXPECT_NEAR(s.var_inputs, 0.01, 0.0025);
}

TEST(PredictiveStats, InputsWithoutEffectGetAShareNearZero) {
  const std::vector<double> p(1000, 0.2);
  const PredictiveStats s = simrun::predictive_stats(simulate(p, 100, 5), 100, 3);
  EXPECT_LT(s.input_share.estimate, 4 * bootstrap_sd(s) + 1e-12);
  EXPECT_LE(s.input_share.lo, 0.0 + 1e-12);  // the interval reaches zero (the estimate is clipped at 0)
}

TEST(PredictiveStats, ZeroEverywhereFallsBackToWilson) {
  const std::vector<std::uint32_t> zeros(100, 0);
  const auto iv = simrun::predictive_interval(zeros, 50);
  const auto w = simrun::wilson(0, 5000);
  EXPECT_EQ(iv.estimate, 0);
  EXPECT_EQ(iv.hi, w.hi);  // rule-of-three order: about 3.8/5000
  EXPECT_TRUE(std::isnan(simrun::predictive_stats(zeros, 50, 1).input_share.estimate));
  EXPECT_THROW(simrun::predictive_stats({1}, 50, 1), std::invalid_argument);
}

TEST(PredictiveStats, IntervalWidensWithBetweenDrawSpread) {
  // Same total successes; spread over draws makes the Monte Carlo interval wider than Wilson's.
  std::vector<std::uint32_t> even(100, 10), uneven(100, 0);
  for (std::size_t d = 0; d < 50; ++d) uneven[d] = 20;
  const auto a = simrun::predictive_interval(even, 100), b = simrun::predictive_interval(uneven, 100);
  EXPECT_DOUBLE_EQ(a.estimate, b.estimate);
  EXPECT_GT(b.hi - b.lo, 1.5 * (a.hi - a.lo));
}

TEST(DrawCounts, FoldsRowsIntoTheirDraws) {
  simrun::DrawCounts c(2, 3, 2, 1);  // 2 draws x 3 runs, ticks 0..2, one dyad
  simrun::RunTable t(4, 2, 1, 0);    // runs 2..5: the last run of draw 0, all of draw 1
  t.status.assign(4 * 3 * 1, 0);
  t.first_tick = {1, -1, 2, 0};
  t.status[0 * 3 + 1] = simrun::RunTable::kInForce;
  c.add(2, t);
  EXPECT_EQ(c.formed_by[c.at(0, 0, 0)], 0u);
  EXPECT_EQ(c.formed_by[c.at(0, 1, 0)], 1u);
  EXPECT_EQ(c.in_force[c.at(0, 1, 0)], 1u);
  EXPECT_EQ(c.formed_by[c.at(1, 0, 0)], 1u);
  EXPECT_EQ(c.formed_by[c.at(1, 2, 0)], 2u);
  EXPECT_EQ(c.cell(c.formed_by, 2, 0), (std::vector<std::uint32_t>{1, 2}));
}
