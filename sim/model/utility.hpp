#pragma once
// Utilities of ties (Walt 1987, Snyder 1984, Morrow 1991; docs/model.md §7, generalised to every ordered pair):
// what actor i gains from deepening ties with j at commitment level c, built only from data
// (capabilities, hostility, arms-trade shares, aid dependence, trade) so that any actor set works.
#include <cmath>

#include "sim/model/world.hpp"

namespace simrun {

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// KTAB salience-weighted similarity of i's interests to j's, from i's point of view:
/// 1 - sqrt(Σ_k [σ_ik (x_ik - x_jk)]² / Σ_k σ_ik²); 0.5 when i cares about no dimension.
double directed_similarity(const ActorSpec& i, const ActorSpec& j);

/// The components of ΔU_i(j, c) that do not depend on the commitment level c.
struct PairTerms {
  double security = 0;    ///< Sec_i(j): balance-of-threat value of j as a partner (Walt)
  double autonomy = 0;    ///< Aut_i(j): arms market, supplier diversification, economy, access (Morrow)
  double interest = 0;    ///< sim_ij - 0.5
  double hedge = 0;       ///< fear that i's current partners drift away (Snyder: abandonment)
  double leverage = 0;    ///< what j's rivals can take from i if they react (arms, aid, trade)
  double entrapment = 0;  ///< risk of being dragged into j's conflicts (Snyder: entrapment)
  double reaction = 0;    ///< σ(κ (m_ij - θ_r)): chance rivals react to the military tie alone
  double rivalry = 0;     ///< h_ij: the pair's own hostility
};

/// Landscape propensities p_ij(t) = clip(p̂ + Δm + Δe/2 + Δd - 2Δh, -1, 1) into world.propensity.
void compute_propensities(const ModelContext& ctx, WorldState& world);

/// Terms of ΔU_i(j, ·) in the current state (propensities must be current).
PairTerms pair_terms(const ModelContext& ctx, const WorldState& world, int i, int j);

/// ΔU_i(j, c) = w_S Sec + w_A Aut + w_I (sim - ½) + w_H Hedge - w_R h_ij - w_X max(c, reaction) Leverage
///              - w_N c Entrap - c₀.
double delta_utility(const Parameters& p, const PairTerms& t, double c);

/// Commitment level c of a pact type: defence 1, consultation and non-aggression from the
/// scenario's parameters, none 0.
double pact_commitment(const Parameters& p, PactType type);

/// Fills world.du_pact (per pact type), world.du_alliance (defence) and world.du_front (at c_front,
/// or the commitment of the pact in force if higher) for every link.
void compute_utilities(const ModelContext& ctx, WorldState& world);

}  // namespace simrun
