#pragma once
// Parameter draws from a scenario's priors. Draw d's value of an input is
// prior.quantile(u) with u a counter-based uniform addressed by (seed, draw, input path): a pure
// function of those three, so draws are identical on any thread, rank or shard, and two variants
// with the same seed share them input by input (common random numbers) even when one of them
// adds, pins or reshapes a prior of another input.
#include <cstdint>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace simrun {

/// The uniform in (0, 1) behind input `path` in draw `draw` (32-bit resolution).
double draw_uniform(std::uint32_t seed, std::uint64_t draw, const std::string& path);

/// Draw `draw`'s parameter vector: one value per scenario.uncertain input, in that order.
std::vector<double> draw_parameters(const Scenario& scenario, std::uint32_t seed, std::uint64_t draw);

/// The scenario with `values` (one per scenario.uncertain input) applied through the --set
/// machinery; the result is a fixed scenario (no uncertain inputs).
/// @throws std::invalid_argument if values has the wrong length; InputError if a value leaves its field's range.
Scenario apply_parameters(const Scenario& scenario, const std::vector<double>& values);

}  // namespace simrun
