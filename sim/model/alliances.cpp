// Phase 7: typed pacts (ATOP's obligation types none < non-aggression < consultation < defence),
// every dyad. See docs/model.md §7 (Snyder 1984 for entrapment).
//  - Stance: i's stance toward a pact of type t with j is λ ΔU_i(j, c_t) plus a logistic-scale
//    noise split into a run-level effect per directed pair (share ρ = stance_persistence of its
//    variance) and a fresh quarterly draw (1 - ρ). An actor clearly against a pact stays against it
//    for the whole run instead of drifting into it by repetition.
//  - Formation: the strongest type above the one in force that both actors' doctrines admit,
//    whose gate is met (defence: readiness; consultation: the diplomatic front; both: no recent
//    crisis) and that both sides' stances favour, forms with the type's negotiation hazard (from
//    ATOP onset rates); it supersedes the weaker pact.
//  - Termination: the type's hazard from ATOP, times exit_multiplier while either member's stance
//    is against the pact; a defence pact can also break when a crisis entraps an unwilling ally.
#include <algorithm>
#include <cmath>

#include "sim/model/alliances.hpp"
#include "sim/model/utility.hpp"

namespace simrun {
namespace {

/// Standard deviation of the standard logistic distribution, π/√3: the stance noise keeps the
/// scale of the logit choice rule it replaces (consent probability logistic(λ ΔU) over a run).
const double kLogisticSd = 3.14159265358979323846 / std::sqrt(3.0);

/// Probability that a crisis of one ally with a third party b breaks the alliance:
/// q_entrap scaled by how little the other ally is itself hostile to b.
double entrapment_break(const ModelContext& ctx, const WorldState& w, int ally, int partner) {
  double q = 0;
  for (int b = 0; b < ctx.n; ++b) {
    if (b == ally || b == partner) continue;
    if (!w.crisis[idx(ctx.dyad(partner, b))]) continue;
    const double h_ally_b = w.h[idx(ctx.dyad(ally, b))];
    q = std::max(q, w.p.entrapment_dissolution * (1.0 - h_ally_b));
  }
  return q;
}

double formation_hazard(const Parameters& p, PactType t) {
  switch (t) {
    case PactType::Defence: return p.formation_hazard;
    case PactType::Consultation: return p.consultation_formation;
    case PactType::Nonaggression: return p.nonaggression_formation;
    case PactType::None: break;
  }
  return 0.0;
}

double termination_hazard(const Parameters& p, PactType t) {
  switch (t) {
    case PactType::Defence: return p.defence_termination;
    case PactType::Consultation: return p.consultation_termination;
    case PactType::Nonaggression: return p.nonaggression_termination;
    case PactType::None: break;
  }
  return 0.0;
}

}  // namespace

double readiness(double m, double e, double d) { return std::cbrt(m * e * d); }

bool pact_stance(const ModelContext& ctx, const WorldState& w, const RunRng& rng, int i, int j, PactType t) {
  const auto l = static_cast<std::uint32_t>(ctx.link(i, j));
  const double rho = w.p.stance_persistence;
  const double persistent = rng.normal(0, Draw::StanceEffect, l);
  const double quarterly = rng.normal(w.tick, Draw::StanceNoise, l);
  const double du = w.du_pact[idx(l) * kPactTypes + idx(static_cast<int>(t) - 1)];
  return w.p.lambda * du + kLogisticSd * (std::sqrt(rho) * persistent + std::sqrt(1.0 - rho) * quarterly) > 0.0;
}

bool pact_gate(const WorldState& w, int dyad, PactType t) {
  const auto u = idx(dyad);
  const DyadSpec& s = w.dyad_spec(dyad);
  if (w.freeze[u] > 0) return false;
  if (static_cast<int>(t) > static_cast<int>(std::min(w.actor(s.a).max_pact, w.actor(s.b).max_pact))) return false;
  switch (t) {
    case PactType::Defence: return w.readiness[u] >= w.p.r_min;
    case PactType::Consultation: return w.d[u] >= w.p.r_min;
    default: return true;
  }
}

void decide_alliances(const ModelContext& ctx, WorldState& w, const RunRng& rng) {
  const Parameters& p = w.p;
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const DyadSpec& s = w.dyad_spec(dy);
    const auto u = idx(dy);
    const auto index = static_cast<std::uint32_t>(dy);
    w.readiness[u] = readiness(w.m[u], w.econ(ctx, dy), w.d[u]);
    const auto in_force = static_cast<PactType>(w.pact[u]);
    if (in_force != PactType::None) {
      const bool opposed = !pact_stance(ctx, w, rng, s.a, s.b, in_force) || !pact_stance(ctx, w, rng, s.b, s.a, in_force);
      const double hazard = termination_hazard(p, in_force) * (opposed ? p.exit_multiplier : 1.0);
      const double entrap = in_force == PactType::Defence
                                ? std::max(entrapment_break(ctx, w, s.a, s.b), entrapment_break(ctx, w, s.b, s.a))
                                : 0.0;
      if (rng.bernoulli(entrap, w.tick, Draw::Entrapment, index) || rng.bernoulli(hazard, w.tick, Draw::Dissolution, index)) {
        w.pact[u] = kNoPact;
        w.count(Event::PactEnded, dy);
        continue;
      }
    }
    // The strongest eligible type above the one in force is the one negotiated this quarter.
    for (int level = kPactTypes; level > static_cast<int>(in_force); --level) {
      const auto t = static_cast<PactType>(level);
      if (!pact_gate(w, dy, t) || !pact_stance(ctx, w, rng, s.a, s.b, t) || !pact_stance(ctx, w, rng, s.b, s.a, t)) continue;
      const double hazard = formation_hazard(p, t);
      w.negotiation_log[u * kPactTypes + idx(kPactTypes - level)] += std::log1p(-std::min(hazard, 1.0));
      if (rng.bernoulli(hazard, w.tick, Draw::Formation, index)) {
        w.pact[u] = static_cast<std::int8_t>(level);
        w.count(pact_onset_event(t), dy);
      }
      break;
    }
  }
  for (auto& f : w.freeze) f = std::max(0, f - 1);
}

}  // namespace simrun
