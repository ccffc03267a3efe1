#include "sim/model/world.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/utility.hpp"

namespace simrun {

const char* event_name(Event e) {
  switch (e) {
    case Event::Crisis: return "crisis";
    case Event::DefenceStep: return "defence_step";
    case Event::ArmsDeal: return "arms_deal";
    case Event::Visit: return "visit";
    case Event::ProjectStart: return "project_start";
    case Event::ProjectOperating: return "project_operating";
    case Event::DefencePact: return "defence_pact";
    case Event::ConsultationPact: return "consultation_pact";
    case Event::NonaggressionPact: return "nonaggression_pact";
    case Event::PactEnded: return "pact_ended";
    case Event::AidSuspended: return "aid_suspended";
    case Event::AidRestored: return "aid_restored";
    case Event::ThreatShock: return "threat_shock";
    case Event::ExportShock: return "export_shock";
    case Event::Count: break;
  }
  return "?";
}

ModelContext::ModelContext(const Scenario& scenario)
    : sc(scenario), p(scenario.params), n(scenario.n_actors()), nd(scenario.n_dyads()),
      nl(static_cast<int>(scenario.links.size())) {
  const auto nn = idx(n * n);
  dyad_of.assign(nn, -1);
  link_of.assign(nn, -1);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (i != j) {
        dyad_of[idx(i * n + j)] = sc.dyad_index(i, j);
        link_of[idx(i * n + j)] = sc.link_index(i, j);
      }

  similarity.resize(idx(nd));
  econ0.resize(idx(nd));
  facilitation0.resize(idx(nd));
  for (int d = 0; d < nd; ++d) {
    const DyadSpec& s = dyad_spec(d);
    similarity[idx(d)] =
        0.5 * (directed_similarity(actor(s.a), actor(s.b)) + directed_similarity(actor(s.b), actor(s.a)));
    econ0[idx(d)] = econ_front(s.trade, s.investment);
    double broker = 0;  // best t0 brokerage potential d_ka * d_kb, before weighting by F_k
    for (int k = 0; k < n; ++k)
      if (k != s.a && k != s.b)
        broker = std::max(broker, dyad_spec(dyad(k, s.a)).diplomatic * dyad_spec(dyad(k, s.b)).diplomatic);
    facilitation0[idx(d)] = broker;
  }

  for (const auto& e : sc.events) {
    event_first_tick.push_back(sc.calendar.tick_of(e.first));
    event_last_tick.push_back(sc.calendar.tick_of(e.last));
  }

  // Threat normaliser T_max: the largest directed threat at t0 (Walt 1987).
  double t_max = 0;
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < n; ++k)
      if (i != k)
        t_max = std::max(t_max, std::sqrt(actor(k).size * actor(k).offense) * dyad_spec(dyad(i, k)).proximity *
                                    dyad_spec(dyad(i, k)).hostility);
  threat_max = t_max > 0 ? t_max : 1.0;

  anchor_to_t0();
}

void WorldState::reset(const ModelContext& ctx) {
  const auto n = idx(ctx.n), nd = idx(ctx.nd),
             nl = idx(ctx.nl);
  tick = 0;
  p = ctx.sc.params;
  global = ctx.sc.global;
  actors = ctx.sc.actors;
  dyads = ctx.sc.dyads;
  links = ctx.sc.links;
  threat = global.threat;
  gdp.resize(n);
  export_dependence.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    gdp[i] = ctx.sc.actors[i].gdp;
    export_dependence[i] = ctx.sc.actors[i].arms_export_dependence;
  }
  m.resize(nd); d.resize(nd); h.resize(nd); trade.resize(nd); investment.resize(nd);
  pact.resize(nd); negotiation_log.assign(nd * kPactTypes, 0.0); freeze.assign(nd, 0); project.resize(nd); project_age.assign(nd, 0);
  willing.assign(nd, 0.0); readiness.assign(nd, 0.0); crisis.assign(nd, false); crisis_forced.assign(nd, false);
  scripted_fired.assign(ctx.sc.events.size(), 0);
  for (std::size_t k = 0; k < nd; ++k) {
    const DyadSpec& s = ctx.sc.dyads[k];
    m[k] = s.military; d[k] = s.diplomatic; h[k] = s.hostility;
    trade[k] = s.trade; investment[k] = s.investment;
    pact[k] = static_cast<std::int8_t>(s.pact);
    project[k] = static_cast<std::int8_t>(s.project_state);
  }
  aid.resize(nl);
  for (std::size_t l = 0; l < nl; ++l) aid[l] = ctx.sc.links[l].aid_flowing;
  propensity.assign(n * n, 0.0);
  threat_base.assign(n * n, 0.0);
  du_front.assign(nl, 0.0);
  du_alliance.assign(nl, 0.0);
  du_pact.assign(nl * kPactTypes, 0.0);
  events.assign(idx(Event::Count), 0);
  dyad_events.assign(nd * idx(Event::Count), 0);
}

void WorldState::count(Event e, int dyad) {
  ++events[idx(e)];
  if (dyad >= 0) ++dyad_events[idx(dyad) * idx(Event::Count) + idx(e)];
}

}  // namespace simrun
