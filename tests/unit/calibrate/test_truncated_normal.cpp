// The truncated standard normal of the truncated kernel (sim/calibrate/truncated_kernel.hpp):
// its quantile and log mass against Boost's normal distribution, in the body and far in a tail.
#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

#include "sim/calibrate/truncated_kernel.hpp"

namespace simrun {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const boost::math::normal_distribution<double> kStd;

double cdf(double x) { return boost::math::cdf(kStd, x); }
double ccdf(double x) { return boost::math::cdf(boost::math::complement(kStd, x)); }

TEST(TruncatedNormal, LogMassMatchesBoostInEitherTail) {
  const double cases[][2] = {{-1, 2}, {-kInf, 0.3}, {0.2, kInf}, {-kInf, kInf}, {5, 6}, {-30, -29}, {20, kInf}, {-0.1, 0.1}};
  for (const auto& c : cases) {
    const double expected = c[0] >= 0 ? std::log(ccdf(c[0]) - ccdf(c[1])) : std::log(cdf(c[1]) - cdf(c[0]));
    EXPECT_NEAR(log_normal_mass(c[0], c[1]), expected, 1e-12 * std::max(1.0, std::fabs(expected))) << c[0] << " " << c[1];
  }
}

// F(quantile(u)) = u for F the truncated CDF, computed from the tail that keeps its precision.
TEST(TruncatedNormal, QuantileInvertsTheTruncatedCdf) {
  const double cases[][2] = {{-1, 2}, {-kInf, 0.3}, {0.2, kInf}, {-kInf, kInf}, {5, 6}, {-30, -29}, {20, kInf}, {-3, -2.5}};
  for (const auto& c : cases)
    for (double u : {1e-12, 0.01, 0.3, 0.5, 0.8, 0.999, 1 - 1e-9}) {
      const double z = truncated_normal_quantile(c[0], c[1], u, 1 - u);
      ASSERT_TRUE(z >= c[0] && z <= c[1]) << c[0] << " " << c[1] << " " << u << " -> " << z;
      const double f = c[0] >= 0 ? (ccdf(c[0]) - ccdf(z)) / (ccdf(c[0]) - ccdf(c[1])) : (cdf(z) - cdf(c[0])) / (cdf(c[1]) - cdf(c[0]));
      EXPECT_NEAR(f, u, 1e-8 * std::max(u, 1e-3)) << c[0] << " " << c[1] << " " << u;
    }
}

TEST(TruncatedNormal, QuantileIsIncreasingInU) {
  double last = -kInf;
  for (double u = 0.001; u < 1; u += 0.001) {
    const double z = truncated_normal_quantile(-0.4, 1.7, u, 1 - u);
    EXPECT_GT(z, last) << u;
    last = z;
  }
}

}  // namespace
}  // namespace simrun
