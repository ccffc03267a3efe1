// The stylized facts of docs/model.md §1.2 as paired statistical tests (common random
// numbers, fixed seed, one-sided McNemar z > 2.33 in the claimed direction). If a fact fails,
// the model is wrong, not the threshold: see docs/validation.md.
#include <cmath>
#include <cstdio>

#include "validation_support.hpp"

namespace simrun::validation {
namespace {

std::string figures(const Contrast& c) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "P %.3f → %.3f (Δ %+.3f [%+.3f, %+.3f]); b = %llu, c = %llu, z = %+.2f",
                c.stats.a.estimate, c.stats.b.estimate, c.stats.difference, c.stats.difference_lo, c.stats.difference_hi,
                static_cast<unsigned long long>(c.stats.discordant_b), static_cast<unsigned long long>(c.stats.discordant_a),
                c.stats.z);
  return buf;
}

/// Claimed direction +1 (the high variant raises P) or -1.
void expect_direction(const std::string& fact, const std::string& claim, const std::string& low, const std::string& high,
                      int sign) {
  const Contrast c = contrast(low, high);
  const bool pass = sign * c.stats.z > kZCritical;
  report(fact, claim, low + " → " + high + (sign > 0 ? ": z > 2.33" : ": z < −2.33"), figures(c), pass);
  EXPECT_TRUE(pass) << fact << ": " << figures(c);
}

TEST(StylizedFacts, SF1_TradeRaisesAllianceProbability) {
  expect_direction("SF1a", "more RUS-PAK trade raises the chance of an alliance", "baseline.yaml", "trade_push.yaml", +1);
}

TEST(StylizedFacts, SF1_PipelineRaisesAllianceProbability) {
  expect_direction("SF1b", "the pipeline (investment) raises it", "baseline.yaml", "pipeline_built.yaml", +1);
}

TEST(StylizedFacts, SF3_RussiaIndiaFalloutRaisesIt) {
  expect_direction("SF3", "Russia drifting from India raises it", "baseline.yaml", "russia_india_fallout.yaml", +1);
}

TEST(StylizedFacts, SF4_ConditionalUsAidLowersIt) {
  expect_direction("SF4", "credible, conditional US aid to Pakistan lowers it", "baseline.yaml", "us_aid_conditional.yaml", -1);
}

TEST(StylizedFacts, SF4c_AidSuspensionStickRaisesItAgainstCarrot) {
  expect_direction("SF4c", "a suspension-prone aid stick raises it against a conditional carrot", "us_aid_conditional.yaml",
                   "us_aid_stick.yaml", +1);
}

TEST(StylizedFacts, SF6_UsIndiaRapprochementRaisesIt) {
  expect_direction("SF6", "US-India rapprochement raises it (hedging)", "baseline.yaml", "us_india_rapprochement.yaml", +1);
}

TEST(StylizedFacts, SF8_SharedThreatRaisesIt) {
  expect_direction("SF8", "shared Afghanistan/IS threats raise it", "baseline.yaml", "is_resurgence.yaml", +1);
}

TEST(StylizedFacts, SF9_ChinaSteppingBackLowersIt) {
  expect_direction("SF9", "China's brokerage raises it: without it P falls", "baseline.yaml", "china_steps_back.yaml", -1);
}

/// SF2: 2×2 of arms push × trade push with every run paired across the four cells. The
/// military push alone does little; economic and military ties are complements (positive
/// difference-in-differences, tested on the per-run DiD with its standard error).
TEST(StylizedFacts, SF2_ArmsAndTradeAreComplements) {
  const auto y00 = formed_by_horizon("baseline.yaml", "RUS-PAK", kRuns);
  const auto y10 = formed_by_horizon("arms_package.yaml", "RUS-PAK", kRuns);
  const auto y01 = formed_by_horizon("trade_push.yaml", "RUS-PAK", kRuns);
  const auto y11 = formed_by_horizon("arms_and_trade.yaml", "RUS-PAK", kRuns);
  double sum = 0, sumsq = 0, mil = 0, mil_sq = 0, eco = 0;
  for (std::uint64_t r = 0; r < kRuns; ++r) {
    const double did = double(y11[r]) - y01[r] - y10[r] + y00[r];
    const double m = double(y10[r]) - y00[r];
    sum += did;
    sumsq += did * did;
    mil += m;
    mil_sq += m * m;
    eco += double(y01[r]) - y00[r];
  }
  const double n = static_cast<double>(kRuns);
  const double did = sum / n, se = std::sqrt((sumsq / n - did * did) / (n - 1));
  const double m = mil / n, m_se = std::sqrt((mil_sq / n - m * m) / (n - 1));
  const double z = se > 0 ? did / se : 0.0;
  char buf[256];
  std::snprintf(buf, sizeof buf, "military effect %+.3f ± %.3f, economic effect %+.3f; DiD %+.3f, SE %.3f, z = %+.2f", m,
                1.96 * m_se, eco / n, did, se, z);
  const bool pass = z > kZCritical && m < eco / n;
  report("SF2", "an alliance needs all three fronts: arms alone do little, arms and trade are complements",
         "2×2 paired: DiD z > 2.33 and military effect < economic effect", buf, pass);
  EXPECT_TRUE(pass) << buf;
}

}  // namespace
}  // namespace simrun::validation
