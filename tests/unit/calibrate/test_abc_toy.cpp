// ABC-SMC on problems whose posterior is known in closed form (Beta-binomial conjugacy), and
// the sampler's bookkeeping: tolerance schedule, stopping rules, thread independence, resume.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "abc_toy_support.hpp"

namespace simrun {
namespace {

constexpr int kTrials = 12;
const std::vector<int> kObserved{7, 3};

AbcSettings toy_settings() {
  AbcSettings s;
  s.seed = 4242;
  s.particles = 1000;
  s.alpha = 0.5;
  s.max_generations = 30;
  s.min_acceptance = 0.002;
  s.target_tolerance = 0;  // exact match of discrete data: the ABC posterior is the exact posterior
  return s;
}

std::vector<PriorMarginal> toy_prior() { return {toy::beta_prior("p1", 2, 2), toy::beta_prior("p2", 1, 1)}; }

AbcStop run_toy(std::vector<AbcGeneration>& gens, int threads = 0, const AbcSettings& s = toy_settings()) {
  std::unique_ptr<tbb::global_control> limit;
  if (threads > 0) limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
  return run_abc_smc(toy_prior(), s, threaded_evaluator(toy::binomial_distance(s.seed, kObserved, kTrials)), gens);
}

// Two parameters, Beta(2,2) and Uniform(0,1) (= Beta(1,1), bounded), data 7/12 and 3/12:
// posteriors Beta(9,7) and Beta(4,10), with each kernel (the truncated and unconstrained ones
// propose inside [0,1]; the gaussian one's proposals outside are rejected). The
// importance-weighted estimates have standard errors sd/sqrt(ESS) for the mean and about
// sd/sqrt(2 ESS) for the sd (normal-theory value; the Beta's kurtosis is below 3, so this is
// conservative); the test allows 4 standard errors.
class AbcToyKernels : public ::testing::TestWithParam<AbcKernel> {};

TEST_P(AbcToyKernels, BetaBinomialMeanAndSdMatchClosedForm) {
  std::vector<AbcGeneration> gens;
  AbcSettings s = toy_settings();
  s.kernel = GetParam();
  ASSERT_EQ(run_toy(gens, 0, s), AbcStop::TargetReached);
  const AbcGeneration& last = gens.back();
  EXPECT_EQ(last.tolerance, 0.0);
  EXPECT_GT(last.ess, 300.0);
  const double post[2][2] = {{2.0 + 7, 2.0 + kTrials - 7}, {1.0 + 3, 1.0 + kTrials - 3}};
  for (Eigen::Index k = 0; k < 2; ++k) {
    const boost::math::beta_distribution<double> exact(post[k][0], post[k][1]);
    const double mu = boost::math::mean(exact), sigma = boost::math::standard_deviation(exact);
    double mean = 0, sd = 0;
    toy::weighted_moments(last, k, mean, sd);
    EXPECT_NEAR(mean, mu, 4 * sigma / std::sqrt(last.ess)) << "parameter " << k;
    EXPECT_NEAR(sd, sigma, 4 * sigma / std::sqrt(2 * last.ess)) << "parameter " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(AbcToyPosterior, AbcToyKernels,
                         ::testing::Values(AbcKernel::Truncated, AbcKernel::Unconstrained, AbcKernel::Gaussian),
                         [](const ::testing::TestParamInfo<AbcKernel>& p) { return std::string(abc_kernel_name(p.param)); });

TEST(AbcToyPosterior, TolerancesDecreaseAndBookkeepingIsConsistent) {
  std::vector<AbcGeneration> gens;
  run_toy(gens);
  ASSERT_GE(gens.size(), 3u);
  EXPECT_TRUE(std::isinf(gens[0].tolerance));
  for (std::size_t t = 1; t < gens.size(); ++t) {
    const AbcGeneration& g = gens[t];
    EXPECT_LE(g.tolerance, gens[t - 1].distance.maxCoeff()) << t;
    EXPECT_LE(g.distance.maxCoeff(), g.tolerance) << t;
    EXPECT_NEAR(g.weight.sum(), 1.0, 1e-12);
    EXPECT_GE(g.acceptance_rate, 1000.0 / static_cast<double>(g.attempts));  // attempts include out-of-support proposals
    EXPECT_LE(g.acceptance_rate, 1000.0 / 1000.0);
    EXPECT_GE(g.simulations + 0, 1000u);
    EXPECT_GT(g.ess, 1.0);
    EXPECT_LE(g.ess, 1000.0 + 1e-9);
    EXPECT_TRUE(((g.theta.array() >= 0) && (g.theta.array() <= 1)).all()) << "outside the prior's support";
  }
}

TEST(AbcToyPosterior, BitIdenticalForAnyThreadCount) {
  AbcSettings s = toy_settings();
  s.particles = 300;
  std::vector<AbcGeneration> one, two;
  run_toy(one, 1, s);
  run_toy(two, 2, s);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t t = 0; t < one.size(); ++t) {
    EXPECT_TRUE(one[t].theta == two[t].theta) << t;
    EXPECT_TRUE(one[t].weight == two[t].weight) << t;
    EXPECT_EQ(one[t].attempts, two[t].attempts) << t;
  }
}

TEST(AbcToyPosterior, ResumedRunEqualsUninterruptedRun) {
  AbcSettings s = toy_settings();
  s.particles = 300;
  std::vector<AbcGeneration> full, part;
  run_toy(full, 0, s);
  ASSERT_GE(full.size(), 3u);
  AbcSettings first = s;
  first.max_generations = 1;  // stop early, as after Ctrl-C with two completed generations
  run_toy(part, 0, first);
  ASSERT_EQ(part.size(), 2u);
  run_toy(part, 0, s);
  ASSERT_EQ(part.size(), full.size());
  EXPECT_TRUE(part.back().theta == full.back().theta);
  EXPECT_TRUE(part.back().weight == full.back().weight);
}

TEST(AbcToyPosterior, StopsOnMaxGenerationsAndLowAcceptance) {
  AbcSettings s = toy_settings();
  s.particles = 200;
  s.max_generations = 2;
  std::vector<AbcGeneration> gens;
  EXPECT_EQ(run_toy(gens, 0, s), AbcStop::MaxGenerations);
  EXPECT_EQ(gens.size(), 3u);
  s.max_generations = 30;
  s.min_acceptance = 0.9;  // no ABC generation is accepted this often
  gens.clear();
  EXPECT_EQ(run_toy(gens, 0, s), AbcStop::LowAcceptance);
  EXPECT_LE(gens.size(), 2u);
}

}  // namespace
}  // namespace simrun
