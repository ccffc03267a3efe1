#include "sim/model/step.hpp"

#include "sim/model/utility.hpp"

namespace simrun {

void step(const ModelContext& ctx, WorldState& world, const RunRng& rng) {
  ++world.tick;
  apply_scripted_events(ctx, world, rng);
  grow_economies(ctx, world, rng);
  apply_shocks(ctx, world, rng);
  third_party_reactions(ctx, world, rng);
  compute_propensities(ctx, world);
  compute_utilities(ctx, world);
  update_willingness(ctx, world);
  update_fronts(ctx, world, rng);
  decide_alliances(ctx, world, rng);
}

void start_run(const ModelContext& ctx, WorldState& world) {
  world.reset(ctx);
  compute_propensities(ctx, world);
  compute_utilities(ctx, world);
  update_willingness(ctx, world);
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const auto u = idx(dy);
    world.readiness[u] = readiness(world.m[u], world.econ(ctx, dy), world.d[u]);
  }
}
}  // namespace simrun
