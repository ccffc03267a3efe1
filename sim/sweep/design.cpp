#include "sim/sweep/design.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>

namespace simrun {
namespace {

enum Purpose : std::uint32_t { kLhsPermutation = 1, kLhsJitter = 2, kRandomBase = 3, kDigitalShift = 4 };

double round_if(const SweepParameter& p, double v) { return p.integer ? std::round(v) : v; }

}  // namespace

std::vector<double> latin_hypercube_unit(std::size_t n, std::size_t d, std::uint32_t seed) {
  std::vector<double> u(n * d);
  std::vector<std::size_t> perm(n);
  for (std::size_t k = 0; k < d; ++k) {
    std::iota(perm.begin(), perm.end(), 0);
    for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates with addressed draws
      const auto j = std::min(i - 1, static_cast<std::size_t>(design_uniform(seed, kLhsPermutation, k, i) * static_cast<double>(i)));
      std::swap(perm[i - 1], perm[j]);
    }
    for (std::size_t i = 0; i < n; ++i)
      u[i * d + k] = (static_cast<double>(perm[i]) + design_uniform(seed, kLhsJitter, i, k)) / static_cast<double>(n);
  }
  return u;
}

std::vector<double> saltelli_base_unit(std::size_t n, std::size_t d, QmcSampler sampler, std::uint32_t seed) {
  std::vector<double> u(n * d);
  if (sampler == QmcSampler::Random) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < d; ++k) u[i * d + k] = design_uniform(seed, kRandomBase, i, k);
    return u;
  }
  // Sobol points 0..n-1 with a digital shift (XOR of a random 64-bit word per dimension), which
  // keeps the net's stratification and makes the sample an unbiased randomised QMC estimate.
  boost::random::sobol_engine<std::uint64_t, 64> qrng(d);
  std::vector<std::uint64_t> shift(d);
  for (std::size_t k = 0; k < d; ++k) shift[k] = design_bits(seed, kDigitalShift, k, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < d; ++k) {
      const std::uint64_t x = qrng() ^ shift[k];
      u[i * d + k] = (static_cast<double>(x >> 11) + 0.5) * 0x1p-53;
    }
  return u;
}

double from_unit(const SweepParameter& p, double u) {
  switch (p.distribution) {
    case Distribution::Uniform: return p.a + u * (p.b - p.a);
    case Distribution::LogUniform: return std::exp(std::log(p.a) + u * (std::log(p.b) - std::log(p.a)));
    case Distribution::Normal: return p.a + p.b * boost::math::quantile(boost::math::normal_distribution<double>(0.0, 1.0), u);
    case Distribution::Values: break;
  }
  return p.values.empty() ? 0.0 : p.values[std::min(p.values.size() - 1, static_cast<std::size_t>(u * static_cast<double>(p.values.size())))];
}

std::vector<double> saltelli_matrix(const std::vector<double>& base, std::size_t n, std::size_t d) {
  std::vector<double> m(n * (d + 2) * d);
  auto row = [&](std::size_t block, std::size_t j) { return &m[(block * n + j) * d]; };
  for (std::size_t j = 0; j < n; ++j) {
    const double* a = &base[j * 2 * d];
    const double* b = a + d;
    std::copy(a, a + d, row(0, j));
    std::copy(b, b + d, row(1, j));
    for (std::size_t i = 0; i < d; ++i) {
      double* ab = row(2 + i, j);
      std::copy(a, a + d, ab);
      ab[i] = b[i];
    }
  }
  return m;
}

Design make_design(const SweepSpec& spec) {
  Design des;
  des.params = spec.parameters.size();
  const std::size_t d = des.params;
  switch (spec.kind) {
    case DesignKind::Grid: {
      // Row-major: the first parameter varies slowest.
      des.points = 1;
      for (const auto& p : spec.parameters) des.points *= p.values.size();
      des.values.resize(des.points * d);
      for (std::size_t pt = 0; pt < des.points; ++pt) {
        std::size_t rest = pt;
        for (std::size_t k = d; k-- > 0;) {
          const auto& vals = spec.parameters[k].values;
          des.values[pt * d + k] = vals[rest % vals.size()];
          rest /= vals.size();
        }
      }
      break;
    }
    case DesignKind::LatinHypercube: {
      des.points = spec.points;
      const auto u = latin_hypercube_unit(des.points, d, spec.design_seed);
      des.values.resize(des.points * d);
      for (std::size_t pt = 0; pt < des.points; ++pt)
        for (std::size_t k = 0; k < d; ++k)
          des.values[pt * d + k] = round_if(spec.parameters[k], from_unit(spec.parameters[k], u[pt * d + k]));
      break;
    }
    case DesignKind::Saltelli: {
      const std::size_t n = spec.base_samples;
      const auto base = saltelli_base_unit(n, 2 * d, spec.sampler, spec.design_seed);
      const auto u = saltelli_matrix(base, n, d);
      des.points = n * (d + 2);
      des.values.resize(des.points * d);
      for (std::size_t pt = 0; pt < des.points; ++pt) {
        for (std::size_t k = 0; k < d; ++k)
          des.values[pt * d + k] = round_if(spec.parameters[k], from_unit(spec.parameters[k], u[pt * d + k]));
        des.saltelli_block.push_back(static_cast<std::int64_t>(pt / n));
        des.saltelli_row.push_back(static_cast<std::int64_t>(pt % n));
      }
      break;
    }
  }
  return des;
}

}  // namespace simrun
