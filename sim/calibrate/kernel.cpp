#include "sim/calibrate/kernel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace simrun {

Eigen::MatrixXd weighted_covariance(const WeightedParticles& p) {
  const double total = p.weight.sum();
  const Eigen::RowVectorXd mean = (p.weight.transpose() * p.theta) / total;
  const Eigen::MatrixXd centred = p.theta.rowwise() - mean;
  return (centred.transpose() * p.weight.asDiagonal() * centred) / total;
}

PerturbationKernel::PerturbationKernel(const WeightedParticles& previous) : previous_(previous) {
  Eigen::MatrixXd sigma = 2.0 * weighted_covariance(previous);
  const Eigen::Index dim = sigma.rows();
  for (Eigen::Index k = 0; k < dim; ++k) {
    const double scale = std::max(1.0, previous.theta.col(k).cwiseAbs().maxCoeff());
    sigma(k, k) = std::max(sigma(k, k), 1e-12 * scale * scale);
  }
  Eigen::LLT<Eigen::MatrixXd> llt(sigma);
  if (llt.info() != Eigen::Success) {
    // Collinear particles (e.g. one parameter a function of another): keep the variances only.
    llt.compute(Eigen::MatrixXd(sigma.diagonal().asDiagonal()));
  }
  chol_ = llt.matrixL();
  whitened_ = chol_.triangularView<Eigen::Lower>().solve(previous.theta.transpose());
}

Eigen::VectorXd PerturbationKernel::perturb(int ancestor, const Eigen::VectorXd& z) const {
  return previous_.theta.row(ancestor).transpose() + chol_ * z;
}

double PerturbationKernel::log_weight(const Eigen::VectorXd& theta, double log_prior) const {
  const Eigen::Index n = previous_.theta.rows();
  // log sum_j w_j exp(-q_j / 2), q_j the Mahalanobis distance; computed with the max shifted out.
  const Eigen::VectorXd y = chol_.triangularView<Eigen::Lower>().solve(theta);
  std::vector<double> log_terms(static_cast<std::size_t>(n));
  for (Eigen::Index j = 0; j < n; ++j) {
    const double w = previous_.weight(j);
    log_terms[static_cast<std::size_t>(j)] =
        w > 0 ? std::log(w) - 0.5 * (whitened_.col(j) - y).squaredNorm() : -std::numeric_limits<double>::infinity();
  }
  return log_prior - log_sum_exp(log_terms);
}

double log_sum_exp(const std::vector<double>& x) {
  const double top = *std::max_element(x.begin(), x.end());
  if (!std::isfinite(top)) return top;
  double sum = 0;
  for (double t : x) sum += std::exp(t - top);
  return top + std::log(sum);
}

double effective_sample_size(const Eigen::VectorXd& weight) {
  const double s = weight.sum();
  return s * s / weight.squaredNorm();
}

std::vector<double> cumulative_weights(const Eigen::VectorXd& weight) {
  std::vector<double> c(static_cast<std::size_t>(weight.size()));
  double run = 0;
  for (Eigen::Index i = 0; i < weight.size(); ++i) c[static_cast<std::size_t>(i)] = run += weight(i);
  return c;
}

int pick_weighted(const std::vector<double>& cumulative, double u) {
  const double target = u * cumulative.back();
  const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), target);
  return static_cast<int>(std::min<std::ptrdiff_t>(it - cumulative.begin(), static_cast<std::ptrdiff_t>(cumulative.size()) - 1));
}

}  // namespace simrun
