#include "sim/cli/summary.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "sim/engine/statistics.hpp"
#include "sim/model/landscape.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {

namespace {

/// "consultation (ATOP 4415)", "none": the dyad's pact at t0 as the scenario codes it.
std::string t0_pact_label(const DyadSpec& s) {
  std::string label = kPactLevelNames[static_cast<int>(s.pact)];
  if (s.pact > 0 && s.pact_atopid > 0) label += " (ATOP " + std::to_string(static_cast<long>(s.pact_atopid)) + ")";
  return label;
}

/// The largest probability of a new pact of any type at the horizon (the sort key).
std::uint64_t most_likely_new_pact(const Accumulator& acc, int T, int d) {
  std::uint64_t best = 0;
  for (int k = 0; k < kPactTypes; ++k) best = std::max(best, acc.pact_formed_by[acc.tdp(T, d, k)]);
  return best;
}

}  // namespace

std::string format_summary(const ModelContext& ctx, const Accumulator& acc, int top) {
  const Scenario& sc = ctx.sc;
  const int T = sc.calendar.ticks;
  const std::string horizon = sc.calendar.quarter_of_tick(T).label();
  std::vector<int> order(static_cast<std::size_t>(ctx.nd));
  for (int d = 0; d < ctx.nd; ++d) order[static_cast<std::size_t>(d)] = d;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return most_likely_new_pact(acc, T, a) > most_likely_new_pact(acc, T, b);
  });

  std::ostringstream os;
  char line[256];
  os << "New pacts by " << horizon << " (" << acc.runs
     << " runs; P = share of runs in which a NEW pact of the type formed after t0; 95% Wilson intervals\n"
        "cover Monte Carlo error only, not uncertainty in the scenario's numbers):\n";
  std::snprintf(line, sizeof line, "  %-10s %-26s %-25s %-25s %s\n", "dyad", "pact at t0", "P(defence)  95% CI",
                "P(consultation)  95% CI", "P(nonaggression)  95% CI");
  os << line;
  const std::size_t shown = top > 0 ? std::min(order.size(), static_cast<std::size_t>(top)) : order.size();
  for (std::size_t k = 0; k < shown; ++k) {
    const int d = order[k];
    std::string cells;
    for (int type = 0; type < kPactTypes; ++type) {
      const Interval iv = wilson(acc.pact_formed_by[acc.tdp(T, d, type)], acc.runs);
      char cell[64];
      std::snprintf(cell, sizeof cell, "%.4f [%.4f, %.4f]  ", iv.estimate, iv.lo, iv.hi);
      cells += cell;
    }
    std::snprintf(line, sizeof line, "  %-10s %-26s %s\n", sc.dyad_label(d).c_str(), t0_pact_label(ctx.dyad_spec(d)).c_str(),
                  cells.c_str());
    os << line;
  }
  if (shown < order.size()) {
    const Interval next = wilson(most_likely_new_pact(acc, T, order[shown]), acc.runs);
    std::snprintf(line, sizeof line, "  ... %zu more dyads, each with P(new pact of any one type) <= %.4f (--top %zu lists them all)\n",
                  order.size() - shown, next.estimate, order.size());
    os << line;
  }
  const auto& configs = acc.configs[static_cast<std::size_t>(T)];
  if (!configs.empty()) {
    auto best = std::max_element(configs.begin(), configs.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first > b.first;
    });
    std::vector<std::string> ids;
    for (const auto& a : sc.actors) ids.push_back(a.id);
    const Interval share = wilson(best->second, acc.runs);
    std::snprintf(line, sizeof line, "Most frequent bloc configuration at %s: %s in %.1f%% of runs [%.1f%%, %.1f%%]\n",
                  horizon.c_str(), config_label(best->first, ids).c_str(), 100 * share.estimate, 100 * share.lo, 100 * share.hi);
    os << line;
  }
  return os.str();
}

}  // namespace simrun
