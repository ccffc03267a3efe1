#include "sim/engine/sobol.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/design_rng.hpp"

namespace simrun {
namespace {

constexpr std::uint32_t kBootstrapPurpose = 101;

struct Estimate {
  double variance = 0;
  std::vector<double> first, total;
};

/// The estimators over the rows `rows` (a bootstrap resample, or 0..n-1).
Estimate estimate(const std::vector<double>& f, std::size_t n, std::size_t d, const std::vector<std::size_t>& rows) {
  const double* fa = &f[0];
  const double* fb = &f[n];
  const auto m = static_cast<double>(rows.size());
  double mean = 0;
  for (std::size_t j : rows) mean += fa[j] + fb[j];
  mean /= 2 * m;
  double var = 0;
  for (std::size_t j : rows) var += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
  var /= 2 * m;
  Estimate e;
  e.variance = var;
  e.first.assign(d, 0.0);
  e.total.assign(d, 0.0);
  for (std::size_t i = 0; i < d; ++i) {
    const double* fab = &f[(2 + i) * n];
    double s = 0, t = 0;
    for (std::size_t j : rows) {
      s += fb[j] * (fab[j] - fa[j]);
      t += (fa[j] - fab[j]) * (fa[j] - fab[j]);
    }
    // A constant output has no variance to apportion: the indices are 0.
    e.first[i] = var > 0 ? s / m / var : 0.0;
    e.total[i] = var > 0 ? t / (2 * m) / var : 0.0;
  }
  return e;
}

double percentile(std::vector<double>& v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

double std_dev(const std::vector<double>& v) {
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / static_cast<double>(v.size() > 1 ? v.size() - 1 : 1));
}

}  // namespace

SobolIndices sobol_indices(const std::vector<double>& f, std::size_t n, std::size_t d, std::size_t resamples,
                           std::uint32_t seed) {
  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  const Estimate point = estimate(f, n, d, rows);
  SobolIndices out;
  out.variance = point.variance;
  out.first = point.first;
  out.total = point.total;
  out.first_lower = out.first_upper = out.first;
  out.total_lower = out.total_upper = out.total;
  out.first_se.assign(d, 0.0);
  out.total_se.assign(d, 0.0);
  if (resamples == 0 || n < 2) return out;
  std::vector<std::vector<double>> boot_first(d), boot_total(d);
  for (std::size_t b = 0; b < resamples; ++b) {
    for (std::size_t j = 0; j < n; ++j)
      rows[j] = std::min(n - 1, static_cast<std::size_t>(design_uniform(seed, kBootstrapPurpose, b, j) * static_cast<double>(n)));
    const Estimate e = estimate(f, n, d, rows);
    for (std::size_t i = 0; i < d; ++i) {
      boot_first[i].push_back(e.first[i]);
      boot_total[i].push_back(e.total[i]);
    }
  }
  for (std::size_t i = 0; i < d; ++i) {
    out.first_se[i] = std_dev(boot_first[i]);
    out.total_se[i] = std_dev(boot_total[i]);
    out.first_lower[i] = percentile(boot_first[i], 0.025);
    out.first_upper[i] = percentile(boot_first[i], 0.975);
    out.total_lower[i] = percentile(boot_total[i], 0.025);
    out.total_upper[i] = percentile(boot_total[i], 0.975);
  }
  return out;
}

}  // namespace simrun
