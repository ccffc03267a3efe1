// The change of variables of the ABC-SMC kernel (sim/calibrate/support_transform.hpp): round
// trip, Jacobian against finite differences, and T^-1 never leaving the support.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/calibrate/support_transform.hpp"

namespace simrun {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One parameter of each shape: interval, lower bound only, upper bound only, unbounded, and an
// interval far from 0 (so that a + (b - a) σ(u) rounds onto a sooner).
const double kLo[5] = {0, 2, -kInf, -kInf, 1000}, kHi[5] = {1, kInf, -3, kInf, 1000.5};
const SupportTransform kT({{kLo[0], kHi[0]}, {kLo[1], kHi[1]}, {kLo[2], kHi[2]}, {kLo[3], kHi[3]}, {kLo[4], kHi[4]}});
const double kInteriorPoints[5][4] = {
    {1e-9, 0.2, 0.5, 1 - 1e-6}, {2 + 1e-6, 2.5, 10, 1e6}, {-1e6, -10, -3.5, -3 - 1e-6}, {-1e3, -1, 0, 7}, {1000.001, 1000.25, 1000.4, 1000.499}};
// (Points near a bound b != 0 stay 1e-6 from it: θ has absolute resolution ulp(b) there, so the
// distance to the bound, and with it u and T', is only known to ulp(b) / distance.)

TEST(SupportTransform, RoundTripsInsideTheSupport) {
  for (std::size_t k = 0; k < 5; ++k)
    for (double x : kInteriorPoints[k]) {
      const double u = kT.forward(k, x);
      ASSERT_TRUE(std::isfinite(u)) << k << " " << x;
      EXPECT_NEAR(kT.inverse(k, u), x, 1e-12 * std::max(1.0, std::fabs(x))) << k << " " << x;
    }
  // In u the round trip loses what θ's rounding loses near a bound, ulp(b) / |θ - b|: |u| <= 12
  // keeps that below 1e-10 (on [1000, 1000.5], where ulp is 1.1e-13, |u| <= 5).
  for (std::size_t k = 0; k < 5; ++k)
    for (double u : {-12.0, -3.0, -0.1, 0.0, 0.7, 5.0, 12.0}) {
      if (k == 4 && std::fabs(u) > 5) continue;
      EXPECT_NEAR(kT.forward(k, kT.inverse(k, u)), u, 1e-9 * std::max(1.0, std::fabs(u))) << k << " " << u;
    }
}

TEST(SupportTransform, IsIncreasingAndMapsTheSupportOntoTheLine) {
  for (std::size_t k = 0; k < 5; ++k) {
    double last = -kInf;
    for (double x : kInteriorPoints[k]) {
      EXPECT_GT(kT.forward(k, x), last) << k << " " << x;
      last = kT.forward(k, x);
    }
  }
  EXPECT_LT(kT.forward(0, 1e-300), -600);  // logit: both ends go to infinity
  EXPECT_GT(kT.forward(0, 1 - 1e-16), 35);
  EXPECT_LT(kT.forward(1, 2 + 1e-300), -600);
  EXPECT_GT(kT.forward(2, -3 - 1e-300), 600);
}

// d/dθ T_k(θ) by a central difference, against exp(log_derivative).
TEST(SupportTransform, JacobianMatchesFiniteDifferences) {
  for (std::size_t k = 0; k < 5; ++k)
    for (double x : kInteriorPoints[k]) {
      const double gap = std::min(x - kLo[k], kHi[k] - x);
      const double h = std::min(1e-4 * std::max(1.0, std::fabs(x)), 1e-3 * gap);
      const double fd = (kT.forward(k, x + h) - kT.forward(k, x - h)) / (2 * h);
      EXPECT_NEAR(std::exp(kT.log_derivative(k, x)), fd, 1e-5 * fd) << k << " " << x;
    }
  // The vector form is the sum over parameters (a diagonal Jacobian).
  Eigen::VectorXd theta(5);
  theta << 0.3, 4.0, -5.0, 1.0, 1000.1;
  double sum = 0;
  for (std::size_t k = 0; k < 5; ++k) sum += kT.log_derivative(k, theta(static_cast<Eigen::Index>(k)));
  EXPECT_DOUBLE_EQ(kT.log_jacobian(theta), sum);
  EXPECT_EQ(kT.log_derivative(3, 12.0), 0.0);  // identity
}

// T^-1 of any finite u lies in the closed support; strictly inside for moderate u (|u| < 20 on
// [1000, 1000.5]: 0.5 σ(-30) is below half an ulp of 1000); on a bound
// only when it rounds there, and then `interior` says no (the sampler rejects it).
TEST(SupportTransform, InverseNeverLeavesTheSupport) {
  for (std::size_t k = 0; k < 5; ++k)
    for (double u = -800; u <= 800; u += 0.37) {
      const double x = kT.inverse(k, u);
      EXPECT_TRUE(x >= kLo[k] && x <= kHi[k]) << k << " " << u << " -> " << x;
      if (std::fabs(u) < (k == 4 ? 20 : 30)) {
        EXPECT_TRUE(kT.interior(k, x)) << k << " " << u << " -> " << x;
      }
      if (x == kLo[k] || x == kHi[k]) {
        EXPECT_FALSE(kT.interior(k, x)) << k << " " << u;
      }
    }
  EXPECT_EQ(kT.inverse(0, 800), 1.0);  // rounds onto the bound ...
  EXPECT_FALSE(kT.interior(0, 1.0));   // ... and is not interior
  EXPECT_FALSE(kT.interior(1, kInf));  // a + e^u overflowing is not either
  EXPECT_FALSE(kT.interior(0, std::nan("")));
}

// A point mass (lower == upper): u is 0, θ stays at the point, the Jacobian is a constant.
TEST(SupportTransform, PointMassStaysPut) {
  const SupportTransform t({{0.25, 0.25}});
  EXPECT_EQ(t.forward(0, 0.25), 0.0);
  for (double u : {-5.0, 0.0, 3.0}) EXPECT_EQ(t.inverse(0, u), 0.25);
  EXPECT_EQ(t.log_derivative(0, 0.25), 0.0);
  EXPECT_TRUE(t.interior(0, 0.25));
  EXPECT_FALSE(t.interior(0, 0.2500001));
}

}  // namespace
}  // namespace simrun
