// The prior distributions (sim/scenario/prior.hpp) against their closed forms: means, variances,
// quantiles and CDFs computed by hand (values in the comments), the density integrating to one,
// truncation of the normal, and each invalid parameter set refused with a message saying why.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/scenario/draws.hpp"
#include "sim/scenario/prior.hpp"

using simrun::Prior;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// ∫ exp(log_density) over the support by the midpoint rule on n cells (finite supports).
double integral_of_density(const Prior& p, int n = 200000) {
  const double lo = std::isfinite(p.lower()) ? p.lower() : p.mean() - 12 * std::sqrt(p.variance());
  const double hi = std::isfinite(p.upper()) ? p.upper() : p.mean() + 12 * std::sqrt(p.variance());
  const double h = (hi - lo) / n;
  double sum = 0;
  for (int k = 0; k < n; ++k) sum += std::exp(p.log_density(lo + (k + 0.5) * h));
  return sum * h;
}

/// Checks quantile and cdf invert each other and stay in the support.
void expect_inverse_pair(const Prior& p) {
  for (double u : {0.001, 0.05, 0.2, 0.5, 0.8, 0.95, 0.999}) {
    const double x = p.quantile(u);
    EXPECT_TRUE(p.contains(x)) << p.describe() << " u=" << u;
    EXPECT_NEAR(p.cdf(x), u, 1e-9) << p.describe() << " u=" << u;
  }
}

/// The sample mean of n draws through quantile(draw_uniform) lies within 5 standard errors of
/// mean() (sd = sqrt(variance()/n); 5 SE: a false alarm about once in 1.7 million).
void expect_sample_mean(const Prior& p, int n = 20000) {
  double sum = 0;
  for (int d = 0; d < n; ++d) sum += p.quantile(simrun::draw_uniform(7, static_cast<std::uint64_t>(d), "x"));
  EXPECT_NEAR(sum / n, p.mean(), 5 * std::sqrt(p.variance() / n)) << p.describe();
}

}  // namespace

TEST(Prior, UniformClosedForm) {
  const Prior p = Prior::uniform(0.3, 0.9);
  EXPECT_DOUBLE_EQ(p.mean(), 0.6);
  EXPECT_NEAR(p.variance(), 0.36 / 12, 1e-15);
  EXPECT_DOUBLE_EQ(p.quantile(0.25), 0.45);
  EXPECT_NEAR(p.log_density(0.5), -std::log(0.6), 1e-15);
  EXPECT_EQ(p.log_density(0.95), -kInf);
  expect_inverse_pair(p);
  expect_sample_mean(p);
}

TEST(Prior, LogUniformClosedForm) {
  const Prior p = Prior::loguniform(2, 8);
  EXPECT_NEAR(p.quantile(0.5), 4.0, 1e-12);                      // geometric midpoint
  EXPECT_NEAR(p.mean(), 6 / std::log(4.0), 1e-12);                // (b - a) / ln(b/a) = 4.328085
  EXPECT_NEAR(p.variance(), 60 / (2 * std::log(4.0)) - std::pow(6 / std::log(4.0), 2), 1e-12);
  EXPECT_NEAR(p.log_density(4), -std::log(4.0) - std::log(std::log(4.0)), 1e-12);
  EXPECT_NEAR(integral_of_density(p), 1.0, 1e-6);
  expect_inverse_pair(p);
  expect_sample_mean(p);
}

TEST(Prior, NormalWithNegligibleTruncationIsTheNormal) {
  const Prior p = Prior::normal(0.6, 0.05, 0, 10);  // 12 sd from the bounds
  EXPECT_NEAR(p.mean(), 0.6, 1e-12);
  EXPECT_NEAR(p.variance(), 0.0025, 1e-12);
  EXPECT_NEAR(p.quantile(0.975), 0.6 + 1.959963984540054 * 0.05, 1e-9);
  EXPECT_NEAR(p.log_density(0.6), -0.5 * std::log(2 * M_PI) - std::log(0.05), 1e-9);
}

TEST(Prior, HalfNormalIsTheNormalTruncatedAtItsMean) {
  const Prior p = Prior::normal(0, 1, 0, kInf);
  EXPECT_NEAR(p.mean(), std::sqrt(2 / M_PI), 1e-12);           // 0.7978846
  EXPECT_NEAR(p.variance(), 1 - 2 / M_PI, 1e-12);              // 0.3633802
  EXPECT_NEAR(p.quantile(0.5), 0.6744897501960817, 1e-9);      // Φ⁻¹(0.75)
  EXPECT_NEAR(p.log_density(0), std::log(2 / std::sqrt(2 * M_PI)), 1e-12);  // twice the normal's
  EXPECT_EQ(p.log_density(-0.1), -kInf);
  expect_inverse_pair(p);
  expect_sample_mean(p);
}

TEST(Prior, NormalTruncatedOnBothSides) {
  // N(0,1) on [-1, 1]: mass 2Φ(1)-1 = 0.6826895, variance 1 - 2φ(1)/0.6826895 = 0.2911184.
  const Prior p = Prior::normal(0, 1, -1, 1);
  EXPECT_NEAR(p.mean(), 0, 1e-12);
  EXPECT_NEAR(p.variance(), 1 - 2 * 0.24197072451914337 / 0.6826894921370859, 1e-12);
  EXPECT_NEAR(integral_of_density(p), 1.0, 1e-6);
  expect_inverse_pair(p);
  expect_sample_mean(p);
}

