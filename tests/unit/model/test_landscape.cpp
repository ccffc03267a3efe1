// Axelrod-Bennett landscape (Axelrod & Bennett 1993; docs/model.md §7): hand-computed energies of the 2018
// baseline (reference fact L1) and the Gray-code minimum against a brute-force enumeration.
//
// Conventions (landscape.hpp): weights w_ij = s_i s_j p_ij (N*N); a configuration is a bitmask
// with actor 0 on side 0 (bit i set = actor i on the other side); E(X) = Σ_i Σ_{j≠i} w_ij d_ij(X)
// over ORDERED pairs, so with symmetric p every cross-bloc pair counts twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "sim/model/landscape.hpp"
#include "sim/model/step.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun {
namespace {

// Actor order of the reference tables and of scenarios/baseline.yaml.
enum : int { USA = 0, CHN = 1, IND = 2, RUS = 3, PAK = 4 };
const std::vector<std::string> kIds = {"USA", "CHN", "IND", "RUS", "PAK"};

constexpr Config bit(int i) { return Config{1} << i; }

/// CINC 2016 sizes over the five (COW National Material Capabilities v6.0).
std::vector<double> reference_sizes() { return {0.265, 0.459, 0.173, 0.073, 0.030}; }

/// The analysts' anchor propensities p̂ (scenarios/baseline.yaml), symmetric, zero diagonal.
std::vector<double> reference_propensities() {
  std::vector<double> p(25, 0.0);
  auto set = [&p](int i, int j, double v) {
    p[static_cast<std::size_t>(i * 5 + j)] = v;
    p[static_cast<std::size_t>(j * 5 + i)] = v;
  };
  set(USA, CHN, -0.4);
  set(USA, IND, +0.5);
  set(USA, RUS, -0.6);
  set(USA, PAK, +0.1);
  set(CHN, IND, -0.4);
  set(CHN, RUS, +0.6);
  set(CHN, PAK, +0.9);
  set(IND, RUS, +0.7);
  set(IND, PAK, -0.9);
  set(RUS, PAK, +0.2);
  return p;
}

std::vector<double> reference_weights() {
  std::vector<double> w;
  landscape_weights(5, reference_sizes(), reference_propensities(), w);
  return w;
}

// Rank 1: {USA, IND} | {CHN, RUS, PAK}. Cross-bloc pairs (s_i s_j p_ij):
//   USA-CHN .265*.459*(-.4) = -0.048654     USA-RUS .265*.073*(-.6) = -0.011607
//   USA-PAK .265*.030*(+.1) = +0.000795     IND-CHN .173*.459*(-.4) = -0.0317628
//   IND-RUS .173*.073*(+.7) = +0.0088403    IND-PAK .173*.030*(-.9) = -0.004671
//   sum = -0.0870595, counted twice (ordered pairs): E = -0.174119   (reference: -0.174)
constexpr Config kRank1 = bit(CHN) | bit(RUS) | bit(PAK);  // 2 + 8 + 16 = 26
constexpr double kE1 = -0.174119;
// Rank 2: {USA, IND, PAK} | {CHN, RUS}. Cross pairs:
//   USA-CHN -0.048654, USA-RUS -0.011607, IND-CHN -0.0317628, IND-RUS +0.0088403,
//   PAK-CHN .030*.459*.9 = +0.012393, PAK-RUS .030*.073*.2 = +0.000438
//   sum = -0.0703525, E = -0.140705   (reference: -0.141)
constexpr Config kRank2 = bit(CHN) | bit(RUS);  // 10
constexpr double kE2 = -0.140705;
// Rank 3: {USA, IND, RUS} | {CHN, PAK}. Cross pairs:
//   USA-CHN -0.048654, USA-PAK +0.000795, IND-CHN -0.0317628, IND-PAK -0.004671,
//   RUS-CHN .073*.459*.6 = +0.0201042, RUS-PAK +0.000438
//   sum = -0.0637506, E = -0.1275012   (reference: -0.128)
constexpr Config kRank3 = bit(CHN) | bit(PAK);  // 18
constexpr double kE3 = -0.1275012;

// ---- independent brute force, used only for checking the code under test ----

double brute_energy(int n, const std::vector<double>& w, Config c) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const bool side_i = (c & bit(i)) != 0, side_j = (c & bit(j)) != 0;
      if (i != j && side_i != side_j) e += w[static_cast<std::size_t>(i * n + j)];
    }
  return e;
}

struct Brute {
  Config best = 0;
  double best_e = std::numeric_limits<double>::infinity();
  double second_e = std::numeric_limits<double>::infinity();
};

