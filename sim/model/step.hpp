#pragma once
// One tick (a quarter) of one run, in the ODD process order of docs/model.md:
//   0 scripted events  1 growth  2 shocks  3 third-party reactions  4 perception and utilities  5 willingness
//   6 fronts  7 alliance formation/dissolution  (8 landscape and 9 recording are observers).
// Within a phase moves are simultaneous: every decision reads the state the phase started with.
// Each phase has its own header (below), also for the unit tests that run one phase.
#include "sim/model/alliances.hpp"
#include "sim/model/fronts.hpp"
#include "sim/model/reactions.hpp"
#include "sim/model/rng.hpp"
#include "sim/model/scripted_events.hpp"
#include "sim/model/shocks.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Advances `world` from tick t-1 to tick t = world.tick + 1.
void step(const ModelContext& ctx, WorldState& world, const RunRng& rng);

/// Resets `world` to the scenario's t0 and computes the derived quantities (propensities,
/// utilities, willingness, readiness) so that tick 0 can be recorded like any other.
void start_run(const ModelContext& ctx, WorldState& world);

}  // namespace simrun
