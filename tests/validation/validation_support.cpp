#include "validation_support.hpp"

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

std::vector<std::uint8_t> formed_by_horizon(const std::string& file, const std::string& dyad, std::uint64_t runs) {
  const Scenario sc = load_scenario(scenario_path(file));
  const ModelContext ctx(sc);
  const auto d = static_cast<std::size_t>(dyad_of(sc, dyad));
  std::vector<std::uint8_t> out(runs);
  EnsembleOptions opt;
  opt.seed = kSeed;
  opt.runs = runs;
  run_ensemble(ctx, opt, [&](std::uint64_t first, const RunTable& t) {
    for (std::size_t r = 0; r < t.rows; ++r) out[first + r] = t.formed[t.rd(r, static_cast<int>(d))];
  });
  return out;
}

Contrast contrast(const std::string& low, const std::string& high, const std::string& dyad, std::uint64_t runs) {
  const auto a = formed_by_horizon(low, dyad, runs), b = formed_by_horizon(high, dyad, runs);
  PairedCounts c;
  for (std::uint64_t r = 0; r < runs; ++r) (a[r] ? (b[r] ? c.both : c.a_only) : (b[r] ? c.b_only : c.neither))++;
  return {low, high, paired_stats(c)};
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
