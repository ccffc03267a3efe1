#pragma once
// Estimators reported with every Monte Carlo probability and distribution.
#include <cstdint>

namespace simrun {

struct Interval {
  double estimate = 0;
  double lo = 0;
  double hi = 0;
};

/// z for a two-sided 95% interval.
inline constexpr double kZ95 = 1.959963984540054;

/// Wilson score interval for k successes in n trials (n = 0 gives [0, 1] around 0).
Interval wilson(std::uint64_t k, std::uint64_t n, double z = kZ95);

/// Quantile q of values in [0, 1] summarised by `bins` equal-width bins holding `total` counts,
/// interpolating linearly inside the bin (resolution 1/bins).
double histogram_quantile(const std::uint32_t* bins, int n_bins, std::uint64_t total, double q);

}  // namespace simrun
