// Phase 0 of a tick: the scenario's scripted events (docs/model.md, "Scripted events").
#pragma once
#include "sim/model/rng.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Fires the events whose window holds this tick (each with its probability and addressed draw):
/// set/add/scale a number of the run's copy, or trigger an arms deal, visit, crisis or project.
void apply_scripted_events(const ModelContext& ctx, WorldState& world, const RunRng& rng);

}  // namespace simrun
