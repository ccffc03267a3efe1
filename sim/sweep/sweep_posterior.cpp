#include "sim/sweep/sweep_posterior.hpp"

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "sim/output/fnv1a.hpp"
#include "sim/output/posterior_file.hpp"

namespace simrun {

SweepPosterior read_sweep_posterior(const std::string& path) {
  const PosteriorRecord r = read_posterior_file(path);
  SweepPosterior p;
  std::error_code ec;
  const auto abs = std::filesystem::absolute(path, ec);
  p.path = ec ? path : abs.lexically_normal().string();
  p.checksum = fnv1a_file_hex(path);
  p.calibration_file = r.calibration_file;
  p.inputs = r.parameter;
  p.theta = r.generations.back().theta;
  p.weight = r.generations.back().weight;
  return p;
}

double posterior_quantile(const SweepPosterior& posterior, std::size_t input, double q) {
  std::vector<std::size_t> order(posterior.particles());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return posterior.value(a, input) < posterior.value(b, input); });
  const double total = std::accumulate(posterior.weight.begin(), posterior.weight.end(), 0.0);
  double cumulative = 0;
  for (std::size_t k : order) {
    cumulative += posterior.weight[k] / total;
    if (cumulative >= q) return posterior.value(k, input);
  }
  return posterior.value(order.back(), input);
}

}  // namespace simrun
