#include "sim/scenario/draws.hpp"

#include <Random123/philox.h>

#include <stdexcept>

#include "sim/scenario/overrides.hpp"

namespace simrun {
namespace {

/// Marks the parameter-draw domain of Philox counters. Run streams (sim/model/rng.hpp) always
/// have counter word 0 equal to 0, so no draw uniform can coincide with a run's.
constexpr std::uint32_t kDrawDomain = 0x50524952u;  // "PRIR"

/// FNV-1a, 64 bits: a fixed, platform-independent name for an input's stream.
std::uint64_t path_hash(const std::string& path) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : path) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

double draw_uniform(std::uint32_t seed, std::uint64_t draw, const std::string& path) {
  using Philox = r123::Philox4x32;
  const std::uint64_t h = path_hash(path);
  const Philox::key_type key{{seed, static_cast<std::uint32_t>(draw)}};
  const Philox::ctr_type ctr{{kDrawDomain, static_cast<std::uint32_t>(draw >> 32), static_cast<std::uint32_t>(h),
                              static_cast<std::uint32_t>(h >> 32)}};
  const Philox::ctr_type out = Philox()(ctr, key);
  return (static_cast<double>(out[0]) + 0.5) * (1.0 / 4294967296.0);
}

std::vector<double> draw_parameters(const Scenario& scenario, std::uint32_t seed, std::uint64_t draw) {
  std::vector<double> values;
  values.reserve(scenario.uncertain.size());
  for (const auto& in : scenario.uncertain) values.push_back(in.prior.quantile(draw_uniform(seed, draw, in.path)));
  return values;
}

Scenario apply_parameters(const Scenario& scenario, const std::vector<double>& values) {
  if (values.size() != scenario.uncertain.size())
    throw std::invalid_argument("apply_parameters: " + std::to_string(values.size()) + " values for " +
                                std::to_string(scenario.uncertain.size()) + " uncertain inputs");
  Scenario out = scenario;
  for (std::size_t k = 0; k < values.size(); ++k) apply_input_value(out, scenario.uncertain[k].path, values[k]);
  out.uncertain.clear();
  return out;
}

}  // namespace simrun
