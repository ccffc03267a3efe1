#pragma once
// What a sweep reports from its results: the focal probabilities, the Sobol indices of a Saltelli
// design, the summary printed by `simrun sweep` and `simrun merge`, and the description of the
// sweep that sim/output's sweep file records (write_sweep_file below writes that file).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/point_result.hpp"
#include "sim/engine/sobol.hpp"
#include "sim/output/safe_file.hpp"
#include "sim/output/sweep_file.hpp"
#include "sim/sweep/plan.hpp"

namespace simrun {

/// P(alliance formed by the horizon) of focal outcome k at every point.
std::vector<double> focal_probability(const SweepPlan& plan, const std::vector<PointResult>& results, std::size_t k);

/// Sobol indices of every focal outcome (Saltelli designs only; empty otherwise).
std::vector<SobolIndices> sweep_sobol(const SweepPlan& plan, const std::vector<PointResult>& results);

/// What the sweep file records about the plan (`plan` must outlive the description).
SweepDescription describe_sweep(const SweepPlan& plan);

/// The sweep file of the plan's results (sim/output/sweep_file.hpp).
/// @throws h5::OutputError if the file cannot be written.
void write_sweep_file(const OutputTarget& path, const SweepPlan& plan, const std::vector<PointResult>& results,
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
