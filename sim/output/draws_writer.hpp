#pragma once
// The predictive part of an experiment file (docs/output-format.md, "Predictive runs"):
// group /draws holds every draw's parameter vector and per-draw outcome probabilities with a
// leading `draw` dimension (the table scenario discovery reads); group /predictive holds the
// per-dyad summary at the horizon (predictive probability, spread over draws, variance shares).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/draw_counts.hpp"
#include "sim/engine/predictive_stats.hpp"
#include "sim/output/h5file.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

struct DrawsRecord {
  const Scenario* base = nullptr;   ///< its uncertain inputs name the parameters, in order
  std::vector<double> parameters;   ///< [draw][input]: each draw's values
  std::string drawn_from = "their priors";  ///< where the values come from, for the summary
  DrawCounts counts;                ///< per-draw outcome counts
  /// [dyad][pact type] (output order, defence first): P(a new pact of the type by the last tick)
  std::vector<PredictiveStats> horizon;
};

/// The horizon statistics of every (dyad, pact type) of `counts` (bootstrap addressed by `seed`).
std::vector<PredictiveStats> horizon_stats(const DrawCounts& counts, std::uint32_t seed);

/// Writes /draws and /predictive into `root`.
void write_draws(h5::Group& root, const DrawsRecord& record);

}  // namespace simrun
