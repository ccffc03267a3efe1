#pragma once
// How one process takes part in a sweep: alone (every point), as one MPI rank (points handed
// out by rank 0) or as one shard of a job array (points p with p mod K == I, written to a shard
// file that `simrun merge` combines). `simrun sweep` parses its options, then calls
// prepare_sweep -> run_sweep -> write_sweep_result and reports between the steps.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/mpi_sweep.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/engine/point_result.hpp"
#include "sim/sweep/shard.hpp"
#include "sim/engine/sobol.hpp"
#include "sim/sweep/sweep_report.hpp"

namespace simrun {

struct SweepRequest {
  std::string sweep;          ///< the sweep file
  std::string output;         ///< "" for the default under results/
  std::string shard;          ///< "I/K" or "" (not a shard)
  SweepOverrides overrides;   ///< -n, --seed, --set, --posterior: changes to the sweep file for this run
  PickerFactory pickers;      ///< with --posterior: how runs pick particles (sim/calibrate's posterior_picker)
  bool force = false;         ///< overwrite the output (and recompute a complete shard)
  bool dry_run = false;       ///< make and validate the plan only
};

struct SweepJob {
  SweepPlan plan;
  std::optional<ShardId> shard;
  std::string output;
  bool output_defaulted = false;
  bool force = false;            ///< --force: the output may replace an existing regular file
  bool skip = false;             ///< a complete shard of this sweep is already in `output`
  bool peer_failed = false;      ///< another MPI rank could not read the sweep (the lead reports it)
  std::unique_ptr<MpiSession> mpi;

  bool lead() const { return !mpi || mpi->rank() == 0; }
  int ranks() const { return mpi ? mpi->size() : 1; }
  /// The points this process computes (under MPI: all, shared out dynamically).
  std::vector<std::size_t> points() const;
};

/// Starts MPI when an MPI launcher started the process, reads and validates the sweep on every
/// rank, picks the output path and, on the lead, checks it (a complete shard is kept: skip).
/// @throws InputError for bad input (under MPI only on the lead; the others get peer_failed).
SweepJob prepare_sweep(const SweepRequest& request);

/// Runs the job's points; `done` is called (serialised) as each point finishes, with the number
/// of points finished and the total. Returns one slot per point of the plan (under MPI: filled
/// on the lead only). @throws Interrupted when `stop` is set (polled between runs).
std::vector<PointResult> run_sweep(const SweepJob& job, const std::function<void(std::size_t, std::size_t)>& done = {},
                                   StopFlag stop = nullptr);

/// Runs summed over the points this job computed (under MPI: all of them, on the lead).
std::uint64_t runs_done(const SweepJob& job, const std::vector<PointResult>& results);

/// Writes the shard file, or the sweep file (with its Sobol indices, returned).
std::vector<SobolIndices> write_sweep_result(const SweepJob& job, const std::vector<PointResult>& results,
                                             const SweepRunInfo& info);

}  // namespace simrun
