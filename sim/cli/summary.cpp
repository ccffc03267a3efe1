#include "sim/cli/summary.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "sim/engine/statistics.hpp"
#include "sim/model/landscape.hpp"

namespace simrun {

int median_formation_tick(const Accumulator& acc, int dyad) {
  const auto width = static_cast<std::size_t>(acc.ticks + 2);
  const std::uint64_t* row = &acc.first_formation[static_cast<std::size_t>(dyad) * width];
  std::uint64_t formed = 0;
  for (int t = 0; t <= acc.ticks; ++t) formed += row[t];
  if (formed == 0) return -1;
  std::uint64_t cumulative = 0;
  for (int t = 0; t <= acc.ticks; ++t) {
    cumulative += row[t];
    if (2 * cumulative >= formed) return t;
  }
  return acc.ticks;
}

std::string format_summary(const ModelContext& ctx, const Accumulator& acc, int top) {
  const Scenario& sc = ctx.sc;
  const int T = sc.calendar.ticks;
  const std::string horizon = sc.calendar.quarter_of_tick(T).label();
  std::vector<int> order(static_cast<std::size_t>(ctx.nd));
  for (int d = 0; d < ctx.nd; ++d) order[static_cast<std::size_t>(d)] = d;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return acc.formed_by[acc.td(T, a)] > acc.formed_by[acc.td(T, b)];
  });

  std::ostringstream os;
  char line[256];
  os << "Formal alliance by " << horizon << " (" << acc.runs << " runs; 95% Wilson intervals):\n";
  std::snprintf(line, sizeof line, "  %-12s %-9s %-18s %-9s %-18s %s\n", "dyad", "P(formed)", "95% CI", "in force",
                "95% CI", "median formation (if formed)");
  os << line;
  const std::size_t shown = top > 0 ? std::min(order.size(), static_cast<std::size_t>(top)) : order.size();
  for (std::size_t k = 0; k < shown; ++k) {
    const int d = order[k];
    const Interval formed = wilson(acc.formed_by[acc.td(T, d)], acc.runs);
    const Interval force = wilson(acc.in_force[acc.td(T, d)], acc.runs);
    const int median = median_formation_tick(acc, d);
    const std::string when = median < 0 ? "-" : sc.calendar.quarter_of_tick(median).label() + " (tick " + std::to_string(median) + ")";
    std::snprintf(line, sizeof line, "  %-12s %-9.4f [%.4f, %.4f]   %-9.4f [%.4f, %.4f]   %s\n", sc.dyad_label(d).c_str(),
                  formed.estimate, formed.lo, formed.hi, force.estimate, force.lo, force.hi, when.c_str());
    os << line;
  }
  if (shown < order.size()) {
    const Interval next = wilson(acc.formed_by[acc.td(T, order[shown])], acc.runs);
    std::snprintf(line, sizeof line, "  ... %zu more dyads, each with P(formed) <= %.4f (--top %zu lists them all)\n",
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
