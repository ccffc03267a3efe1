#pragma once
// ABC-SMC: the population Monte Carlo sampler of Beaumont, Cornuet, Marin & Robert (2009,
// "Adaptive approximate Bayesian computation", Biometrika 96(4):983-990) with the adaptive
// tolerance schedule and acceptance-rate stopping rule of Lenormand, Jabot & Deffuant (2013,
// "Adaptive approximate Bayesian computation for complex models", Computational Statistics
// 28(6):2777-2796):
//   generation 0: N particles from the prior, weights 1/N, no tolerance;
//   generation t >= 1: tolerance eps_t = the alpha-quantile of generation t-1's distances
//     (Lenormand et al.; never below the target); a proposal perturbs theta_j, j drawn by
//     weight, with the kernel of AbcSettings::kernel, each scaled by 2 Var_w or 2 Cov_w of
//     generation t-1 (Beaumont et al.):
//       truncated (default): each parameter from a normal truncated to its prior's support
//         (truncated_kernel.hpp), so proposals are always inside;
//       unconstrained: theta* = T^-1(T(theta_j) + L z) with T the per-parameter map of the
//         support onto R (logit / log; support_transform.hpp, support_kernel.hpp), also inside;
//       gaussian: theta* = theta_j + L z in theta itself (kernel.hpp), the sampler before
//         issue 11: with bounded priors most proposals fall outside the support;
//     a proposal outside the support (for the first two only by rounding onto a bound) is
//     rejected without simulating and counted in `outside`; a proposal is accepted when its
//     distance is <= eps_t; the first N accepted attempts, in attempt order, form the
//     generation, with weights prior(theta) / q(theta), q the density of the kernel's proposals
//     in theta (Beaumont et al.; each kernel's header gives its q);
//   stop after a generation when eps_t <= the target tolerance, when the generation's
//     acceptance rate is below the minimum (Lenormand et al.'s p_acc_min), or after the maximum
//     number of generations; a generation that cannot reach N acceptances within
//     N / min_acceptance simulations is abandoned and the previous one is the posterior.
//
// Determinism: attempt a of generation t draws only from AbcRng(seed) at (t, a, slot), and the
// attempts are evaluated in batches whose size depends only on earlier results; acceptances are
// consumed in attempt order. So the posterior is bit-identical for any thread count, and under
// MPI whatever rank evaluated which attempt (see BatchEvaluator).
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace simrun {

/// One parameter's prior as the sampler sees it (parameters are a priori independent).
struct PriorMarginal {
  std::string name;
  std::function<double(double)> quantile;     ///< u in (0, 1) -> x
  std::function<double(double)> log_density;  ///< x -> log density; -inf outside the support
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
};

/// The perturbation kernel (see the comment at the top).
enum class AbcKernel { Truncated, Unconstrained, Gaussian };
const char* abc_kernel_name(AbcKernel k);  ///< "truncated", "unconstrained", "gaussian"

struct AbcSettings {
  std::uint32_t seed = 20180701;
  int particles = 1000;             ///< N accepted particles per generation
  double alpha = 0.5;               ///< tolerance quantile of the previous generation's distances
  int max_generations = 20;         ///< generations after the prior generation 0
  double min_acceptance = 0.01;     ///< stop when a generation's acceptance rate falls below
  double target_tolerance = 0.0;    ///< stop once eps_t <= this
  std::uint64_t min_batch = 64;     ///< attempts evaluated together (fixed by results only)
  std::uint64_t max_batch = 1u << 16;
  AbcKernel kernel = AbcKernel::Truncated;
};

/// One completed generation.
struct AbcGeneration {
  int index = 0;
  double tolerance = std::numeric_limits<double>::infinity();  ///< eps_t (inf for generation 0)
  Eigen::MatrixXd theta;     ///< N x dim
  Eigen::VectorXd weight;    ///< normalised
  Eigen::VectorXd distance;  ///< each particle's distance
  std::uint64_t attempts = 0;     ///< attempts up to the N-th acceptance
  std::uint64_t simulations = 0;  ///< simulator calls made (incl. batch tails and excluding
                                  ///< proposals outside the support)
  std::uint64_t outside = 0;      ///< proposals outside the support, not simulated (over the same
                                  ///< batches as `simulations`: their sum is every proposal drawn)
  double acceptance_rate = 1.0;   ///< N / simulations up to the N-th acceptance (Lenormand et al.'s p_acc)
  double ess = 0;
  double wall_seconds = 0;
};

enum class AbcStop { TargetReached, LowAcceptance, MaxGenerations, Running };
const char* abc_stop_name(AbcStop s);

/// Evaluates a batch of attempts: theta is count x dim (row i = attempt first + i), `simulate`
/// tells which rows to simulate (the others are outside the support; their distance is
/// ignored). Fills `distance` (length count). An implementation may spread the rows over
/// threads or ranks, but row i's distance must depend only on (generation, first + i, theta.row(i)).
/// It throws Interrupted (sim/engine/stop.hpp) when a stop was requested, on every rank alike.
using BatchEvaluator = std::function<void(int generation, std::uint64_t first, const Eigen::MatrixXd& theta,
                                          const std::vector<char>& simulate, std::vector<double>& distance)>;

/// Called after every completed generation (e.g. to write it to the posterior file).
using GenerationSink = std::function<void(const AbcGeneration&)>;

/// Runs the sampler, continuing after `done` (completed generations of an earlier,
/// interrupted run with the same settings; empty to start afresh). Returns why it stopped;
/// `done` holds every completed generation.
/// @throws Interrupted (from the evaluator) between batches when a stop is requested.
AbcStop run_abc_smc(const std::vector<PriorMarginal>& prior, const AbcSettings& settings,
                    const BatchEvaluator& evaluate, std::vector<AbcGeneration>& done,
                    const GenerationSink& sink = {});

/// The sum of the marginal log densities (-inf outside the support).
double log_prior(const std::vector<PriorMarginal>& prior, const Eigen::VectorXd& theta);

}  // namespace simrun
