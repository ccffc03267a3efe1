#include "sim/calibrate/generation_record.hpp"

namespace simrun {

PosteriorGenerationRecord to_record(const AbcGeneration& g) {
  PosteriorGenerationRecord r;
  r.tolerance = g.tolerance;
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = g.theta;
  r.theta.assign(rows.data(), rows.data() + rows.size());
  r.weight.assign(g.weight.data(), g.weight.data() + g.weight.size());
  r.distance.assign(g.distance.data(), g.distance.data() + g.distance.size());
  r.attempts = static_cast<std::int64_t>(g.attempts), r.simulations = static_cast<std::int64_t>(g.simulations);
  r.outside = static_cast<std::int64_t>(g.outside);
  r.acceptance_rate = g.acceptance_rate, r.ess = g.ess, r.wall_seconds = g.wall_seconds;
  return r;
}

AbcGeneration from_record(const PosteriorGenerationRecord& r, int index, int dim) {
  AbcGeneration g;
  g.index = index;
  g.tolerance = r.tolerance;
  const auto n = static_cast<Eigen::Index>(r.weight.size());
  g.theta = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(r.theta.data(), n, dim);
  g.weight = Eigen::Map<const Eigen::VectorXd>(r.weight.data(), n);
  g.distance = Eigen::Map<const Eigen::VectorXd>(r.distance.data(), n);
  g.attempts = static_cast<std::uint64_t>(r.attempts), g.simulations = static_cast<std::uint64_t>(r.simulations);
  g.outside = static_cast<std::uint64_t>(r.outside);
  g.acceptance_rate = r.acceptance_rate, g.ess = r.ess, g.wall_seconds = r.wall_seconds;
  return g;
}

}  // namespace simrun
