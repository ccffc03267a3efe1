#pragma once
// The simulator behind `simrun calibrate`: a parameter vector (values of the calibrated
// uncertain inputs) applied to the scenario through the --set machinery, R runs of the model
// from the attempt's own seed, and the distance of their indicators to the observed targets:
//   d = sqrt( sum_k ((s_k - y_k) / sigma_k)^2 ),
// s_k the indicator averaged over the R runs (R = 1 by default: the record is one realisation
// of history, and one run is one realisation of the model), y_k the observation, sigma_k its
// observation error. Accepting d <= eps is the ABC uniform kernel on that scaled distance.
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/calibrate/calibration_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

struct ResolvedTarget {
  Indicator indicator = Indicator::Formed;
  int dyad = 0;
  int event = 0;
  double observed = 0, error = 1;
};

class ModelSimulator {
 public:
  /// `base` must have priors on every input in `spec.parameters` (or any, when that is empty).
  /// @throws InputError (the calibration file, the target's line) for unknown dyads, events or
  /// parameters.
  ModelSimulator(const Scenario& base, const CalibrationSpec& spec);

  /// Indices into base.uncertain of the calibrated inputs, in order.
  const std::vector<std::size_t>& inputs() const { return inputs_; }
  const Scenario& base() const { return base_; }

  /// The indicators of R runs from `model_seed` at parameters theta, averaged over the runs.
  std::vector<double> summaries(const Eigen::VectorXd& theta, std::uint32_t model_seed) const;
  /// The scaled distance of summaries to the observations.
  double distance(const std::vector<double>& summaries) const;
  /// The scenario at parameters theta (the other uncertain inputs at their point values).
  Scenario scenario_at(const Eigen::VectorXd& theta) const;

 private:
  const Scenario& base_;
  std::vector<std::size_t> inputs_;
  std::vector<double> point_values_;  ///< every uncertain input's point value
  std::vector<ResolvedTarget> targets_;
  int runs_ = 1;
};

}  // namespace simrun
