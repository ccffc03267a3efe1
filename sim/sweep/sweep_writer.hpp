#pragma once
// Writes a sweep to one self-describing HDF5 file with a `point` dimension (layout in
// docs/cluster.md): the design, each point's outcome distributions derived from its integer
// sums exactly as a single experiment file derives them, the focal outcome table and, for a
// Saltelli design, the Sobol indices. The single-process run, the MPI run and the merge of
// shards all call write_sweep_file with the same plan and results, so their datasets are
// identical.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/sweep/plan.hpp"
#include "sim/sweep/point_result.hpp"
#include "sim/sweep/sobol.hpp"

namespace simrun {

inline constexpr const char* kSweepFileType = "simrun-sweep";
inline constexpr int kSweepFormatMajor = 1;
inline constexpr int kSweepFormatMinor = 0;

struct SweepRunInfo {
  std::string command_line;
  int threads = 0;     ///< worker threads per process
  int ranks = 1;       ///< MPI ranks (1 without MPI)
  int shards = 0;      ///< shards merged (0: not merged)
};

/// P(alliance formed by the horizon) of focal outcome k at every point.
std::vector<double> focal_probability(const SweepPlan& plan, const std::vector<PointResult>& results, std::size_t k);

/// Sobol indices of every focal outcome (Saltelli designs only; empty otherwise).
std::vector<SobolIndices> sweep_sobol(const SweepPlan& plan, const std::vector<PointResult>& results);

/// @throws h5::OutputError if the file cannot be written.
void write_sweep_file(const std::string& path, const SweepPlan& plan, const std::vector<PointResult>& results,
                      const std::vector<SobolIndices>& sobol, const SweepRunInfo& info);

/// Widest acceptable half-width of a Sobol index's 95% bootstrap interval for ranking parameters
/// (analyst judgement: indices live on [0, 1] and the ranking compares them).
inline constexpr double kSobolHalfWidthGoal = 0.1;

/// "" when every interval of `s` is at most kSobolHalfWidthGoal wide on each side; otherwise a line
/// saying the base samples are too few and how many would do (intervals shrink as 1/sqrt(N)).
std::string sobol_precision_note(const SobolIndices& s, std::uint64_t base_samples);

/// The text printed at the end of `simrun sweep` / `simrun merge`: focal probabilities per
/// point (or their range for many points), the ranked Sobol table and its precision note.
std::string format_sweep_summary(const SweepPlan& plan, const std::vector<PointResult>& results,
                                 const std::vector<SobolIndices>& sobol);

}  // namespace simrun
