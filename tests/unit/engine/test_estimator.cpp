// The Monte Carlo estimator against answers known in closed form, the interval and quantile
// helpers of sim/engine/statistics.hpp against hand-computed values, and the bit-identity of
// run_ensemble's accumulators across thread counts and wave sizes.
//
// Statistical checks use a fixed seed, so they are deterministic; their tolerances are 4
// standard errors, so that a correct estimator would fail a check with probability about 6e-5
// (two-sided normal tail beyond 4 SE) for a seed chosen at random: a failure means a bug, not
// bad luck, and no seed was tuned to pass.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/statistics.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun {
namespace {

// ---- a scenario whose answer is known ------------------------------------------------------------
//
// Two actors, one dyad, and nothing moves: lambda 0 makes every logistic 1/2, the relaxation
// rates, the arms-deal rate, growth and growth noise are 0, there are no crises, shocks, visits,
// steps, aid or projects, and an alliance never dissolves (no hazard, no margin, no third party
// to entrap it). Readiness R = cbrt(m e d) = cbrt(0.9 * 0.5 * 0.9) = 0.74 >= r_min = 0.4 with
// e = T / (T + K_E) = 5 / (5 + 5) = 0.5. So consent = 1/2 * 1/2 = 1/4 and every tick until the
// alliance forms it forms with probability q = h / 4 = 0.05: the first formation tick X is
// geometric on {1, 2, ...}, P(X = k) = (1 - q)^(k-1) q, P(formed by t) = 1 - (1 - q)^t.
constexpr double kHazard = 0.2;
constexpr double kQ = kHazard / 4;
constexpr int kHorizon = 400;  // (1 - q)^400 = 1.2e-9: truncation is negligible (see below)
constexpr std::uint64_t kRuns = 20000;
constexpr std::uint32_t kSeed = 20240611;

std::string geometric_scenario() {
  return R"(name: geometric
calendar: {start: 2020Q1, ticks: )" + std::to_string(kHorizon) + R"(}
actors:
  - {id: A, gdp: 1000, growth: 0}
  - {id: B, gdp: 1000, growth: 0}
dyads:
  - pair: [A, B]
    military: 0.9
    diplomatic: 0.9
    trade: 5
    deal_rate: 0
global:
  threat_shock_rate: 0
parameters:
  lambda: 0
  r_min: 0.4
  econ_saturation: 5
  formation_hazard: )" + std::to_string(kHazard) + R"(
  defence_termination: 0
  stance_persistence: 0
  relax_military: 0
  relax_diplomatic: 0
  relax_trade: 0
  growth_noise_sd: 0
)";
}

/// 4 standard errors of a proportion p estimated from n runs.
double four_se(double p, std::uint64_t n) { return 4.0 * std::sqrt(p * (1.0 - p) / static_cast<double>(n)); }

/// The geometric scenario's ensemble: kRuns runs with kSeed, computed once per process.
const Accumulator& geometric_ensemble() {
  static const Scenario scenario = load_scenario_text(geometric_scenario(), "geometric.yaml");
  static const ModelContext ctx(scenario);
  static const Accumulator acc = [] {
    EnsembleOptions opt;
    opt.seed = kSeed;
    opt.runs = kRuns;
    return run_ensemble(ctx, opt, {});
  }();
  return acc;
}

