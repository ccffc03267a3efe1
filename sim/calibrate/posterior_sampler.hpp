#pragma once
// Parameter vectors drawn from a calibrated posterior: weighted resampling of the final
// generation's particles, draw d picked by the uniform addressed by (seed, d), so draw d is the
// same vector on any thread, rank or shard, and two variants run with the same seed share it.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace simrun {

class PosteriorSampler {
 public:
  /// `theta` N x dim particles, `weight` their (not necessarily normalised) weights.
  PosteriorSampler(Eigen::MatrixXd theta, const Eigen::VectorXd& weight);

  /// The particle index of draw `draw`.
  int particle(std::uint32_t seed, std::uint64_t draw) const;
  /// The parameter vector of draw `draw`.
  Eigen::VectorXd draw(std::uint32_t seed, std::uint64_t draw) const { return theta_.row(particle(seed, draw)).transpose(); }
  Eigen::Index dim() const { return theta_.cols(); }

 private:
  Eigen::MatrixXd theta_;
  std::vector<double> cumulative_;
};

}  // namespace simrun
