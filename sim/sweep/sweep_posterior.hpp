#pragma once
// `simrun sweep --posterior FILE.h5` (docs/sensitivity.md, "Sweeps on the posterior"): at every
// point the swept inputs take their design values and each calibrated input the sweep neither
// varies nor fixes (set:, --set) takes, in run r, its value in the posterior particle of draw r (weighted resampling
// addressed by (seed, r): the particle `simrun --posterior` takes in draw r), so a point's result
// is the same for any thread count, rank or shard. A swept range may be `range: posterior`: the
// central 95% of the input's weighted posterior marginal.
//
// The sweep layer reads the posterior file (sim/output/posterior_file.hpp) and knows it by its
// path and checksum (they enter the sweep and design hashes and the shard header, so shards run
// with different posteriors never merge); picking particles is sim/calibrate's (PosteriorSampler),
// which the command hands in as a ParticlePicker.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace simrun {

/// The particle of posterior draw `draw`, addressed by (seed, draw).
using ParticlePicker = std::function<int(std::uint32_t seed, std::uint64_t draw)>;
struct SweepPosterior;
/// Makes the picker of a posterior (sim/calibrate/posterior_draws.hpp: posterior_picker).
using PickerFactory = std::function<ParticlePicker(const SweepPosterior&)>;

struct SweepPosterior {
  std::string path;                 ///< absolute path of the posterior file
  std::string checksum;             ///< FNV-1a 64 of its bytes
  std::string calibration_file;     ///< the calibration it came from (for messages)
  std::vector<std::string> inputs;  ///< the calibrated --set paths, the posterior's column order
  std::vector<double> theta;        ///< [particle][input]: the final generation's particles
  std::vector<double> weight;       ///< their weights
  ParticlePicker particle;          ///< set when runs are made (not needed to merge shards)

  std::size_t particles() const { return weight.size(); }
  double value(std::size_t p, std::size_t input) const { return theta[p * inputs.size() + input]; }  ///< input of particle p
};

/// Reads the posterior file. @throws InputError (file = path) if it is not a posterior file.
SweepPosterior read_sweep_posterior(const std::string& path);

/// The weighted quantile q of input `input` over the final generation's particles (the smallest
/// particle value whose cumulative weight reaches q).
double posterior_quantile(const SweepPosterior& posterior, std::size_t input, double q);

/// Probability mass outside `range: posterior` on each side (the range is its central 95%).
inline constexpr double kPosteriorRangeTail = 0.025;

}  // namespace simrun