TEST(Estimator, GeometricScenarioIsWhatItClaims) {
  // The premises of the closed form, checked on the loaded scenario and its initial state.
  const Scenario sc = load_scenario_text(geometric_scenario(), "geometric.yaml");
  ASSERT_EQ(sc.n_actors(), 2);
  ASSERT_EQ(sc.n_dyads(), 1);
  EXPECT_EQ(sc.calendar.ticks, kHorizon);
  EXPECT_EQ(sc.params.lambda, 0.0);
  EXPECT_EQ(sc.params.formation_hazard, kHazard);
  EXPECT_EQ(sc.dyads[0].crisis_rate, 0.0);
  EXPECT_EQ(sc.dyads[0].deal_rate, 0.0);
  EXPECT_EQ(sc.dyads[0].step_rate, 0.0);
  EXPECT_EQ(sc.dyads[0].visit_rate, 0.0);
  EXPECT_EQ(sc.global.threat_shock_rate, 0.0);
  EXPECT_EQ(sc.dyads[0].pact, 0.0);
  const ModelContext ctx(sc);
  const double r = std::cbrt(0.9 * ctx.econ_front(5.0, 0.0) * 0.9);
  EXPECT_DOUBLE_EQ(ctx.econ_front(5.0, 0.0), 0.5);
  EXPECT_GE(r, sc.params.r_min);
}

void check_bookkeeping(const Accumulator& acc) {
  ASSERT_EQ(acc.runs, kRuns);
  ASSERT_EQ(acc.ticks, kHorizon);
  ASSERT_EQ(acc.dyads, 1);
  ASSERT_EQ(acc.first_formation.size(), static_cast<std::size_t>(kHorizon + 2));
  // Nothing is allied at tick 0, and with no dissolution "in force" equals "formed by".
  EXPECT_EQ(acc.formed_by[acc.td(0, 0)], 0u);
  EXPECT_EQ(acc.first_formation[0], 0u);
  std::uint64_t cumulative = 0, total = 0;
  for (int t = 0; t <= kHorizon; ++t) {
    cumulative += acc.first_formation[static_cast<std::size_t>(t)];
    ASSERT_EQ(acc.formed_by[acc.td(t, 0)], cumulative) << "formed_by is not the cumulative first_formation at t=" << t;
    ASSERT_EQ(acc.in_force[acc.td(t, 0)], acc.formed_by[acc.td(t, 0)]) << "an alliance dissolved at t=" << t;
  }
  for (auto c : acc.first_formation) total += c;
  EXPECT_EQ(total, kRuns);
  // Nothing moves: every front has the same value in every run at the last tick.
  for (int f = 0; f < kFronts; ++f) {
    const HistogramCount* hist = &acc.front_hist[acc.tdf(kHorizon, 0, f) * kHistogramBins];
    std::uint64_t max_bin = 0;
    for (int b = 0; b < kHistogramBins; ++b) max_bin = std::max<std::uint64_t>(max_bin, hist[b]);
    EXPECT_EQ(max_bin, kRuns) << "front " << f << " moved";
  }
}

void check_formed_by(const Accumulator& acc) {
  for (int t : {1, 2, 5, 10, 14, 20, 30, 50, 80, 120}) {
    const double p = 1.0 - std::pow(1.0 - kQ, t);
    const std::uint64_t k = acc.formed_by[acc.td(t, 0)];
    const double p_hat = static_cast<double>(k) / static_cast<double>(kRuns);
    // |p_hat - p| <= 4 SE: false alarm about 6e-5 per check.
    EXPECT_LE(std::abs(p_hat - p), four_se(p, kRuns)) << "t=" << t << " p=" << p << " p_hat=" << p_hat;
    // The Wilson interval at z = 4 covers p (same false-alarm rate).
    const Interval wide = wilson(k, kRuns, 4.0);
    EXPECT_LE(wide.lo, p) << "t=" << t;
    EXPECT_GE(wide.hi, p) << "t=" << t;
    // The 95% interval reported to users has the width of +-1.96 SE (Wilson ~ Wald for n p >> 1)
    // and contains its own estimate.
    const Interval ci = wilson(k, kRuns);
    EXPECT_DOUBLE_EQ(ci.estimate, p_hat);
    EXPECT_LE(ci.lo, p_hat);
    EXPECT_GE(ci.hi, p_hat);
    const double wald_half = kZ95 * std::sqrt(p_hat * (1.0 - p_hat) / static_cast<double>(kRuns));
    EXPECT_NEAR((ci.hi - ci.lo) / 2.0, wald_half, 0.05 * wald_half) << "t=" << t;
  }
  // By the horizon all but (1 - q)^400 * n = 2.4e-5 runs are expected to have formed: 4 SE of
  // that proportion is 0.02 runs, so no run may be left.
  const double p_never = std::pow(1.0 - kQ, kHorizon);
  EXPECT_LT(p_never * static_cast<double>(kRuns), 1e-4);
  EXPECT_EQ(acc.first_formation[kHorizon + 1], 0u) << "runs that never formed";
}

