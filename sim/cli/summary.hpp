#pragma once
// The human-readable result printed at the end of a run.
#include <string>

#include "sim/engine/accumulator.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Dyads a summary lists unless told otherwise (`--top K`).
inline constexpr int kDefaultTopDyads = 10;

/// Per dyad: P(alliance formed by the horizon) with its 95% Wilson interval, P(in force at the
/// horizon), median formation quarter among runs that formed; then the most frequent bloc
/// configuration at the horizon. Dyads sorted by probability, highest first; only the `top` first
/// are listed (0: all), with a line saying how many more there are and how likely they are at most.
std::string format_summary(const ModelContext& ctx, const Accumulator& acc, int top = kDefaultTopDyads);

/// Median tick of first formation among runs that formed (-1 if none formed).
int median_formation_tick(const Accumulator& acc, int dyad);

}  // namespace simrun
