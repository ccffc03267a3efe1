// Fixed-point encoding of the ensemble sums: exact in the ordinary range, and saturating (never
// wrapping to a negative number) for amounts that a century of extreme growth can reach.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/engine/accumulator.hpp"

namespace simrun {
namespace {

TEST(fixed_point, RoundTripsOrdinaryValues) {
  for (double x : {0.0, 1.0, -1.0, 0.5, 0.123456789, 3.75, 1234.5678}) {
    EXPECT_NEAR(from_fixed(to_fixed(x)), x, 0.5 / kFixedPointScale) << x;
  }
}

TEST(fixed_point, BeyondInt64StaysPositiveAndExact) {
  // 2^31 $bn and more: llround(x * 2^32) overflowed int64 here (the bug behind a negative
  // trade_mean). int128 holds it exactly.
  const double big = 3.0e9;
  EXPECT_GT(to_fixed(big), 0);
  EXPECT_DOUBLE_EQ(from_fixed(to_fixed(big)), big);
  int128 sum = 0;
  for (int i = 0; i < 1000; ++i) sum += to_fixed(big);
  EXPECT_DOUBLE_EQ(from_fixed(sum) / 1000.0, big);
}

TEST(fixed_point, SaturatesInsteadOfOverflowing) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(to_fixed(1e300), to_fixed(kMaxAccumulated));
  EXPECT_EQ(to_fixed(inf), to_fixed(kMaxAccumulated));
  EXPECT_EQ(to_fixed(-inf), to_fixed(-kMaxAccumulated));
  EXPECT_EQ(to_fixed(std::nan("")), 0);
  // The largest possible sum (1e8 runs at the bound) still fits: no wrap to negative.
  int128 sum = 0;
  for (int i = 0; i < 100; ++i) sum += to_fixed(kMaxAccumulated) * 1000000;
  EXPECT_GT(sum, 0);
  EXPECT_NEAR(from_fixed(sum) / 1e8, kMaxAccumulated, kMaxAccumulated * 1e-12);
}

}  // namespace
}  // namespace simrun