/// All 2^(N-1) configurations with actor 0 on side 0; best by energy then smaller config.
Brute brute_minimum(int n, const std::vector<double>& w) {
  std::vector<std::pair<double, Config>> all;
  for (Config k = 0; k < (Config{1} << (n - 1)); ++k) all.emplace_back(brute_energy(n, w, k << 1), k << 1);
  std::sort(all.begin(), all.end());
  Brute b;
  b.best = all[0].second;
  b.best_e = all[0].first;
  if (all.size() > 1) b.second_e = all[1].first;
  return b;
}

std::vector<double> random_weights(int n, std::mt19937& gen, bool symmetric) {
  std::uniform_real_distribution<double> size_dist(0.01, 1.0), prop_dist(-1.0, 1.0);
  std::vector<double> sizes(static_cast<std::size_t>(n)), p(static_cast<std::size_t>(n * n), 0.0);
  double total = 0;
  for (auto& s : sizes) total += (s = size_dist(gen));
  for (auto& s : sizes) s /= total;
  for (int i = 0; i < n; ++i)
    for (int j = symmetric ? i + 1 : 0; j < n; ++j) {
      if (i == j) continue;
      const double v = prop_dist(gen);
      p[static_cast<std::size_t>(i * n + j)] = v;
      if (symmetric) p[static_cast<std::size_t>(j * n + i)] = v;
    }
  std::vector<double> w;
  landscape_weights(n, sizes, p, w);
  return w;
}

// ---------------------------------------------------------------------------------------------

TEST(Landscape, WeightsAreSizeProductTimesPropensity) {
  const std::vector<double> w = reference_weights();
  ASSERT_EQ(w.size(), 25u);
  EXPECT_NEAR(w[USA * 5 + CHN], -0.048654, 1e-12);   // .265*.459*(-.4)
  EXPECT_NEAR(w[CHN * 5 + USA], -0.048654, 1e-12);   // symmetric
  EXPECT_NEAR(w[IND * 5 + RUS], 0.0088403, 1e-12);   // .173*.073*.7
  EXPECT_NEAR(w[PAK * 5 + CHN], 0.012393, 1e-12);    // .030*.459*.9
  for (int i = 0; i < 5; ++i) EXPECT_EQ(w[static_cast<std::size_t>(i * 6)], 0.0);  // diagonal
}

TEST(Landscape, EnergyOfHandComputedConfigurations) {
  const std::vector<double> w = reference_weights();
  EXPECT_NEAR(landscape_energy(5, w, 0), 0.0, 1e-12);  // everyone on one side: no cross pairs
  EXPECT_NEAR(landscape_energy(5, w, kRank1), kE1, 1e-9);
  EXPECT_NEAR(landscape_energy(5, w, kRank2), kE2, 1e-9);
  EXPECT_NEAR(landscape_energy(5, w, kRank3), kE3, 1e-9);
  // Worst bipartition {USA, CHN, IND} | {RUS, PAK}: cross pairs
  //   USA-RUS -.011607, USA-PAK +.000795, CHN-RUS +.0201042, CHN-PAK +.012393,
  //   IND-RUS +.0088403, IND-PAK -.004671: sum .0258545, E = +0.051709
  EXPECT_NEAR(landscape_energy(5, w, bit(RUS) | bit(PAK)), 0.051709, 1e-9);
  // Flipping every actor is the same bipartition: same energy.
  EXPECT_NEAR(landscape_energy(5, w, kRank1 ^ 31u), kE1, 1e-12);
}

TEST(Landscape, L1BaselineMinimumIsUsaIndVersusChnRusPak) {
  const std::vector<double> w = reference_weights();
  const LandscapeMinimum m = landscape_minimum(5, w);
  EXPECT_EQ(m.best, kRank1);
  EXPECT_EQ(config_label(m.best, kIds), "{USA, IND} | {CHN, RUS, PAK}");
  EXPECT_NEAR(m.energy, kE1, 1e-9);  // -0.174119, reference -0.174
  // Gap to the runner-up: -0.140705 - (-0.174119) = 0.033414
  EXPECT_NEAR(m.gap, 0.033414, 1e-9);
}

