#pragma once
// Per-run outcomes of one wave of runs, row r = run first_run + r. Streamed to the output file
// wave by wave, so memory does not grow with the number of runs.
#include <cstdint>
#include <vector>

#include "sim/model/world.hpp"

namespace simrun {

struct RunTable {
  RunTable() = default;
  RunTable(std::size_t rows, int ticks, int dyads, std::size_t trajectory_rows, int scripted_events = 0);

  std::size_t rows = 0;
  int ticks = 0;
  int dyads = 0;
  static constexpr int kEvents = static_cast<int>(Event::Count);
  // [row][dyad]
  std::vector<std::uint8_t> formed;
  std::vector<std::int16_t> first_tick;       ///< first formation tick, -1 if never
  std::vector<std::int16_t> dissolutions;
  std::vector<std::int16_t> ticks_in_force;
  std::vector<double> negotiation_chance;  ///< [row][dyad][pact type]: 1 - exp(WorldState::negotiation_log) at the horizon
  std::vector<float> final_military, final_economic, final_diplomatic;
  std::vector<double> final_trade;  ///< $bn/yr: may exceed float range in extreme scenarios
  // [row][dyad][event] and [row][event]
  std::vector<std::int16_t> dyad_events;
  std::vector<std::int32_t> events;
  int scripted_events = 0;
  std::vector<std::int16_t> scripted;  ///< [row][scripted event]: times it fired
  // optional trajectories of the first `trajectory_rows` rows: [row][tick][dyad][front], [row][tick][dyad]
  std::size_t trajectory_rows = 0;
  std::vector<float> trajectory_fronts;
  std::vector<std::int8_t> trajectory_alliance;

  std::size_t rd(std::size_t row, int d) const { return row * static_cast<std::size_t>(dyads) + static_cast<std::size_t>(d); }
  std::size_t rdp(std::size_t row, int d, int k) const { return rd(row, d) * kPactTypes + static_cast<std::size_t>(k); }
};

}  // namespace simrun
