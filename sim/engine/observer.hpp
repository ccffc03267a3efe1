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
};

}  // namespace simrun
