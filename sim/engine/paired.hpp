#pragma once
// Paired comparison of two scenarios with common random numbers: run r of A and run r of B use
// the same addressed random numbers, so their outcomes are paired and the difference between
// the scenarios is estimated from discordant runs (McNemar) rather than from two independent
// samples.
#include <cstdint>
#include <vector>

#include "sim/engine/accumulator.hpp"
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

struct PairedRun {
  Accumulator a, b;
  std::vector<PairedCounts> dyads;  ///< per dyad
};

/// Runs A then B with the same seed and run indices. The two scenarios must have the same actors
/// in the same order. @throws std::invalid_argument otherwise.
PairedRun run_paired(const ModelContext& a, const ModelContext& b, const EnsembleOptions& options,
                     const ProgressFn& progress = {});

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
