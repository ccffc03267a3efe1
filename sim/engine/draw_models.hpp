#pragma once
// The models of a predictive ensemble: D parameter draws from a scenario's priors, each applied
// to the scenario (sim/scenario/draws.hpp) and made a ModelContext. Run r belongs to draw
// r / runs_per_draw, so `of_run` is a RunContext for run_ensemble.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/model/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

class DrawModels {
 public:
  /// @throws std::invalid_argument unless draws >= 1 and runs_per_draw >= 1.
  DrawModels(const Scenario& base, std::uint32_t seed, std::uint64_t draws, std::uint64_t runs_per_draw);
  /// Models for given parameter vectors, [draw][input] in base.uncertain order (e.g. draws from
  /// a calibrated posterior, sim/calibrate/posterior_draws.hpp); draws = parameters / inputs.
  /// @throws std::invalid_argument as above or if the length is not a multiple of the inputs.
  DrawModels(const Scenario& base, std::vector<double> parameters, std::uint64_t runs_per_draw);
  DrawModels(const DrawModels&) = delete;
  DrawModels& operator=(const DrawModels&) = delete;

  std::uint64_t draws() const { return draws_; }
  std::uint64_t runs_per_draw() const { return runs_per_draw_; }
  const ModelContext& of_run(std::uint64_t run) const { return *contexts_[static_cast<std::size_t>(run / runs_per_draw_)]; }
  /// [draw][input]: each draw's value of every uncertain input of the base scenario.
  const std::vector<double>& parameters() const { return parameters_; }

 private:
  void build(const Scenario& base);
  std::uint64_t draws_, runs_per_draw_;
  std::vector<double> parameters_;
  std::vector<std::unique_ptr<Scenario>> scenarios_;     // owned here: contexts refer to them
  std::vector<std::unique_ptr<ModelContext>> contexts_;
};

}  // namespace simrun
