// Posterior predictive checks (Gelman, Meng & Stern 1996, "Posterior predictive assessment of
// model fitness via realized discrepancies", Statistica Sinica 6:733-807) of the 2014-18
// calibration (scenarios/calibrations/history_2014_2018.yaml): after ABC-SMC, replicated
// histories drawn from the posterior must not find the record extreme, and must reproduce it
// more often than histories drawn from the prior.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/calibrate/abc_rng.hpp"
#include "sim/calibrate/calibration_run.hpp"
#include "sim/calibrate/evaluators.hpp"
#include "sim/calibrate/posterior_sampler.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun {
namespace {

constexpr int kReplicates = 400;
// Four inputs the replay's targets can inform, with the ranges of issue 11's sensitivity
// figures ([analyst] judgements, as in docs/sensitivity.md); --set priors keep the test
// independent of which priors the baseline carries.
const std::vector<std::string> kPriors = {"parameters.w_loss~uniform(1, 3)", "parameters.commitment_cost~uniform(0.3, 0.9)",
                                          "parameters.lambda~loguniform(2, 8)", "dyads.RUS-PAK.visit_rate~uniform(0, 0.05)"};

struct Replicates {
  std::vector<std::vector<double>> y;  ///< [replicate][target], observation error added to fronts
};

/// Replicated data at parameter vectors `theta_of(d)`: one run each from an addressed seed,
/// plus N(0, error) observation noise on the continuous targets (the calibration's error model;
/// 0/1 records are exact).
template <class Theta>
Replicates replicate(const ModelSimulator& sim, const CalibrationSpec& spec, std::uint32_t seed, Theta theta_of) {
  const AbcRng rng(seed);
  Replicates r;
  for (int d = 0; d < kReplicates; ++d) {
    std::vector<double> s = sim.summaries(theta_of(d), rng.model_seed(1000, static_cast<std::uint64_t>(d)));
    for (std::size_t k = 0; k < s.size(); ++k) {
      const Indicator ind = spec.targets[k].indicator;
      if (ind != Indicator::Formed && ind != Indicator::Event)
        s[k] += spec.targets[k].error * rng.normal(1001, static_cast<std::uint64_t>(d), static_cast<std::uint32_t>(k));
    }
    r.y.push_back(s);
  }
  return r;
}

/// Share of replicates matching every 0/1 target.
double all_binary_matched(const Replicates& r, const CalibrationSpec& spec) {
  int hits = 0;
  for (const auto& y : r.y) {
    bool ok = true;
    for (std::size_t k = 0; k < y.size(); ++k) {
      const Indicator ind = spec.targets[k].indicator;
      if ((ind == Indicator::Formed || ind == Indicator::Event) && y[k] != spec.targets[k].observed) ok = false;
    }
    hits += ok ? 1 : 0;
  }
  return static_cast<double>(hits) / static_cast<double>(r.y.size());
}

TEST(PosteriorPredictive, HistoryCalibrationReproducesTheRecord) {
  CalibrationSpec spec = load_calibration(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/calibrations/history_2014_2018.yaml");
  spec.parameters.clear();
  for (const std::string& p : kPriors) spec.parameters.push_back(p.substr(0, p.find('~')));
  spec.settings.particles = 200;  // smaller than the file's 500 so the test takes seconds
  const Scenario scenario = load_scenario(spec.scenario, kPriors);
  const ModelSimulator sim(scenario, spec);
  const std::vector<PriorMarginal> prior = calibrated_priors(sim);
  const AbcRng rng(spec.settings.seed);
  std::vector<AbcGeneration> gens;
  run_abc_smc(prior, spec.settings, threaded_evaluator([&](int g, std::uint64_t a, const Eigen::VectorXd& t) {
                return sim.distance(sim.summaries(t, rng.model_seed(g, a)));
              }), gens);
  ASSERT_GE(gens.size(), 2u);
  const PosteriorSampler post(gens.back().theta, gens.back().weight);
  const Replicates posterior = replicate(sim, spec, 77, [&](int d) { return post.draw(77, static_cast<std::uint64_t>(d)); });
  const Replicates prior_rep = replicate(sim, spec, 77, [&](int d) {
    Eigen::VectorXd t(static_cast<Eigen::Index>(prior.size()));
    for (std::size_t k = 0; k < prior.size(); ++k)
      t(static_cast<Eigen::Index>(k)) = prior[k].quantile(AbcRng(78).uniform(0, static_cast<std::uint64_t>(d), static_cast<std::uint32_t>(k)));
    return t;
  });

  // Per target, the posterior predictive p-value: P(replicate = record) for 0/1 targets,
  // 2 min(P(y_rep <= y), P(y_rep >= y)) for fronts. Nine targets at 0.01 each: a fitting model
  // fails somewhere with probability below 0.09 under independence (fixed seeds: it either
  // passes or not, reproducibly).
  for (std::size_t k = 0; k < spec.targets.size(); ++k) {
    const TargetSpec& t = spec.targets[k];
    const bool binary = t.indicator == Indicator::Formed || t.indicator == Indicator::Event;
    double eq = 0, le = 0, ge = 0;
    for (const auto& y : posterior.y) eq += y[k] == t.observed, le += y[k] <= t.observed, ge += y[k] >= t.observed;
    const double p = binary ? eq / kReplicates : 2 * std::min(le, ge) / kReplicates;
    EXPECT_GE(p, 0.01) << t.name << ": the record is extreme under the posterior predictive";
    std::printf("  PPC %-26s p = %.3f\n", t.name.c_str(), p);
  }
  // The data must have taught something: the posterior reproduces every 0/1 record more often
  // than the prior, by more than 3 standard errors of the difference (binomial, 400 each).
  const double p_post = all_binary_matched(posterior, spec), p_prior = all_binary_matched(prior_rep, spec);
  const double se = std::sqrt((p_post * (1 - p_post) + p_prior * (1 - p_prior)) / kReplicates);
  std::printf("  P(all 0/1 records reproduced): prior predictive %.3f, posterior predictive %.3f (se of difference %.3f)\n",
              p_prior, p_post, se);
  EXPECT_GT(p_post - p_prior, 3 * se);
}

}  // namespace
}  // namespace simrun
