#include "sim/model/utility.hpp"

#include <algorithm>
#include <cmath>

namespace simrun {

double directed_similarity(const ActorSpec& i, const ActorSpec& j) {
  double num = 0, den = 0;
  for (std::size_t k = 0; k < i.position.size(); ++k) {
    const double w = i.salience[k] * (i.position[k] - j.position[k]);
    num += w * w;
    den += i.salience[k] * i.salience[k];
  }
  return den > 0 ? 1.0 - std::sqrt(num / den) : 0.5;
}

void compute_propensities(const ModelContext& ctx, WorldState& w) {
  const int n = ctx.n;
  // Threat bases from current capabilities, on the fixed t0 scale T_max.
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < n; ++k)
      w.threat_base[idx(i * n + k)] =
          i == k ? 0.0
                 : std::sqrt(w.actor(k).size * w.actor(k).offense) * w.dyad_spec(ctx.dyad(i, k)).proximity / ctx.threat_max;
  for (int i = 0; i < n; ++i) w.propensity[idx(i * n + i)] = 0;
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const DyadSpec& s = ctx.dyad_spec(dy);  // changes are measured from t0
    const auto u = idx(dy);
    // The anchor p̂ is the run's (an event may change it); the fronts' changes count from t0.
    const double p = w.dyad_spec(dy).propensity + (w.m[u] - s.military) + 0.5 * (w.econ(ctx, dy) - ctx.econ0[u]) +
                     (w.d[u] - s.diplomatic) - 2.0 * (w.h[u] - s.hostility);
    const double clipped = std::clamp(p, -1.0, 1.0);
    w.propensity[idx(s.a * n + s.b)] = clipped;
    w.propensity[idx(s.b * n + s.a)] = clipped;
  }
}

namespace {

/// What third party k can take from i (arms purchases, aid, trade) if it punishes i.
double leverage_of(const ModelContext& ctx, const WorldState& w, int i, int k) {
  const Parameters& p = w.p;
  const auto dik = idx(ctx.dyad(i, k));
  const LinkSpec& sells = w.link_spec(ctx.link(i, k));    // i sells arms to k
  const auto donor = idx(ctx.link(k, i));  // k gives aid to i
  const LinkSpec& aid = w.link_spec(static_cast<int>(donor));
  return sells.arms_export_share * w.m[dik] +
         aid.aid_dependence * (p.aid_floor + (1.0 - p.aid_floor) * w.aid[donor]) +
         p.econ_leverage_weight * w.econ(ctx, static_cast<int>(dik));
}

/// The security term of i's utility for an alliance with j (Walt): threats from third parties
/// that j is not friendly with, weighted by j's share of the pair's power, plus the shared
/// threat.
void add_security(const ModelContext& ctx, const WorldState& w, int i, int j, PairTerms& t) {
  const ActorSpec& ai = w.actor(i);
  const ActorSpec& aj = w.actor(j);
  const int n = ctx.n;
  const double share_j = aj.size / std::max(ai.size + aj.size, 1e-12);
  for (int k = 0; k < n; ++k) {
    if (k == i || k == j) continue;
    const double threat_ik = w.threat_base[idx(i * n + k)] * w.h[idx(ctx.dyad(i, k))];
    const double friendly_jk = std::max(0.0, w.propensity[idx(j * n + k)]);
    // Walt's balance of threat: j adds to i's security against k unless j is friendly with k,
    // and more when k threatens j too (a shared rival makes j's help credible).
    const double hostile_jk = w.h[idx(ctx.dyad(j, k))];
    t.security += threat_ik * share_j * (1.0 - friendly_jk + hostile_jk);
  }
  t.security += w.p.shared_threat_weight * w.threat * std::min(ai.threat_exposure, aj.threat_exposure);
}

/// The autonomy and interest terms of i's utility for an alliance with j.
void add_autonomy_and_interest(const ModelContext& ctx, const WorldState& w, int i, int j, PairTerms& t) {
  const Parameters& p = w.p;
  const ActorSpec& ai = w.actor(i);
  const ActorSpec& aj = w.actor(j);
  const auto dij = idx(ctx.dyad(i, j));
  const LinkSpec& to_j = w.link_spec(ctx.link(i, j));   // i -> j
  const LinkSpec& from_j = w.link_spec(ctx.link(j, i)); // j -> i
  if (ai.arms_export_share > 0)
    t.autonomy += p.arms_market_weight * w.export_dependence[idx(i)] *
                  std::min(1.0, aj.arms_import_share / ai.arms_export_share);
  t.autonomy += (1.0 - ai.supplier_concentration) * std::min(1.0, ai.arms_import_share / p.importer_reference) *
                w.exporter(j) * (1.0 - from_j.arms_import_share);
  t.autonomy += p.econ_autonomy_weight * w.econ(ctx, static_cast<int>(dij)) + to_j.access_value;
  t.interest = ctx.similarity[dij] - 0.5;
}

}  // namespace

