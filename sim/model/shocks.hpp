// Phases 1-2 of a tick: economic growth, then the random shocks (crises, threat shocks, export
// shocks; docs/model.md §7).
#pragma once
#include "sim/model/rng.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Phase 1: GDP grows at each actor's rate plus noise.
void grow_economies(const ModelContext& ctx, WorldState& world, const RunRng& rng);
/// Phase 2: crises, threat shocks and export shocks, each at its rate.
void apply_shocks(const ModelContext& ctx, WorldState& world, const RunRng& rng);

}  // namespace simrun
