#pragma once
// A sampler generation as the posterior file stores it, and back (row-major particles).
#include "sim/calibrate/abc_smc.hpp"
#include "sim/output/posterior_file.hpp"

namespace simrun {

PosteriorGenerationRecord to_record(const AbcGeneration& g);
/// `dim` parameters per particle; `index` the generation number.
AbcGeneration from_record(const PosteriorGenerationRecord& r, int index, int dim);

}  // namespace simrun
