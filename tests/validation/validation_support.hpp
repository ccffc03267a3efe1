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

/// Per-run outcome of one dyad in one scenario: 1 if a formal alliance formed by the horizon.
std::vector<std::uint8_t> formed_by_horizon(const std::string& file, const std::string& dyad, std::uint64_t runs);

struct Contrast {
  std::string low, high;  ///< scenario files (low -> high of the claimed change)
  PairedStats stats;      ///< B = high, A = low
};

/// Paired comparison of RUS-PAK (or another dyad) between two scenario files.
Contrast contrast(const std::string& low, const std::string& high, const std::string& dyad = "RUS-PAK",
                  std::uint64_t runs = kRuns);

/// Appends a row to the report: fact id, claim, test, figures, verdict.
void report(const std::string& fact, const std::string& claim, const std::string& test, const std::string& result,
            bool pass);

}  // namespace simrun::validation
