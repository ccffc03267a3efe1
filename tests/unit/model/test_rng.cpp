// Addressed counter-based random numbers (rng.hpp; docs/model.md §4.9 "common random
// numbers"): every draw is a pure function of (seed, run, tick, category, index).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <set>

#include "sim/model/rng.hpp"

namespace simrun {
namespace {

TEST(Rng, UniformIsAPureFunctionOfItsAddress) {
  const RunRng a(42u, 7u), b(42u, 7u);
  for (std::uint32_t index = 0; index < 50; ++index)
    for (int tick = 0; tick < 5; ++tick) {
      const double x = a.uniform(tick, Draw::Crisis, index);
      // Same address twice, from the same object and from a fresh one: identical.
      EXPECT_EQ(x, a.uniform(tick, Draw::Crisis, index));
      EXPECT_EQ(x, b.uniform(tick, Draw::Crisis, index));
    }
  // Drawing other addresses in between does not shift a draw (no hidden state).
  const double before = a.uniform(3, Draw::Formation, 2);
  for (std::uint32_t k = 0; k < 100; ++k) (void)a.uniform(3, Draw::Formation, k + 10);
  EXPECT_EQ(before, a.uniform(3, Draw::Formation, 2));
  EXPECT_EQ(a.normal(2, Draw::GrowthNoise, 1), b.normal(2, Draw::GrowthNoise, 1));
}

TEST(Rng, EveryAddressComponentChangesTheDraw) {
  const RunRng base(42u, 7u);
  const double x = base.uniform(3, Draw::Crisis, 5);
  EXPECT_NE(x, RunRng(43u, 7u).uniform(3, Draw::Crisis, 5));   // seed
  EXPECT_NE(x, RunRng(42u, 8u).uniform(3, Draw::Crisis, 5));   // run
  EXPECT_NE(x, base.uniform(4, Draw::Crisis, 5));              // tick
  EXPECT_NE(x, base.uniform(3, Draw::Visit, 5));               // category
  EXPECT_NE(x, base.uniform(3, Draw::Crisis, 6));              // index
  // Every bit of the address counts (high and low bits of index, tick, seed and run).
  for (int bitpos : {0, 8, 16, 24, 31}) {
    const std::uint32_t flip = std::uint32_t{1} << bitpos;
    EXPECT_NE(x, base.uniform(3, Draw::Crisis, 5u ^ flip)) << "index bit " << bitpos;
    EXPECT_NE(x, RunRng(42u ^ flip, 7u).uniform(3, Draw::Crisis, 5)) << "seed bit " << bitpos;
    EXPECT_NE(x, RunRng(42u, 7u ^ flip).uniform(3, Draw::Crisis, 5)) << "run bit " << bitpos;
    if (bitpos < 31) {
      EXPECT_NE(x, base.uniform(3 ^ (1 << bitpos), Draw::Crisis, 5)) << "tick bit " << bitpos;
    }
  }
  // Seed and run are not interchangeable.
  EXPECT_NE(RunRng(1u, 2u).uniform(0, Draw::Crisis, 0), RunRng(2u, 1u).uniform(0, Draw::Crisis, 0));
  // 10000 neighbouring addresses give 10000 distinct values (32-bit resolution: a collision
  // among 1e4 values has probability about 1e8 / 2^33 ≈ 0.01; this fixed seed has none).
  std::set<double> seen;
  for (std::uint32_t k = 0; k < 10000; ++k) seen.insert(base.uniform(static_cast<int>(k % 100), Draw::ArmsDeal, k / 100));
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(Rng, UniformIsInOpenUnitIntervalWithMeanOneHalf) {
  const RunRng rng(20180630u, 0u);
  const int n = 100000;
  double sum = 0;
  for (int k = 0; k < n; ++k) {
    const double u = rng.uniform(k % 40, Draw::AidDecision, static_cast<std::uint32_t>(k / 40));
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  const double mean = sum / n;
  const double se = std::sqrt(1.0 / 12.0 / n);  // sqrt(1/12/1e5) = 0.000912871
  EXPECT_NEAR(mean, 0.5, 4 * se) << "mean " << mean;
}

TEST(Rng, UniformHasFull32BitResolution) {
  // u = (k + 0.5) / 2^32 for a 32-bit integer k: every bit of k is used, the lowest included.
  const RunRng rng(3u, 1u);
  const int n = 4000;
  int odd = 0, high = 0;
  for (int i = 0; i < n; ++i) {
    const double k = rng.uniform(i, Draw::Dissolution, 0) * 4294967296.0 - 0.5;
    ASSERT_EQ(k, std::floor(k));
    ASSERT_GE(k, 0.0);
    ASSERT_LE(k, 4294967295.0);
    odd += std::fmod(k, 2.0) == 1.0 ? 1 : 0;
    high += k >= 2147483648.0 ? 1 : 0;
  }
  // Each bit is set about half the time: 2000 ± 4·sqrt(4000·¼) = ±126.
  EXPECT_NEAR(odd, 2000, 126);
  EXPECT_NEAR(high, 2000, 126);
}

TEST(Rng, NormalHasMeanZeroAndVarianceOne) {
  const RunRng rng(99u, 3u);
  const int n = 100000;
  double sum = 0, sum2 = 0;
  for (int k = 0; k < n; ++k) {
    const double z = rng.normal(k % 40, Draw::GrowthNoise, static_cast<std::uint32_t>(k / 40));
    ASSERT_TRUE(std::isfinite(z));
    sum += z;
    sum2 += z * z;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(double(n))) << "mean " << mean;          // 4 SE = 0.01265
  EXPECT_NEAR(var, 1.0, 4.0 * std::sqrt(2.0 / double(n))) << "variance " << var;  // 4 SE = 0.01789
}

TEST(Rng, NormalAndUniformAtTheSameAddressAreNotTheSameStream) {
  // normal() positions its engine at the address; it must not simply transform uniform().
  const RunRng rng(5u, 5u);
  int equal_sign = 0;
  for (std::uint32_t k = 0; k < 2000; ++k) {
    const double u = rng.uniform(1, Draw::GrowthNoise, k);
    const double z = rng.normal(1, Draw::GrowthNoise, k);
    equal_sign += (u > 0.5) == (z > 0.0) ? 1 : 0;
  }
  // Independent streams agree on the sign about half the time: 1000 ± 4·sqrt(2000·¼) = ±89.
  EXPECT_NEAR(equal_sign, 1000, 89);
}

TEST(Rng, BernoulliEdgeCases) {
  const RunRng rng(1u, 1u);
  int ones = 0, zeros = 0;
  for (std::uint32_t k = 0; k < 20000; ++k) {
    ones += rng.bernoulli(1.0, 2, Draw::Formation, k) ? 1 : 0;
    zeros += rng.bernoulli(0.0, 2, Draw::Formation, k) ? 1 : 0;
    EXPECT_FALSE(rng.bernoulli(-0.5, 2, Draw::Formation, k));
  }
  EXPECT_EQ(ones, 20000);  // p = 1: always (uniforms are < 1)
  EXPECT_EQ(zeros, 0);     // p = 0: never (uniforms are > 0)
  // A bernoulli draw is the uniform at the same address compared with p.
  for (std::uint32_t k = 0; k < 100; ++k) {
    const double u = rng.uniform(9, Draw::Visit, k);
    EXPECT_EQ(rng.bernoulli(0.3, 9, Draw::Visit, k), u < 0.3);
  }
}

TEST(Rng, BernoulliFrequencyMatchesP) {
  const RunRng rng(17u, 0u);
  const int n = 100000;
  int hits = 0;
  for (int k = 0; k < n; ++k) hits += rng.bernoulli(0.08, k % 38, Draw::Crisis, static_cast<std::uint32_t>(k / 38)) ? 1 : 0;
  // E = 8000, SD = sqrt(1e5 · .08 · .92) = 85.8: within 4 SD = 343.
  EXPECT_NEAR(hits, 8000, 343);
}

}  // namespace
}  // namespace simrun
