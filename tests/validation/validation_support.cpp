#include "validation_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "sim/engine/ensemble.hpp"

namespace simrun::validation {

std::string scenario_path(const std::string& file) { return std::string(SIMRUN_SOURCE_DIR) + "/scenarios/" + file; }

namespace {

int dyad_of(const Scenario& sc, const std::string& label) {
  for (int d = 0; d < sc.n_dyads(); ++d)
    if (sc.dyad_label(d) == label) return d;
  throw std::invalid_argument("no dyad " + label);
}

}  // namespace

std::vector<double> chance_by_horizon(const std::string& file, const std::string& dyad, std::uint64_t runs, Pacts which) {
  const Scenario sc = load_scenario(scenario_path(file));
  const ModelContext ctx(sc);
  const auto d = static_cast<std::size_t>(dyad_of(sc, dyad));
  std::vector<double> out(runs);
  EnsembleOptions opt;
  opt.seed = kSeed;
  opt.runs = runs;
  run_ensemble(ctx, opt, [&](std::uint64_t first, const RunTable& t) {
    for (std::size_t r = 0; r < t.rows; ++r) {
      // pact_type order: 0 defence, 1 consultation. Chances of independent draws combine as 1 - Π(1 - c).
      const double defence = t.negotiation_chance[t.rdp(r, static_cast<int>(d), 0)];
      const double consultation = t.negotiation_chance[t.rdp(r, static_cast<int>(d), 1)];
      out[first + r] = which == Pacts::Defence ? defence : 1.0 - (1.0 - defence) * (1.0 - consultation);
    }
  });
  return out;
}

PairedMeans paired_means(const std::vector<double>& a, const std::vector<double>& b) {
  PairedMeans m;
  const double n = static_cast<double>(a.size());
  double sum = 0, sumsq = 0;
  for (std::size_t r = 0; r < a.size(); ++r) {
    m.a += a[r] / n;
    m.b += b[r] / n;
    const double d = b[r] - a[r];
    sum += d;
    sumsq += d * d;
  }
  m.difference = sum / n;
  m.se = std::sqrt(std::max(0.0, (sumsq / n - m.difference * m.difference) / (n - 1)));
  m.z = m.se > 0 ? m.difference / m.se : 0.0;
  return m;
}

Contrast contrast(const std::string& low, const std::string& high, const std::string& dyad, std::uint64_t runs) {
  return {low, high, paired_means(chance_by_horizon(low, dyad, runs), chance_by_horizon(high, dyad, runs))};
}

void report(const std::string& fact, const std::string& claim, const std::string& test, const std::string& result,
            bool pass) {
  ::testing::Test::RecordProperty("result", result);
  std::printf("[validation] %s: %s -> %s\n", fact.c_str(), result.c_str(), pass ? "PASS" : "FAIL");
  const char* path = std::getenv("SIMRUN_VALIDATION_REPORT");
  if (!path) return;
  std::ofstream out(path, std::ios::app);
  out << "| " << fact << " | " << claim << " | " << test << " | " << result << " | " << (pass ? "pass" : "**FAIL**") << " |\n";
}

}  // namespace simrun::validation