TEST(Prior, NormalTruncatedFarInTheUpperTailKeepsItsPrecision) {
  // N(0,1) on [5, 6]: a naive Φ⁻¹(Φ(5) + u·mass) keeps only ~9 digits (Φ(5) = 1 - 2.9e-7).
  const Prior p = Prior::normal(0, 1, 5, 6);
  expect_inverse_pair(p);
  EXPECT_GT(p.quantile(0.5), 5.0);
  EXPECT_LT(p.quantile(0.5), 5.2);  // the mass piles up at the lower bound (scale 1/5)
}

TEST(Prior, BetaClosedForm) {
  const Prior p = Prior::beta(2, 5);
  EXPECT_NEAR(p.mean(), 2.0 / 7, 1e-15);
  EXPECT_NEAR(p.variance(), 10.0 / (49 * 8), 1e-15);
  for (double x : {0.1, 0.3, 0.6})  // Beta(2, b): F(x) = 1 - (1-x)^b (1 + b x)
    EXPECT_NEAR(p.cdf(x), 1 - std::pow(1 - x, 5) * (1 + 5 * x), 1e-12);
  EXPECT_NEAR(p.log_density(0.3), std::log(30 * 0.3 * std::pow(0.7, 4)), 1e-12);  // 1/B(2,5) = 30
  expect_inverse_pair(p);
  expect_sample_mean(p);
}

TEST(Prior, BetaRescaledToAnInterval) {
  const Prior p = Prior::beta(2, 5, 1, 3);
  EXPECT_NEAR(p.mean(), 1 + 2 * 2.0 / 7, 1e-15);
  EXPECT_NEAR(p.variance(), 4 * 10.0 / (49 * 8), 1e-15);
  EXPECT_NEAR(p.log_density(1.6), std::log(30 * 0.3 * std::pow(0.7, 4) / 2), 1e-12);
  EXPECT_NEAR(integral_of_density(p), 1.0, 1e-6);
}

TEST(Prior, TriangularClosedForm) {
  const Prior p = Prior::triangular(1, 2, 4);
  EXPECT_NEAR(p.mean(), 7.0 / 3, 1e-15);
  EXPECT_NEAR(p.variance(), 7.0 / 18, 1e-15);  // (a²+b²+c²-ab-ac-bc)/18
  EXPECT_NEAR(p.quantile(1.0 / 3), 2.0, 1e-12);  // F(mode) = (c-a)/(b-a)
  EXPECT_NEAR(p.log_density(2), std::log(2.0 / 3), 1e-12);
  EXPECT_NEAR(integral_of_density(p), 1.0, 1e-6);
  expect_inverse_pair(p);
  expect_sample_mean(p);
  const Prior edge = Prior::triangular(0, 0, 1);  // mode at a bound
  EXPECT_NEAR(edge.quantile(0.75), 0.5, 1e-12);
  expect_inverse_pair(edge);
}

TEST(Prior, QuantileAtTheEndsIsTheSupport) {
  const Prior p = Prior::uniform(1, 2);
  EXPECT_EQ(p.quantile(0), 1);
  EXPECT_EQ(p.quantile(1), 2);
}

namespace {

std::string error_of(const std::function<Prior()>& make) {
  try {
    make();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(PriorErrors, EachInvalidParameterSaysWhatIsExpected) {
  using N = std::vector<std::pair<std::string, double>>;
  EXPECT_NE(error_of([] { return Prior::uniform(2, 1); }).find("expected low < high"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::loguniform(0, 1); }).find("low > 0"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::normal(0, 0, -1, 1); }).find("sd > 0"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::normal(0, 0.001, 5, 6); }).find("almost no mass"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::beta(0, 1); }).find("alpha > 0"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::triangular(0, 2, 1); }).find("low <= mode <= high"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::from_named("gamma", N{}, 0, 1); }).find("unknown distribution 'gamma'"),
            std::string::npos);
  EXPECT_NE(error_of([] { return Prior::from_named("uniform", N{{"low", 0}}, 0, 1); }).find("needs 'high'"),
            std::string::npos);
  EXPECT_NE(error_of([] { return Prior::from_named("uniform", N{{"low", 0}, {"high", 1}, {"sd", 1}}, 0, 1); })
                .find("takes low and high, not 'sd'"),
            std::string::npos);
  EXPECT_NE(error_of([] { return Prior::from_named("uniform", N{{"low", 0}, {"high", 2}}, 0, 1); })
                .find("leaves the field's range [0, 1]"),
            std::string::npos);
  EXPECT_NE(error_of([] { return Prior::parse("loguniform(2; 8)", 0, 10); }).find("expected numbers"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::parse("uniform(1, 2, 3)", 0, 10); }).find("takes 2 numbers"), std::string::npos);
  EXPECT_NE(error_of([] { return Prior::parse("uniform 1 2", 0, 10); }).find("expected a prior like"), std::string::npos);
}

TEST(PriorErrors, NormalIsTruncatedToTheFieldsRangeUnlessNarrowed) {
  const Prior wide = Prior::from_named("normal", {{"mean", 0.9}, {"sd", 0.2}}, 0, 1);
  EXPECT_EQ(wide.lower(), 0);
  EXPECT_EQ(wide.upper(), 1);
  EXPECT_LT(wide.mean(), 0.9);  // mass cut above 1 pulls the mean down
  const Prior narrow = Prior::parse("normal(0.9, 0.2, 0.5, 0.95)", 0, 1);
  EXPECT_EQ(narrow.lower(), 0.5);
  EXPECT_EQ(narrow.upper(), 0.95);
}

TEST(PriorErrors, CompactFormMatchesNamedForm) {
  const Prior a = Prior::parse("triangular(1, 2, 3)", 0, 10), b = Prior::triangular(1, 2, 3);
  EXPECT_EQ(a.describe(), b.describe());
  EXPECT_EQ(Prior::parse("beta(2, 5)", 0, 1).describe(), "beta(alpha=2, beta=5, low=0, high=1)");
}
