#pragma once
// The human-readable result printed at the end of a run.
#include <string>

#include "sim/engine/accumulator.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Per dyad: the pact in force at t0 and, for each pact type, P(a new pact of the type formed by
/// the horizon) with its 95% Wilson interval (pacts in force at t0 never count as formed); then
/// the most frequent bloc configuration at the horizon. Dyads sorted by their likeliest new pact.
std::string format_summary(const ModelContext& ctx, const Accumulator& acc);

}  // namespace simrun