double delta_utility(const Parameters& p, const PairTerms& t, double c) {
  return p.w_security * t.security + p.w_autonomy * t.autonomy + p.w_interest * t.interest + p.w_hedge * t.hedge -
         p.w_rivalry * t.rivalry - p.w_loss * std::max(c, t.reaction) * t.leverage - p.w_entrapment * c * t.entrapment -
         p.commitment_cost;
}

double pact_commitment(const Parameters& p, PactType type) {
  switch (type) {
    case PactType::Defence: return 1.0;
    case PactType::Consultation: return p.consultation_commitment;
    case PactType::Nonaggression: return p.nonaggression_commitment;
    case PactType::None: break;
  }
  return 0.0;
}

namespace {

/// Per-state tables that make the terms of all N(N-1) ordered pairs O(N^3) instead of O(N^4):
/// the dense fronts, the rival relation, the reaction chance, every leverage a rival could use,
/// and each partner's drift toward i's rivals.
struct UtilityTables {
  std::vector<double> m, h;        // N*N dense military front and hostility (0 on the diagonal)
  std::vector<char> rival;         // N*N: h >= rival_threshold
  std::vector<double> react;       // per dyad: logistic(reaction_steepness (m - reaction_threshold))
  std::vector<double> lev;         // N*N: leverage_of(i, k)
  std::vector<double> drift1, drift2;  // N*N (i, q): best and runner-up of m_qr/(m_qr+m_qi) over rivals r of i
  std::vector<int> drift_r;        // N*N: the r giving drift1 (-1 if none)
  std::vector<char> aid_p;         // N*N (i, q): link q -> i carries aid
};

void fill_tables(const ModelContext& ctx, const WorldState& w, UtilityTables& tb) {
  const Parameters& p = w.p;
  const int n = ctx.n;
  const auto N = idx(n);
  tb.m.assign(N * N, 0.0);
  tb.h.assign(N * N, 0.0);
  tb.rival.assign(N * N, 0);
  tb.react.resize(idx(ctx.nd));
  for (int dy = 0; dy < ctx.nd; ++dy) {
    const DyadSpec& s = ctx.dyad_spec(dy);
    const auto u = idx(dy);
    const std::size_t ab = idx(s.a * n + s.b), ba = idx(s.b * n + s.a);
    tb.m[ab] = tb.m[ba] = w.m[u];
    tb.h[ab] = tb.h[ba] = w.h[u];
    tb.rival[ab] = tb.rival[ba] = w.h[u] >= p.rival_threshold;
    tb.react[u] = logistic(p.reaction_steepness * (w.m[u] - p.reaction_threshold));
  }
  // leverage_of(i, k) is used only where k is a rival of someone: compute just those.
  tb.lev.resize(N * N);
  for (int k = 0; k < n; ++k) {
    bool has_rival = false;
    for (int j = 0; j < n; ++j) has_rival = has_rival || tb.rival[idx(k * n + j)];
    if (!has_rival) continue;
    for (int i = 0; i < n; ++i)
      if (i != k) tb.lev[idx(i * n + k)] = leverage_of(ctx, w, i, k);
  }
  // Drift of partner q of i toward i's rivals, for an alliance with j: max(0, max over rivals r
  // of i, r not in {i, j, q}, m_qr + m_qi > 0, of m_qr / (m_qr + m_qi)). Keep the best and the
  // runner-up over r not in {i, q}; tabled_terms drops j by taking the runner-up when j is best.
  tb.drift1.assign(N * N, 0.0);
  tb.drift2.assign(N * N, 0.0);
  tb.drift_r.assign(N * N, -1);
  tb.aid_p.assign(N * N, 0);
  for (int i = 0; i < n; ++i)
    for (int q = 0; q < n; ++q) {
      if (q == i) continue;
      const std::size_t iq = idx(i * n + q);
      const double m_qi = tb.m[idx(q * n + i)];
      double b1 = 0, b2 = 0;
      int r1 = -1;
      for (int r = 0; r < n; ++r) {
        if (r == i || r == q || !tb.rival[idx(i * n + r)]) continue;
        const double m_qr = tb.m[idx(q * n + r)];
        if (!(m_qr + m_qi > 0)) continue;
        const double v = m_qr / (m_qr + m_qi);
        if (v > b1) { b2 = b1; b1 = v; r1 = r; } else if (v > b2) { b2 = v; }
      }
      tb.drift1[iq] = b1;
      tb.drift2[iq] = b2;
      tb.drift_r[iq] = r1;
      tb.aid_p[iq] = w.has_aid(ctx.link(q, i)) ? 1 : 0;
    }
}

/// The terms of ΔU_i(j, ·), from the tables of the current state.
PairTerms tabled_terms(const ModelContext& ctx, const WorldState& w, const UtilityTables& tb, int i, int j) {
  const Parameters& p = w.p;
  const int n = ctx.n;
  const ActorSpec& ai = w.actor(i);
  const ActorSpec& aj = w.actor(j);
  const auto dij = idx(ctx.dyad(i, j));
  PairTerms t;
  add_security(ctx, w, i, j, t);
  add_autonomy_and_interest(ctx, w, i, j, t);

  // Hedge (abandonment): the most a current partner q, weighted by i's tie to it, drifts toward
  // i's rivals other than j (or, as a donor, cuts aid).
  for (int q = 0; q < n; ++q) {
    if (q == i || q == j) continue;
    const std::size_t iq = idx(i * n + q);
    const double tie = tb.m[iq];
    const double drift = tb.drift_r[iq] == j ? tb.drift2[iq] : tb.drift1[iq];
    const double pd = tb.aid_p[iq] ? 0.5 * (1.0 - w.aid[idx(ctx.link(q, i))]) + 0.5 * drift : drift;
    t.hedge = std::max(t.hedge, std::min(1.0, tie / p.partner_threshold) * pd);
  }
  // Leverage and entrapment: what j's rivals k can take from i, and the risk of j's conflicts.
  for (int k = 0; k < n; ++k) {
    if (k == i || k == j || !tb.rival[idx(k * n + j)]) continue;
    t.leverage += tb.lev[idx(i * n + k)];
    const double h_kj = tb.h[idx(k * n + j)];
    const double h_ki = tb.h[idx(k * n + i)];
    t.entrapment += h_kj * (1.0 - h_ki) * std::min(1.0, w.actor(k).size / std::max(ai.size + aj.size, 1e-12));
  }
  t.rivalry = w.h[dij];
  t.reaction = tb.react[dij];
  return t;
}

}  // namespace

