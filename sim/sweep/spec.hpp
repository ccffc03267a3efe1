#pragma once
// A sweep file: which scenario, which parameters (by their `--set` paths), which design, how many
// runs per point and which outcomes are focal. Parsed and validated in full before any run; every
// problem is an InputError naming the sweep file, line and field (exit code 2).
//
//   scenario: ../baseline.yaml            # relative to the sweep file
//   seed: 20180701                        # simulation seed, the same for every point
//   runs: 1000                            # or target_half_width: 0.01 + max_runs: 20000 (+ batch: 500)
//   focal: [RUS-PAK]                      # P(new defence pact formed by the horizon) of these dyads
//   focal: [{dyad: RUS-PAK, pact: consultation}]   # or of a pact of another type
//   set: [calendar.ticks=20]              # optional: fixed overrides applied to every point
//   design: {kind: grid}                  # or {kind: latin_hypercube, points: N, seed: S}
//                                         # or {kind: saltelli, base_samples: N, seed: S}
//   parameters:
//     - {path: parameters.lambda, values: [2, 4, 8]}                 # grid
//     - {path: parameters.r_min, range: [0.35, 0.5]}                 # LHS / Saltelli
//     - {path: parameters.lambda, distribution: {loguniform: [2, 8]}}
//     - {path: parameters.w_loss, range: posterior}    # LHS / Saltelli with --posterior: its central 95%
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/rng.hpp"
#include "sim/scenario/specs.hpp"

namespace simrun {

enum class DesignKind { Grid, LatinHypercube, Saltelli };
enum class Distribution { Values, Uniform, LogUniform, Normal };
enum class QmcSampler { Sobol, Random };

const char* design_kind_name(DesignKind k);

struct SweepParameter {
  std::string path;                 ///< a `--set` path, e.g. parameters.lambda
  Distribution distribution = Distribution::Values;
  std::vector<double> values;       ///< grid values (Distribution::Values)
  double a = 0, b = 0;              ///< uniform/loguniform: bounds; normal: mean and sd
  bool integer = false;             ///< the field takes whole numbers: sampled values are rounded
  bool posterior_range = false;     ///< `range: posterior`: [a, b] is set from the posterior (plan.hpp)
  int line = 0;                     ///< line of the entry in the sweep file (for messages)
  /// "values [2, 4, 8]", "uniform(2, 8)", "loguniform(2, 8)", "normal(0.5, 0.1)".
  std::string describe() const;
};

/// Command-line changes to a sweep file for a quick trial without editing it
/// (`simrun sweep FILE -n N --seed S --set PATH=VALUE`).
struct SweepOverrides {
  std::optional<std::uint64_t> runs;  ///< fixed runs per point (replaces runs:, or the adaptive rule)
  std::optional<std::uint32_t> seed;  ///< replaces seed:
  std::vector<std::string> sets;      ///< applied to the base after the file's set: list (never a swept path)
  std::string posterior;              ///< --posterior FILE.h5 (absolute path; sweep_posterior.hpp), "" if none
  std::string posterior_checksum;     ///< its checksum when the plan was made ("" until then)

  bool empty() const { return !runs && !seed && sets.empty() && posterior.empty(); }
  /// Canonical text, one per line: "runs=N", "seed=S", "set=PATH=VALUE", "posterior=PATH",
  /// "posterior_checksum=HEX" ("" if empty). Shards record it (merge re-applies it and finds the
  /// same posterior or refuses) and it enters the sweep and design hashes.
  std::string text() const;
  /// "-n N --seed S --set PATH=VALUE" for messages ("" if empty).
  std::string options() const;
  /// The inverse of text(). @throws std::invalid_argument for anything text() does not write.
  static SweepOverrides parse(const std::string& text);
};

struct SweepSpec {
  std::string path;                 ///< the sweep file as given
  std::string absolute_path;        ///< its absolute path when it was read
  std::string text;                 ///< its verbatim contents
  std::string name;                 ///< `name:` or the file's stem
  std::string description;
  std::string scenario_path;        ///< resolved against the sweep file's directory
  std::uint32_t seed = kDefaultSeed; ///< simulation seed (the same for every point)
  // Runs per point: fixed `runs`, or batches of `batch` until the 95% Wilson half-width of every
  // focal probability is at most `target_half_width`, at most `max_runs`.
  std::uint64_t runs = 0;           ///< 0 when adaptive
  double target_half_width = 0;     ///< > 0 when adaptive
  std::uint64_t max_runs = 0;
  std::uint64_t batch = 0;
  std::vector<std::string> focal;   ///< dyad labels as written in the sweep file
  /// Per focal outcome, the pact type whose formation it counts (`pact:` of a focal entry; default
  /// defence, the "formal alliance" of the headline and of sweeps before pacts were typed).
  std::vector<PactType> focal_pact;
  std::vector<std::string> fixed_sets;  ///< `set:` assignments applied to every point, first
  DesignKind kind = DesignKind::Grid;
  std::uint64_t points = 0;         ///< latin_hypercube: number of points
  std::uint64_t base_samples = 0;   ///< saltelli: N (points = N (d + 2))
  std::uint32_t design_seed = 1;
  QmcSampler sampler = QmcSampler::Sobol;  ///< saltelli base sample
  std::uint64_t bootstrap = 1000;   ///< saltelli: bootstrap resamples for the CIs
  std::vector<SweepParameter> parameters;
  SweepOverrides overrides;         ///< applied by apply_overrides (runs and seed above are the results)
  int scenario_line = 0;            ///< lines of entries, for messages found when making the plan
  std::vector<int> focal_lines, set_lines;

  bool adaptive() const { return target_half_width > 0; }
  /// True if some focal outcome counts a pact type other than defence (the sweep then keeps those
  /// counts per point; a sweep without one writes exactly what it always did).
  bool typed_focal() const;
  /// Every assignment applied to the base: the file's set: list, then the command line's --set.
  std::vector<std::string> all_fixed_sets() const;
  /// Upper bound on the runs of one point.
  std::uint64_t runs_cap() const { return adaptive() ? max_runs : runs; }
};

/// Reads and validates the structure of a sweep file (the scenario and the values are checked
/// against it when the plan is made, see plan.hpp).
/// @throws InputError naming the file, line and field.
SweepSpec read_sweep_file(const std::string& path);
SweepSpec parse_sweep_text(const std::string& text, const std::string& path);

/// Applies command-line overrides to a spec read from its file: -n makes the runs per point fixed,
/// --seed replaces the seed; the --set assignments are kept in spec.overrides and applied to the
/// base scenario by make_plan (which refuses a swept path). @throws InputError ("command line").
void apply_overrides(SweepSpec& spec, const SweepOverrides& overrides);

/// Shortest decimal text that reads back as exactly `v` (for `--set` assignments and tables).


}  // namespace simrun
