#include "sim/engine/draw_models.hpp"

#include <stdexcept>

#include "sim/scenario/draws.hpp"

namespace simrun {

DrawModels::DrawModels(const Scenario& base, std::uint32_t seed, std::uint64_t draws, std::uint64_t runs_per_draw)
    : draws_(draws), runs_per_draw_(runs_per_draw) {
  if (draws < 1 || runs_per_draw < 1) throw std::invalid_argument("DrawModels: needs at least one draw and one run per draw");
  scenarios_.reserve(static_cast<std::size_t>(draws));
  contexts_.reserve(static_cast<std::size_t>(draws));
  parameters_.reserve(static_cast<std::size_t>(draws) * base.uncertain.size());
  for (std::uint64_t d = 0; d < draws; ++d) {
    const std::vector<double> values = draw_parameters(base, seed, d);
    parameters_.insert(parameters_.end(), values.begin(), values.end());
    auto sc = std::make_unique<Scenario>(apply_parameters(base, values));
    // A run needs the numbers only: drop the texts (a thousand copies of them add up).
    sc->yaml_text.clear();
    sc->provenance.clear();
    sc->overrides.clear();
    contexts_.push_back(std::make_unique<ModelContext>(*sc));
    scenarios_.push_back(std::move(sc));
  }
}

}  // namespace simrun
