#pragma once
// Records one run into the thread's Accumulator and the wave's RunTable: every tick from 0
// (the initial state) to T, then the run's outcome row.
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/run_table.hpp"
#include "sim/model/world.hpp"

namespace simrun {

class RunObserver {
 public:
  RunObserver(const ModelContext& ctx, Accumulator& acc, RunTable& table, std::size_t row);
  void observe(const WorldState& world);
  void finish(const WorldState& world);

 private:
  void observe_landscape(const WorldState& world);
  std::size_t status_cell(int tick, int dyad) const {
    return (row_ * static_cast<std::size_t>(table_.ticks + 1) + static_cast<std::size_t>(tick)) * static_cast<std::size_t>(table_.dyads) +
           static_cast<std::size_t>(dyad);
  }
  /// Pacts in force and formed by type, and the dyadic events that have happened, for one dyad.
  void observe_pacts(const WorldState& world, int dyad);

  const ModelContext& ctx_;
  Accumulator& acc_;
  RunTable& table_;
  std::size_t row_;
  bool trajectory_;
  std::vector<double> sizes_;
  std::vector<double> weights_;
  std::vector<std::int8_t> previous_alliance_;
  std::vector<std::int32_t> previous_events_;  ///< [dyad][dyadic event]: the run's counts at the previous tick
};

}  // namespace simrun
