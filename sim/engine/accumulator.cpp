#include "sim/engine/accumulator.hpp"

#include <limits>
#include <stdexcept>

namespace simrun {
namespace {

template <class T>
void add_into(std::vector<T>& into, const std::vector<T>& from) {
  if (into.size() != from.size()) throw std::logic_error("Accumulator::merge: shapes differ");
  for (std::size_t k = 0; k < into.size(); ++k) into[k] += from[k];
}

}  // namespace

Accumulator::Accumulator(int t, int d, int l, int scripted) : ticks(t), dyads(d), links(l) {
  scripted_sum.assign(static_cast<std::size_t>(scripted), 0);
  const auto nt = static_cast<std::size_t>(t + 1), nd = static_cast<std::size_t>(d);
  formed_by.assign(nt * nd, 0);
  in_force.assign(nt * nd, 0);
  first_formation.assign(nd * (static_cast<std::size_t>(t) + 2), 0);
  pact_formed_by.assign(nt * nd * kPactTypes, 0);
  pact_in_force.assign(nt * nd * kPactTypes, 0);
  event_by.assign(nt * nd * kDyadicEvents, 0);
  event_in.assign(nt * nd * kDyadicEvents, 0);
  front_sum.assign(nt * nd * kFronts, 0);
  front_sumsq.assign(nt * nd * kFronts, 0);
  front_hist.assign(nt * nd * kFronts * kHistogramBins, 0);
  willing_sum.assign(nt * nd, 0);
  readiness_sum.assign(nt * nd, 0);
  trade_sum.assign(nt * nd, 0);
  coaligned.assign(nt * nd, 0);
  configs.assign(nt, {});
  threat_sum.assign(nt, 0);
  aid_sum.assign(nt * static_cast<std::size_t>(l), 0);
  event_sum.assign((nd + 1) * static_cast<std::size_t>(Event::Count), 0);
}

void Accumulator::merge(const Accumulator& o) {
  if (o.ticks != ticks || o.dyads != dyads || o.links != links) throw std::logic_error("Accumulator::merge: shapes differ");
  if (runs + o.runs > std::numeric_limits<HistogramCount>::max())
    throw std::length_error("Accumulator::merge: more runs than 32-bit histogram counts can hold");
  runs += o.runs;
  add_into(formed_by, o.formed_by);
  add_into(in_force, o.in_force);
  add_into(first_formation, o.first_formation);
  add_into(pact_formed_by, o.pact_formed_by);
  add_into(pact_in_force, o.pact_in_force);
  add_into(event_by, o.event_by);
  add_into(event_in, o.event_in);
  add_into(front_sum, o.front_sum);
  add_into(front_sumsq, o.front_sumsq);
  add_into(front_hist, o.front_hist);
  add_into(willing_sum, o.willing_sum);
  add_into(readiness_sum, o.readiness_sum);
  add_into(trade_sum, o.trade_sum);
  add_into(coaligned, o.coaligned);
  add_into(threat_sum, o.threat_sum);
  add_into(aid_sum, o.aid_sum);
  add_into(event_sum, o.event_sum);
  add_into(scripted_sum, o.scripted_sum);
  for (std::size_t t = 0; t < configs.size(); ++t)
    for (const auto& [c, k] : o.configs[t]) configs[t][c] += k;
}

}  // namespace simrun
