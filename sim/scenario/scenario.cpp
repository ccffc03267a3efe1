// Scenario's lookups (scenario.hpp).
#include "sim/scenario/scenario.hpp"

namespace simrun {

int Scenario::actor_index(const std::string& id) const {
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (actors[i].id == id) return static_cast<int>(i);
  return -1;
}

std::string Scenario::dyad_label(int d) const {
  const DyadSpec& s = dyads[static_cast<std::size_t>(d)];
  return actors[static_cast<std::size_t>(s.a)].id + "-" + actors[static_cast<std::size_t>(s.b)].id;
}

}  // namespace simrun
