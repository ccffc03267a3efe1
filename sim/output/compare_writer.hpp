#pragma once
// The HDF5 file of `simrun compare`: both scenarios' alliance probabilities over time and the
// paired statistics at the horizon, per dyad (layout in docs/output-format.md).
#include <cstdint>
#include <string>

#include "sim/engine/paired.hpp"
#include "sim/output/draws_writer.hpp"
#include "sim/output/safe_file.hpp"

namespace simrun {

struct CompareInfo {
  std::uint32_t seed = 0;
  std::uint64_t runs = 0;
  std::string command_line;
  std::uint64_t draws = 0;          ///< predictive comparison: parameter draws (0: fixed inputs)
  std::uint64_t runs_per_draw = 0;
  std::string posterior;            ///< --posterior: the posterior file the calibrated inputs came from (else empty)
  std::string posterior_checksum;   ///< its FNV-1a 64 checksum
};

/// With `draws_a` and `draws_b` (a predictive comparison: result.draws filled), the probabilities'
/// intervals are Monte Carlo intervals over draws and runs, the difference's interval is
/// clustered by draw, and groups /a and /b (each with draws/ and predictive/) and /paired_draws
/// are written; the McNemar test (which assumes independent pairs) is left out.
void write_comparison(const OutputTarget& path, const ModelContext& a, const ModelContext& b, const PairedRun& result,
                      const CompareInfo& info, const DrawsRecord* draws_a = nullptr, const DrawsRecord* draws_b = nullptr);

}  // namespace simrun
