#include "sim/calibrate/abc_smc.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "sim/calibrate/abc_rng.hpp"
#include "sim/calibrate/kernel.hpp"
#include "sim/calibrate/support_kernel.hpp"
#include "sim/calibrate/truncated_kernel.hpp"

namespace simrun {

const char* abc_stop_name(AbcStop s) {
  switch (s) {
    case AbcStop::TargetReached: return "target tolerance reached";
    case AbcStop::LowAcceptance: return "acceptance rate below the minimum";
    case AbcStop::MaxGenerations: return "maximum number of generations";
    case AbcStop::Running: break;
  }
  return "running";
}

const char* abc_kernel_name(AbcKernel k) {
  switch (k) {
    case AbcKernel::Truncated: return "truncated";
    case AbcKernel::Unconstrained: return "unconstrained";
    case AbcKernel::Gaussian: return "gaussian";
  }
  return "?";
}

double log_prior(const std::vector<PriorMarginal>& prior, const Eigen::VectorXd& theta) {
  double sum = 0;
  for (std::size_t k = 0; k < prior.size(); ++k) {
    const double x = theta(static_cast<Eigen::Index>(k));
    if (!(x >= prior[k].lower && x <= prior[k].upper)) return -std::numeric_limits<double>::infinity();
    sum += prior[k].log_density(x);
  }
  return sum;
}

namespace {

using Clock = std::chrono::steady_clock;

/// The alpha-quantile of the distances (type 1: the smallest value with at least a share
/// alpha of the values at or below it), so a tolerance is always a distance that occurred.
double distance_quantile(const Eigen::VectorXd& distance, double alpha) {
  std::vector<double> d(distance.data(), distance.data() + distance.size());
  std::sort(d.begin(), d.end());
  const auto k = static_cast<std::size_t>(std::max(1.0, std::ceil(alpha * static_cast<double>(d.size()))));
  return d[k - 1];
}

/// eps_t: the alpha-quantile of the previous distances. With discrete distances (counts) the
/// quantile can equal the previous tolerance, and the schedule would stall; then the next
/// smaller distance that occurred is taken instead (if none did, the tolerance stays).
double next_tolerance(const AbcGeneration& previous, double alpha) {
  const double q = distance_quantile(previous.distance, alpha);
  if (!(q >= previous.tolerance)) return q;
  double below = -std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < previous.distance.size(); ++i)
    if (previous.distance(i) < previous.tolerance) below = std::max(below, previous.distance(i));
  return std::isfinite(below) ? below : previous.tolerance;
}

std::vector<SupportBounds> bounds_of(const std::vector<PriorMarginal>& prior) {
  std::vector<SupportBounds> b;
  for (const PriorMarginal& m : prior) b.push_back({m.lower, m.upper});
  return b;
}

/// The kernel built on generation t−1 (`previous` must outlive it).
std::unique_ptr<ProposalKernel> make_kernel(AbcKernel kind, const std::vector<SupportBounds>& bounds,
                                            const WeightedParticles& previous) {
  switch (kind) {
    case AbcKernel::Unconstrained: return std::make_unique<SupportKernel>(SupportTransform(bounds), previous);
    case AbcKernel::Gaussian: return std::make_unique<PerturbationKernel>(previous);
    case AbcKernel::Truncated: break;
  }
  return std::make_unique<TruncatedKernel>(bounds, previous);
}

/// Draws the proposals of attempts [first, first + count) of `generation`. `inside`: strictly
/// inside the support (the open interval: the unconstrained kernel's T is finite there) with a
/// finite prior density; generation 0's quantiles are held to the same test, so that every
/// particle a kernel is built on is interior.
void propose(const std::vector<PriorMarginal>& prior, const AbcRng& rng, int generation, std::uint64_t first,
             const ProposalKernel* kernel, const std::vector<double>& cumulative, const SupportTransform& support,
             Eigen::MatrixXd& theta, std::vector<char>& inside) {
  const auto dim = static_cast<Eigen::Index>(prior.size());
  tbb::parallel_for(Eigen::Index{0}, theta.rows(), [&](Eigen::Index i) {
    const std::uint64_t a = first + static_cast<std::uint64_t>(i);
    Eigen::VectorXd x(dim);
    if (!kernel) {
      for (Eigen::Index k = 0; k < dim; ++k)
        x(k) = prior[static_cast<std::size_t>(k)].quantile(
            rng.uniform(generation, a, static_cast<std::uint32_t>(AbcSlot::PriorUniform) + static_cast<std::uint32_t>(k)));
    } else {
      const int ancestor = pick_weighted(cumulative, rng.uniform(generation, a, static_cast<std::uint32_t>(AbcSlot::Ancestor)));
      Eigen::VectorXd z(dim);
      for (Eigen::Index k = 0; k < dim; ++k)
        z(k) = rng.normal(generation, a, static_cast<std::uint32_t>(AbcSlot::KernelNormal) + static_cast<std::uint32_t>(k));
      x = kernel->perturb(ancestor, z);
    }
    theta.row(i) = x.transpose();
    inside[static_cast<std::size_t>(i)] = support.interior(x) && std::isfinite(log_prior(prior, x)) ? 1 : 0;
  });
}

/// Batch size for the next evaluation: enough attempts for the acceptances still needed at the
/// expected rate, plus 20%; it depends on earlier results only, never on threads or ranks.
std::uint64_t next_batch(const AbcSettings& s, int remaining, double expected_rate) {
  const double rate = std::max(expected_rate, s.min_acceptance);
  const auto want = static_cast<std::uint64_t>(std::ceil(1.2 * remaining / rate));
  return std::clamp(want, s.min_batch, s.max_batch);
}

/// Normalises log weights (max shifted out) and fills weight/ess.
void set_weights(AbcGeneration& g, const std::vector<double>& log_w) {
  const double top = *std::max_element(log_w.begin(), log_w.end());
  g.weight.resize(static_cast<Eigen::Index>(log_w.size()));
  for (std::size_t i = 0; i < log_w.size(); ++i) g.weight(static_cast<Eigen::Index>(i)) = std::exp(log_w[i] - top);
  g.weight /= g.weight.sum();
  g.ess = effective_sample_size(g.weight);
}

/// One generation; returns false when it was abandoned (simulation budget exhausted).
bool run_generation(const std::vector<PriorMarginal>& prior, const AbcSettings& s, const BatchEvaluator& evaluate,
                    const AbcGeneration* previous, AbcGeneration& g) {
  const auto t0 = Clock::now();
  const AbcRng rng(s.seed);
  const int n = s.particles;
  const auto dim = static_cast<Eigen::Index>(prior.size());
  const SupportTransform support(bounds_of(prior));
  std::unique_ptr<ProposalKernel> kernel;
  WeightedParticles prev;
  std::vector<double> cumulative;
  if (previous) {
    prev = {previous->theta, previous->weight};
    kernel = make_kernel(s.kernel, bounds_of(prior), prev);
    cumulative = cumulative_weights(prev.weight);
    g.tolerance = std::max(next_tolerance(*previous, s.alpha), s.target_tolerance);
  }
  const auto budget = previous ? static_cast<std::uint64_t>(std::ceil(n / s.min_acceptance)) : static_cast<std::uint64_t>(n);
  g.theta.resize(n, dim);
  g.distance.resize(n);
  int accepted = 0;
  std::uint64_t attempt = 0, simulated = 0, simulated_at_last = 0;
  while (accepted < n) {
    // The budget counts simulations; proposals outside the prior's support cost none, but are
    // capped too (the gaussian kernel, far wider than a support, would otherwise loop for ever).
    if (simulated >= budget || attempt >= 1000 * budget) return false;
    const double expected = attempt > 0 && accepted > 0 ? static_cast<double>(accepted) / static_cast<double>(attempt)
                            : previous ? previous->acceptance_rate : 1.0;
    const std::uint64_t count = previous ? std::min(next_batch(s, n - accepted, expected), 1000 * budget - attempt)
                                         : std::min<std::uint64_t>(static_cast<std::uint64_t>(n - accepted), s.max_batch);
    Eigen::MatrixXd theta(static_cast<Eigen::Index>(count), dim);
    std::vector<char> inside(count);
    std::vector<double> distance(count, std::numeric_limits<double>::infinity());
    propose(prior, rng, g.index, attempt, kernel.get(), cumulative, support, theta, inside);
    evaluate(g.index, attempt, theta, inside, distance);
    for (std::uint64_t i = 0; i < count; ++i) (inside[i] ? g.simulations : g.outside) += 1;
    for (std::uint64_t i = 0; i < count && accepted < n; ++i) {
      simulated += inside[i] ? 1 : 0;
      const bool ok = inside[i] && (!previous || distance[i] <= g.tolerance);
      if (!ok) continue;
      g.theta.row(accepted) = theta.row(static_cast<Eigen::Index>(i));
      g.distance(accepted) = distance[i];
      if (++accepted == n) g.attempts = attempt + i + 1, simulated_at_last = simulated;
    }
    attempt += count;
  }
  // Lenormand et al.'s p_acc: accepted particles per simulation (proposals outside the support
  // are not simulations: they are redrawn, as in Beaumont et al.'s sampler).
  g.acceptance_rate = static_cast<double>(n) / static_cast<double>(simulated_at_last);
  std::vector<double> log_w(static_cast<std::size_t>(n), 0.0);
  if (kernel) {
    tbb::parallel_for(0, n, [&](int i) {
      const Eigen::VectorXd x = g.theta.row(i).transpose();
      log_w[static_cast<std::size_t>(i)] = kernel->log_weight(x, log_prior(prior, x));
    });
  }
  set_weights(g, log_w);
  g.wall_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return true;
}

AbcStop stop_after(const AbcSettings& s, const AbcGeneration& g) {
  if (g.index > 0 && g.tolerance <= s.target_tolerance) return AbcStop::TargetReached;
  if (g.index > 0 && g.acceptance_rate < s.min_acceptance) return AbcStop::LowAcceptance;
  if (g.index >= s.max_generations) return AbcStop::MaxGenerations;
  return AbcStop::Running;
}

}  // namespace

AbcStop run_abc_smc(const std::vector<PriorMarginal>& prior, const AbcSettings& settings,
                    const BatchEvaluator& evaluate, std::vector<AbcGeneration>& done, const GenerationSink& sink) {
  if (!done.empty()) {
    const AbcStop s = stop_after(settings, done.back());
    if (s != AbcStop::Running) return s;
  }
  for (;;) {
    AbcGeneration g;
    g.index = static_cast<int>(done.size());
    if (!run_generation(prior, settings, evaluate, done.empty() ? nullptr : &done.back(), g)) return AbcStop::LowAcceptance;
    done.push_back(std::move(g));
    if (sink) sink(done.back());
    const AbcStop s = stop_after(settings, done.back());
    if (s != AbcStop::Running) return s;
  }
}

}  // namespace simrun
