#include "sim/engine/draw_models.hpp"

#include <stdexcept>

#include "sim/scenario/draws.hpp"

namespace simrun {

DrawModels::DrawModels(const Scenario& base, std::uint32_t seed, std::uint64_t draws, std::uint64_t runs_per_draw)
    : draws_(draws), runs_per_draw_(runs_per_draw) {
  if (draws < 1 || runs_per_draw < 1) throw std::invalid_argument("DrawModels: needs at least one draw and one run per draw");
  parameters_.reserve(static_cast<std::size_t>(draws) * base.uncertain.size());
  for (std::uint64_t d = 0; d < draws; ++d) {
    const std::vector<double> values = draw_parameters(base, seed, d);
    parameters_.insert(parameters_.end(), values.begin(), values.end());
  }
  build(base);
}

DrawModels::DrawModels(const Scenario& base, std::vector<double> parameters, std::uint64_t runs_per_draw)
    : draws_(base.uncertain.empty() ? 0 : parameters.size() / base.uncertain.size()), runs_per_draw_(runs_per_draw),
      parameters_(std::move(parameters)) {
  if (draws_ < 1 || runs_per_draw < 1 || parameters_.size() != draws_ * base.uncertain.size())
    throw std::invalid_argument("DrawModels: needs whole parameter vectors for at least one draw and one run per draw");
  build(base);
}

void DrawModels::build(const Scenario& base) {
  const std::size_t inputs = base.uncertain.size();
  scenarios_.reserve(static_cast<std::size_t>(draws_));
  contexts_.reserve(static_cast<std::size_t>(draws_));
  for (std::uint64_t d = 0; d < draws_; ++d) {
    const std::vector<double> values(parameters_.begin() + static_cast<std::ptrdiff_t>(d * inputs),
                                     parameters_.begin() + static_cast<std::ptrdiff_t>((d + 1) * inputs));
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
