#pragma once
// The HDF5 file of a sweep, with a `point` dimension (layout in docs/cluster.md): the design,
// each point's outcome distributions derived from its integer sums by the engine's estimators
// (sim/engine/estimates.hpp, exactly as an experiment file's), the focal outcome table and, for
// a Saltelli design, the Sobol indices. The single-process run, the MPI run and the merge of
// shards all write it from the same description and results, so their datasets are identical.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/point_result.hpp"
#include "sim/engine/sobol.hpp"
#include "sim/output/safe_file.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

/// What the sweep file records about a sweep besides its results (the sweep layer fills it from
/// its plan: describe_sweep in sim/sweep/sweep_report.hpp).
struct SweepDescription {
  std::string name, description;
  std::string path, absolute_path;     ///< the sweep file as given, and absolute
  std::string yaml;                    ///< the sweep file, verbatim
  std::string scenario_path;           ///< as resolved against the sweep file
  std::string scenario_yaml;           ///< the base scenario file, verbatim
  const Scenario* base = nullptr;      ///< the base scenario as used (fixed set: and --set applied)
  std::vector<std::string> fixed_sets; ///< the sweep's set: assignments, then the command line's --set
  std::string command_line_overrides;  ///< "runs=N\nseed=S\nset=P=V\n" from -n/--seed/--set ("" if none)
  std::uint32_t seed = 0;
  std::string design_kind;             ///< "grid", "latin_hypercube", "saltelli"
  std::uint32_t design_seed = 0;
  int ticks = 0;
  bool adaptive = false;
  double target_half_width = 0;
  std::uint64_t runs = 0, max_runs = 0, batch = 0;
  std::optional<std::uint64_t> design_points;  ///< Latin hypercube only
  bool saltelli = false;
  std::uint64_t base_samples = 0, bootstrap = 0;
  std::string sampler;                 ///< Saltelli only
  std::string sweep_hash, design_hash;
  std::size_t points = 0;
  std::vector<std::string> parameters;       ///< --set paths
  std::vector<std::string> distributions;    ///< per parameter
  std::vector<double> design;                ///< [point][parameter]
  std::vector<std::string> point_overrides;  ///< per point, its --set assignments
  std::vector<std::int64_t> saltelli_block, saltelli_row;
  std::vector<std::string> focal_labels;
  std::vector<int> focal_dyads;
  /// Per focal outcome its pact type ("consultation", ...) when some is not defence (the results
  /// then carry focal_formed_by); empty: every focal outcome is a new defence pact.
  std::vector<std::string> focal_pact;
  /// --posterior: the posterior's absolute path and checksum, and the calibrated inputs drawn per
  /// run (those not swept); empty without one.
  std::string posterior, posterior_checksum;
  std::vector<std::string> posterior_drawn;
};

struct SweepRunInfo {
  std::string command_line;
  int threads = 0;     ///< worker threads per process
  int ranks = 1;       ///< MPI ranks (1 without MPI)
  int shards = 0;      ///< shards merged (0: not merged)
};

/// @throws h5::OutputError if the file cannot be written (nothing is left at `path` then).
void write_sweep_file(const OutputTarget& path, const SweepDescription& sweep, const std::vector<PointResult>& results,
                      const std::vector<SobolIndices>& sobol, const SweepRunInfo& info);

}  // namespace simrun