void check_mean_formation_tick(const Accumulator& acc) {
  // The sample is the first formation tick of the runs that formed by the horizon, i.e. X given
  // X <= T. Its mean and variance are computed exactly by summation (not from 1/q), so the check
  // is right whatever the truncation; with T = 400 they equal 1/q = 20 and (1-q)/q^2 = 380 to
  // within 1e-5, which the second expectation documents.
  double mass = 0, m1 = 0, m2 = 0;
  for (int k = 1; k <= kHorizon; ++k) {
    const double pk = std::pow(1.0 - kQ, k - 1) * kQ;
    mass += pk;
    m1 += k * pk;
    m2 += static_cast<double>(k) * k * pk;
  }
  const double mean = m1 / mass, var = m2 / mass - mean * mean;
  EXPECT_NEAR(mean, 1.0 / kQ, 1e-5);
  EXPECT_NEAR(var, (1.0 - kQ) / (kQ * kQ), 1e-3);

  std::uint64_t formed = 0;
  double sum = 0;
  for (int t = 0; t <= kHorizon; ++t) {
    const auto c = acc.first_formation[static_cast<std::size_t>(t)];
    formed += c;
    sum += static_cast<double>(t) * static_cast<double>(c);
  }
  ASSERT_GT(formed, 0u);
  const double sample_mean = sum / static_cast<double>(formed);
  const double se = std::sqrt(var / static_cast<double>(formed));  // 0.138 ticks
  EXPECT_LE(std::abs(sample_mean - mean), 4.0 * se) << "sample mean " << sample_mean << ", expected " << mean;
}

void check_formation_tick_distribution(const Accumulator& acc) {
  // Pearson chi-square of the first-formation ticks against the geometric law, in bins 1..59 and
  // one tail bin (ticks >= 60: expected 0.95^59 n = 970 runs; the smallest bin, tick 59, expects
  // 51 runs, so the chi-square approximation holds). With 59 degrees of freedom chi2 has mean 59
  // and sd sqrt(118) = 10.9; P(chi2 > 110) = 6.3e-5, the false-alarm rate of the 4-SE checks.
  constexpr int kLast = 59;
  double chi2 = 0, tail_expected = 1.0;
  std::uint64_t tail_observed = 0;
  for (int t = 1; t <= kHorizon + 1; ++t) tail_observed += acc.first_formation[static_cast<std::size_t>(t)];
  for (int k = 1; k <= kLast; ++k) {
    const double expected = std::pow(1.0 - kQ, k - 1) * kQ * static_cast<double>(kRuns);
    const auto observed = static_cast<double>(acc.first_formation[static_cast<std::size_t>(k)]);
    chi2 += (observed - expected) * (observed - expected) / expected;
    tail_expected -= std::pow(1.0 - kQ, k - 1) * kQ;
    tail_observed -= acc.first_formation[static_cast<std::size_t>(k)];
  }
  const double e_tail = tail_expected * static_cast<double>(kRuns);
  chi2 += (static_cast<double>(tail_observed) - e_tail) * (static_cast<double>(tail_observed) - e_tail) / e_tail;
  EXPECT_LT(chi2, 110.0) << "tail expected " << e_tail << ", observed " << tail_observed;
}

