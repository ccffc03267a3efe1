#pragma once
// First-order and total Sobol indices from a Saltelli design, with bootstrap confidence
// intervals. Estimators (Saltelli et al. 2010, Comput. Phys. Commun. 181:259, Table 2):
//   V    = variance of f over the 2N points of A and B
//   S_i  = (1/N) sum_j f(B)_j (f(A_B^i)_j - f(A)_j) / V                  (Saltelli 2010, b)
//   ST_i = (1/2N) sum_j (f(A)_j - f(A_B^i)_j)^2 / V                       (Jansen 1999, f)
// The 95% intervals are bootstrap percentile intervals over the N rows (resampled with
// replacement; the same resampled rows for every index), from a fixed seed.
#include <cstdint>
#include <vector>

namespace simrun {

struct SobolIndices {
  double variance = 0;              ///< V, the output variance over A and B
  std::vector<double> first, first_lower, first_upper;  ///< per parameter
  std::vector<double> total, total_lower, total_upper;
  std::vector<double> first_se, total_se;               ///< bootstrap standard errors
};

/// @param f outputs in the design's order: f(A) (n values), f(B) (n), then f(A_B^i) (n each),
///          so f.size() == n (d + 2).
/// @param resamples bootstrap resamples (0: no intervals; lower = upper = estimate).
SobolIndices sobol_indices(const std::vector<double>& f, std::size_t n, std::size_t d, std::size_t resamples,
                           std::uint32_t seed);

}  // namespace simrun
