// Phases 5-6 of a tick: mutual willingness, then the military, economic and diplomatic fronts
// with their dyadic events (docs/model.md §7).
#pragma once
#include "sim/model/rng.hpp"
#include "sim/model/world.hpp"

namespace simrun {

/// Willingness of a dyad: the product of both sides' logit consent to deepening the tie,
/// σ(λ ΔU_a(b)) σ(λ ΔU_b(a)) at c_front. The one place the formula is written (t0 and every tick).
double mutual_willingness(const ModelContext& ctx, const WorldState& world, int dyad);
/// The more reluctant side's utility of deepening the tie: min(ΔU_a(b), ΔU_b(a)) at c_front.
double reluctance(const ModelContext& ctx, const WorldState& world, int dyad);

/// Phase 5: every dyad's willingness (du_front must be current).
void update_willingness(const ModelContext& ctx, WorldState& world);
/// Phase 6: the three fronts of every dyad, with arms deals, visits and project starts.
void update_fronts(const ModelContext& ctx, WorldState& world, const RunRng& rng);

/// Brokerage of the tie a-b by third parties: max_k F_k d_ka d_kb (China's facilitation).
double brokerage(const ModelContext& ctx, const WorldState& world, int a, int b);
/// The diplomatic front's driver: willingness, similarity, institutions, shared threat, brokerage.
double diplomatic_driver(const ModelContext& ctx, const WorldState& world, int dyad, double broker);

}  // namespace simrun