// One test runs the ensemble (about 2 s) and every check on it: ctest runs each test in its own
// process, so separate tests would each pay for the ensemble again.
TEST(Estimator, GeometricEnsembleMatchesClosedForm) {
  const Accumulator& acc = geometric_ensemble();
  {
    SCOPED_TRACE("bookkeeping: shapes, cumulative counts, nothing dissolves or moves");
    check_bookkeeping(acc);
  }
  {
    SCOPED_TRACE("P(formed by t) = 1 - (1 - q)^t");
    check_formed_by(acc);
  }
  {
    SCOPED_TRACE("mean first formation tick = 1/q");
    check_mean_formation_tick(acc);
  }
  {
    SCOPED_TRACE("chi-square of the first formation ticks");
    check_formation_tick_distribution(acc);
  }
}

TEST(Estimator, HazardScalesWithConsent) {
  // Same scenario with formation_hazard 1: q = 1/4 exactly, so P(formed at tick 1) = 1/4.
  const Scenario sc = load_scenario_text(geometric_scenario(), "geometric.yaml", {"parameters.formation_hazard=1", "calendar.ticks=3"});
  const ModelContext ctx(sc);
  EnsembleOptions opt;
  opt.seed = 7;
  opt.runs = kRuns;
  const Accumulator acc = run_ensemble(ctx, opt, {});
  for (int t = 1; t <= 3; ++t) {
    const double p = 1.0 - std::pow(0.75, t);
    const double p_hat = static_cast<double>(acc.formed_by[acc.td(t, 0)]) / static_cast<double>(kRuns);
    EXPECT_LE(std::abs(p_hat - p), four_se(p, kRuns)) << "t=" << t;
  }
}

// ---- wilson() and histogram_quantile() against hand-computed values ---------------------------

TEST(Estimator, WilsonHandComputed) {
  // k = 10, n = 100, z = 1.959964: centre = (0.1 + z^2/200) / (1 + z^2/100) = 0.114797,
  // half = z / (1 + z^2/100) * sqrt(0.0009 + z^2/40000) = 0.059569.
  const Interval a = wilson(10, 100);
  EXPECT_DOUBLE_EQ(a.estimate, 0.1);
  EXPECT_NEAR(a.lo, 0.055229, 5e-6);
  EXPECT_NEAR(a.hi, 0.174366, 5e-6);
  EXPECT_NEAR(a.lo, 0.0552, 5e-5);
  EXPECT_NEAR(a.hi, 0.1744, 5e-5);
  // k = 50, n = 100: symmetric about 1/2, half = z/(1+z^2/100) * sqrt(0.0025 + z^2/40000) = 0.0961.
  const Interval b = wilson(50, 100);
  EXPECT_NEAR(b.lo, 0.403832, 5e-6);
  EXPECT_NEAR(b.hi, 0.596168, 5e-6);
  EXPECT_NEAR(b.lo + b.hi, 1.0, 1e-12);
  // Symmetry: k successes and n - k failures mirror each other.
  const Interval c = wilson(90, 100);
  EXPECT_NEAR(c.lo, 1.0 - a.hi, 1e-12);
  EXPECT_NEAR(c.hi, 1.0 - a.lo, 1e-12);
  // Another z: k = 1, n = 10, z = 1: centre = (0.1 + 0.05) / 1.1, half = sqrt(0.009 + 0.0025) / 1.1.
  const Interval d = wilson(1, 10, 1.0);
  EXPECT_NEAR(d.lo, (0.15 - std::sqrt(0.0115)) / 1.1, 1e-12);
  EXPECT_NEAR(d.hi, (0.15 + std::sqrt(0.0115)) / 1.1, 1e-12);
}

