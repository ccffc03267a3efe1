#pragma once
// The HDF5 file of `simrun compare`: both scenarios' alliance probabilities over time and the
// paired statistics at the horizon, per dyad (layout in docs/output-format.md).
#include <cstdint>
#include <string>

#include "sim/engine/paired.hpp"
#include "sim/output/safe_file.hpp"

namespace simrun {

struct CompareInfo {
  std::uint32_t seed = 0;
  std::uint64_t runs = 0;
  std::string command_line;
};

void write_comparison(const OutputTarget& path, const ModelContext& a, const ModelContext& b, const PairedRun& result,
                      const CompareInfo& info);

}  // namespace simrun
