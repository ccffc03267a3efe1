#include "sim/engine/observer.hpp"

#include <algorithm>
#include <cmath>

namespace simrun {

RunObserver::RunObserver(const ModelContext& ctx, Accumulator& acc, RunTable& table, std::size_t row)
    : ctx_(ctx), acc_(acc), table_(table), row_(row), trajectory_(row < table.trajectory_rows) {
  sizes_.reserve(static_cast<std::size_t>(ctx.n));
  for (const auto& a : ctx.sc.actors) sizes_.push_back(a.size);
  previous_events_.assign(static_cast<std::size_t>(ctx.nd) * static_cast<std::size_t>(kDyadicEvents), 0);
}

void RunObserver::observe(const WorldState& w) {
  const int t = w.tick;
  for (int dy = 0; dy < ctx_.nd; ++dy) {
    const auto u = static_cast<std::size_t>(dy);
    const std::size_t cell = acc_.td(t, dy);
    const std::size_t row = table_.rd(row_, dy);
    if (w.pact[u] == kDefencePact) {
      ++acc_.in_force[cell];
      if (!table_.status.empty()) table_.status[status_cell(t, dy)] |= RunTable::kInForce;
      ++table_.ticks_in_force[row];
    }
    observe_pacts(w, dy);
    if (table_.first_tick[row] < 0 && w.dyad_events[u * static_cast<std::size_t>(Event::Count) +
                                                    static_cast<std::size_t>(Event::DefencePact)] > 0)
      table_.first_tick[row] = static_cast<std::int16_t>(t);
    if (table_.first_tick[row] >= 0) ++acc_.formed_by[cell];
    const double fronts[kFronts] = {w.m[u], w.econ(ctx_, dy), w.d[u]};
    const DyadSpec& s0 = ctx_.dyad_spec(dy);
    const double origin[kFronts] = {s0.military, ctx_.econ0[u], s0.diplomatic};
    for (int f = 0; f < kFronts; ++f) {
      const std::size_t k = acc_.tdf(t, dy, f);
      const double dev = fronts[f] - origin[f];
      acc_.front_sum[k] += to_fixed(dev);
      acc_.front_sumsq[k] += to_fixed(dev * dev);
      const int bin = std::min(kHistogramBins - 1, static_cast<int>(fronts[f] * kHistogramBins));
      ++acc_.front_hist[k * kHistogramBins + static_cast<std::size_t>(std::max(0, bin))];
      if (trajectory_)
        table_.trajectory_fronts[((row_ * static_cast<std::size_t>(table_.ticks + 1) + static_cast<std::size_t>(t)) *
                                      static_cast<std::size_t>(ctx_.nd) + u) * kFronts + static_cast<std::size_t>(f)] =
            static_cast<float>(fronts[f]);
    }
    if (trajectory_)
      table_.trajectory_alliance[(row_ * static_cast<std::size_t>(table_.ticks + 1) + static_cast<std::size_t>(t)) *
                                     static_cast<std::size_t>(ctx_.nd) + u] = w.pact[u];
    acc_.willing_sum[cell] += to_fixed(w.willing[u]);
    acc_.readiness_sum[cell] += to_fixed(w.readiness[u]);
    acc_.trade_sum[cell] += to_fixed(w.trade[u]);
  }
  acc_.threat_sum[static_cast<std::size_t>(t)] += to_fixed(w.threat);
  for (int l = 0; l < ctx_.nl; ++l)
    acc_.aid_sum[static_cast<std::size_t>(t) * static_cast<std::size_t>(ctx_.nl) + static_cast<std::size_t>(l)] +=
        to_fixed(w.aid[static_cast<std::size_t>(l)]);
  observe_landscape(w);
}

void RunObserver::observe_pacts(const WorldState& w, int dy) {
  const int t = w.tick;
  const auto u = static_cast<std::size_t>(dy);
  const std::int32_t* counts = &w.dyad_events[u * static_cast<std::size_t>(Event::Count)];
  for (int k = 0; k < kPactTypes; ++k) {
    const PactType type = pact_type_at(k);
    std::uint8_t bits = 0;
    if (w.pact[u] == static_cast<std::int8_t>(type)) {
      ++acc_.pact_in_force[acc_.tdp(t, dy, k)];
      bits |= static_cast<std::uint8_t>(RunTable::kPactInForce << k);
    }
    if (counts[static_cast<int>(pact_onset_event(type))] > 0) {
      ++acc_.pact_formed_by[acc_.tdp(t, dy, k)];
      bits |= static_cast<std::uint8_t>(RunTable::kPactFormed << k);
    }
    if (!table_.status.empty()) table_.status[status_cell(t, dy)] |= bits;
  }
  std::int32_t* previous = &previous_events_[u * static_cast<std::size_t>(kDyadicEvents)];
  for (int e = 0; e < kDyadicEvents; ++e) {
    if (counts[e] > 0) ++acc_.event_by[acc_.tde(t, dy, e)];
    if (counts[e] > previous[e]) ++acc_.event_in[acc_.tde(t, dy, e)];
    previous[e] = counts[e];
  }
}

void RunObserver::observe_landscape(const WorldState& w) {
  landscape_weights(ctx_.n, sizes_, w.propensity, weights_);
  const LandscapeMinimum best = landscape_minimum(ctx_.n, weights_);
  ++acc_.configs[static_cast<std::size_t>(w.tick)][best.best];
  for (int dy = 0; dy < ctx_.nd; ++dy) {
    const DyadSpec& s = ctx_.dyad_spec(dy);
    if (((best.best >> s.a) & 1u) == ((best.best >> s.b) & 1u)) {
      ++acc_.coaligned[acc_.td(w.tick, dy)];
      if (!table_.status.empty()) table_.status[status_cell(w.tick, dy)] |= RunTable::kCoaligned;
    }
  }
}

void RunObserver::finish(const WorldState& w) {
  ++acc_.runs;
  constexpr auto kE = static_cast<std::size_t>(Event::Count);
  for (int dy = 0; dy < ctx_.nd; ++dy) {
    const auto u = static_cast<std::size_t>(dy);
    const std::size_t row = table_.rd(row_, dy);
    const std::int16_t first = table_.first_tick[row];
    table_.formed[row] = first >= 0 ? 1 : 0;
    ++acc_.first_formation[u * static_cast<std::size_t>(ctx_.sc.calendar.ticks + 2) +
                           static_cast<std::size_t>(first >= 0 ? first : ctx_.sc.calendar.ticks + 1)];
    table_.dissolutions[row] = static_cast<std::int16_t>(w.dyad_events[u * kE + static_cast<std::size_t>(Event::PactEnded)]);
    for (int k = 0; k < kPactTypes; ++k)
      table_.negotiation_chance[row * kPactTypes + static_cast<std::size_t>(k)] =
          -std::expm1(w.negotiation_log[u * kPactTypes + static_cast<std::size_t>(k)]);
    table_.final_military[row] = static_cast<float>(w.m[u]);
    table_.final_economic[row] = static_cast<float>(w.econ(ctx_, dy));
    table_.final_diplomatic[row] = static_cast<float>(w.d[u]);
    table_.final_trade[row] = w.trade[u];
    for (std::size_t e = 0; e < kE; ++e) {
      const std::int32_t k = w.dyad_events[u * kE + e];
      table_.dyad_events[row * kE + e] = static_cast<std::int16_t>(std::min<std::int32_t>(k, 32767));
      acc_.event_sum[u * kE + e] += static_cast<std::uint64_t>(k);
    }
  }
  for (std::size_t e = 0; e < w.scripted_fired.size(); ++e) {
    table_.scripted[row_ * w.scripted_fired.size() + e] = static_cast<std::int16_t>(std::min<std::int32_t>(w.scripted_fired[e], 32767));
    acc_.scripted_sum[e] += static_cast<std::uint64_t>(w.scripted_fired[e]);
  }
  for (std::size_t e = 0; e < kE; ++e) {
    table_.events[row_ * kE + e] = w.events[e];
    acc_.event_sum[static_cast<std::size_t>(ctx_.nd) * kE + e] += static_cast<std::uint64_t>(w.events[e]);
  }
}

}  // namespace simrun