TEST(Estimator, WilsonEdgeCases) {
  const double z2 = kZ95 * kZ95;
  for (std::uint64_t n : {1ull, 2ull, 10ull, 100ull, 20000ull, 100000000ull}) {
    const double nn = static_cast<double>(n);
    // k = 0: [0, z^2 / (n + z^2)]; the interval contains its estimate 0.
    const Interval zero = wilson(0, n);
    EXPECT_EQ(zero.estimate, 0.0) << "n=" << n;
    EXPECT_EQ(zero.lo, 0.0) << "n=" << n;
    EXPECT_NEAR(zero.hi, z2 / (nn + z2), 1e-12) << "n=" << n;
    // k = n: [n / (n + z^2), 1].
    const Interval all = wilson(n, n);
    EXPECT_EQ(all.estimate, 1.0) << "n=" << n;
    EXPECT_EQ(all.hi, 1.0) << "n=" << n;
    EXPECT_NEAR(all.lo, nn / (nn + z2), 1e-12) << "n=" << n;
  }
  // No trials: the documented "[0, 1] around 0".
  const Interval none = wilson(0, 0);
  EXPECT_EQ(none.estimate, 0.0);
  EXPECT_EQ(none.lo, 0.0);
  EXPECT_EQ(none.hi, 1.0);
}

// At k = 0 the lower bound is exactly 0 and at k = n the upper bound exactly 1, so the interval
// contains its estimate. (The formula gives them only up to rounding, e.g. centre - half =
// 3.5e-18 for wilson(0, 100) and centre + half = 1 - 1.1e-16 for wilson(10, 10); wilson() must
// special-case them, or every never-formed dyad's *_lower in the output is 3.5e-18, not 0.)
TEST(Estimator, WilsonEdgeBoundsExact) {
  for (std::uint64_t n : {1ull, 2ull, 3ull, 5ull, 7ull, 10ull, 17ull, 100ull, 999ull, 20000ull}) {
    EXPECT_EQ(wilson(0, n).lo, 0.0) << "wilson(0, " << n << ").lo";
    EXPECT_EQ(wilson(n, n).hi, 1.0) << "wilson(" << n << ", " << n << ").hi";
  }
}

TEST(Estimator, WilsonIntervalsAreOrderedAndContainTheEstimate) {
  for (std::uint64_t n : {1ull, 3ull, 17ull, 100ull, 999ull}) {
    double last_lo = -1, last_hi = -1;
    for (std::uint64_t k = 0; k <= n; ++k) {
      const Interval iv = wilson(k, n);
          ASSERT_LE(0.0, iv.lo) << k << "/" << n;
      ASSERT_LE(iv.lo, iv.estimate) << k << "/" << n;
      ASSERT_LE(iv.estimate, iv.hi) << k << "/" << n;
      ASSERT_LE(iv.hi, 1.0) << k << "/" << n;
      ASSERT_GT(iv.lo, last_lo - 1e-15) << "lower bound not monotone at " << k << "/" << n;
      ASSERT_GT(iv.hi, last_hi - 1e-15) << "upper bound not monotone at " << k << "/" << n;
      last_lo = iv.lo;
      last_hi = iv.hi;
    }
  }
}

TEST(Estimator, WilsonCoverageIsNearNominal) {
  // Exact coverage, no simulation: sum of Binomial(n, p) probabilities of the k whose 95%
  // interval contains p. Wilson's coverage oscillates around 0.95; for these n and p it stays
  // within [0.92, 0.98] (Brown, Cai & DasGupta 2001).
  for (std::uint64_t n : {50ull, 200ull, 1000ull}) {
    for (double p : {0.05, 0.1, 0.3, 0.5}) {
      double coverage = 0;
      const double nn = static_cast<double>(n);
      for (std::uint64_t k = 0; k <= n; ++k) {
        const double kk = static_cast<double>(k);
        const double log_pmf = std::lgamma(nn + 1) - std::lgamma(kk + 1) - std::lgamma(nn - kk + 1) +
                               kk * std::log(p) + (nn - kk) * std::log1p(-p);
        const Interval iv = wilson(k, n);
        if (iv.lo <= p && p <= iv.hi) coverage += std::exp(log_pmf);
      }
      EXPECT_GE(coverage, 0.92) << "n=" << n << " p=" << p;
      EXPECT_LE(coverage, 0.98) << "n=" << n << " p=" << p;
    }
  }
}

