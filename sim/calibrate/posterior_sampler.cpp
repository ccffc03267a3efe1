#include "sim/calibrate/posterior_sampler.hpp"

#include <stdexcept>

#include "sim/calibrate/abc_rng.hpp"
#include "sim/calibrate/kernel.hpp"

namespace simrun {

PosteriorSampler::PosteriorSampler(Eigen::MatrixXd theta, const Eigen::VectorXd& weight)
    : theta_(std::move(theta)), cumulative_(cumulative_weights(weight)) {
  if (theta_.rows() == 0 || theta_.rows() != weight.size() || !(cumulative_.back() > 0))
    throw std::invalid_argument("PosteriorSampler: particles and weights do not match or the weights are all zero");
}

int PosteriorSampler::particle(std::uint32_t seed, std::uint64_t draw) const {
  return pick_weighted(cumulative_, AbcRng(seed).posterior_uniform(draw));
}

}  // namespace simrun
