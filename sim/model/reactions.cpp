// Phase 3: third parties react to military ties with their rivals (docs/model.md §7; Yarhi-Milo, Lanoszka & Cooper 2016,
// generalised): a buyer diversifies away from a supplier that arms its rival (India cutting
// Russian arms), and a donor suspends aid to a recipient that arms with its rival (US aid to
// Pakistan) and restores it when the recipient stays clear. A defence pact with a rival
// triggers the reaction with certainty.
#include <algorithm>

#include "sim/model/reactions.hpp"
#include "sim/model/utility.hpp"

namespace simrun {
namespace {

/// How strongly `observer` reacts to `x`'s military tie with the observer's rivals.
double reaction_to_rival_ties(const ModelContext& ctx, const WorldState& w, int observer, int x) {
  const Parameters& p = w.p;
  double rho = 0;
  for (int r = 0; r < ctx.n; ++r) {
    if (r == observer || r == x) continue;
    if (w.h[idx(ctx.dyad(observer, r))] < p.rival_threshold) continue;
    const auto xr = idx(ctx.dyad(x, r));
    const double react = w.pact[xr] == kDefencePact ? 1.0
                         : logistic(p.reaction_steepness * (w.m[xr] - p.reaction_threshold));
    rho = std::max(rho, react);
  }
  return rho;
}

}  // namespace

void third_party_reactions(const ModelContext& ctx, WorldState& w, const RunRng& rng) {
  const Parameters& p = w.p;
  // Decide every reaction on the state at the start of the phase, then apply.
  thread_local std::vector<double> cut;
  cut.assign(idx(ctx.nd), 0.0);
  for (int l = 0; l < ctx.nl; ++l) {
    const LinkSpec& link = w.link_spec(l);  // supplier `from` sells to buyer `to`
    if (link.arms_import_share <= 0 || p.diversification_rate <= 0) continue;
    const double rho = reaction_to_rival_ties(ctx, w, link.to, link.from);
    cut[idx(ctx.dyad(link.from, link.to))] += p.diversification_rate * link.arms_import_share * rho;
  }
  for (int l = 0; l < ctx.nl; ++l) {
    if (!w.has_aid(l)) continue;
    const LinkSpec& link = w.link_spec(l);  // donor `from`, recipient `to`
    auto& aid = w.aid[idx(l)];
    // Suspended aid is restored only to the level that flowed at t0 (none if it was off then).
    const double restore_to = ctx.link_spec(l).aid_flowing;
    const double rho = reaction_to_rival_ties(ctx, w, link.from, link.to);
    const double u = rng.uniform(w.tick, Draw::AidDecision, static_cast<std::uint32_t>(l));
    if (aid > 0 && (rho >= 1.0 || u < p.aid_suspension_rate * rho)) {
      aid = 0;
      w.count(Event::AidSuspended, ctx.dyad(link.from, link.to));
    } else if (aid == 0 && restore_to > 0 && u < p.aid_restoration_rate * (1.0 - rho)) {
      aid = restore_to;
      w.count(Event::AidRestored, ctx.dyad(link.from, link.to));
    }
  }
  // Diversification is a lasting change of the buyer's supplier portfolio: it moves the dyad's
  // anchor as well as its current military front.
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const double c = cut[idx(dy)];
    if (c <= 0) continue;
    auto& m = w.m[idx(dy)];
    m = std::max(0.0, m - c);
    auto& anchor = w.dyads[idx(dy)].military;
    anchor = std::max(0.0, anchor - c);
  }
}

}  // namespace simrun
