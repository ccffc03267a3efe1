#pragma once
// Checks shared by the perturbation-kernel tests: one-dimensional particle sets and the density
// of a kernel's proposals obtained numerically from its perturb() alone (no formula of the
// kernel's own), against which its importance weight is compared.
#include <cmath>
#include <vector>

#include "sim/calibrate/kernel.hpp"

namespace simrun::kernel_check {

inline WeightedParticles particles_1d(const std::vector<double>& x, const std::vector<double>& w) {
  WeightedParticles p{Eigen::MatrixXd(static_cast<Eigen::Index>(x.size()), 1), Eigen::VectorXd(static_cast<Eigen::Index>(w.size()))};
  for (std::size_t i = 0; i < x.size(); ++i) p.theta(static_cast<Eigen::Index>(i), 0) = x[i], p.weight(static_cast<Eigen::Index>(i)) = w[i];
  return p;
}

/// P(θ* <= x) (upper = false) or P(θ* > x) (upper = true) for a 1-D kernel whose proposal
/// perturb(j, n) increases with the normal n: for each ancestor the n at which it crosses x is
/// found by bisection, and P = Σ_j w_j Φ(n_j) (or Φ(−n_j), which keeps its precision in the
/// upper tail).
inline double proposal_cdf(const ProposalKernel& k, const WeightedParticles& p, double x, bool upper = false) {
  double cdf = 0;
  for (Eigen::Index j = 0; j < p.weight.size(); ++j) {
    double lo = -40, hi = 40;
    for (int it = 0; it < 200; ++it) {
      const double mid = 0.5 * (lo + hi);
      (k.perturb(static_cast<int>(j), Eigen::VectorXd::Constant(1, mid))(0) <= x ? lo : hi) = mid;
    }
    cdf += p.weight(j) * 0.5 * std::erfc((upper ? 0.5 : -0.5) * (lo + hi) / std::sqrt(2.0));
  }
  return cdf;
}

/// The proposal density at x by a central difference of proposal_cdf (step h), from the tail
/// with less than half the mass.
inline double proposal_density(const ProposalKernel& k, const WeightedParticles& p, double x, double h) {
  const bool upper = proposal_cdf(k, p, x) > 0.5;
  const double d = (proposal_cdf(k, p, x + h, upper) - proposal_cdf(k, p, x - h, upper)) / (2 * h);
  return upper ? -d : d;
}

}  // namespace simrun::kernel_check