PairTerms pair_terms(const ModelContext& ctx, const WorldState& w, int i, int j) {
  UtilityTables tb;  // one pair (tests, reports): the same tables as compute_utilities
  fill_tables(ctx, w, tb);
  return tabled_terms(ctx, w, tb, i, j);
}

void compute_utilities(const ModelContext& ctx, WorldState& w) {
  const int n = ctx.n;
  thread_local UtilityTables tb;
  fill_tables(ctx, w, tb);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i == j) continue;
      const PairTerms t = tabled_terms(ctx, w, tb, i, j);
      const auto l = idx(ctx.link(i, j));
      for (int level = 1; level <= kPactTypes; ++level)
        w.du_pact[l * kPactTypes + idx(level - 1)] =
            delta_utility(w.p, t, pact_commitment(w.p, static_cast<PactType>(level)));
      w.du_alliance[l] = w.du_pact[l * kPactTypes + kPactTypes - 1];
      // Ties deepen at c_front, or at the commitment of the pact in force if that is higher.
      const auto in_force = static_cast<PactType>(w.pact[idx(ctx.dyad(i, j))]);
      w.du_front[l] = delta_utility(w.p, t, std::max(w.p.front_commitment, pact_commitment(w.p, in_force)));
    }
  }
}

}  // namespace simrun
