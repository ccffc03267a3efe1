// Phase 0: the scenario's scripted events (events.hpp). An event fires in its window with its
// probability per tick (its own addressed random number, so firing never shifts other draws),
// applies its set/add/scale actions to run state or to this run's copy of the scenario's
// numbers, then its trigger (arms deal, visit, crisis, project start) with the model's effects.
#include <algorithm>
#include <cmath>

#include "sim/model/scripted_events.hpp"

namespace simrun {
namespace {

double& slot_of(WorldState& w, const FieldTarget& t) {
  using S = FieldTarget::State;
  // The actor, dyad or link index; -1 (not used) for parameters and globals.
  const auto i = [&t] { return idx(t.index); };
  switch (t.state) {
    case S::Military: return w.m[i()];
    case S::Diplomatic: return w.d[i()];
    case S::Hostility: return w.h[i()];
    case S::Trade: return w.trade[i()];
    case S::Investment: return w.investment[i()];
    case S::Aid: return w.aid[i()];
    case S::Threat: return w.threat;
    case S::ExportDependence: return w.export_dependence[i()];
    case S::Gdp: return w.gdp[i()];
    case S::Pact:
    case S::None: break;
  }
  switch (t.section) {
    case FieldTarget::Section::Parameter: return w.p.*(t.param);
    case FieldTarget::Section::Global: return w.global.*(t.global);
    case FieldTarget::Section::Actor: return w.actors[i()].*(t.actor);
    case FieldTarget::Section::Dyad: return w.dyads[i()].*(t.dyad);
    case FieldTarget::Section::Link: return w.links[i()].*(t.link);
  }
  return w.p.*(t.param);
}

double applied(const EventAction& a, double old) {
  double v = old;
  switch (a.op) {
    case EventAction::Op::Set: v = a.value; break;
    case EventAction::Op::Add: v = old + a.value; break;
    case EventAction::Op::Scale: v = old * a.value; break;
  }
  v = std::clamp(v, a.target.lo, a.target.hi);
  return a.target.integer ? std::round(v) : v;
}

void apply_action(WorldState& w, const EventAction& a) {
  if (a.target.state != FieldTarget::State::Pact) {
    double& slot = slot_of(w, a.target);
    slot = applied(a, slot);
    return;
  }
  // A scripted stronger pact is an onset of that type (superseding the weaker); a weaker one
  // ends the pact in force.
  auto& level = w.pact[idx(a.target.index)];
  const auto next = static_cast<std::int8_t>(applied(a, level));
  if (next > level) w.count(pact_onset_event(static_cast<PactType>(next)), a.target.index);
  if (next < level) w.count(Event::PactEnded, a.target.index);
  level = next;
}

void apply_trigger(WorldState& w, const EventSpec& e) {
  if (e.trigger == EventTrigger::None) return;  // an event without a trigger names no dyad (-1)
  const auto u = idx(e.dyad);
  switch (e.trigger) {
    case EventTrigger::ArmsDeal:
      w.m[u] = std::min(1.0, w.m[u] + w.p.deal_size);
      w.count(Event::ArmsDeal, e.dyad);
      break;
    case EventTrigger::Visit:
      w.d[u] = std::min(1.0, w.d[u] + w.p.visit_size);
      w.count(Event::Visit, e.dyad);
      break;
    case EventTrigger::Crisis:
      w.crisis_forced[u] = true;  // the crisis itself unfolds in the shocks phase
      break;
    case EventTrigger::ProjectStart:
      if (w.project[u] <= static_cast<std::int8_t>(ProjectState::Agreed)) {
        w.project[u] = static_cast<std::int8_t>(ProjectState::Building);
        w.project_age[u] = 0;
        w.investment[u] += w.dyads[u].project_investment;
        w.count(Event::ProjectStart, e.dyad);
      }
      break;
    case EventTrigger::None: break;
  }
}

}  // namespace

void apply_scripted_events(const ModelContext& ctx, WorldState& w, const RunRng& rng) {
  for (int k = 0; k < ctx.n_events(); ++k) {
    const auto u = idx(k);
    const EventSpec& e = ctx.sc.events[u];
    if (w.tick < ctx.event_first_tick[u] || w.tick > ctx.event_last_tick[u]) continue;
    if (!e.repeat && w.scripted_fired[u] > 0) continue;
    if (e.probability < 1.0 && !rng.bernoulli(e.probability, w.tick, Draw::ScriptedEvent, static_cast<std::uint32_t>(k)))
      continue;
    for (const auto& a : e.actions) apply_action(w, a);
    apply_trigger(w, e);
    ++w.scripted_fired[u];
  }
}

}  // namespace simrun
