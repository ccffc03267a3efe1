#include "sim/engine/run_table.hpp"

#include "sim/engine/accumulator.hpp"

namespace simrun {

RunTable::RunTable(std::size_t r, int t, int d, std::size_t traj, int scripted_count)
    : rows(r), ticks(t), dyads(d), scripted_events(scripted_count), trajectory_rows(traj) {
  scripted.assign(r * static_cast<std::size_t>(scripted_count), 0);
  const std::size_t rdn = r * static_cast<std::size_t>(d);
  formed.assign(rdn, 0);
  first_tick.assign(rdn, -1);
  dissolutions.assign(rdn, 0);
  ticks_in_force.assign(rdn, 0);
  negotiation_chance.assign(rdn * kPactTypes, 0.0);
  final_military.assign(rdn, 0);
  final_economic.assign(rdn, 0);
  final_diplomatic.assign(rdn, 0);
  final_trade.assign(rdn, 0);
  dyad_events.assign(rdn * kEvents, 0);
  events.assign(r * kEvents, 0);
  const std::size_t cells = traj * static_cast<std::size_t>(t + 1) * static_cast<std::size_t>(d);
  trajectory_fronts.assign(cells * kFronts, 0);
  trajectory_alliance.assign(cells, 0);
}

}  // namespace simrun
