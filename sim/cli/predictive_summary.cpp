#include "sim/cli/predictive_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/engine/accumulator.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {
namespace {

std::string share_text(const Interval& s) {
  if (std::isnan(s.estimate)) return "-  (no variance: P is 0 or 1)";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%3.0f%% [%.0f%%, %.0f%%]", 100 * s.estimate, 100 * s.lo, 100 * s.hi);
  return buf;
}

}  // namespace

std::string format_predictive_summary(const ModelContext& ctx, const DrawsRecord& r, int top) {
  const Scenario& sc = ctx.sc;
  const std::string horizon = sc.calendar.quarter_of_tick(sc.calendar.ticks).label();
  const auto D = static_cast<unsigned long long>(r.counts.draws), R = static_cast<unsigned long long>(r.counts.runs_per_draw);
  std::ostringstream os;
  char line[320];
  std::snprintf(line, sizeof line,
                "New pacts by %s under input uncertainty: %zu inputs drawn from %s, %llu draws x %llu runs.\n",
                horizon.c_str(), r.base->uncertain.size(), r.drawn_from.c_str(), D, R);
  os << line
     << "  P          predictive probability over the priors and chance; [..] is its 95% Monte Carlo interval\n"
     << "             (finite draws and runs only: it does NOT show how uncertain the inputs make the answer)\n"
     << "  median, 80%, 95%  the probability's spread over the input draws: this IS the inputs' uncertainty\n"
     << "  inputs     share of the outcome's variance due to the inputs (rest: chance), law of total variance,\n"
     << "             [95% bootstrap interval over draws]\n"
     << "  Not covered: inputs without priors, the model's structure, events the scenario does not represent.\n"
     << "  pact       a NEW pact of the ATOP type formed after t0 (a stronger one supersedes a weaker; pacts in force\n"
     << "             at t0 are not counted as formed)\n";
  std::snprintf(line, sizeof line, "  %-10s %-14s %-24s %-7s %-16s %-16s %s\n", "dyad", "pact", "P [95% MC]", "median",
                "80% range", "95% range", "inputs [95%]");
  os << line;
  // One row per (dyad, pact type), likeliest first; rows that never happened in any run are left out.
  std::vector<int> order;
  for (int c = 0; c < ctx.nd * kPactTypes; ++c)
    if (r.horizon[static_cast<std::size_t>(c)].predictive.estimate > 0) order.push_back(c);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return r.horizon[static_cast<std::size_t>(a)].predictive.estimate > r.horizon[static_cast<std::size_t>(b)].predictive.estimate;
  });
  const std::size_t shown = top > 0 ? std::min(order.size(), static_cast<std::size_t>(top)) : order.size();
  for (std::size_t k = 0; k < shown; ++k) {
    const int d = order[k] / kPactTypes;
    const PredictiveStats& s = r.horizon[static_cast<std::size_t>(order[k])];
    char p[64], r80[40], r95[40];
    std::snprintf(p, sizeof p, "%.4f [%.4f, %.4f]", s.predictive.estimate, s.predictive.lo, s.predictive.hi);
    std::snprintf(r80, sizeof r80, "[%.3f, %.3f]", s.q10, s.q90);
    std::snprintf(r95, sizeof r95, "[%.3f, %.3f]", s.q025, s.q975);
    std::snprintf(line, sizeof line, "  %-10s %-14s %-24s %-7.3f %-16s %-16s %s\n", sc.dyad_label(d).c_str(),
                  pact_type_name(pact_type_at(order[k] % kPactTypes)), p, s.median, r80, r95, share_text(s.input_share).c_str());
    os << line;
  }
  if (shown < order.size()) {
    std::snprintf(line, sizeof line, "  ... %zu more (dyad, pact) rows, each with predictive P <= %.4f (--top %zu lists them all)\n",
                  order.size() - shown, r.horizon[static_cast<std::size_t>(order[shown])].predictive.estimate, order.size());
    os << line;
  }
  if (order.empty()) os << "  (no new pact of any type formed in any run)\n";
  os << "Per-draw probabilities hold binomial noise of sd <= " << std::to_string(0.5 / std::sqrt(double(R))).substr(0, 5)
     << " (R runs each), which widens the ranges slightly. --fixed runs at the point values.\n";
  return os.str();
}

}  // namespace simrun