TEST(Estimator, HistogramQuantileHandComputed) {
  // Five bins of width 0.2 on [0, 1] holding 0, 2, 0, 6, 2 of 10 values. The quantile interpolates
  // linearly inside the bin where the cumulative count reaches q * total.
  const std::uint32_t bins[5] = {0, 2, 0, 6, 2};
  const auto q = [&](double level) { return histogram_quantile(bins, 5, 10, level); };
  EXPECT_DOUBLE_EQ(q(0.0), 0.2);  // lower edge of the first non-empty bin
  EXPECT_DOUBLE_EQ(q(0.1), 0.3);  // target 1 of the 2 in [0.2, 0.4)
  EXPECT_DOUBLE_EQ(q(0.2), 0.4);  // target 2: the end of bin 1 (bin 2 is empty)
  EXPECT_DOUBLE_EQ(q(0.5), 0.7);  // target 5: 3 of the 6 in [0.6, 0.8)
  EXPECT_DOUBLE_EQ(q(0.8), 0.8);  // target 8: the end of bin 3
  EXPECT_DOUBLE_EQ(q(0.9), 0.9);  // target 9: 1 of the 2 in [0.8, 1.0)
  EXPECT_DOUBLE_EQ(q(1.0), 1.0);
  // Monotone in q.
  double last = 0;
  for (int i = 0; i <= 100; ++i) {
    const double v = q(i / 100.0);
    EXPECT_GE(v, last) << "q=" << i / 100.0;
    last = v;
  }
  // All mass in one bin of the 200-bin layout used by the accumulators: quantiles sweep that bin.
  std::vector<std::uint32_t> fine(kHistogramBins, 0);
  fine[100] = 40;  // values in [0.5, 0.505)
  EXPECT_DOUBLE_EQ(histogram_quantile(fine.data(), kHistogramBins, 40, 0.5), 100.5 / kHistogramBins);
  EXPECT_DOUBLE_EQ(histogram_quantile(fine.data(), kHistogramBins, 40, 0.25), 100.25 / kHistogramBins);
  // No values: NaN.
  EXPECT_TRUE(std::isnan(histogram_quantile(fine.data(), kHistogramBins, 0, 0.5)));
}

// ---- run_ensemble is bit-identical across thread counts and wave sizes ------------------------

/// Every field of two accumulators, exactly.
void expect_identical(const Accumulator& a, const Accumulator& b, const std::string& what) {
  EXPECT_EQ(a.ticks, b.ticks) << what;
  EXPECT_EQ(a.dyads, b.dyads) << what;
  EXPECT_EQ(a.links, b.links) << what;
  EXPECT_EQ(a.runs, b.runs) << what;
  EXPECT_EQ(a.formed_by, b.formed_by) << what;
  EXPECT_EQ(a.in_force, b.in_force) << what;
  EXPECT_EQ(a.first_formation, b.first_formation) << what;
  // int128 has no gtest printer: compare with ==.
  EXPECT_TRUE(a.front_sum == b.front_sum) << what << ": front_sum";
  EXPECT_TRUE(a.front_sumsq == b.front_sumsq) << what << ": front_sumsq";
  EXPECT_EQ(a.front_hist, b.front_hist) << what;
  EXPECT_TRUE(a.willing_sum == b.willing_sum) << what << ": willing_sum";
  EXPECT_TRUE(a.readiness_sum == b.readiness_sum) << what << ": readiness_sum";
  EXPECT_TRUE(a.trade_sum == b.trade_sum) << what << ": trade_sum";
  EXPECT_EQ(a.coaligned, b.coaligned) << what;
  EXPECT_TRUE(a.configs == b.configs) << what << ": configs";
  EXPECT_TRUE(a.threat_sum == b.threat_sum) << what << ": threat_sum";
  EXPECT_TRUE(a.aid_sum == b.aid_sum) << what << ": aid_sum";
  EXPECT_EQ(a.event_sum, b.event_sum) << what;
  EXPECT_EQ(a.scripted_sum, b.scripted_sum) << what;
}

