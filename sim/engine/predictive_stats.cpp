#include "sim/engine/predictive_stats.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace simrun {
namespace {

struct Split {
  double mean = 0, var_inputs = 0, var_chance = 0;
  double share() const {
    const double total = std::max(0.0, var_inputs) + var_chance;
    return total > 0 ? std::clamp(var_inputs / total, 0.0, 1.0) : std::nan("");
  }
};

/// The law-of-total-variance split (see the header) of per-draw proportions p[idx[0..D)].
template <class Index>
Split split_variance(const std::vector<double>& p, double R, std::size_t D, Index idx) {
  double mean = 0, within = 0;
  for (std::size_t k = 0; k < D; ++k) {
    const double x = p[idx(k)];
    mean += x;
    within += x * (1 - x);
  }
  mean /= static_cast<double>(D);
  within /= static_cast<double>(D);
  double ss = 0;
  for (std::size_t k = 0; k < D; ++k) ss += (p[idx(k)] - mean) * (p[idx(k)] - mean);
  const double s2 = ss / static_cast<double>(D - 1);
  return {mean, s2 - within / (R - 1), within * R / (R - 1)};
}

/// Uniform index in [0, n) for bootstrap resample b, position k: Philox addressed by
/// (seed, b, k) in a domain of its own (counter word 0), so the interval is reproducible.
std::size_t resample_index(std::uint32_t seed, int b, std::size_t k, std::size_t n) {
  using Philox = r123::Philox4x32;
  constexpr std::uint32_t kBootstrapDomain = 0x424f4f54u;  // "BOOT"
  const Philox::ctr_type ctr{{kBootstrapDomain, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(k),
                              static_cast<std::uint32_t>(static_cast<std::uint64_t>(k) >> 32)}};
  const Philox::ctr_type out = Philox()(ctr, Philox::key_type{{seed, 0x5eedu}});
  const std::uint64_t u = (static_cast<std::uint64_t>(out[0]) << 32) | out[1];
  return static_cast<std::size_t>(u % n);  // bias < n / 2^64: negligible
}

void check_sizes(std::size_t draws, std::uint64_t runs_per_draw) {
  if (draws < 2 || runs_per_draw < 2)
    throw std::invalid_argument("predictive statistics need at least 2 draws and 2 runs per draw");
}

}  // namespace

double sorted_quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Interval predictive_interval(const std::vector<std::uint32_t>& counts, std::uint64_t runs_per_draw) {
  check_sizes(counts.size(), runs_per_draw);
  const double R = static_cast<double>(runs_per_draw), D = static_cast<double>(counts.size());
  std::uint64_t total = 0;
  double sum = 0, sumsq = 0;
  for (std::uint32_t k : counts) {
    total += k;
    sum += k / R;
    sumsq += (k / R) * (k / R);
  }
  const double mean = sum / D;
  const double se = std::sqrt(std::max(0.0, (sumsq - D * mean * mean) / (D - 1)) / D);
  const Interval w = wilson(total, runs_per_draw * counts.size());
  return {w.estimate, std::max(0.0, std::min(w.lo, mean - kZ95 * se)), std::min(1.0, std::max(w.hi, mean + kZ95 * se))};
}

PredictiveStats predictive_stats(const std::vector<std::uint32_t>& counts, std::uint64_t runs_per_draw,
                                 std::uint32_t seed, int bootstrap) {
  check_sizes(counts.size(), runs_per_draw);
  const std::size_t D = counts.size();
  const double R = static_cast<double>(runs_per_draw);
  std::vector<double> p(D);
  for (std::size_t d = 0; d < D; ++d) p[d] = counts[d] / R;

  PredictiveStats s;
  s.draws = D;
  s.runs_per_draw = runs_per_draw;
  s.predictive = predictive_interval(counts, runs_per_draw);
  std::vector<double> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  s.median = sorted_quantile(sorted, 0.5);
  s.q10 = sorted_quantile(sorted, 0.1);
  s.q90 = sorted_quantile(sorted, 0.9);
  s.q025 = sorted_quantile(sorted, 0.025);
  s.q975 = sorted_quantile(sorted, 0.975);

  const Split all = split_variance(p, R, D, [](std::size_t k) { return k; });
  s.var_inputs = all.var_inputs;
  s.var_chance = all.var_chance;
  s.input_share = {all.share(), std::nan(""), std::nan("")};
  if (bootstrap > 0 && !std::isnan(s.input_share.estimate)) {
    std::vector<double> shares;
    shares.reserve(static_cast<std::size_t>(bootstrap));
    std::vector<std::size_t> pick(D);
    for (int b = 0; b < bootstrap; ++b) {
      for (std::size_t k = 0; k < D; ++k) pick[k] = resample_index(seed, b, k, D);
      const double share = split_variance(p, R, D, [&](std::size_t k) { return pick[k]; }).share();
      if (!std::isnan(share)) shares.push_back(share);
    }
    std::sort(shares.begin(), shares.end());
    s.input_share.lo = sorted_quantile(shares, 0.025);
    s.input_share.hi = sorted_quantile(shares, 0.975);
  }
  return s;
}

}  // namespace simrun
