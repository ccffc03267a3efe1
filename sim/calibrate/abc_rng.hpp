#pragma once
// Addressed random numbers for calibration. Every number the sampler uses is a pure function of
// (seed, generation, attempt, slot), and every posterior draw of (seed, draw): no generator state
// is carried, so which thread or MPI rank evaluates an attempt cannot change any result.
// Keys and counters are kept apart from the model's RunRng (key {seed, run}, counter[0] = 0) by
// a tag in the top bits of counter[0].
#include <Random123/philox.h>

#include <boost/random/normal_distribution.hpp>
#include <cstdint>

#include <Random123/conventional/Engine.hpp>

namespace simrun {

/// What a calibration draw is for (the `slot` of its address; parameter k uses slot base + k).
enum class AbcSlot : std::uint32_t {
  Ancestor = 0,          ///< which particle of the previous generation is perturbed
  ModelSeed = 1,         ///< the seed of the attempt's model runs
  PriorUniform = 16,     ///< generation 0: uniform for parameter k's prior quantile (16 + k)
  KernelNormal = 1u << 20,  ///< generation >= 1: standard normal k of the perturbation
};

class AbcRng {
 public:
  using Philox = r123::Philox4x32;
  static constexpr std::uint32_t kAttemptTag = 0xA0000000u;    ///< counter[0] tag of sampler draws
  static constexpr std::uint32_t kPosteriorTag = 0xB0000000u;  ///< counter[0] tag of posterior draws

  explicit AbcRng(std::uint32_t seed) : key_{{seed, 0x0ABC5EEDu}} {}

  /// Uniform in (0, 1) with 32-bit resolution at (generation, attempt, slot).
  double uniform(int generation, std::uint64_t attempt, std::uint32_t slot) const {
    return to_unit(raw(ctr(generation, attempt, slot))[0]);
  }
  /// A standard normal (Boost.Random, fed by a Philox engine positioned at the address).
  double normal(int generation, std::uint64_t attempt, std::uint32_t slot) const {
    using Engine = r123::Engine<Philox>;
    Engine eng(key_);
    eng.setcounter(ctr(generation, attempt, slot), 0);
    boost::random::normal_distribution<double> nd(0.0, 1.0);
    return nd(eng);
  }
  /// The 32-bit seed of an attempt's model runs.
  std::uint32_t model_seed(int generation, std::uint64_t attempt) const {
    return raw(ctr(generation, attempt, static_cast<std::uint32_t>(AbcSlot::ModelSeed)))[1];
  }
  /// Uniform in (0, 1) for posterior draw `draw` (weighted resampling, `simrun --posterior`).
  double posterior_uniform(std::uint64_t draw) const {
    const Philox::ctr_type c{{kPosteriorTag, static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), 0u}};
    return to_unit(raw(c)[0]);
  }

 private:
  static double to_unit(std::uint32_t x) { return (static_cast<double>(x) + 0.5) * (1.0 / 4294967296.0); }
  Philox::ctr_type ctr(int generation, std::uint64_t attempt, std::uint32_t slot) const {
    return Philox::ctr_type{{kAttemptTag | (static_cast<std::uint32_t>(generation) & 0x0FFFFFFFu),
                             static_cast<std::uint32_t>(attempt), static_cast<std::uint32_t>(attempt >> 32), slot}};
  }
  Philox::ctr_type raw(const Philox::ctr_type& c) const { return Philox()(c, key_); }
  Philox::key_type key_;
};

}  // namespace simrun
