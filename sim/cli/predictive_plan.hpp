#pragma once
// What `simrun` and `simrun compare` share when a scenario has priors: how many draws of how many
// runs, the --posterior option's checks, the models of the draws (from the priors, or the
// calibrated inputs from a posterior) and the line that announces a posterior.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/calibrate/posterior_draws.hpp"
#include "sim/engine/draw_models.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

/// How many runs, and for a predictive run (priors, no --fixed) how many draws of how many runs.
struct PredictivePlan {
  std::uint64_t runs = 0;           ///< total
  std::uint64_t draws = 0;          ///< 0: inputs fixed at their point values
  std::uint64_t runs_per_draw = 0;
};

/// `predictive`: the scenario(s) have priors and --fixed was not given. `runs` is -n (runs per
/// draw if `runs_given`, else kDefaultRunsPerDraw), `draws` --draws; `what` names the run in
/// messages ("a predictive run"). @throws InputError ("command line") for too few or too many runs.
PredictivePlan predictive_plan(bool predictive, std::uint64_t runs, bool runs_given, std::uint64_t draws, const char* what);

/// --posterior FILE.h5 (empty: none): the posterior for `scenarios`, each of which must carry a
/// prior for every input it calibrated. @throws InputError ("command line", --posterior) if the
/// run is not predictive (no priors, or --fixed), or (the posterior file) if it is no posterior
/// or does not fit a scenario.
std::unique_ptr<PosteriorSource> load_posterior_option(const std::string& path, const PredictivePlan& plan,
                                                       const std::vector<const Scenario*>& scenarios);

/// The models of the plan's draws of `scenario`: the calibrated inputs from `posterior` (if not
/// null) and the others from their priors, draw d addressed by (seed, d) either way, so two
/// scenarios with the same seed share every draw.
std::unique_ptr<DrawModels> make_draw_models(const Scenario& scenario, const PosteriorSource* posterior, std::uint32_t seed,
                                             const PredictivePlan& plan);

/// "the posterior FILE (calibrated ones) and their priors (the others)": DrawsRecord::drawn_from.
std::string posterior_drawn_from(const PosteriorSource& posterior);

/// The line announcing where the calibrated inputs come from (path, checksum, calibration file).
std::string posterior_announcement(const PosteriorSource& posterior);

}  // namespace simrun
