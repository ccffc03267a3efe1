#pragma once
// The human-readable result printed at the end of a run.
#include <string>

#include "sim/engine/accumulator.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Dyads a summary lists unless told otherwise (`--top K`).
inline constexpr int kDefaultTopDyads = 10;

/// Per dyad: the pact in force at t0 and, for each pact type, P(a new pact of the type formed by
/// the horizon) with its 95% Wilson interval (pacts in force at t0 never count as formed); then
/// the most frequent bloc configuration at the horizon. Dyads sorted by their likeliest new pact;
/// only the `top` first are listed (0: all), with a line saying how many more there are and how
/// likely they are at most.
std::string format_summary(const ModelContext& ctx, const Accumulator& acc, int top = kDefaultTopDyads);

}  // namespace simrun
