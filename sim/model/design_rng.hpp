#pragma once
// Addressed uniforms for designs and resampling (sweep designs, bootstrap rows of the Sobol
// intervals): Philox with its own key, so these streams never overlap a run's random numbers.
// A pure function of (seed, purpose, i, j), like every random number of simrun (rng.hpp).
#include <Random123/philox.h>

#include <cstdint>

namespace simrun {

inline constexpr std::uint32_t kDesignKey = 0x53574550u;  // "SWEP": keeps design streams apart from runs'

/// 64 random bits addressed by (seed, purpose, i, j).
inline std::uint64_t design_bits(std::uint32_t seed, std::uint32_t purpose, std::uint64_t i, std::uint64_t j) {
  using Philox = r123::Philox4x32;
  const Philox::key_type key{{seed, kDesignKey}};
  const Philox::ctr_type ctr{{purpose, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j),
                              static_cast<std::uint32_t>((i >> 32) ^ ((j >> 32) << 16))}};
  const Philox::ctr_type out = Philox()(ctr, key);
  return (static_cast<std::uint64_t>(out[0]) << 32) | out[1];
}

/// A uniform in (0, 1) with 53-bit resolution addressed by (seed, purpose, i, j).
inline double design_uniform(std::uint32_t seed, std::uint32_t purpose, std::uint64_t i, std::uint64_t j) {
  return (static_cast<double>(design_bits(seed, purpose, i, j) >> 11) + 0.5) * 0x1p-53;
}

}  // namespace simrun
