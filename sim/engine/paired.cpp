#include "sim/engine/paired.hpp"

#include "sim/engine/predictive_stats.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace simrun {

namespace {

void check_same_shape(const ModelContext& a, const ModelContext& b) {
  if (a.n != b.n) throw std::invalid_argument("the two scenarios have different numbers of actors");
  for (int i = 0; i < a.n; ++i)
    if (a.actor(i).id != b.actor(i).id)
      throw std::invalid_argument("the two scenarios list different actors (or in a different order): " + a.actor(i).id +
                                  " vs " + b.actor(i).id);
  if (a.sc.calendar.ticks != b.sc.calendar.ticks || a.sc.calendar.start.index != b.sc.calendar.start.index)
    throw std::invalid_argument("the two scenarios have different calendars");
}

}  // namespace

PairedRun run_paired(const ModelContext& a, const ModelContext& b, const EnsembleOptions& opt, const ProgressFn& progress) {
  const auto same_a = [&a](std::uint64_t) -> const ModelContext& { return a; };
  const auto same_b = [&b](std::uint64_t) -> const ModelContext& { return b; };
  return run_paired(a, same_a, b, same_b, opt, 0, 0, progress);
}

PairedRun run_paired(const ModelContext& a, const RunContext& a_of, const ModelContext& b, const RunContext& b_of,
                     const EnsembleOptions& options, std::uint64_t draws, std::uint64_t runs_per_draw,
                     const ProgressFn& progress) {
  check_same_shape(a, b);
  EnsembleOptions opt = options;
  opt.tick_status = draws > 0;
  const auto nd = static_cast<std::size_t>(a.nd);
  std::vector<std::uint8_t> formed_a(opt.runs * nd);
  PairedRun out;
  out.dyads.resize(nd);
  if (draws > 0) {
    out.draws.a = DrawCounts(draws, runs_per_draw, a.sc.calendar.ticks, a.nd);
    out.draws.b = DrawCounts(draws, runs_per_draw, a.sc.calendar.ticks, a.nd);
    out.draws.pairs.resize(static_cast<std::size_t>(draws) * nd);
  }
  auto half = [&](std::uint64_t done, std::uint64_t) {
    if (progress) progress(done, 2 * opt.runs);
  };
  out.a = run_ensemble(a, a_of, opt, [&](std::uint64_t first, const RunTable& t) {
    std::copy(t.formed.begin(), t.formed.end(), formed_a.begin() + static_cast<std::ptrdiff_t>((first - opt.first_run) * nd));
    if (draws > 0) out.draws.a.add(first, t);
  }, half);
  out.b = run_ensemble(b, b_of, opt, [&](std::uint64_t first, const RunTable& t) {
    if (draws > 0) out.draws.b.add(first, t);
    for (std::size_t r = 0; r < t.rows; ++r)
      for (std::size_t d = 0; d < nd; ++d) {
        const bool fa = formed_a[(first - opt.first_run + r) * nd + d] != 0, fb = t.formed[r * nd + d] != 0;
        PairedCounts& c = out.dyads[d];
        (fa ? (fb ? c.both : c.a_only) : (fb ? c.b_only : c.neither))++;
        if (draws == 0) continue;
        PairedCounts& per_draw = out.draws.pairs[static_cast<std::size_t>((first + r) / runs_per_draw) * nd + d];
        (fa ? (fb ? per_draw.both : per_draw.a_only) : (fb ? per_draw.b_only : per_draw.neither))++;
      }
  }, [&](std::uint64_t done, std::uint64_t) {
    if (progress) progress(opt.runs + done, 2 * opt.runs);
  });
  return out;
}

PairedDrawStats paired_draw_stats(const PairedDraws& draws, int dyad) {
  const std::uint64_t D = draws.a.draws, R = draws.a.runs_per_draw;
  const int T = draws.a.ticks;
  PairedDrawStats s;
  s.a = predictive_interval(draws.a.cell(draws.a.formed_by, T, dyad), R);
  s.b = predictive_interval(draws.b.cell(draws.b.formed_by, T, dyad), R);
  std::vector<double> delta(static_cast<std::size_t>(D));
  PairedCounts total;
  double sum = 0;
  for (std::uint64_t d = 0; d < D; ++d) {
    const PairedCounts& c = draws.at(d, dyad);
    delta[static_cast<std::size_t>(d)] = (static_cast<double>(c.b_only) - static_cast<double>(c.a_only)) / static_cast<double>(R);
    sum += delta[static_cast<std::size_t>(d)];
    total.both += c.both;
    total.a_only += c.a_only;
    total.b_only += c.b_only;
    total.neither += c.neither;
    s.share_b_higher += delta[static_cast<std::size_t>(d)] > 0;
    s.share_a_higher += delta[static_cast<std::size_t>(d)] < 0;
  }
  const double mean = sum / static_cast<double>(D);
  double ss = 0;
  for (double x : delta) ss += (x - mean) * (x - mean);
  const double se = std::sqrt(ss / static_cast<double>(D - 1) / static_cast<double>(D));
  const PairedStats pooled = paired_stats(total);
  s.difference = {mean, std::min(pooled.difference_lo, mean - kZ95 * se), std::max(pooled.difference_hi, mean + kZ95 * se)};
  std::sort(delta.begin(), delta.end());
  s.median = sorted_quantile(delta, 0.5);
  s.q10 = sorted_quantile(delta, 0.1);
  s.q90 = sorted_quantile(delta, 0.9);
  s.share_b_higher /= static_cast<double>(D);
  s.share_a_higher /= static_cast<double>(D);
  return s;
}

double binomial_two_sided_half(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return 1.0;
  const std::uint64_t lo = std::min(k, n - k);
  // P(X <= lo) for X ~ Bin(n, 1/2), summed in log space; doubled for two sides.
  const double log_half_n = -static_cast<double>(n) * std::log(2.0);
  double tail = 0;
  for (std::uint64_t i = 0; i <= lo; ++i)
    tail += std::exp(std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(i) + 1) -
                     std::lgamma(static_cast<double>(n - i) + 1) + log_half_n);
  return std::min(1.0, 2.0 * tail);
}

PairedStats paired_stats(const PairedCounts& c) {
  PairedStats s;
  const std::uint64_t n = c.runs();
  s.a = wilson(c.both + c.a_only, n);
  s.b = wilson(c.both + c.b_only, n);
  s.discordant_a = c.a_only;
  s.discordant_b = c.b_only;
  const double nn = static_cast<double>(n);
  s.difference = n ? (static_cast<double>(c.b_only) - static_cast<double>(c.a_only)) / nn : 0.0;
  // Bonett & Price (2012) adjusted Wald interval for a difference of paired proportions.
  const double pb = (static_cast<double>(c.b_only) + 1) / (nn + 2), pa = (static_cast<double>(c.a_only) + 1) / (nn + 2);
  const double adj = pb - pa;
  const double se = std::sqrt(std::max(0.0, (pa + pb - adj * adj) / (nn + 2)));
  s.difference_lo = std::max(-1.0, adj - kZ95 * se);
  s.difference_hi = std::min(1.0, adj + kZ95 * se);
  const std::uint64_t disc = c.a_only + c.b_only;
  s.z = disc ? (static_cast<double>(c.b_only) - static_cast<double>(c.a_only)) / std::sqrt(static_cast<double>(disc)) : 0.0;
  s.p_value = binomial_two_sided_half(c.b_only, disc);
  return s;
}

}  // namespace simrun
