#pragma once
// A component-wise normal perturbation kernel truncated to the priors' support, for ABC-PMC
// (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate Bayesian computation",
// Biometrika 96(4):983-990; the component-wise normal kernel with variance 2 Var_w as in
// Filippi, Barnes, Cornebise & Stumpf 2013, "On optimality of kernels for approximate Bayesian
// computation using sequential Monte Carlo", Stat. Appl. Genet. Mol. Biol. 12(1):87-107).
//
// Parameter k of a proposal from particle θ_j is drawn from N(θ_jk, σ_k²) truncated to the
// support [a_k, b_k], σ_k² = 2 Var_w(θ_k) of generation t−1 (with PerturbationKernel's floor for
// a parameter that does not vary), independently over k. Its density is
//   K_j(θ) = Π_k φ((θ_k − θ_jk)/σ_k) / (σ_k Z_jk),   Z_jk = Φ((b_k − θ_jk)/σ_k) − Φ((a_k − θ_jk)/σ_k),
// inside the support (0 outside), so Beaumont et al.'s importance weight π(θ) / Σ_j w_j K_j(θ) is
//   log w(θ) = log π(θ) − log Σ_j w_j exp(−½ Σ_k ((θ_k − θ_jk)/σ_k)² − Σ_k log Z_jk) + c,
// c = Σ_k log(σ_k √(2π)) the same for every particle (it cancels on normalisation). Unlike
// rejecting proposals outside the support, the per-particle constants Z_jk enter the weight; a
// particle θ_j inside its support has α ≤ 0 ≤ β, so Z_jk ≥ Φ(β) − ½ and never underflows.
//
// Sampling: z = F^-1(U) with F the standard normal truncated to [α, β] = [(a − θ_jk)/σ_k,
// (b − θ_jk)/σ_k] and U = Φ(n) of the attempt's addressed standard normal n (abc_rng.hpp), taken
// from whichever tail of Φ keeps its precision. A value rounded onto a bound is not interior and
// is rejected like any proposal outside the support (support_kernel.hpp explains why that keeps
// the weights exact).
//
// Why the default, and not the kernel in logit coordinates (support_kernel.hpp)? That kernel's
// Gaussian mixture on the unconstrained scale reaches into tails where a bounded prior has little
// mass, so the weights π/q spread: per parameter E_q[(π/q)²] ≈ 1.40 there against 1.016 here (a
// uniform prior, the particles a sample of it, numerical integration), and over the baseline's 14
// priors the ESS falls about a hundredfold (measured in docs/uncertainty.md §4: 5-22 of 500 against
// 224-262). The price here: the component-wise kernel ignores the particles' correlations.
#include <Eigen/Dense>

#include "sim/calibrate/kernel.hpp"
#include "sim/calibrate/support_transform.hpp"

namespace simrun {

class TruncatedKernel final : public ProposalKernel {
 public:
  /// `previous`: generation t−1's particles (each inside `bounds`) and weights.
  TruncatedKernel(const std::vector<SupportBounds>& bounds, const WeightedParticles& previous);
  TruncatedKernel(const TruncatedKernel&) = delete;  // refers to `previous`
  TruncatedKernel& operator=(const TruncatedKernel&) = delete;

  /// θ_j perturbed parameter by parameter; `normal` holds one standard normal per parameter.
  Eigen::VectorXd perturb(int ancestor, const Eigen::VectorXd& normal) const override;

  /// log π(θ) − log q(θ) up to the constant c above, for θ inside the support.
  double log_weight(const Eigen::VectorXd& theta, double log_prior) const override;

  const Eigen::VectorXd& scale() const { return sigma_; }  ///< σ_k

 private:
  std::vector<SupportBounds> bounds_;
  const WeightedParticles& previous_;
  Eigen::VectorXd sigma_;
  Eigen::MatrixXd scaled_;        ///< dim x N: θ_jk / σ_k (a column per particle)
  Eigen::VectorXd log_mass_sum_;  ///< N: Σ_k log Z_jk
};

/// Standard normal truncated to [alpha, beta] at probability u (1 − u given as well, so that
/// either tail keeps its precision): the value z with P(Z <= z | alpha <= Z <= beta) = u.
double truncated_normal_quantile(double alpha, double beta, double u, double one_minus_u);

/// log(Φ(beta) − Φ(alpha)) for alpha <= beta, accurate in either tail.
double log_normal_mass(double alpha, double beta);

}  // namespace simrun
