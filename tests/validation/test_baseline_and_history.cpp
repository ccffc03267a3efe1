// The history check of docs/model.md §1.2 (pattern P1): the 2014-2018 replay reproduces what
// happened. "Alliance" here is a new defence pact (formed_by).
#include <cstdio>

#include "sim/engine/ensemble.hpp"
#include "sim/engine/statistics.hpp"
#include "validation_support.hpp"

namespace simrun::validation {
namespace {

struct Ensemble {
  Scenario sc;
  Accumulator acc;
  std::uint64_t runs_without_visit = 0;
  int dyad = -1;
};

Ensemble run_file(const std::string& file, std::uint64_t runs) {
  Ensemble e{load_scenario(scenario_path(file)), {}, 0, -1};
  for (int d = 0; d < e.sc.n_dyads(); ++d)
    if (e.sc.dyad_label(d) == "RUS-PAK") e.dyad = d;
  const ModelContext ctx(e.sc);
  EnsembleOptions opt;
  opt.seed = kSeed;
  opt.runs = runs;
  constexpr auto kE = static_cast<std::size_t>(Event::Count);
  e.acc = run_ensemble(ctx, opt, [&](std::uint64_t, const RunTable& t) {
    for (std::size_t r = 0; r < t.rows; ++r)
      if (t.dyad_events[t.rd(r, e.dyad) * kE + static_cast<std::size_t>(Event::Visit)] == 0) ++e.runs_without_visit;
  });
  return e;
}

double front_mean(const Ensemble& e, int tick, Front f) {
  const DyadSpec& s = e.sc.dyads[static_cast<std::size_t>(e.dyad)];
  const double t0[] = {s.military, (s.trade + s.investment) / (s.trade + s.investment + e.sc.params.econ_saturation), s.diplomatic};
  return t0[static_cast<int>(f)] + from_fixed(e.acc.front_sum[e.acc.tdf(tick, e.dyad, static_cast<int>(f))]) / static_cast<double>(e.acc.runs);
}

double trade_mean(const Ensemble& e, int tick) {
  return from_fixed(e.acc.trade_sum[e.acc.td(tick, e.dyad)]) / static_cast<double>(e.acc.runs);
}

// SF12a ("baseline P in [0.05, 0.15]") is gone: it was the range the weights were tuned to hit,
// so it could not fail (issue 10 item 7). Out-of-sample checks replace it: ATOP base rates and
// the 2018-2026 hindcast (docs/validation.md).

TEST(BaselineAndHistory, HistoryReplay2014to2018) {
  const Ensemble e = run_file("historical_2014.yaml", 4000);
  const int T = e.sc.calendar.ticks;
  const Interval formed = wilson(e.acc.formed_by[e.acc.td(T, e.dyad)], e.acc.runs);
  const Interval no_visit = wilson(e.runs_without_visit, e.acc.runs);
  const double m0 = front_mean(e, 0, Front::Military), mT = front_mean(e, T, Front::Military);
  const double d0 = front_mean(e, 0, Front::Diplomatic), dT = front_mean(e, T, Front::Diplomatic);
  const double trade0 = trade_mean(e, 0), tradeT = trade_mean(e, T);
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "P(alliance by %s) = %.3f [%.3f, %.3f]; no visit in %.2f [%.2f, %.2f] of runs; m %.2f → %.2f, d %.2f → %.2f, "
                "trade %.2f → %.2f $bn",
                e.sc.calendar.quarter_of_tick(T).label().c_str(), formed.estimate, formed.lo, formed.hi, no_visit.estimate,
                no_visit.lo, no_visit.hi, m0, mT, d0, dT, trade0, tradeT);
  const bool no_alliance = formed.hi < 0.05;
  const bool ties_rise = mT > m0 + 0.15 && dT > d0 + 0.05;
  const bool trade_stagnates = tradeT < 1.25 * trade0;
  const bool visits_rare = no_visit.lo > 0.5;
  const bool pass = no_alliance && ties_rise && trade_stagnates && visits_rare;
  report("SF12b / P1", "2014-18: a thaw in military and diplomatic ties, stagnant trade, no visit, no alliance",
         "history replay: P(alliance) upper < 0.05; m +0.15 and d +0.05; trade < +25%; no visit in most runs", buf, pass);
  EXPECT_TRUE(no_alliance) << buf;
  EXPECT_TRUE(ties_rise) << buf;
  EXPECT_TRUE(trade_stagnates) << buf;
  EXPECT_TRUE(visits_rare) << buf;
}

}  // namespace
}  // namespace simrun::validation
