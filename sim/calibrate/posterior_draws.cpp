#include "sim/calibrate/posterior_draws.hpp"

#include <memory>

#include "sim/calibrate/generation_record.hpp"
#include "sim/calibrate/posterior_sampler.hpp"
#include "sim/scenario/draws.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/output/fnv1a.hpp"

namespace simrun {

PosteriorSource load_posterior_for(const std::string& path, const Scenario& scenario) {
  PosteriorSource p;
  p.path = path;
  p.record = read_posterior_file(path);
  p.checksum = fnv1a_file_hex(path);
  check_posterior_inputs(p, scenario);
  return p;
}

void check_posterior_inputs(const PosteriorSource& posterior, const Scenario& scenario) {
  for (const std::string& name : posterior.record.parameter) {
    bool found = false;
    for (const UncertainInput& u : scenario.uncertain) found = found || u.path == name;
    if (!found)
      throw InputError(posterior.path, 0, name,
                       "the posterior calibrated '" + name + "', which has no prior in scenario '" + scenario.path +
                           "' (run without --fixed, and give it a prior or use the calibrated scenario)");
  }
}

ParticlePicker posterior_picker(const SweepPosterior& posterior) {
  PosteriorGenerationRecord last;
  last.theta = posterior.theta;
  last.weight = posterior.weight;
  last.distance.assign(posterior.weight.size(), 0.0);
  const AbcGeneration g = from_record(last, 0, static_cast<int>(posterior.inputs.size()));
  auto sampler = std::make_shared<const PosteriorSampler>(g.theta, g.weight);
  return [sampler](std::uint32_t seed, std::uint64_t draw) { return sampler->particle(seed, draw); };
}

std::vector<double> posterior_parameters(const Scenario& scenario, const PosteriorSource& posterior, std::uint32_t seed,
                                         std::uint64_t draws) {
  const PosteriorRecord& r = posterior.record;
  const AbcGeneration last = from_record(r.generations.back(), static_cast<int>(r.generations.size()) - 1,
                                         static_cast<int>(r.parameter.size()));
  const PosteriorSampler sampler(last.theta, last.weight);
  // column of each scenario input in the posterior (-1: drawn from its prior)
  std::vector<int> column(scenario.uncertain.size(), -1);
  for (std::size_t k = 0; k < scenario.uncertain.size(); ++k)
    for (std::size_t c = 0; c < r.parameter.size(); ++c)
      if (r.parameter[c] == scenario.uncertain[k].path) column[k] = static_cast<int>(c);
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(draws) * scenario.uncertain.size());
  for (std::uint64_t d = 0; d < draws; ++d) {
    std::vector<double> values = draw_parameters(scenario, seed, d);
    const int particle = sampler.particle(seed, d);
    for (std::size_t k = 0; k < values.size(); ++k)
      if (column[k] >= 0) values[k] = last.theta(particle, column[k]);
    out.insert(out.end(), values.begin(), values.end());
  }
  return out;
}

}  // namespace simrun
