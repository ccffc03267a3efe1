#include "sim/engine/draw_counts.hpp"

#include <stdexcept>

namespace simrun {

DrawCounts::DrawCounts(std::uint64_t d, std::uint64_t r, int t, int nd) : draws(d), runs_per_draw(r), ticks(t), dyads(nd) {
  const std::size_t cells = static_cast<std::size_t>(d) * static_cast<std::size_t>(t + 1) * static_cast<std::size_t>(nd);
  formed_by.assign(cells, 0);
  in_force.assign(cells, 0);
  coaligned.assign(cells, 0);
  pact_formed_by.assign(cells * kPactTypes, 0);
  pact_in_force.assign(cells * kPactTypes, 0);
}

std::vector<std::uint32_t> DrawCounts::cell(const std::vector<std::uint32_t>& counts, int tick, int dyad) const {
  std::vector<std::uint32_t> out(static_cast<std::size_t>(draws));
  for (std::uint64_t d = 0; d < draws; ++d) out[static_cast<std::size_t>(d)] = counts[at(d, tick, dyad)];
  return out;
}

std::vector<std::uint32_t> DrawCounts::cell(const std::vector<std::uint32_t>& counts, int tick, int dyad, int pact_type) const {
  std::vector<std::uint32_t> out(static_cast<std::size_t>(draws));
  for (std::uint64_t d = 0; d < draws; ++d) out[static_cast<std::size_t>(d)] = counts[at(d, tick, dyad, pact_type)];
  return out;
}

void DrawCounts::add(std::uint64_t first_run, const RunTable& table) {
  const auto nt = static_cast<std::size_t>(ticks + 1), nd = static_cast<std::size_t>(dyads);
  if (table.status.size() != table.rows * nt * nd) throw std::logic_error("DrawCounts::add: the wave has no tick status");
  for (std::size_t row = 0; row < table.rows; ++row) {
    const std::uint64_t draw = (first_run + row) / runs_per_draw;
    for (int dy = 0; dy < dyads; ++dy) {
      const std::int16_t first = table.first_tick[table.rd(row, dy)];
      for (int t = 0; t <= ticks; ++t) {
        const std::size_t k = at(draw, t, dy);
        const std::uint8_t s = table.status[(row * nt + static_cast<std::size_t>(t)) * nd + static_cast<std::size_t>(dy)];
        formed_by[k] += first >= 0 && t >= first;
        in_force[k] += (s & RunTable::kInForce) != 0;
        coaligned[k] += (s & RunTable::kCoaligned) != 0;
        for (int p = 0; p < kPactTypes; ++p) {
          pact_formed_by[k * kPactTypes + static_cast<std::size_t>(p)] += (s & (RunTable::kPactFormed << p)) != 0;
          pact_in_force[k * kPactTypes + static_cast<std::size_t>(p)] += (s & (RunTable::kPactInForce << p)) != 0;
        }
      }
    }
  }
}

}  // namespace simrun
