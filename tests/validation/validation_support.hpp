#pragma once
// Shared machinery of the validation suite: paired runs of scenario files with common random
// numbers, the McNemar (1947) statistics of the paired protocol of docs/model.md §1.2, and a Markdown report
// (written when SIMRUN_VALIDATION_REPORT names a file) that docs/validation.md reproduces.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/paired.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun::validation {

inline constexpr std::uint32_t kSeed = 20180701;  ///< fixed seed of every validation run
inline constexpr std::uint64_t kRuns = 4000;      ///< paired runs per comparison (reference: 2000-4000)
inline constexpr double kZCritical = 2.33;        ///< one-sided α = 0.01 (docs/model.md §1.2)

std::string scenario_path(const std::string& file);

/// Which new pacts an outcome is about.
enum class Pacts { ConsultationOrDefence, Defence };

/// Per-run outcome of one dyad in one scenario: the run's chance of a new pact of the given types
/// by the horizon given its path (RunTable::negotiation_chance). Its mean over runs is the
/// probability of such a pact up to the feedback of a formation on the later path; it carries the
/// stylized effects with far more power than the rare 0/1 onset (docs/model.md §1.2).
std::vector<double> chance_by_horizon(const std::string& file, const std::string& dyad, std::uint64_t runs,
                                      Pacts which = Pacts::ConsultationOrDefence);

/// Paired comparison of a per-run outcome: means, the mean paired difference, its standard error
/// (sample sd of the differences / sqrt(n)) and z = difference / se.
struct PairedMeans {
  double a = 0, b = 0, difference = 0, se = 0, z = 0;
};
PairedMeans paired_means(const std::vector<double>& a, const std::vector<double>& b);

struct Contrast {
  std::string low, high;  ///< scenario files (low -> high of the claimed change)
  PairedMeans stats;      ///< B = high, A = low
};

/// Paired comparison of RUS-PAK (or another dyad) between two scenario files.
Contrast contrast(const std::string& low, const std::string& high, const std::string& dyad = "RUS-PAK",
                  std::uint64_t runs = kRuns);

/// Appends a row to the report: fact id, claim, test, figures, verdict.
void report(const std::string& fact, const std::string& claim, const std::string& test, const std::string& result,
            bool pass);

}  // namespace simrun::validation
