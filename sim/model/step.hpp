#pragma once
// One tick (a quarter) of one run, in the ODD process order of docs/model.md:
//   0 scripted events  1 growth  2 shocks  3 third-party reactions  4 perception and utilities  5 willingness
//   6 fronts  7 alliance formation/dissolution  (8 landscape and 9 recording are observers).
// Within a phase moves are simultaneous: every decision reads the state the phase started with.
#include "sim/model/rng.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Advances `world` from tick t-1 to tick t = world.tick + 1.
void step(const ModelContext& ctx, WorldState& world, const RunRng& rng);

// The phases, exposed for unit tests.
void apply_scripted_events(const ModelContext& ctx, WorldState& world, const RunRng& rng);
void grow_economies(const ModelContext& ctx, WorldState& world, const RunRng& rng);
void apply_shocks(const ModelContext& ctx, WorldState& world, const RunRng& rng);
void third_party_reactions(const ModelContext& ctx, WorldState& world, const RunRng& rng);
void update_willingness(const ModelContext& ctx, WorldState& world);
void update_fronts(const ModelContext& ctx, WorldState& world, const RunRng& rng);
void decide_alliances(const ModelContext& ctx, WorldState& world, const RunRng& rng);

/// Brokerage of the tie a-b by third parties: max_k F_k d_ka d_kb (China's facilitation).
double brokerage(const ModelContext& ctx, const WorldState& world, int a, int b);
/// The diplomatic front's driver: willingness, similarity, institutions, shared threat, brokerage.
double diplomatic_driver(const ModelContext& ctx, const WorldState& world, int dyad, double broker);

/// Whether i's stance favours a pact of type t with j this quarter (persistent effect plus
/// quarterly noise on λ ΔU_i(j, c_t)); du_pact must be current.
bool pact_stance(const ModelContext& ctx, const WorldState& world, const RunRng& rng, int i, int j, PactType t);
/// Whether dyad may negotiate a pact of type t now: no recent crisis, both doctrines admit the
/// type, and its front gate holds (defence: readiness >= r_min; consultation: d >= r_min).
bool pact_gate(const WorldState& world, int dyad, PactType t);

/// Readiness R = (m e d)^(1/3): an alliance needs all three fronts.
double readiness(double m, double e, double d);

}  // namespace simrun

namespace simrun {
/// Resets `world` to the scenario's t0 and computes the derived quantities (propensities,
/// utilities, willingness, readiness) so that tick 0 can be recorded like any other.
void start_run(const ModelContext& ctx, WorldState& world);
}  // namespace simrun
