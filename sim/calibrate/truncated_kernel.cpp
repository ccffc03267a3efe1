#include "sim/calibrate/truncated_kernel.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace simrun {
namespace {

double lower_tail(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }  // Φ(x)
double upper_tail(double x) { return 0.5 * std::erfc(x / std::sqrt(2.0)); }   // 1 − Φ(x)

}  // namespace

double log_normal_mass(double alpha, double beta) {
  if (beta <= 0) return std::log(lower_tail(beta) - lower_tail(alpha));
  if (alpha >= 0) return std::log(upper_tail(alpha) - upper_tail(beta));
  return std::log1p(-lower_tail(alpha) - upper_tail(beta));
}

double truncated_normal_quantile(double alpha, double beta, double u, double one_minus_u) {
  const double mass = std::exp(log_normal_mass(alpha, beta));
  // The answer's lower-tail probability, or its upper-tail one when that is the smaller: each is
  // a sum of non-negative terms, so neither cancels.
  const double below = lower_tail(alpha) + u * mass;
  const double z = below <= 0.5 ? -std::sqrt(2.0) * boost::math::erfc_inv(2 * below)
                                : std::sqrt(2.0) * boost::math::erfc_inv(2 * (upper_tail(beta) + one_minus_u * mass));
  return std::clamp(z, alpha, beta);
}

TruncatedKernel::TruncatedKernel(const std::vector<SupportBounds>& bounds, const WeightedParticles& previous)
    : bounds_(bounds), previous_(previous) {
  const Eigen::Index n = previous.theta.rows(), dim = previous.theta.cols();
  const Eigen::MatrixXd cov = weighted_covariance(previous);
  sigma_.resize(dim);
  log_mass_sum_ = Eigen::VectorXd::Zero(n);
  for (Eigen::Index k = 0; k < dim; ++k) {
    const double scale = std::max(1.0, previous.theta.col(k).cwiseAbs().maxCoeff());
    sigma_(k) = std::sqrt(std::max(2.0 * cov(k, k), 1e-12 * scale * scale));  // PerturbationKernel's floor
    const SupportBounds& b = bounds_[static_cast<std::size_t>(k)];
    if (b.lower == b.upper) continue;  // a point: every proposal takes it, Z = 1
    for (Eigen::Index j = 0; j < n; ++j)
      log_mass_sum_(j) += log_normal_mass((b.lower - previous.theta(j, k)) / sigma_(k), (b.upper - previous.theta(j, k)) / sigma_(k));
  }
  scaled_ = sigma_.cwiseInverse().asDiagonal() * previous.theta.transpose();
}

Eigen::VectorXd TruncatedKernel::perturb(int ancestor, const Eigen::VectorXd& normal) const {
  Eigen::VectorXd theta(normal.size());
  for (Eigen::Index k = 0; k < normal.size(); ++k) {
    const SupportBounds& b = bounds_[static_cast<std::size_t>(k)];
    const double centre = previous_.theta(ancestor, k), s = sigma_(k);
    if (b.lower == b.upper) {
      theta(k) = b.lower;
      continue;
    }
    const double z = truncated_normal_quantile((b.lower - centre) / s, (b.upper - centre) / s, lower_tail(normal(k)), upper_tail(normal(k)));
    theta(k) = centre + s * z;
  }
  return theta;
}

double TruncatedKernel::log_weight(const Eigen::VectorXd& theta, double log_prior) const {
  const Eigen::VectorXd x = theta.cwiseQuotient(sigma_);
  std::vector<double> log_terms(static_cast<std::size_t>(scaled_.cols()));
  for (Eigen::Index j = 0; j < scaled_.cols(); ++j) {
    const double w = previous_.weight(j);
    log_terms[static_cast<std::size_t>(j)] = w > 0 ? std::log(w) - 0.5 * (scaled_.col(j) - x).squaredNorm() - log_mass_sum_(j)
                                                   : -std::numeric_limits<double>::infinity();
  }
  return log_prior - log_sum_exp(log_terms);
}

}  // namespace simrun
