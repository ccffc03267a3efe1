#pragma once
// The posterior file of `simrun calibrate` (filetype "simrun-posterior"): every completed
// generation of the ABC-SMC sampler (particles, weights, distances, tolerance, acceptance
// rate, ESS, wall time), the parameters and targets with their sources, the settings, and the
// calibration file and scenario verbatim. Rewritten whole (temporary file + rename) after each
// generation, so an interruption leaves the last complete generation on disk and a rerun can
// resume from it. docs/output-format.md describes the layout.
#include "sim/output/safe_file.hpp"
#include <cstdint>
#include <string>
#include <vector>

namespace simrun {

struct PosteriorGenerationRecord {
  double tolerance = 0;          ///< +inf for generation 0 (prior sample)
  std::vector<double> theta;     ///< particles x parameters, row-major
  std::vector<double> weight;    ///< normalised
  std::vector<double> distance;
  std::int64_t attempts = 0, simulations = 0;
  std::int64_t outside = 0;      ///< proposals outside the support (format 1.1; 0 when read from 1.0)
  double acceptance_rate = 0, ess = 0, wall_seconds = 0;
};

struct PosteriorRecord {
  // identity and settings
  std::string calibration_file, calibration_hash, scenario_path, command_line, stop_reason;
  std::string calibration_text, scenario_text;
  std::int64_t seed = 0, particles = 0, max_generations = 0, runs_per_particle = 1, threads = 0, ranks = 1;
  double alpha = 0, min_acceptance = 0, target_tolerance = 0;
  std::string kernel;  ///< perturbation kernel (format 1.1; "gaussian" when read from 1.0)
  // parameters (the scenario's uncertain inputs, in order) and targets
  std::vector<std::string> parameter, parameter_units, parameter_prior, parameter_source;
  std::vector<std::string> target, target_source;
  std::vector<double> target_observed, target_error;
  std::vector<PosteriorGenerationRecord> generations;
};


/// Writes `r` to `path` (temporary file moved into place on success; see safe_file.hpp for when an
/// existing file is replaced). @throws h5::OutputError.
void write_posterior_file(const OutputTarget& path, const PosteriorRecord& r);

/// Reads a posterior file back. @throws InputError (file = path) if it is not a readable
/// simrun posterior file of a known format version.
PosteriorRecord read_posterior_file(const std::string& path);

}  // namespace simrun
