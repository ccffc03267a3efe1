#include "sim/engine/paired.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace simrun {

PairedRun run_paired(const ModelContext& a, const ModelContext& b, const EnsembleOptions& opt, const ProgressFn& progress) {
  if (a.n != b.n) throw std::invalid_argument("the two scenarios have different numbers of actors");
  for (int i = 0; i < a.n; ++i)
    if (a.actor(i).id != b.actor(i).id)
      throw std::invalid_argument("the two scenarios list different actors (or in a different order): " + a.actor(i).id +
                                  " vs " + b.actor(i).id);
  if (a.sc.calendar.ticks != b.sc.calendar.ticks || a.sc.calendar.start.index != b.sc.calendar.start.index)
    throw std::invalid_argument("the two scenarios have different calendars");
  const auto nd = static_cast<std::size_t>(a.nd);
  std::vector<std::uint8_t> formed_a(opt.runs * nd);
  PairedRun out;
  out.dyads.resize(nd);
  auto half = [&](std::uint64_t done, std::uint64_t) {
    if (progress) progress(done, 2 * opt.runs);
  };
  out.a = run_ensemble(a, opt, [&](std::uint64_t first, const RunTable& t) {
    std::copy(t.formed.begin(), t.formed.end(), formed_a.begin() + static_cast<std::ptrdiff_t>((first - opt.first_run) * nd));
  }, half);
  out.b = run_ensemble(b, opt, [&](std::uint64_t first, const RunTable& t) {
    for (std::size_t r = 0; r < t.rows; ++r)
      for (std::size_t d = 0; d < nd; ++d) {
        const bool fa = formed_a[(first - opt.first_run + r) * nd + d] != 0, fb = t.formed[r * nd + d] != 0;
        PairedCounts& c = out.dyads[d];
        (fa ? (fb ? c.both : c.a_only) : (fb ? c.b_only : c.neither))++;
      }
  }, [&](std::uint64_t done, std::uint64_t) {
    if (progress) progress(opt.runs + done, 2 * opt.runs);
  });
  return out;
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
