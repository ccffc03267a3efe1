// The posterior file: what calibrate writes is what --posterior and a resumed calibration read
// back, and posterior draws follow the weights.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "abc_toy_support.hpp"
#include "sim/calibrate/generation_record.hpp"
#include "sim/calibrate/posterior_sampler.hpp"
#include "sim/output/posterior_file.hpp"
#include "sim/scenario/input_error.hpp"

namespace simrun {
namespace {

std::string tmp_path(const std::string& name) {
  std::filesystem::create_directories(SIMRUN_TEST_TMP);
  return std::string(SIMRUN_TEST_TMP) + "/" + name;
}

PosteriorRecord toy_record(std::vector<AbcGeneration>& gens) {
  AbcSettings s;
  s.seed = 7;
  s.particles = 200;
  s.max_generations = 3;
  s.min_acceptance = 0.005;
  const std::vector<PriorMarginal> prior{toy::beta_prior("a", 2, 2), toy::beta_prior("b", 1, 1)};
  run_abc_smc(prior, s, threaded_evaluator(toy::binomial_distance(s.seed, {7, 3}, 12)), gens);
  PosteriorRecord r;
  r.calibration_file = "toy.yaml";
  r.calibration_hash = "0123456789abcdef";
  r.seed = s.seed, r.particles = s.particles, r.max_generations = s.max_generations, r.alpha = s.alpha;
  r.kernel = abc_kernel_name(s.kernel);
  r.parameter = {"a", "b"}, r.parameter_units = {"1", "1"}, r.parameter_prior = {"beta(2, 2)", "beta(1, 1)"};
  r.parameter_source = {"toy", "toy"};
  r.target = {"k1", "k2"}, r.target_observed = {7, 3}, r.target_error = {1, 1}, r.target_source = {"toy", "toy"};
  r.calibration_text = "name: toy\n", r.scenario_text = "name: toy scenario\n";
  for (const AbcGeneration& g : gens) r.generations.push_back(to_record(g));
  return r;
}

TEST(PosteriorFile, RoundTripsEveryGenerationExactly) {
  std::vector<AbcGeneration> gens;
  const PosteriorRecord r = toy_record(gens);
  const std::string path = tmp_path("toy.posterior.h5");
  std::filesystem::remove(path);
  write_posterior_file(OutputTarget(path), r);
  const PosteriorRecord back = read_posterior_file(path);
  EXPECT_EQ(back.parameter, r.parameter);
  EXPECT_EQ(back.target, r.target);
  EXPECT_EQ(back.calibration_hash, r.calibration_hash);
  EXPECT_EQ(back.calibration_text, r.calibration_text);
  EXPECT_EQ(back.kernel, "truncated");
  ASSERT_EQ(back.generations.size(), gens.size());
  for (std::size_t t = 0; t < gens.size(); ++t) {
    const AbcGeneration g = from_record(back.generations[t], static_cast<int>(t), 2);
    EXPECT_TRUE(g.theta == gens[t].theta) << t;
    EXPECT_TRUE(g.weight == gens[t].weight) << t;
    EXPECT_EQ(g.tolerance, gens[t].tolerance) << t;
    EXPECT_EQ(g.attempts, gens[t].attempts) << t;
    EXPECT_EQ(g.outside, gens[t].outside) << t;
  }
}

TEST(PosteriorFile, RefusesOtherFilesWithALocatedError) {
  const std::string path = tmp_path("not_a_posterior.h5");
  std::ofstream(path) << "plain text\n";
  try {
    read_posterior_file(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find("not a readable simrun posterior file"), std::string::npos) << e.what();
  }
}

// Draw frequencies follow the weights: with D draws, particle i's count is Binomial(D, w_i);
// over all particles sum (c_i - D w_i)^2 / (D w_i) is chi-square with N - 1 degrees of freedom
// (mean N - 1, sd sqrt(2 (N - 1))); the test allows 5 sd above the mean.
TEST(PosteriorSampler, DrawFrequenciesFollowTheWeights) {
  constexpr int n = 50;
  constexpr std::uint64_t draws = 200000;
  Eigen::MatrixXd theta(n, 1);
  Eigen::VectorXd w(n);
  for (int i = 0; i < n; ++i) theta(i, 0) = i, w(i) = 1.0 + (i % 7);
  const PosteriorSampler sampler(theta, w);
  std::vector<double> count(n, 0.0);
  for (std::uint64_t d = 0; d < draws; ++d) count[static_cast<std::size_t>(sampler.particle(99, d))] += 1;
  double x2 = 0;
  for (int i = 0; i < n; ++i) {
    const double e = static_cast<double>(draws) * w(i) / w.sum();
    x2 += (count[static_cast<std::size_t>(i)] - e) * (count[static_cast<std::size_t>(i)] - e) / e;
  }
  EXPECT_LT(x2, (n - 1) + 5 * std::sqrt(2.0 * (n - 1)));
  EXPECT_EQ(sampler.particle(99, 12345), sampler.particle(99, 12345));  // addressed, no state
}

}  // namespace
}  // namespace simrun
