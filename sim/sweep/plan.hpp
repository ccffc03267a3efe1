#pragma once
// A sweep made concrete: the validated spec, the base scenario (with the sweep's fixed `set:`
// overrides), the design, the focal dyads and the hashes that identify the sweep and its design
// in shards. Building a plan validates every point (each point's `--set` assignments are applied
// once), so nothing fails for bad input after the first run has started.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/point_result.hpp"
#include "sim/output/fnv1a.hpp"  // fnv1a_hex: the sweep and design hashes
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/spec.hpp"
#include "sim/sweep/sweep_posterior.hpp"

namespace simrun {

struct SweepPlan {
  SweepSpec spec;
  std::string scenario_text;        ///< the base scenario file, verbatim
  Scenario base;                    ///< loaded, fixed `set:` overrides and the command line's --set applied
  Design design;
  std::vector<int> focal_dyads;     ///< dyad index of each focal outcome
  std::vector<std::string> focal_labels;  ///< canonical "A-B" labels (scenario order)
  int ticks = 0;                    ///< calendar.ticks (the same for every point)
  int dyads = 0;
  std::string sweep_hash;           ///< FNV-1a 64 of the sweep file, the scenario, its resolution and the overrides
  std::string design_hash;          ///< FNV-1a 64 of the parameters, design, seed, runs, focal dyads and overrides
  /// --posterior (spec.overrides.posterior): null without one.
  std::shared_ptr<const SweepPosterior> posterior;
  /// The calibrated inputs drawn per run: (posterior column, --set path) of each one neither swept
  /// nor fixed by the sweep's set: list or --set.
  std::vector<std::pair<std::size_t, std::string>> drawn;

  std::size_t points() const { return design.points; }
  /// The focal outcomes whose counts a point keeps beside the defence ones: every focal outcome
  /// if some has a pact type other than defence (spec.typed_focal()), else none.
  std::vector<TypedOutcome> typed_outcomes() const;
  /// Runs of a point (its result, or its accumulator while it runs) in which focal outcome k had
  /// formed by tick t: the defence counts, or the outcome's own pact type's.
  std::uint64_t focal_formed(const PointResult& r, std::size_t k, int t) const;
  std::uint64_t focal_formed(const Accumulator& acc, std::size_t k, int t) const;
  /// "RUS-PAK" for a defence outcome, "RUS-PAK consultation" for another type (for messages).
  std::string focal_outcome_label(std::size_t k) const;
  /// The `--set` assignments of point p (after the fixed ones): "parameters.lambda=2", ...
  std::vector<std::string> point_assignments(std::size_t p) const;
  /// All assignments that reproduce point p with `simrun SCENARIO --fixed --set ...` (a sweep runs at
  /// point values: the scenario's priors, if any, play no part; with a posterior, the inputs in
  /// `drawn` vary from run to run on top of them).
  std::vector<std::string> all_assignments(std::size_t p) const;
  /// The scenario of point p: exactly what `load_scenario(scenario, all_assignments(p))` gives.
  Scenario scenario_for(std::size_t p) const;
};

/// Reads the sweep file and its scenario, applies the command line's overrides (apply_overrides),
/// validates everything and makes the design. With overrides.posterior it reads the posterior
/// (refusing one whose checksum is not overrides.posterior_checksum, when that is given), checks
/// that its inputs and every particle fit the scenario, sets `range: posterior` bounds and gives
/// it the picker `pickers` makes (none: the plan can describe and merge, not run).
/// @throws InputError naming the file, line and field ("command line" and --set for a --set of a
/// swept parameter; the posterior file for a posterior that does not fit).
SweepPlan make_plan(const std::string& sweep_path, const SweepOverrides& overrides = {}, const PickerFactory& pickers = {});
/// From a spec (its overrides already applied by apply_overrides).
SweepPlan make_plan(SweepSpec spec, const PickerFactory& pickers = {});

/// The files a plan was made from (sweep file, scenario and its extends: chain), which no
/// output may replace.
std::vector<std::string> plan_inputs(const SweepPlan& plan);

}  // namespace simrun
