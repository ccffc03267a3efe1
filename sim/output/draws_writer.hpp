#pragma once
// The predictive part of an experiment file (docs/output-format.md, "Predictive runs"):
// group /draws holds every draw's parameter vector and per-draw outcome probabilities with a
// leading `draw` dimension (the table scenario discovery reads); group /predictive holds the
// per-dyad summary at the horizon (predictive probability, spread over draws, variance shares).
#include <cstdint>
#include <vector>

#include "sim/engine/draw_counts.hpp"
#include "sim/engine/predictive_stats.hpp"
#include "sim/output/h5file.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

struct DrawsRecord {
  const Scenario* base = nullptr;   ///< its uncertain inputs name the parameters, in order
  std::vector<double> parameters;   ///< [draw][input]: each draw's values
  DrawCounts counts;                ///< per-draw outcome counts
  std::vector<PredictiveStats> horizon;  ///< per dyad: P(formed by the last tick)
};

/// Writes /draws and /predictive into `root`.
void write_draws(h5::Group& root, const DrawsRecord& record);

}  // namespace simrun