/// The per-run table rows a sink receives, concatenated in run order (first_tick and events).
struct Rows {
  std::vector<std::uint64_t> first_runs;
  std::vector<std::int16_t> first_tick;
  std::vector<std::int32_t> events;
  std::vector<float> final_military;
};

Accumulator run_baseline(const ModelContext& ctx, int threads, std::uint64_t wave, Rows* rows = nullptr,
                         std::uint64_t tail_align = 1024) {
  EnsembleOptions opt;
  opt.tail_align = tail_align;
  opt.seed = 99;
  opt.runs = 500;
  opt.wave = wave;
  WaveSink sink;
  if (rows)
    sink = [rows](std::uint64_t first, const RunTable& t) {
      rows->first_runs.push_back(first);
      rows->first_tick.insert(rows->first_tick.end(), t.first_tick.begin(), t.first_tick.end());
      rows->events.insert(rows->events.end(), t.events.begin(), t.events.end());
      rows->final_military.insert(rows->final_military.end(), t.final_military.begin(), t.final_military.end());
    };
  // The ensemble runs on its caller's arena (it does not set the thread count): `threads` slots.
  tbb::task_arena arena(threads);
  return arena.execute([&] { return run_ensemble(ctx, opt, sink); });
}

TEST(Estimator, EnsembleBitIdenticalAcrossThreadsAndWaves) {
  const Scenario sc = load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const ModelContext ctx(sc);
  Rows rows_1, rows_2, rows_7;
  const Accumulator one = run_baseline(ctx, 1, 4096, &rows_1);
  const Accumulator two = run_baseline(ctx, 2, 4096, &rows_2);
  const Accumulator small_waves = run_baseline(ctx, 2, 7, &rows_7);
  const Accumulator small_waves_1 = run_baseline(ctx, 1, 7);
  ASSERT_EQ(one.runs, 500u);
  // Not trivially equal: something happened in these runs (new pacts of any type: a new defence
  // pact alone is too rare in 500 baseline runs).
  std::uint64_t formations = 0;
  for (int d = 0; d < one.dyads; ++d)
    for (int k = 0; k < kPactTypes; ++k) formations += one.pact_formed_by[one.tdp(one.ticks, d, k)];
  EXPECT_GT(formations, 0u);

  expect_identical(one, two, "threads 1 vs 2");
  expect_identical(two, small_waves, "wave 4096 vs 7");
  expect_identical(one, small_waves_1, "threads 1: wave 4096 vs 7");

  // The sink sees every run once, in order, with the same rows whatever the wave size.
  // Waves of 7 runs (the last stretch, 3 runs, is not split: tail_align 1024 > 3).
  ASSERT_EQ(rows_7.first_runs.size(), (500u + 6) / 7);
  for (std::size_t w = 0; w < rows_7.first_runs.size(); ++w) EXPECT_EQ(rows_7.first_runs[w], 7 * w);
  EXPECT_EQ(rows_1.first_runs, std::vector<std::uint64_t>{0});
  EXPECT_EQ(rows_1.first_tick, rows_2.first_tick);
  EXPECT_EQ(rows_1.first_tick, rows_7.first_tick);
  EXPECT_EQ(rows_1.events, rows_7.events);
  EXPECT_EQ(rows_1.final_military, rows_7.final_military);
  EXPECT_EQ(rows_1.first_tick.size(), 500u * static_cast<std::size_t>(sc.n_dyads()));
}

