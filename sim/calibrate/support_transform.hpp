#pragma once
// The change of variables that maps each prior's support (a, b) onto the whole real line, so the
// ABC-SMC kernel (support_kernel.hpp) can perturb particles without leaving the support. Per
// parameter, with u = T(θ):
//   a, b finite (a < b):  u = logit((θ − a)/(b − a)) = log(θ − a) − log(b − θ),
//                         θ = a + (b − a) σ(u),            T'(θ) = (b − a) / ((θ − a)(b − θ));
//   only a finite:        u = log(θ − a),                   θ = a + e^u,   T'(θ) = 1 / (θ − a);
//   only b finite:        u = −log(b − θ),                  θ = b − e^−u,  T'(θ) = 1 / (b − θ);
//   neither:              u = θ (identity),                 T'(θ) = 1;
//   a = b (a point mass): u = 0, θ = a,                     T'(θ) taken as 1 (a constant; the
//                         parameter never moves, so it cancels from every weight).
// These are the transforms of Stan's constrained parameters (Stan Reference Manual, "Constraint
// transforms": lower- and upper-bounded scalars by the scaled logit, half-bounded ones by a log;
// Stan's upper-bound transform is log(b − θ), negated here so that every T is increasing). T is a
// strictly increasing bijection from the open interval (a, b) onto R, so every T^-1(u) lies in
// (a, b) in exact arithmetic. In floating point T^-1(u) can round onto a bound for |u| beyond about
// 37 (σ(u) within 2^-53 of 0 or 1) or, for a ≠ 0, beyond log(ulp(a)/(b − a)); such a θ is not
// `interior` and the sampler rejects it as outside the support (see support_kernel.hpp for why
// rejection, not clamping, keeps the weights exact).
#include <Eigen/Dense>
#include <vector>

namespace simrun {

/// One parameter's support [lower, upper] (infinite bounds allowed; lower == upper: a point).
struct SupportBounds {
  double lower;
  double upper;
};

class SupportTransform {
 public:
  explicit SupportTransform(std::vector<SupportBounds> bounds) : bounds_(std::move(bounds)) {}

  /// Scalar pieces for parameter k (exposed for tests).
  double forward(std::size_t k, double theta) const;           ///< u = T_k(θ)
  double inverse(std::size_t k, double u) const;               ///< θ = T_k^-1(u)
  double log_derivative(std::size_t k, double theta) const;    ///< log T_k'(θ) (T_k is increasing)
  /// θ strictly inside (a, b) for finite bounds (equal to a for a point mass): T_k(θ) is finite.
  bool interior(std::size_t k, double theta) const;

  Eigen::VectorXd forward(const Eigen::VectorXd& theta) const;
  Eigen::VectorXd inverse(const Eigen::VectorXd& u) const;
  /// Row i of the result is T(row i of theta).
  Eigen::MatrixXd forward_rows(const Eigen::MatrixXd& theta) const;
  /// log |det dT/dθ| = Σ_k log T_k'(θ_k) (the Jacobian is diagonal).
  double log_jacobian(const Eigen::VectorXd& theta) const;
  bool interior(const Eigen::VectorXd& theta) const;

  std::size_t size() const { return bounds_.size(); }

 private:
  std::vector<SupportBounds> bounds_;
};

}  // namespace simrun
