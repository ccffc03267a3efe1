// Phases 1-2: exogenous growth, stochastic shocks and their mean reversion (docs/model.md §7,
// generalised: crises, defence steps and export shocks are per-dyad or per-actor rates).
#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/model/shocks.hpp"
#include "sim/model/utility.hpp"

namespace simrun {

void grow_economies(const ModelContext& ctx, WorldState& w, const RunRng& rng) {
  const double sd = w.p.growth_noise_sd;
  // pow(1 + g, 1/4) only changes when a scripted event changes g: cache it per actor.
  thread_local std::vector<double> growth, factor;
  if (growth.size() != idx(ctx.n)) {
    growth.assign(idx(ctx.n), std::nan(""));
    factor.assign(idx(ctx.n), 1.0);
  }
  for (int i = 0; i < ctx.n; ++i) {
    const auto u = idx(i);
    const double noise = sd > 0 ? sd * rng.normal(w.tick, Draw::GrowthNoise, static_cast<std::uint32_t>(i)) : 0.0;
    if (!(growth[u] == w.actor(i).growth)) {
      growth[u] = w.actor(i).growth;
      factor[u] = std::pow(1.0 + growth[u], 0.25);
    }
    auto& y = w.gdp[u];
    y *= factor[u] * (1.0 + noise);
  }
}

namespace {

/// Each third party k takes a side in the crisis between a and b (logit on its military ties)
/// and cools its diplomatic tie with the side it does not back.
void crisis_stances(const ModelContext& ctx, WorldState& w, const RunRng& rng, int dyad, int a, int b) {
  const Parameters& p = w.p;
  for (int k = 0; k < ctx.n; ++k) {
    if (k == a || k == b) continue;
    const auto ka = idx(ctx.dyad(k, a)), kb = idx(ctx.dyad(k, b));
    const double pro_a = logistic(p.lambda * (w.m[ka] - w.m[kb]));
    const auto index = static_cast<std::uint32_t>(dyad * ctx.n + k);
    auto& cooled = rng.uniform(w.tick, Draw::CrisisStance, index) < pro_a ? w.d[kb] : w.d[ka];
    cooled = std::max(0.0, cooled - p.crisis_stance_step);
    // Formation of any alliance with either party waits until the crisis has passed.
    w.freeze[ka] = w.freeze[kb] = static_cast<int>(p.crisis_freeze_ticks);
  }
}

}  // namespace

void apply_shocks(const ModelContext& ctx, WorldState& w, const RunRng& rng) {
  const Parameters& p = w.p;
  const GlobalSpec& g = w.global;
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const DyadSpec& s = w.dyad_spec(dy);
    const auto u = idx(dy);
    w.crisis[u] = rng.bernoulli(s.crisis_rate, w.tick, Draw::Crisis, static_cast<std::uint32_t>(dy)) || w.crisis_forced[u];
    w.crisis_forced[u] = false;
    if (rng.bernoulli(s.step_rate, w.tick, Draw::DefenceStep, static_cast<std::uint32_t>(dy))) {
      // A defence agreement (LEMOA, COMCASA) is institutional: it also raises the anchor.
      w.m[u] = std::min(1.0, w.m[u] + s.step_size);
      w.dyads[u].military = std::min(1.0, w.dyads[u].military + s.step_size);
      w.count(Event::DefenceStep, dy);
    }
  }
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const auto u = idx(dy);
    const DyadSpec& s = w.dyad_spec(dy);
    // Hostility reverts toward its t0 level; a crisis pushes it up.
    w.h[u] += p.hostility_reversion * (s.hostility - w.h[u]);
    if (!w.crisis[u]) continue;
    w.count(Event::Crisis, dy);
    w.h[u] = std::min(1.0, w.h[u] + p.crisis_hostility_step);
    w.freeze[u] = static_cast<int>(p.crisis_freeze_ticks);
    crisis_stances(ctx, w, rng, dy, s.a, s.b);
  }
  w.threat += g.threat_reversion * (g.threat_mean - w.threat);
  if (rng.bernoulli(g.threat_shock_rate, w.tick, Draw::ThreatShock, 0)) {
    w.threat = std::min(1.0, w.threat + g.threat_shock_size);
    w.count(Event::ThreatShock);
  }
  for (int i = 0; i < ctx.n; ++i) {
    const ActorSpec& a = w.actor(i);
    auto& xd = w.export_dependence[idx(i)];
    xd += p.export_reversion * (a.export_dependence_mean - xd);
    if (rng.bernoulli(a.export_shock_rate, w.tick, Draw::ExportShock, static_cast<std::uint32_t>(i))) {
      xd += p.export_shock_size;
      w.count(Event::ExportShock);
    }
  }
}

}  // namespace simrun
