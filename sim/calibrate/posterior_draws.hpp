#pragma once
// `--posterior FILE.h5`: predictive runs whose parameter vectors come from a calibrated posterior
// instead of the priors. Draw d takes the particle picked by weighted resampling addressed by
// (seed, d) (PosteriorSampler) for the inputs the posterior calibrated, and the prior draw
// (seed, d, path) for any other uncertain input of the scenario. The output records the
// posterior's path and checksum.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/posterior_file.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/sweep_posterior.hpp"

namespace simrun {

struct PosteriorSource {
  std::string path;
  std::string checksum;  ///< FNV-1a 64 of the file's bytes (16 hex digits)
  PosteriorRecord record;
};

/// Reads a posterior for use with `scenario`. @throws InputError (the posterior file) if it is
/// not a posterior file, or if one of its parameters is not an uncertain input of the scenario.
PosteriorSource load_posterior_for(const std::string& path, const Scenario& scenario);

/// The check load_posterior_for makes, for one more scenario (e.g. the other side of a compare).
/// @throws InputError (the posterior file) if one of its parameters has no prior in `scenario`.
void check_posterior_inputs(const PosteriorSource& posterior, const Scenario& scenario);

/// The particle picker of a sweep's posterior (simrun sweep --posterior): draw d takes the
/// particle posterior_parameters gives draw d of a run with the same seed.
ParticlePicker posterior_picker(const SweepPosterior& posterior);

/// [draw][input] parameter vectors (scenario.uncertain order) of draws 0..draws-1.
std::vector<double> posterior_parameters(const Scenario& scenario, const PosteriorSource& posterior, std::uint32_t seed,
                                         std::uint64_t draws);

}  // namespace simrun
