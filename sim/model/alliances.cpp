// Phase 7: formal alliance formation and dissolution (docs/model.md §7; Snyder 1984 for entrapment; every dyad).
// Formation needs readiness on all three fronts, no recent crisis, and both sides' consent;
// an alliance dissolves when a crisis entraps an unwilling partner, when readiness collapses
// (with hysteresis), or when either side no longer wants it.
#include <algorithm>

#include "sim/model/step.hpp"
#include "sim/model/utility.hpp"

namespace simrun {
namespace {

/// Probability that a crisis of one ally with a third party b breaks the alliance:
/// q_entrap scaled by how little the other ally is itself hostile to b.
double entrapment_break(const ModelContext& ctx, const WorldState& w, int ally, int partner) {
  double q = 0;
  for (int b = 0; b < ctx.n; ++b) {
    if (b == ally || b == partner) continue;
    if (!w.crisis[static_cast<std::size_t>(ctx.dyad(partner, b))]) continue;
    const double h_ally_b = w.h[static_cast<std::size_t>(ctx.dyad(ally, b))];
    q = std::max(q, w.p.entrapment_dissolution * (1.0 - h_ally_b));
  }
  return q;
}

}  // namespace

void decide_alliances(const ModelContext& ctx, WorldState& w, const RunRng& rng) {
  const Parameters& p = w.p;
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const DyadSpec& s = w.dyad_spec(dy);
    const auto u = static_cast<std::size_t>(dy);
    const double r = readiness(w.m[u], w.econ(ctx, dy), w.d[u]);
    w.readiness[u] = r;
    const double consent = logistic(p.lambda * w.du_alliance[static_cast<std::size_t>(ctx.link(s.a, s.b))]) *
                           logistic(p.lambda * w.du_alliance[static_cast<std::size_t>(ctx.link(s.b, s.a))]);
    if (w.alliance[u] != kFormalAlliance) {
      if (w.freeze[u] == 0 && r >= p.r_min &&
          rng.bernoulli(p.formation_hazard * consent, w.tick, Draw::Formation, static_cast<std::uint32_t>(dy))) {
        w.alliance[u] = kFormalAlliance;
        w.count(Event::Formation, dy);
      }
    } else {
      const double entrap = std::max(entrapment_break(ctx, w, s.a, s.b), entrapment_break(ctx, w, s.b, s.a));
      const bool broken = rng.bernoulli(entrap, w.tick, Draw::Entrapment, static_cast<std::uint32_t>(dy)) ||
                          r < p.r_min - p.dissolve_margin ||
                          rng.bernoulli(p.dissolution_hazard * (1.0 - consent), w.tick, Draw::Dissolution, static_cast<std::uint32_t>(dy));
      if (broken) {
        w.alliance[u] = kPartnership;
        w.count(Event::Dissolution, dy);
      }
    }
  }
  for (auto& f : w.freeze) f = std::max(0, f - 1);
}

}  // namespace simrun
