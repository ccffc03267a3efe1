#pragma once
// The human-readable result printed at the end of a run.
#include <string>

#include "sim/engine/accumulator.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Per dyad: P(alliance formed by the horizon) with its 95% Wilson interval, P(in force at the
/// horizon), median formation quarter among runs that formed; then the most frequent bloc
/// configuration at the horizon. Dyads sorted by probability, highest first.
std::string format_summary(const ModelContext& ctx, const Accumulator& acc);

/// Median tick of first formation among runs that formed (-1 if none formed).
int median_formation_tick(const Accumulator& acc, int dyad);

}  // namespace simrun
