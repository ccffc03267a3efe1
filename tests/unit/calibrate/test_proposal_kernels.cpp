// The ABC-SMC kernels that propose inside the priors' support: the truncated kernel
// (sim/calibrate/truncated_kernel.hpp) and the kernel in unconstrained coordinates
// (sim/calibrate/support_kernel.hpp). For each: proposals stay inside the support, and the
// importance weight is prior / (the proposal density in θ), checked against a density obtained
// numerically from the proposal mechanism itself; weighted proposals represent the prior.
#include <gtest/gtest.h>

#include <boost/math/distributions/beta.hpp>
#include <cmath>
#include <limits>
#include <memory>

#include "kernel_check.hpp"
#include "sim/calibrate/abc_rng.hpp"
#include "sim/calibrate/abc_smc.hpp"
#include "sim/calibrate/evaluators.hpp"
#include "sim/calibrate/support_kernel.hpp"
#include "sim/calibrate/truncated_kernel.hpp"

namespace simrun {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using kernel_check::particles_1d;
using kernel_check::proposal_density;

class ProposalKernels : public ::testing::TestWithParam<AbcKernel> {
 protected:
  std::unique_ptr<ProposalKernel> build(std::vector<SupportBounds> bounds, const WeightedParticles& previous) const {
    if (GetParam() == AbcKernel::Unconstrained) return std::make_unique<SupportKernel>(SupportTransform(std::move(bounds)), previous);
    return std::make_unique<TruncatedKernel>(bounds, previous);
  }
  /// π(x) / q(x) from a 1-D kernel's log weight, restoring the constant it drops: the normal's
  /// (2π)^(1/2) times its scale (L in u for the unconstrained kernel, σ for the truncated one).
  static double prior_over_q(const ProposalKernel& k, double x, double log_prior) {
    const auto* u = dynamic_cast<const SupportKernel*>(&k);
    const double scale = u ? u->unconstrained().cholesky()(0, 0) : dynamic_cast<const TruncatedKernel&>(k).scale()(0);
    return std::exp(k.log_weight(Eigen::VectorXd::Constant(1, x), log_prior)) * std::sqrt(2 * M_PI) * scale;
  }
};

// Uniform prior on [0, 1] (density 1): the weight is 1 / q(θ), with q the density of θ* obtained
// by differentiating the proposal's CDF numerically (no transform, Jacobian or kernel formula).
TEST_P(ProposalKernels, WeightIsPriorOverTheProposalDensityInTheta) {
  const WeightedParticles prev = particles_1d({0.2, 0.9}, {0.5, 0.5});
  const auto k = build({{0.0, 1.0}}, prev);
  for (double x : {0.001, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999}) {
    const double q = proposal_density(*k, prev, x, 1e-4 * std::min(x, 1 - x));
    EXPECT_NEAR(prior_over_q(*k, x, 0.0), 1.0 / q, 1e-5 / q) << x;
  }
}

// The same on a half-bounded support with a non-uniform prior: exponential(1) on [0, inf).
TEST_P(ProposalKernels, WeightOnAHalfBoundedSupport) {
  const WeightedParticles prev = particles_1d({0.5, 2.0, 0.1}, {0.3, 0.5, 0.2});
  const auto k = build({{0.0, kInf}}, prev);
  for (double x : {0.01, 0.4, 1.0, 3.0, 10.0}) {
    const double q = proposal_density(*k, prev, x, 1e-4 * x);  // x = 10: 1e-17 of the mass lies above
    EXPECT_NEAR(prior_over_q(*k, x, -x), std::exp(-x) / q, 1e-5 * std::exp(-x) / q) << x;
  }
}

/// Previous particles in 3-D near the bounds of [0, 1] x [2, 8] x [0, inf), weights uneven.
WeightedParticles edge_particles(const AbcRng& rng) {
  WeightedParticles p{Eigen::MatrixXd(40, 3), Eigen::VectorXd(40)};
  for (int i = 0; i < 40; ++i) {
    const double a = rng.uniform(9, static_cast<std::uint64_t>(i), 0), b = rng.uniform(9, static_cast<std::uint64_t>(i), 1);
    p.theta.row(i) << 0.9 + 0.0999 * a, 2.001 + 0.5 * b * b, 0.01 * a * b;
    p.weight(i) = 0.5 + rng.uniform(9, static_cast<std::uint64_t>(i), 2);
  }
  p.weight /= p.weight.sum();
  return p;
}

// Every proposal is inside, where the gaussian kernel in θ (PerturbationKernel) leaves the
// support with 45% of these particles' proposals.
TEST_P(ProposalKernels, ProposalsStayInsideTheSupport) {
  const AbcRng rng(77);
  const WeightedParticles prev = edge_particles(rng);
  const std::vector<SupportBounds> bounds{{0.0, 1.0}, {2.0, 8.0}, {0.0, kInf}};
  const SupportTransform support(bounds);
  const auto k = build(bounds, prev);
  const PerturbationKernel raw(prev);
  const std::vector<double> cumulative = cumulative_weights(prev.weight);
  int raw_outside = 0;
  constexpr int kProposals = 20000;
  for (int a = 0; a < kProposals; ++a) {
    const int j = pick_weighted(cumulative, rng.uniform(1, static_cast<std::uint64_t>(a), 0));
    Eigen::VectorXd z(3);
    for (Eigen::Index d = 0; d < 3; ++d) z(d) = rng.normal(1, static_cast<std::uint64_t>(a), 100 + static_cast<std::uint32_t>(d));
    ASSERT_TRUE(support.interior(k->perturb(j, z))) << a;
    raw_outside += support.interior(raw.perturb(j, z)) ? 0 : 1;
  }
  EXPECT_GT(raw_outside, kProposals / 4);
}

// Importance sampling identity: proposals weighted by π/q represent the prior. Beta(2, 5) on
// [0, 1] from previous particles crowded near 1 (so most proposals fall where the prior has
// little mass: ESS about 1,300 of 200,000 for the truncated kernel); the weighted mean and
// P(θ < 0.2) must match the prior's within 5 standard errors (sd / sqrt(ESS)).
TEST_P(ProposalKernels, WeightedProposalsRepresentThePrior) {
  const boost::math::beta_distribution<double> beta(2, 5);
  const WeightedParticles prev = particles_1d({0.6, 0.8, 0.95, 0.99}, {0.1, 0.2, 0.3, 0.4});
  const auto k = build({{0.0, 1.0}}, prev);
  const std::vector<double> cumulative = cumulative_weights(prev.weight);
  const AbcRng rng(5);
  constexpr int kProposals = 200000;
  Eigen::VectorXd x(kProposals), w(kProposals);
  for (int a = 0; a < kProposals; ++a) {
    const int j = pick_weighted(cumulative, rng.uniform(1, static_cast<std::uint64_t>(a), 0));
    x(a) = k->perturb(j, Eigen::VectorXd::Constant(1, rng.normal(1, static_cast<std::uint64_t>(a), 1)))(0);
    w(a) = k->log_weight(Eigen::VectorXd::Constant(1, x(a)), std::log(boost::math::pdf(beta, x(a))));
  }
  w = (w.array() - w.maxCoeff()).exp();
  w /= w.sum();
  const double ess = effective_sample_size(w);
  ASSERT_GT(ess, 1000.0);
  const double mean = w.dot(x), sd = std::sqrt(boost::math::variance(beta));
  EXPECT_NEAR(mean, boost::math::mean(beta), 5 * sd / std::sqrt(ess));
  const double below = w.dot((x.array() < 0.2).cast<double>().matrix()), p = boost::math::cdf(beta, 0.2);
  EXPECT_NEAR(below, p, 5 * std::sqrt(p * (1 - p) / ess));
}

// A prior with zero width (lower == upper) is a fixed parameter: the sampler keeps it at its
// point and still moves the other parameter. (The gaussian kernel cannot: its proposals miss
// the point and the generation runs out of attempts.)
TEST_P(ProposalKernels, PointMassPriorInTheSampler) {
  const PriorMarginal point{"fixed", [](double) { return 0.25; }, [](double x) { return x == 0.25 ? 0.0 : -kInf; }, 0.25, 0.25};
  const PriorMarginal unit{"free", [](double u) { return u; }, [](double x) { return x >= 0 && x <= 1 ? 0.0 : -kInf; }, 0.0, 1.0};
  AbcSettings s;
  s.particles = 200;
  s.max_generations = 4;
  s.kernel = GetParam();
  std::vector<AbcGeneration> gens;
  const AbcStop stop = run_abc_smc({point, unit}, s, threaded_evaluator([](int, std::uint64_t, const Eigen::VectorXd& t) {
                                     return std::fabs(t(1) - 0.3);
                                   }), gens);
  EXPECT_EQ(stop, AbcStop::MaxGenerations);
  ASSERT_EQ(gens.size(), 5u);
  for (const AbcGeneration& g : gens) {
    EXPECT_TRUE((g.theta.col(0).array() == 0.25).all()) << g.index;
    EXPECT_TRUE(g.weight.allFinite()) << g.index;
    EXPECT_EQ(g.outside, 0u) << g.index;
  }
  EXPECT_LT(gens.back().distance.maxCoeff(), 0.1);
}

INSTANTIATE_TEST_SUITE_P(InsideTheSupport, ProposalKernels, ::testing::Values(AbcKernel::Truncated, AbcKernel::Unconstrained),
                         [](const ::testing::TestParamInfo<AbcKernel>& p) { return std::string(abc_kernel_name(p.param)); });

}  // namespace
}  // namespace simrun
