#pragma once
// Toy problems with closed-form posteriors for the ABC-SMC tests: k successes in n Bernoulli
// trials with a Beta(a, b) prior on the success probability has the Beta(a + k, b + n - k)
// posterior (conjugacy). In model terms: one dyad-quarter hazard theta drives formation and the
// data are the number of quarters (out of n) in which a formation happened.
#include <boost/math/distributions/beta.hpp>
#include <cmath>
#include <vector>

#include "sim/calibrate/abc_smc.hpp"
#include "sim/calibrate/evaluators.hpp"
#include "sim/calibrate/abc_rng.hpp"
#include "sim/model/rng.hpp"

namespace simrun::toy {

inline PriorMarginal beta_prior(const std::string& name, double a, double b) {
  const boost::math::beta_distribution<double> dist(a, b);
  return {name, [dist](double u) { return boost::math::quantile(dist, u); },
          [dist](double x) { return x > 0 && x < 1 ? std::log(boost::math::pdf(dist, x)) : -INFINITY; }, 0.0, 1.0};
}

/// Successes in n trials with probability p, from the run stream of (seed, replicate);
/// trial j of parameter k uses address (tick k, Formation, j).
inline int binomial_count(const RunRng& rng, int k, int n, double p) {
  int c = 0;
  for (int j = 0; j < n; ++j) c += rng.bernoulli(p, k, Draw::Formation, static_cast<std::uint32_t>(j)) ? 1 : 0;
  return c;
}

/// Distance sum_k |k_sim - k_obs| for independent binomial data per parameter.
inline AttemptDistance binomial_distance(std::uint32_t seed, std::vector<int> observed, int n) {
  return [seed, observed = std::move(observed), n](int generation, std::uint64_t attempt, const Eigen::VectorXd& theta) {
    const RunRng rng(AbcRng(seed).model_seed(generation, attempt), 0);
    double d = 0;
    for (std::size_t k = 0; k < observed.size(); ++k)
      d += std::abs(binomial_count(rng, static_cast<int>(k), n, theta(static_cast<Eigen::Index>(k))) - observed[k]);
    return d;
  };
}

/// Weighted mean and sd of column k.
inline void weighted_moments(const AbcGeneration& g, Eigen::Index k, double& mean, double& sd) {
  mean = g.weight.dot(g.theta.col(k));
  sd = std::sqrt(g.weight.dot((g.theta.col(k).array() - mean).square().matrix()));
}

}  // namespace simrun::toy