TEST(Landscape, L1RankingMatchesReferenceTable) {
  const std::vector<double> w = reference_weights();
  const auto ranking = landscape_ranking(5, w);
  ASSERT_EQ(ranking.size(), 16u);  // 2^(5-1)
  EXPECT_EQ(ranking[0].first, kRank1);
  EXPECT_NEAR(ranking[0].second, kE1, 1e-9);
  EXPECT_EQ(ranking[1].first, kRank2);
  EXPECT_EQ(config_label(ranking[1].first, kIds), "{USA, IND, PAK} | {CHN, RUS}");
  EXPECT_NEAR(ranking[1].second, kE2, 1e-9);  // reference -0.141
  EXPECT_EQ(ranking[2].first, kRank3);
  EXPECT_EQ(config_label(ranking[2].first, kIds), "{USA, IND, RUS} | {CHN, PAK}");
  EXPECT_NEAR(ranking[2].second, kE3, 1e-9);  // reference -0.128
  // Rank 4 {USA, IND, RUS, PAK} | {CHN}: cross pairs with CHN only:
  //   -.048654 -.0317628 +.0201042 +.012393 = -.0479196, E = -0.0958392
  EXPECT_EQ(ranking[3].first, bit(CHN));
  EXPECT_NEAR(ranking[3].second, -0.0958392, 1e-9);
  // Every configuration keeps actor 0 (USA) on side 0, and energies are non-decreasing.
  for (std::size_t k = 0; k < ranking.size(); ++k) {
    EXPECT_EQ(ranking[k].first & 1u, 0u);
    if (k > 0) {
      EXPECT_LE(ranking[k - 1].second, ranking[k].second);
    }
  }
}

TEST(Landscape, L1MinimumIsTheOnlyLocalMinimum) {
  const std::vector<double> w = reference_weights();
  EXPECT_TRUE(is_local_minimum(5, w, kRank1));
  // Rank 2 is not: PAK moving to {CHN, RUS} gives rank 1, lowering E by 0.033414.
  EXPECT_FALSE(is_local_minimum(5, w, kRank2));
  // Rank 3 is not: RUS moving to {CHN, PAK} gives rank 1, lowering E by 0.0466178.
  EXPECT_FALSE(is_local_minimum(5, w, kRank3));
  int local = 0;
  for (Config k = 0; k < 16; ++k) local += is_local_minimum(5, w, k << 1) ? 1 : 0;
  EXPECT_EQ(local, 1);  // fact L1: the unique local minimum
}

TEST(Landscape, BaselineScenarioPropensitiesAtT0GiveL1) {
  // The scenario file must encode these propensities and the CINC sizes, and p_ij(t0) = p̂_ij.
  const Scenario sc = load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  ModelContext ctx(sc);
  WorldState w;
  start_run(ctx, w);
  ASSERT_EQ(ctx.n, 5);
  std::vector<std::string> ids;
  std::vector<double> sizes;
  for (const auto& a : sc.actors) {
    ids.push_back(a.id);
    sizes.push_back(a.size);
  }
  ASSERT_EQ(ids, kIds);
  const std::vector<double> ref = reference_propensities();
  for (std::size_t k = 0; k < 25; ++k) EXPECT_NEAR(w.propensity[k], ref[k], 1e-12) << "entry " << k;
  std::vector<double> weights;
  landscape_weights(5, sizes, w.propensity, weights);
  const LandscapeMinimum m = landscape_minimum(5, weights);
  EXPECT_EQ(config_label(m.best, ids), "{USA, IND} | {CHN, RUS, PAK}");
  EXPECT_NEAR(m.energy, kE1, 1e-9);
  EXPECT_NEAR(m.gap, 0.033414, 1e-9);
}

TEST(Landscape, ConfigLabel) {
  EXPECT_EQ(config_label(0, kIds), "{USA, CHN, IND, RUS, PAK} | {}");
  EXPECT_EQ(config_label(bit(CHN), kIds), "{USA, IND, RUS, PAK} | {CHN}");
  EXPECT_EQ(config_label(bit(RUS) | bit(PAK), kIds), "{USA, CHN, IND} | {RUS, PAK}");
}

TEST(Landscape, TwoActors) {
  // N = 2: configurations 0 (together, E = 0) and 2 (apart, E = w_01 + w_10).
  std::vector<double> w;
  landscape_weights(2, {0.6, 0.4}, {0.0, 0.5, 0.5, 0.0}, w);  // w_01 = w_10 = .6*.4*.5 = 0.12
  LandscapeMinimum m = landscape_minimum(2, w);
  EXPECT_EQ(m.best, 0u);
  EXPECT_NEAR(m.energy, 0.0, 1e-12);
  EXPECT_NEAR(m.gap, 0.24, 1e-12);  // apart: 0.12 + 0.12
  landscape_weights(2, {0.6, 0.4}, {0.0, -0.5, -0.5, 0.0}, w);  // they want opposite sides
  m = landscape_minimum(2, w);
  EXPECT_EQ(m.best, 2u);
  EXPECT_NEAR(m.energy, -0.24, 1e-12);
  EXPECT_NEAR(m.gap, 0.24, 1e-12);  // together: 0 - (-0.24)
  EXPECT_TRUE(is_local_minimum(2, w, 2u));
  EXPECT_FALSE(is_local_minimum(2, w, 0u));
  const auto ranking = landscape_ranking(2, w);
  ASSERT_EQ(ranking.size(), 2u);
  EXPECT_EQ(ranking[0].first, 2u);
  EXPECT_EQ(ranking[1].first, 0u);
}

