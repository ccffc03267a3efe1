// Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari & Gelman 2018, "Validating
// Bayesian inference algorithms with simulation-based calibration", arXiv:1804.06788): for
// parameters drawn from the prior and data simulated from them, the rank of the true parameter
// among L posterior draws is uniform on {0..L} when the sampler is correct.
#include <gtest/gtest.h>

#include "abc_toy_support.hpp"
#include "sim/calibrate/posterior_sampler.hpp"

namespace simrun {
namespace {

constexpr int kDatasets = 300;
constexpr int kDraws = 9;    // L posterior draws: ranks 0..9, ten bins of expected count 30
constexpr int kTrials = 10;
// Chi-square critical value, 9 degrees of freedom, upper tail 0.001 (tables, e.g. Abramowitz
// & Stegun 26.8): a correct sampler fails this fixed-seed test with probability 0.001.
constexpr double kChiSquare9At0001 = 27.877;

/// Rank counts over the datasets; the data come from kTrials trials, the sampler simulates
/// `simulated_trials` (kTrials when correct) and perturbs with `kernel`.
std::vector<int> sbc_ranks(int simulated_trials, AbcKernel kernel = AbcKernel::Truncated) {
  const PriorMarginal prior = toy::beta_prior("p", 2, 2);
  std::vector<int> bins(kDraws + 1, 0);
  for (int i = 0; i < kDatasets; ++i) {
    const auto seed = static_cast<std::uint32_t>(1000 + i);
    const double truth = prior.quantile(AbcRng(seed).uniform(0, 0, 0xFFFFu));  // theta ~ prior
    const RunRng data_rng(seed, 0xDA7Au);
    const int observed = toy::binomial_count(data_rng, 0, kTrials, truth);       // data ~ model
    AbcSettings s;
    s.seed = seed;
    s.particles = 200;
    s.max_generations = 30;
    s.min_acceptance = 0.01;
    s.target_tolerance = 0;
    s.kernel = kernel;
    std::vector<AbcGeneration> gens;
    run_abc_smc({prior}, s, threaded_evaluator(toy::binomial_distance(seed, {observed}, simulated_trials)), gens);
    const PosteriorSampler post(gens.back().theta, gens.back().weight);
    int rank = 0;
    for (int d = 0; d < kDraws; ++d) rank += post.draw(seed, static_cast<std::uint64_t>(d))(0) < truth ? 1 : 0;
    ++bins[static_cast<std::size_t>(rank)];
  }
  return bins;
}

double chi_square_uniform(const std::vector<int>& bins) {
  const double expected = static_cast<double>(kDatasets) / static_cast<double>(bins.size());
  double x2 = 0;
  for (int c : bins) x2 += (c - expected) * (c - expected) / expected;
  return x2;
}

// With each kernel (three fixed-seed tests at level 0.001 each).
TEST(AbcSimulationBasedCalibration, RanksOfTheTruthAreUniform) {
  for (AbcKernel k : {AbcKernel::Truncated, AbcKernel::Unconstrained, AbcKernel::Gaussian}) {
    const std::vector<int> bins = sbc_ranks(kTrials, k);
    EXPECT_LT(chi_square_uniform(bins), kChiSquare9At0001) << abc_kernel_name(k) << " " << ::testing::PrintToString(bins);
  }
}

// The same test has power: a sampler whose simulator disagrees with the data's (13 trials
// simulated, 10 observed: an off-by-three in the model) puts the truth in the upper ranks. (A
// posterior equal to the prior, or an ABC posterior at a loose tolerance, would pass: both are
// calibrated for what they condition on, which is why the toy test checks the exact moments.)
TEST(AbcSimulationBasedCalibration, DetectsASimulatorThatDisagreesWithTheData) {
  const std::vector<int> bins = sbc_ranks(kTrials + 3);
  EXPECT_GT(chi_square_uniform(bins), kChiSquare9At0001) << ::testing::PrintToString(bins);
}

}  // namespace
}  // namespace simrun
