// Phases 5-6: mutual willingness and the three fronts (docs/model.md §7, applied to every dyad).
#include <algorithm>
#include <cmath>

#include "sim/model/fronts.hpp"
#include "sim/model/utility.hpp"

namespace simrun {
namespace {

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

/// Where a front relaxes to: the driver itself (anchoring 0, the focal-dyad design.s
/// rule) or the t0 level moved by the change of the driver since t0 (anchoring 1: the t0 state
/// is the dyad's equilibrium, as the gravity fixed effect makes it for trade), or a blend.
double anchored_target(double anchoring, double driver, double driver0, double level0) {
  return (1.0 - anchoring) * driver + anchoring * clamp01(level0 + driver - driver0);
}


/// Per-quarter probability of a dyadic event whose rate is stated as the dyad's hazard at t0 (a
/// frequency measured before t0: scripts/event_rates.py): the log-odds of the rate move with the
/// change of the reluctant side's utility since t0, times the elasticity κ (event_elasticity).
double anchored_hazard(const ModelContext& ctx, const WorldState& w, int dy, double rate) {
  if (rate <= 0.0) return 0.0;
  if (rate >= 1.0) return 1.0;
  const double shift = w.p.event_elasticity * (reluctance(ctx, w, dy) - ctx.reluctance0[idx(dy)]);
  return logistic(std::log(rate / (1.0 - rate)) + shift);
}

/// A dyadic event that moves a front: with probability `p` this quarter, by `size`. An anchored
/// front's t0 level already holds the dyad's usual flow of such events (anchoring 1: the t0 state
/// is its equilibrium), so that expected flow, anchoring x rate x size, is taken off each quarter:
/// only events above or below the t0 rate move it.
struct FrontEvent {
  double p;
  double size;
  double usual_flow;
  Draw draw;
  Event event;
};

/// One quarter of a front: it relaxes toward `target` at rate `relax` less the event's usual
/// flow, then the event may add its size (counted), and it stays in [0, 1].
void move_front(WorldState& w, const RunRng& rng, int dy, double& level, double relax, double target, const FrontEvent& e) {
  level += relax * (target - level) - e.usual_flow;
  if (rng.bernoulli(e.p, w.tick, e.draw, static_cast<std::uint32_t>(dy))) {
    level += e.size;
    w.count(e.event, dy);
  }
  level = clamp01(level);
}

void military_front(const ModelContext& ctx, WorldState& w, const RunRng& rng, int dy) {
  const auto u = idx(dy);
  const DyadSpec& s = w.dyad_spec(dy);
  const double target = anchored_target(s.anchoring, w.willing[u], ctx.willing0[u], s.military);
  const FrontEvent deal{anchored_hazard(ctx, w, dy, s.deal_rate), w.p.deal_size, s.anchoring * s.deal_rate * w.p.deal_size,
                        Draw::ArmsDeal, Event::ArmsDeal};
  move_front(w, rng, dy, w.m[u], w.p.relax_military, target, deal);
}

void diplomatic_front(const ModelContext& ctx, WorldState& w, const RunRng& rng, int dy, double broker) {
  const Parameters& p = w.p;
  const DyadSpec& s = w.dyad_spec(dy);
  const auto u = idx(dy);
  const double target = anchored_target(s.anchoring, diplomatic_driver(ctx, w, dy, broker), ctx.diplomatic0[u], s.diplomatic);
  // The more reluctant side decides whether a head-of-state visit happens (anchored_hazard).
  const FrontEvent visit{anchored_hazard(ctx, w, dy, s.visit_rate), p.visit_size, s.anchoring * s.visit_rate * p.visit_size,
                         Draw::Visit, Event::Visit};
  move_front(w, rng, dy, w.d[u], p.relax_diplomatic, target, visit);
}

void economic_front(const ModelContext& ctx, WorldState& w, const RunRng& rng, int dy, double broker) {
  const Parameters& p = w.p;
  const DyadSpec& s = w.dyad_spec(dy);
  const auto u = idx(dy);
  auto& state = w.project[u];
  if (state == static_cast<std::int8_t>(ProjectState::Agreed)) {
    const double base = ctx.facilitation0[u];
    const double boost = base > 0 ? 1.0 + p.project_facilitation * broker / base : 1.0;
    // Third-party sanctions and financial listings deter investors (IPI/TAPI; FATF).
    const double frictions = std::exp(-p.trade_sanction_elasticity *
                                      (s.sanctions + w.actor(s.a).financial_penalty + w.actor(s.b).financial_penalty));
    if (rng.bernoulli(s.project_start_rate * 2.0 * w.willing[u] * boost * frictions, w.tick, Draw::ProjectStart, static_cast<std::uint32_t>(dy))) {
      state = static_cast<std::int8_t>(ProjectState::Building);
      w.project_age[u] = 0;
      w.investment[u] += s.project_investment;
      w.count(Event::ProjectStart, dy);
    }
  } else if (state == static_cast<std::int8_t>(ProjectState::Building)) {
    if (++w.project_age[u] >= static_cast<int>(s.project_build_ticks)) {
      state = static_cast<std::int8_t>(ProjectState::Operating);
      w.count(Event::ProjectOperating, dy);
    }
  }
  // Gravity partial adjustment: T* = FE Y_a Y_b exp(γ_p (W - W0) - γ_s S) (+ project trade).
  const double penalty = s.sanctions + w.actor(s.a).financial_penalty + w.actor(s.b).financial_penalty;
  double target = ctx.trade_fe[u] * w.gdp[idx(s.a)] * w.gdp[idx(s.b)] *
                  std::exp(p.trade_political_elasticity * (w.willing[u] - ctx.willing0[u]) -
                           p.trade_sanction_elasticity * penalty);
  if (state == static_cast<std::int8_t>(ProjectState::Operating)) target += s.project_trade;
  w.trade[u] += p.relax_trade * (target - w.trade[u]);
}

}  // namespace

double brokerage(const ModelContext& ctx, const WorldState& w, int a, int b) {
  double best = 0;
  for (int k = 0; k < ctx.n; ++k) {
    const double f = w.actor(k).facilitation;
    if (k == a || k == b || f <= 0) continue;
    best = std::max(best, f * w.d[idx(ctx.dyad(k, a))] * w.d[idx(ctx.dyad(k, b))]);
  }
  return best;
}

double diplomatic_driver(const ModelContext& ctx, const WorldState& w, int dy, double broker) {
  const Parameters& p = w.p;
  const DyadSpec& s = w.dyad_spec(dy);
  const auto u = idx(dy);
  const double exposure = std::min(w.actor(s.a).threat_exposure, w.actor(s.b).threat_exposure);
  return std::min(1.0, p.dip_w_willing * w.willing[u] + p.dip_w_similarity * ctx.similarity[u] +
                           p.dip_w_institutions * s.institutions + p.dip_w_threat * w.threat * exposure +
                           p.dip_w_facilitation * broker);
}

double reluctance(const ModelContext& ctx, const WorldState& w, int dy) {
  const DyadSpec& s = w.dyad_spec(dy);
  return std::min(w.du_front[idx(ctx.link(s.a, s.b))], w.du_front[idx(ctx.link(s.b, s.a))]);
}

double mutual_willingness(const ModelContext& ctx, const WorldState& w, int dy) {
  const DyadSpec& s = w.dyad_spec(dy);
  return logistic(w.p.lambda * w.du_front[idx(ctx.link(s.a, s.b))]) * logistic(w.p.lambda * w.du_front[idx(ctx.link(s.b, s.a))]);
}

void update_willingness(const ModelContext& ctx, WorldState& w) {
  for (int dy = 0; dy < ctx.nd; ++dy) w.willing[idx(dy)] = mutual_willingness(ctx, w, dy);
}

void update_fronts(const ModelContext& ctx, WorldState& w, const RunRng& rng) {
  // Brokerage reads the diplomatic fronts as they were before this phase.
  thread_local std::vector<double> broker;
  broker.resize(idx(ctx.nd));
  for (int dy = 0; dy < ctx.nd; ++dy)
    broker[idx(dy)] = brokerage(ctx, w, w.dyad_spec(dy).a, w.dyad_spec(dy).b);
  for (int dy = 0; dy < ctx.nd; ++dy) {
    military_front(ctx, w, rng, dy);
    diplomatic_front(ctx, w, rng, dy, broker[idx(dy)]);
    economic_front(ctx, w, rng, dy, broker[idx(dy)]);
  }
}

}  // namespace simrun
