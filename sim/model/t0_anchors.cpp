// The t0 anchors of a ModelContext (world.hpp): the model's state at the scenario's start, computed
// once, against which a run measures change (docs/model.md §7: anchored fronts, the gravity fixed
// effect, the event hazards' reference).
#include <cmath>

#include "sim/model/fronts.hpp"
#include "sim/model/utility.hpp"
#include "sim/model/world.hpp"

namespace simrun {

void ModelContext::anchor_to_t0() {
  // Willingness at t0 anchors the gravity target; the fixed effect makes the target equal
  // observed trade at t0 (gravity model, Tinbergen 1962).
  WorldState w0;
  w0.reset(*this);
  compute_propensities(*this, w0);
  compute_utilities(*this, w0);
  willing0.resize(idx(nd));
  trade_fe.resize(idx(nd));
  diplomatic0.resize(idx(nd));
  reluctance0.resize(idx(nd));
  for (int d = 0; d < nd; ++d) {
    const DyadSpec& s = dyad_spec(d);
    reluctance0[idx(d)] = reluctance(*this, w0, d);
    willing0[idx(d)] = mutual_willingness(*this, w0, d);
    w0.willing[idx(d)] = willing0[idx(d)];
    const double penalty = s.sanctions + actor(s.a).financial_penalty + actor(s.b).financial_penalty;
    const double mass = actor(s.a).gdp * actor(s.b).gdp * std::exp(-p.trade_sanction_elasticity * penalty);
    trade_fe[idx(d)] = mass > 0 ? s.trade / mass : 0.0;
  }
  for (int d = 0; d < nd; ++d)
    diplomatic0[idx(d)] = diplomatic_driver(*this, w0, d, brokerage(*this, w0, dyad_spec(d).a, dyad_spec(d).b));
}

}  // namespace simrun
