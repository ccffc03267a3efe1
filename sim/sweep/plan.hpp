#pragma once
// A sweep made concrete: the validated spec, the base scenario (with the sweep's fixed `set:`
// overrides), the design, the focal dyads and the hashes that identify the sweep and its design
// in shards. Building a plan validates every point (each point's `--set` assignments are applied
// once), so nothing fails for bad input after the first run has started.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/spec.hpp"

namespace simrun {

struct SweepPlan {
  SweepSpec spec;
  std::string scenario_text;        ///< the base scenario file, verbatim
  Scenario base;                    ///< loaded, fixed `set:` overrides applied
  Design design;
  std::vector<int> focal_dyads;     ///< dyad index of each focal outcome
  std::vector<std::string> focal_labels;  ///< canonical "A-B" labels (scenario order)
  int ticks = 0;                    ///< calendar.ticks (the same for every point)
  int dyads = 0;
  std::string sweep_hash;           ///< FNV-1a 64 of the sweep file, the scenario and its resolution
  std::string design_hash;          ///< FNV-1a 64 of the parameters, design, seed, runs and focal dyads

  std::size_t points() const { return design.points; }
  /// The `--set` assignments of point p (after the fixed ones): "parameters.lambda=2", ...
  std::vector<std::string> point_assignments(std::size_t p) const;
  /// All assignments that reproduce point p with `simrun SCENARIO --fixed --set ...` (a sweep runs at
  /// point values: the scenario's priors, if any, play no part).
  std::vector<std::string> all_assignments(std::size_t p) const;
  /// The scenario of point p: exactly what `load_scenario(scenario, all_assignments(p))` gives.
  Scenario scenario_for(std::size_t p) const;
};

/// Reads the sweep file and its scenario, validates everything and makes the design.
/// @throws InputError naming the file, line and field.
SweepPlan make_plan(const std::string& sweep_path);
SweepPlan make_plan(SweepSpec spec);

/// 64-bit FNV-1a as 16 hex digits (identifies inputs; not a cryptographic hash).
std::string fnv1a_hex(const std::string& bytes);
std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t h = 1469598103934665603ull);

}  // namespace simrun