TEST(Landscape, TiesGoToTheSmallerConfigAndGiveZeroGap) {
  // N = 3, symmetric pair weights a = w_01, b = w_02, c = w_12 (each counted twice):
  //   E(0) = 0, E(2) = 2(a + c), E(4) = 2(b + c), E(6) = 2(a + b).
  // a = c = -1, b = -2: E(2) = -4, E(4) = -6, E(6) = -6: a tie between 6 and 4. The Gray-code
  // order is 0, 2, 6, 4, so the smaller config (4) is met after 6 and must still win.
  const std::vector<double> w = {0, -1, -2,  //
                                 -1, 0, -1,  //
                                 -2, -1, 0};
  const LandscapeMinimum m = landscape_minimum(3, w);
  EXPECT_EQ(m.best, 4u);
  EXPECT_EQ(m.energy, -6.0);
  EXPECT_EQ(m.gap, 0.0);
  const auto ranking = landscape_ranking(3, w);
  EXPECT_EQ(ranking[0].first, 4u);
  EXPECT_EQ(ranking[1].first, 6u);
  EXPECT_EQ(ranking[2].first, 2u);
  EXPECT_EQ(ranking[3].first, 0u);
  // A flat landscape: every configuration ties at 0, config 0 wins, gap 0.
  const LandscapeMinimum flat = landscape_minimum(4, std::vector<double>(16, 0.0));
  EXPECT_EQ(flat.best, 0u);
  EXPECT_EQ(flat.energy, 0.0);
  EXPECT_EQ(flat.gap, 0.0);
}

TEST(Landscape, GrayCodeMatchesBruteForceOnRandomSymmetricMatrices) {
  std::mt19937 gen(20180630u);
  for (int n = 2; n <= 12; ++n)
    for (int trial = 0; trial < 20; ++trial) {
      const std::vector<double> w = random_weights(n, gen, true);
      const Brute b = brute_minimum(n, w);
      const LandscapeMinimum m = landscape_minimum(n, w);
      EXPECT_EQ(m.best, b.best) << "n=" << n << " trial=" << trial;
      EXPECT_NEAR(m.energy, b.best_e, 1e-9) << "n=" << n;
      EXPECT_NEAR(m.gap, b.second_e - b.best_e, 1e-9) << "n=" << n;
      EXPECT_TRUE(is_local_minimum(n, w, m.best)) << "a global minimum is a local minimum";
      const auto ranking = landscape_ranking(n, w);
      ASSERT_EQ(ranking.size(), std::size_t{1} << (n - 1));
      EXPECT_EQ(ranking[0].first, b.best);
      EXPECT_NEAR(ranking[0].second, b.best_e, 1e-12);
      if (n > 2) {
        EXPECT_NEAR(ranking[1].second, b.second_e, 1e-12);
      }
    }
}

TEST(Landscape, GrayCodeMatchesBruteForceOnAsymmetricWeights) {
  // E counts w_ij + w_ji for every cross pair, whether or not the matrix is symmetric.
  std::mt19937 gen(7u);
  for (int n = 2; n <= 10; ++n)
    for (int trial = 0; trial < 10; ++trial) {
      const std::vector<double> w = random_weights(n, gen, false);
      const Brute b = brute_minimum(n, w);
      const LandscapeMinimum m = landscape_minimum(n, w);
      EXPECT_EQ(m.best, b.best) << "n=" << n;
      EXPECT_NEAR(m.energy, b.best_e, 1e-9);
      EXPECT_NEAR(m.gap, b.second_e - b.best_e, 1e-9);
    }
}

TEST(Landscape, LocalMinimumMatchesSingleSwitchBruteForce) {
  std::mt19937 gen(11u);
  for (int n = 2; n <= 8; ++n) {
    const std::vector<double> w = random_weights(n, gen, true);
    for (Config c = 0; c < (Config{1} << n); ++c) {
      bool local = true;
      for (int a = 0; a < n; ++a)
        if (brute_energy(n, w, c ^ bit(a)) < brute_energy(n, w, c) - 1e-12) local = false;
      EXPECT_EQ(is_local_minimum(n, w, c), local) << "n=" << n << " c=" << c;
    }
  }
}

}  // namespace
}  // namespace simrun
