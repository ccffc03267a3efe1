#pragma once
// What a predictive ensemble (D parameter draws x R runs each) says about one probability:
// the predictive probability and its Monte Carlo interval, the spread of the probability over
// the inputs, and the law-of-total-variance split of the outcome's variance into the inputs'
// share and chance's share. docs/uncertainty.md explains each number to an analyst.
//
// With p_d the probability under draw d's inputs and Y a run's 0/1 outcome,
//   Var(Y) = Var_d(p_d) + E_d[p_d (1 - p_d)]          (inputs + chance).
// Each p_d is estimated by p̂_d = k_d / R, whose variance adds binomial noise:
//   Var(p̂_d) = Var_d(p_d) + E[p_d(1 - p_d)] / R,  and  E[p̂_d(1 - p̂_d)] = E[p_d(1 - p_d)] (R - 1) / R,
// so  V_inputs = s²(p̂) - mean(p̂(1 - p̂)) / (R - 1)  and  V_chance = mean(p̂(1 - p̂)) R / (R - 1)
// are unbiased; the inputs' share is V_inputs / (V_inputs + V_chance), clipped to [0, 1].
#include <cstdint>
#include <vector>

#include "sim/engine/statistics.hpp"

namespace simrun {

struct PredictiveStats {
  std::uint64_t draws = 0, runs_per_draw = 0;
  /// P over inputs and chance, with the 95% Monte Carlo interval of finite draws and runs: the
  /// wider of Wilson's on all runs and the normal interval with the between-draw standard error
  /// s(p̂)/sqrt(D) (runs of one draw share its inputs, so they are not independent).
  Interval predictive;
  /// Quantiles of p̂_d over draws: the spread the inputs cause (each p̂_d also carries binomial
  /// noise of sd <= 0.5/sqrt(R)).
  double median = 0, q10 = 0, q90 = 0, q025 = 0, q975 = 0;
  double var_inputs = 0;  ///< Var_d(p_d), corrected for within-draw binomial noise (may be < 0 by chance)
  double var_chance = 0;  ///< E_d[p_d (1 - p_d)]
  /// Inputs' share of Var(Y) with its 95% percentile bootstrap interval over draws (NaN when no
  /// run or every run formed: Var(Y) = 0).
  Interval input_share;
};

/// @param counts k_d per draw (successes among runs_per_draw runs)
/// @param bootstrap resamples of the draws for the share's interval (0: no interval)
/// @param seed addresses the bootstrap's counter-based random numbers (results are reproducible)
/// @throws std::invalid_argument unless there are at least 2 draws and 2 runs per draw.
PredictiveStats predictive_stats(const std::vector<std::uint32_t>& counts, std::uint64_t runs_per_draw,
                                 std::uint32_t seed, int bootstrap = 1000);

/// Only the predictive probability and its Monte Carlo interval (cheap: every cell of a file).
Interval predictive_interval(const std::vector<std::uint32_t>& counts, std::uint64_t runs_per_draw);

/// Quantile q of ascending `sorted` values, linear interpolation between order statistics
/// (Hyndman and Fan's type 7, R's default). NaN if empty.
double sorted_quantile(const std::vector<double>& sorted, double q);

}  // namespace simrun
