// Phase 3 of a tick: third parties react to rival ties (docs/model.md §7): a donor suspends or
// restores aid.
#pragma once
#include "sim/model/rng.hpp"
#include "sim/model/world.hpp"

namespace simrun {

void third_party_reactions(const ModelContext& ctx, WorldState& world, const RunRng& rng);

}  // namespace simrun
