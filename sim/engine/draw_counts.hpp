#pragma once
// Per-draw outcome counts of a predictive ensemble. Draw d owns the runs
// d·R, d·R + 1, ..., d·R + R - 1 (R runs per draw, global run indices), so a run's draw follows
// from its index alone and the counts are the same whatever thread, wave or rank ran it.
#include <cstdint>
#include <vector>

#include "sim/engine/run_table.hpp"

namespace simrun {

struct DrawCounts {
  DrawCounts() = default;
  DrawCounts(std::uint64_t draws, std::uint64_t runs_per_draw, int ticks, int dyads);

  std::uint64_t draws = 0;
  std::uint64_t runs_per_draw = 0;
  int ticks = 0;  ///< T: ticks 0..T
  int dyads = 0;
  /// [draw][tick][dyad]: runs of the draw with a formal alliance formed by / in force at the
  /// tick, and with the pair on the same side of the landscape minimum.
  std::vector<std::uint32_t> formed_by, in_force, coaligned;
  /// [draw][tick][dyad][pact type] (output order, defence first): runs of the draw with a new pact
  /// of the type formed by the tick / with a pact of the type in force at the tick.
  std::vector<std::uint32_t> pact_formed_by, pact_in_force;

  std::size_t at(std::uint64_t draw, int tick, int dyad) const {
    return (static_cast<std::size_t>(draw) * static_cast<std::size_t>(ticks + 1) + static_cast<std::size_t>(tick)) *
               static_cast<std::size_t>(dyads) +
           static_cast<std::size_t>(dyad);
  }
  std::size_t at(std::uint64_t draw, int tick, int dyad, int pact_type) const {
    return at(draw, tick, dyad) * kPactTypes + static_cast<std::size_t>(pact_type);
  }
  /// The counts of one (tick, dyad) cell, one per draw.
  std::vector<std::uint32_t> cell(const std::vector<std::uint32_t>& counts, int tick, int dyad) const;
  /// The counts of one (tick, dyad, pact type) cell of pact_formed_by or pact_in_force, one per draw.
  std::vector<std::uint32_t> cell(const std::vector<std::uint32_t>& counts, int tick, int dyad, int pact_type) const;
  /// Folds the rows of a wave (row r = run first_run + r; the table needs its `status`).
  void add(std::uint64_t first_run, const RunTable& table);
};

}  // namespace simrun
