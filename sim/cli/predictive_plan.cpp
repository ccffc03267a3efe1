#include "sim/cli/predictive_plan.hpp"

#include "sim/cli/predictive_options.hpp"
#include "sim/scenario/input_error.hpp"

namespace simrun {

PredictivePlan predictive_plan(bool predictive, std::uint64_t runs, bool runs_given, std::uint64_t draws, const char* what) {
  if (!predictive) return {runs, 0, 0};
  const std::uint64_t per_draw = runs_given ? runs : kDefaultRunsPerDraw;
  if (per_draw < 2)
    throw InputError("command line", 0, "--runs", std::string(what) + " needs at least 2 runs per draw (or use --fixed)");
  if (draws * per_draw > 100000000)
    throw InputError("command line", 0, "--draws", "draws x runs per draw must be at most 100000000, got " +
                                                        std::to_string(draws) + " x " + std::to_string(per_draw));
  return {draws * per_draw, draws, per_draw};
}

std::unique_ptr<PosteriorSource> load_posterior_option(const std::string& path, const PredictivePlan& plan,
                                                       const std::vector<const Scenario*>& scenarios) {
  if (path.empty()) return nullptr;
  if (plan.draws == 0)
    throw InputError("command line", 0, "--posterior",
                     "a posterior replaces the priors of a predictive run: the scenario has no priors or --fixed was given");
  auto posterior = std::make_unique<PosteriorSource>(load_posterior_for(path, *scenarios.front()));
  for (std::size_t k = 1; k < scenarios.size(); ++k) check_posterior_inputs(*posterior, *scenarios[k]);
  return posterior;
}

std::unique_ptr<DrawModels> make_draw_models(const Scenario& scenario, const PosteriorSource* posterior, std::uint32_t seed,
                                             const PredictivePlan& plan) {
  if (posterior)
    return std::make_unique<DrawModels>(scenario, posterior_parameters(scenario, *posterior, seed, plan.draws), plan.runs_per_draw);
  return std::make_unique<DrawModels>(scenario, seed, plan.draws, plan.runs_per_draw);
}

std::string posterior_drawn_from(const PosteriorSource& posterior) {
  return "the posterior " + posterior.path + " (calibrated ones) and their priors (the others)";
}

std::string posterior_announcement(const PosteriorSource& posterior) {
  return "Calibrated inputs (" + std::to_string(posterior.record.parameter.size()) + ") drawn from the posterior " +
         posterior.path + " (checksum " + posterior.checksum + ", " + posterior.record.calibration_file +
         "); the others from their priors.\n";
}

}  // namespace simrun
