// Phase 7 of a tick: typed pacts form, are superseded and end (docs/model.md §7).
#pragma once
#include "sim/model/rng.hpp"
#include "sim/model/world.hpp"

namespace simrun {

void decide_alliances(const ModelContext& ctx, WorldState& world, const RunRng& rng);

/// Whether i's stance favours a pact of type t with j this quarter (persistent effect plus
/// quarterly noise on λ ΔU_i(j, c_t)); du_pact must be current.
bool pact_stance(const ModelContext& ctx, const WorldState& world, const RunRng& rng, int i, int j, PactType t);
/// Whether dyad may negotiate a pact of type t now: no recent crisis, both doctrines admit the
/// type, and its front gate holds (defence: readiness >= r_min; consultation: d >= r_min).
bool pact_gate(const WorldState& world, int dyad, PactType t);

/// Readiness R = (m e d)^(1/3): an alliance needs all three fronts.
double readiness(double m, double e, double d);

}  // namespace simrun
