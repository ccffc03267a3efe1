#pragma once
// Model data in two parts: ModelContext, derived once from a Scenario and shared read-only by
// all runs (index tables, interest similarity, normalisers, gravity fixed effects), and
// WorldState, the mutable state of one run. Arrays are indexed by actor (N), dyad (D = N(N-1)/2)
// or directed link (L = N(N-1)), as in Scenario.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/model/index.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

struct WorldState;

struct ModelContext {
  explicit ModelContext(const Scenario& scenario);

  const Scenario& sc;
  const Parameters& p;
  int n = 0;  ///< actors
  int nd = 0; ///< dyads
  int nl = 0; ///< links
  std::vector<int> dyad_of;        ///< N*N -> dyad index (-1 on the diagonal)
  std::vector<int> link_of;        ///< N*N -> link index (-1 on the diagonal)
  std::vector<double> similarity;  ///< per dyad, symmetrised salience-weighted similarity
  double threat_max = 1;           ///< T_max: the largest directed threat at t0 (normaliser)
  std::vector<double> trade_fe;    ///< per dyad: gravity fixed effect so the target equals T at t0
  std::vector<double> willing0;    ///< per dyad: willingness at t0 (gravity reference)
  std::vector<double> econ0;       ///< per dyad: economic front at t0 (landscape anchor)
  std::vector<double> diplomatic0; ///< per dyad: diplomatic driver at t0 (anchoring reference)
  std::vector<double> reluctance0; ///< per dyad: min of the two sides' ΔU at c_front at t0 (event-hazard reference)
  std::vector<double> facilitation0; ///< per dyad: third-party brokerage at t0
  std::vector<int> event_first_tick; ///< per scripted event: first tick of its window
  std::vector<int> event_last_tick;  ///< per scripted event: last tick of its window
  int n_events() const { return static_cast<int>(sc.events.size()); }

  int dyad(int i, int j) const { return dyad_of[idx(i * n + j)]; }
  int link(int i, int j) const { return link_of[idx(i * n + j)]; }
  const ActorSpec& actor(int i) const { return sc.actors[idx(i)]; }
  const DyadSpec& dyad_spec(int d) const { return sc.dyads[idx(d)]; }
  const LinkSpec& link_spec(int l) const { return sc.links[idx(l)]; }
  double econ_front(double trade, double investment) const {
    return (trade + investment) / (trade + investment + p.econ_saturation);
  }

 private:
  /// Fills trade_fe, willing0, diplomatic0 and reluctance0 from a state reset to t0 (t0_anchors.cpp).
  void anchor_to_t0();
};

/// Pact levels as the run stores them (PactType as int8): none < nonaggression < consultation < defence.
inline constexpr std::int8_t kNoPact = static_cast<std::int8_t>(PactType::None);
inline constexpr std::int8_t kDefencePact = static_cast<std::int8_t>(PactType::Defence);

/// Events a run counts (per dyad where they are dyadic), in output order. The dyadic kinds come
/// first (kDyadicEvents of them): they are the `event_kind` axis of `event_by`.
enum class Event : int {
  Crisis = 0,
  DefenceStep,
  ArmsDeal,
  Visit,
  ProjectStart,
  ProjectOperating,
  DefencePact,        ///< a new defence pact formed (in the run, or by a scripted event)
  ConsultationPact,   ///< a new consultation pact formed
  NonaggressionPact,  ///< a new non-aggression pact formed
  PactEnded,          ///< a pact terminated (not superseded by a stronger one)
  AidSuspended,
  AidRestored,
  ThreatShock,
  ExportShock,
  Count
};
inline constexpr int kDyadicEvents = static_cast<int>(Event::ThreatShock);
/// The onset event of a new pact of type `t` (t above None).
inline Event pact_onset_event(PactType t) {
  return static_cast<Event>(static_cast<int>(Event::DefencePact) + (static_cast<int>(PactType::Defence) - static_cast<int>(t)));
}
const char* event_name(Event e);

/// The state of one run. Reset from the scenario at the start of each run.
struct WorldState {
  int tick = 0;
  // The scenario's numbers as this run sees them: copied at reset, changed only by scripted
  // events (so an event can change a rate or a model constant in one run without touching
  // the shared ModelContext). t0 anchors stay in the ModelContext.
  Parameters p;
  GlobalSpec global;
  std::vector<ActorSpec> actors;
  std::vector<DyadSpec> dyads;
  std::vector<LinkSpec> links;

  double threat = 0;  ///< shared non-state threat θ
  // actors
  std::vector<double> gdp;
  std::vector<double> export_dependence;
  // dyads
  std::vector<double> m, d, h, trade, investment;
  std::vector<std::int8_t> pact;    ///< PactType level in force
  /// per dyad and pact type (index kPactTypes * dyad + output order k, defence first): Σ log(1 - h)
  /// over the quarters in which a pact of the type was under negotiation (both sides favour it and
  /// its gate holds). 1 - exp of it is the run's chance of a new such pact given its path: the
  /// outcome the stylized-fact tests compare (docs/model.md §1.2).
  std::vector<double> negotiation_log;
  std::vector<int> freeze;          ///< ticks left in which formation is frozen
  std::vector<std::int8_t> project; ///< ProjectState
  std::vector<int> project_age;     ///< ticks since construction started
  std::vector<double> willing;      ///< W of the last tick
  std::vector<double> readiness;    ///< R of the last tick
  // links
  std::vector<double> aid;          ///< aid flowing donor -> recipient, [0, 1]
  // per-tick scratch (sized once, overwritten every tick)
  std::vector<double> propensity;   ///< N*N, landscape propensities p_ij(t)
  std::vector<double> threat_base;  ///< N*N, sqrt(s_k O_k) π_ik / T_max (times h_ik gives T_ik)
  std::vector<double> du_front;     ///< per link (i evaluates j): ΔU_i(j, c_front or 1 if allied)
  std::vector<double> du_alliance;  ///< per link: ΔU_i(j, 1), the value of a defence pact
  /// per link and pact type (index kPactTypes * link + level - 1): ΔU_i(j, c_type), what i gains
  /// from a pact of that type with j (no stance noise)
  std::vector<double> du_pact;
  std::vector<bool> crisis;         ///< per dyad: crisis this tick
  std::vector<bool> crisis_forced;  ///< per dyad: a scripted event triggers a crisis this tick
  std::vector<std::int32_t> scripted_fired; ///< per scripted event: times it fired this run
  // events fired this run, per event type (dyadic events also per dyad)
  std::vector<std::int32_t> events; ///< Event::Count
  std::vector<std::int32_t> dyad_events; ///< D * Event::Count

  void reset(const ModelContext& ctx);
  double econ(const ModelContext& /*ctx*/, int dyad) const {
    const double ti = trade[idx(dyad)] + investment[idx(dyad)];
    return ti / (ti + p.econ_saturation);
  }
  const ActorSpec& actor(int i) const { return actors[idx(i)]; }
  const DyadSpec& dyad_spec(int k) const { return dyads[idx(k)]; }
  const LinkSpec& link_spec(int l) const { return links[idx(l)]; }
  bool has_aid(int l) const { return links[idx(l)].aid_dependence > 0; }
  /// min(1, XS_i / exporter_reference): how fully i counts as an arms supplier.
  double exporter(int i) const { return std::min(1.0, actor(i).arms_export_share / p.exporter_reference); }
  void count(Event e, int dyad = -1);
};

}  // namespace simrun
