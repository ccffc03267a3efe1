#pragma once
// The estimates every output file reports, derived from an ensemble's integer sums in one place:
// probabilities with their 95% Wilson intervals, front means and standard deviations, the fronts'
// t0 values (the origin of their fixed-point sums) and the t0 landscape ranking. Writers in
// sim/output write these; they never recompute them or run the model.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/draw_counts.hpp"
#include "sim/model/landscape.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Probabilities with 95% Wilson score intervals, element by element.
struct ProbabilityTriplet {
  std::vector<double> estimate, lower, upper;
};

/// counts[k] successes of `runs` trials for every k.
ProbabilityTriplet wilson_triplet(const std::vector<std::uint64_t>& counts, std::uint64_t runs);

/// Mean and standard deviation (n - 1 denominator) of the fronts over runs.
struct FrontMoments {
  std::vector<double> mean, sd;  ///< [tick][dyad][front]
};

/// From the fixed-point sums of deviations from t0 (see Accumulator) and the t0 values `origin`
/// ([dyad][front], front_origin()).
FrontMoments front_moments(const std::vector<int128>& sum, const std::vector<int128>& sumsq,
                           const std::vector<double>& origin, std::uint64_t runs, int dyads);

/// Every dyad's fronts at t0 ([dyad][front]): the values the accumulated deviations are from.
std::vector<double> front_origin(const ModelContext& ctx);

/// Configurations ranked by their Axelrod-Bennett energy at t0 (anchor propensities, sizes).
struct LandscapeRanking {
  std::vector<std::pair<Config, double>> ranked;  ///< (configuration, energy), best first
  std::vector<std::uint8_t> local_minimum;        ///< 1 if no single actor gains by switching
};

/// The best `max_ranks` configurations at t0 (the model's start state, no random numbers).
LandscapeRanking t0_landscape_ranking(const ModelContext& ctx, std::size_t max_ranks);

/// Predictive probabilities of every (tick, dyad) cell with their 95% Monte Carlo intervals over
/// draws and runs (predictive_interval: runs of one draw are not independent).
ProbabilityTriplet predictive_triplet(const DrawCounts& draws, const std::vector<std::uint32_t>& per_draw);
/// The same for a [tick][dyad][pact type] count (pact_formed_by, pact_in_force).
ProbabilityTriplet predictive_pact_triplet(const DrawCounts& draws, const std::vector<std::uint32_t>& per_draw);

/// What an experiment file reports besides the raw sums (computed once, by the engine).
struct ExperimentEstimates {
  bool predictive = false;  ///< probabilities over parameter draws (predictive_triplet), else Wilson
  ProbabilityTriplet formed_by, in_force, coaligned;  ///< [tick][dyad]
  ProbabilityTriplet pact_formed_by, pact_in_force;   ///< [tick][dyad][pact type]
  FrontMoments fronts;
  LandscapeRanking t0_ranking;
};

inline constexpr std::size_t kLandscapeRanks = 64;  ///< t0 ranking rows kept in an experiment file

/// With `draws` (a predictive run) the probabilities are predictive_triplet's.
ExperimentEstimates estimate_experiment(const ModelContext& ctx, const Accumulator& acc, const DrawCounts* draws = nullptr);

}  // namespace simrun
