#include "sim/engine/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace simrun {

Interval wilson(std::uint64_t k, std::uint64_t n, double z) {
  if (n == 0) return {0.0, 0.0, 1.0};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  // At k = 0 and k = n the bounds are exactly 0 and 1; computing them would leave rounding dust.
  return {p, k == 0 ? 0.0 : std::max(0.0, centre - half), k == n ? 1.0 : std::min(1.0, centre + half)};
}

double histogram_quantile(const std::uint32_t* bins, int n_bins, std::uint64_t total, double q) {
  if (total == 0) return std::nan("");
  const double target = q * static_cast<double>(total);
  double cumulative = 0;
  for (int b = 0; b < n_bins; ++b) {
    const auto count = static_cast<double>(bins[b]);
    if (count > 0 && cumulative + count >= target) {
      const double within = std::clamp((target - cumulative) / count, 0.0, 1.0);
      return (b + within) / n_bins;
    }
    cumulative += count;
  }
  return 1.0;
}

}  // namespace simrun
