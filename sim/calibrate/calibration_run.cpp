#include "sim/calibrate/calibration_run.hpp"

#include <cstdio>

#include "sim/scenario/resolved.hpp"
#include "sim/sweep/plan.hpp"
#include "simrun/version.hpp"

namespace simrun {

std::vector<PriorMarginal> calibrated_priors(const ModelSimulator& sim) {
  std::vector<PriorMarginal> out;
  for (std::size_t k : sim.inputs()) {
    const UncertainInput& in = sim.base().uncertain[k];
    const Prior prior = in.prior;
    out.push_back({in.path, [prior](double u) { return prior.quantile(u); },
                   [prior](double x) { return prior.log_density(x); }, prior.lower(), prior.upper()});
  }
  return out;
}

std::string calibration_hash(const CalibrationSpec& spec, const Scenario& scenario) {
  const AbcSettings& s = spec.settings;
  char settings[256];
  std::snprintf(settings, sizeof settings, "%u|%d|%.17g|%d|%.17g|%.17g|%llu|%llu|%d|%s", s.seed, s.particles, s.alpha,
                s.max_generations, s.min_acceptance, s.target_tolerance, static_cast<unsigned long long>(s.min_batch),
                static_cast<unsigned long long>(s.max_batch), spec.runs_per_particle, abc_kernel_name(s.kernel));
  return fnv1a_hex(spec.text + "\n--\n" + resolved_yaml(scenario) + "\n--\n" + settings + "\n--\n" + kGitCommit);
}

PosteriorRecord posterior_header(const CalibrationSpec& spec, const ModelSimulator& sim) {
  PosteriorRecord r;
  r.calibration_file = spec.path;
  r.calibration_hash = calibration_hash(spec, sim.base());
  r.scenario_path = spec.scenario;
  r.calibration_text = spec.text;
  r.scenario_text = sim.base().yaml_text;
  const AbcSettings& s = spec.settings;
  r.seed = s.seed, r.particles = s.particles, r.max_generations = s.max_generations;
  r.runs_per_particle = spec.runs_per_particle;
  r.alpha = s.alpha, r.min_acceptance = s.min_acceptance, r.target_tolerance = s.target_tolerance;
  r.kernel = abc_kernel_name(s.kernel);
  for (std::size_t k : sim.inputs()) {
    const UncertainInput& in = sim.base().uncertain[k];
    r.parameter.push_back(in.path);
    r.parameter_units.push_back(in.units);
    r.parameter_prior.push_back(in.prior.describe());
    r.parameter_source.push_back(in.source);
  }
  for (const TargetSpec& t : spec.targets) {
    r.target.push_back(t.name);
    r.target_observed.push_back(t.observed);
    r.target_error.push_back(t.error);
    r.target_source.push_back(t.source);
  }
  return r;
}

}  // namespace simrun
