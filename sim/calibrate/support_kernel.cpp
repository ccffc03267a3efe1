#include "sim/calibrate/support_kernel.hpp"

#include <utility>

namespace simrun {

SupportKernel::SupportKernel(SupportTransform transform, const WeightedParticles& previous)
    : transform_(std::move(transform)),
      unconstrained_{transform_.forward_rows(previous.theta), previous.weight},
      kernel_(unconstrained_) {}

Eigen::VectorXd SupportKernel::perturb(int ancestor, const Eigen::VectorXd& z) const {
  return transform_.inverse(kernel_.perturb(ancestor, z));
}

double SupportKernel::log_weight(const Eigen::VectorXd& theta, double log_prior) const {
  return kernel_.log_weight(transform_.forward(theta), log_prior - transform_.log_jacobian(theta));
}

}  // namespace simrun