TEST(Estimator, EnsembleShardsMergeToTheWhole) {
  // Runs [0, 500) equal runs [0, 200) merged with [200, 500) (first_run), bit for bit.
  const Scenario sc = load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const ModelContext ctx(sc);
  const Accumulator whole = run_baseline(ctx, 2, 4096);
  EnsembleOptions opt;
  opt.seed = 99;
  opt.runs = 200;
  Accumulator merged = run_ensemble(ctx, opt, {});
  opt.first_run = 200;
  opt.runs = 300;
  merged.merge(run_ensemble(ctx, opt, {}));
  expect_identical(whole, merged, "whole vs shards");
}

TEST(Estimator, LastStretchIsSplitOnTheAlignment) {
  // Waves of 64 runs; the last stretch (52 runs) is split at a multiple of 16: 48 + 4. Same
  // results as one wave.
  const Scenario sc = load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const ModelContext ctx(sc);
  Rows split, whole;
  const Accumulator a = run_baseline(ctx, 2, 64, &split, 16);
  const Accumulator b = run_baseline(ctx, 2, 4096, &whole);
  expect_identical(a, b, "split tail vs one wave");
  EXPECT_EQ(split.first_runs, (std::vector<std::uint64_t>{0, 64, 128, 192, 256, 320, 384, 448, 496}));
  EXPECT_EQ(split.first_tick, whole.first_tick);
}

TEST(Estimator, PipelinedWavesStopOnASinkErrorAndRunThePrologueFirst) {
  // The sink (the output file) runs while the next wave is computed: an error in it must stop
  // that wave and reach the caller, on one thread and on two; the prologue runs once, first.
  const Scenario sc = load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const ModelContext ctx(sc);
  struct SinkFailed : std::runtime_error {
    SinkFailed() : std::runtime_error("disk full") {}
  };
  for (int threads : {1, 2}) {
    EnsembleOptions opt;
    opt.runs = 400;
    opt.wave = 50;
    tbb::task_arena arena(threads);
    std::vector<std::string> calls;
    arena.execute([&] {
      EXPECT_THROW(run_ensemble(
                       ctx, opt,
                       [&](std::uint64_t first, const RunTable&) {
                         calls.push_back("sink " + std::to_string(first));
                         if (first == 100) throw SinkFailed();
                       },
                       {}, [&] { calls.push_back("prologue"); }),
                   SinkFailed)
          << threads << " threads";
    });
    EXPECT_EQ(calls, (std::vector<std::string>{"prologue", "sink 0", "sink 50", "sink 100"})) << threads << " threads";
    // Nothing is left running: a fresh ensemble on the same context completes normally.
    opt.runs = 60;
    EXPECT_EQ(arena.execute([&] { return run_ensemble(ctx, opt, {}).runs; }), 60u);
  }
}

TEST(Estimator, StopFlagPassedInEndsTheEnsembleAtAWaveBoundary) {
  // The caller owns the stop flag (simrun's is set by its signal handler): set before the start,
  // no wave reaches the sink; set by the sink of wave 0, the next wave never reaches it; no flag
  // (or one left unset), the ensemble completes.
  const Scenario sc = load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const ModelContext ctx(sc);
  std::atomic<bool> stop{true};
  EnsembleOptions opt;
  opt.runs = 200;
  opt.wave = 50;
  opt.stop = &stop;
  std::vector<std::uint64_t> sunk;
  const WaveSink sink = [&](std::uint64_t first, const RunTable&) {
    sunk.push_back(first);
    stop.store(true);
  };
  EXPECT_THROW(run_ensemble(ctx, opt, sink), Interrupted);
  EXPECT_TRUE(sunk.empty());
  stop.store(false);
  EXPECT_THROW(run_ensemble(ctx, opt, sink), Interrupted);
  EXPECT_EQ(sunk, std::vector<std::uint64_t>{0});
  stop.store(false);
  EXPECT_EQ(run_ensemble(ctx, opt, {}).runs, 200u);
  opt.stop = nullptr;
  EXPECT_EQ(run_ensemble(ctx, opt, {}).runs, 200u);
}

}  // namespace
}  // namespace simrun
