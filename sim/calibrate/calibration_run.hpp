#pragma once
// Glue between the sampler and its inputs and outputs: the priors of the calibrated inputs as
// sampler marginals, the identity hash of a calibration (for resuming), and conversions
// (sampler generations <-> file records: generation_record.hpp).
#include <string>
#include <vector>

#include "sim/calibrate/abc_smc.hpp"
#include "sim/calibrate/calibration_spec.hpp"
#include "sim/calibrate/model_simulator.hpp"
#include "sim/calibrate/generation_record.hpp"

namespace simrun {

/// The priors of the simulator's calibrated inputs, in order.
std::vector<PriorMarginal> calibrated_priors(const ModelSimulator& sim);

/// FNV-1a of everything that decides the result: the calibration file, the resolved scenario,
/// the settings and the code version. A rerun resumes only a file with the same hash.
std::string calibration_hash(const CalibrationSpec& spec, const Scenario& scenario);

/// The posterior record's fixed part (everything but the generations).
PosteriorRecord posterior_header(const CalibrationSpec& spec, const ModelSimulator& sim);

}  // namespace simrun
