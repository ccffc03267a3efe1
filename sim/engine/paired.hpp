#pragma once
// Paired comparison of two scenarios with common random numbers: run r of A and run r of B use
// the same addressed random numbers, so their outcomes are paired and the difference between
// the scenarios is estimated from discordant runs (McNemar) rather than from two independent
// samples.
#include <cstdint>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/draw_counts.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/statistics.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Outcome at the horizon (formal alliance formed by the last tick) of the paired runs.
struct PairedCounts {
  std::uint64_t both = 0;     ///< formed in A and in B
  std::uint64_t a_only = 0;   ///< formed in A only
  std::uint64_t b_only = 0;   ///< formed in B only
  std::uint64_t neither = 0;
  std::uint64_t runs() const { return both + a_only + b_only + neither; }
};

/// Predictive comparisons: each scenario's per-draw counts, and the paired counts per draw.
struct PairedDraws {
  DrawCounts a, b;
  std::vector<PairedCounts> pairs;  ///< [draw][dyad]
  const PairedCounts& at(std::uint64_t draw, int dyad) const {
    return pairs[static_cast<std::size_t>(draw) * static_cast<std::size_t>(a.dyads) + static_cast<std::size_t>(dyad)];
  }
};

struct PairedRun {
  Accumulator a, b;
  std::vector<PairedCounts> dyads;  ///< per dyad
  PairedDraws draws;                ///< empty unless the runs were grouped in draws
};

/// Runs A then B with the same seed and run indices. The two scenarios must have the same actors
/// in the same order. @throws std::invalid_argument otherwise.
PairedRun run_paired(const ModelContext& a, const ModelContext& b, const EnsembleOptions& options,
                     const ProgressFn& progress = {});

/// The same with a model per run (predictive comparisons): runs are grouped in `draws` draws of
/// `runs_per_draw` runs (options.runs = their product), and run r of A and of B belong to the
/// same draw r / runs_per_draw, whose parameter values both scenarios drew from the same
/// addressed uniforms. `a`, `b` give the shapes and are checked as above.
PairedRun run_paired(const ModelContext& a, const RunContext& a_of, const ModelContext& b, const RunContext& b_of,
                     const EnsembleOptions& options, std::uint64_t draws, std::uint64_t runs_per_draw,
                     const ProgressFn& progress = {});

/// The paired difference over draws of one dyad at the horizon: δ_d = P_B,d - P_A,d per draw.
struct PairedDrawStats {
  Interval a, b;            ///< predictive P of each scenario with its Monte Carlo interval
  Interval difference;      ///< mean of δ_d (= P_B - P_A) with the 95% Monte Carlo interval
                            ///< mean ± 1.96 s(δ)/sqrt(D), widened to the paired interval on all runs
  double median = 0, q10 = 0, q90 = 0;  ///< quantiles of δ_d over draws: the inputs' effect on the difference
  double share_b_higher = 0;  ///< share of draws with δ_d > 0
  double share_a_higher = 0;  ///< share of draws with δ_d < 0
};

PairedDrawStats paired_draw_stats(const PairedDraws& draws, int dyad);

struct PairedStats {
  Interval a, b;                 ///< P(formed by horizon) with Wilson intervals
  double difference = 0;         ///< P_B - P_A
  double difference_lo = 0;      ///< 95% interval of the paired difference (Bonett-Price)
  double difference_hi = 0;
  std::uint64_t discordant_a = 0;  ///< runs formed in A only
  std::uint64_t discordant_b = 0;  ///< runs formed in B only
  double z = 0;                  ///< McNemar z = (b_only - a_only) / sqrt(a_only + b_only); 0 if none
  double p_value = 1;            ///< exact two-sided McNemar (binomial) p-value
};

PairedStats paired_stats(const PairedCounts& counts);

/// Exact two-sided binomial test of k successes in n trials with p = 1/2.
double binomial_two_sided_half(std::uint64_t k, std::uint64_t n);

}  // namespace simrun
