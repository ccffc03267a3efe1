#pragma once
// The perturbation kernel of ABC-PMC (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive
// approximate Bayesian computation", Biometrika 96(4):983-990): a multivariate normal centred on
// a particle of the previous generation with covariance twice the previous generation's weighted
// particle covariance, and the importance weights it implies; and what every kernel offers the
// sampler (ProposalKernel; the others: truncated_kernel.hpp, support_kernel.hpp).
#include <Eigen/Dense>
#include <vector>

namespace simrun {

/// Particles of one generation: row i is particle i (N x dim), weights sum to 1.
struct WeightedParticles {
  Eigen::MatrixXd theta;
  Eigen::VectorXd weight;
};

/// What run_abc_smc needs of a perturbation kernel built on generation t−1.
class ProposalKernel {
 public:
  virtual ~ProposalKernel() = default;
  /// A proposal from particle `ancestor`, given one addressed standard normal per parameter.
  virtual Eigen::VectorXd perturb(int ancestor, const Eigen::VectorXd& normal) const = 0;
  /// log prior(θ) − log q(θ), q the density of the kernel's proposals (the mixture over the
  /// ancestors), up to a constant that is the same for every θ of the generation.
  virtual double log_weight(const Eigen::VectorXd& theta, double log_prior) const = 0;
};

/// Weighted mean and covariance (normalised weights; the biased "frequency" form, as the
/// kernel scale is a tuning choice, not an estimate).
Eigen::MatrixXd weighted_covariance(const WeightedParticles& p);

class PerturbationKernel final : public ProposalKernel {
 public:
  /// Covariance 2 Cov_w(previous). A dimension with no spread (all particles equal) gets a
  /// tiny variance (1e-12 of its scale) so the Cholesky factor exists.
  explicit PerturbationKernel(const WeightedParticles& previous);

  /// previous particle `ancestor` + L z, with z standard normal (length dim).
  Eigen::VectorXd perturb(int ancestor, const Eigen::VectorXd& z) const override;

  /// The Beaumont et al. (2009) weight before normalisation:
  /// prior(theta) / sum_j w_j K(theta | theta_j), in logs; the kernel's normalising constant
  /// is dropped (it is the same for every particle and cancels on normalisation).
  double log_weight(const Eigen::VectorXd& theta, double log_prior) const override;

  const Eigen::MatrixXd& cholesky() const { return chol_; }

 private:
  const WeightedParticles& previous_;
  Eigen::MatrixXd chol_;      ///< lower triangular L, L L^T = 2 Cov_w
  Eigen::MatrixXd whitened_;  ///< dim x N: L^-1 theta_j, so K(theta | theta_j) needs no solve per j
};

/// log Σ_i exp(x_i), computed with the largest term shifted out (non-empty x).
double log_sum_exp(const std::vector<double>& x);

/// Kish's effective sample size (sum w)^2 / sum w^2.
double effective_sample_size(const Eigen::VectorXd& weight);

/// Index i with cumulative weight W_{i-1} < u * W_N <= W_i (inverse-CDF resampling).
int pick_weighted(const std::vector<double>& cumulative, double u);

/// Running sums of the weights (for pick_weighted).
std::vector<double> cumulative_weights(const Eigen::VectorXd& weight);

}  // namespace simrun
