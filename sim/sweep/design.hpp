#pragma once
// The points of a sweep: a full grid, a Latin hypercube or a Saltelli design (A, B and the
// A_B^i matrices for Sobol indices). Every random number of a design is addressed by
// (design seed, purpose, row, column) through Philox, so a design is a pure function of the
// sweep file: the same on every machine, rank and shard.
#include <cstdint>
#include <vector>

#include "sim/model/design_rng.hpp"
#include "sim/sweep/spec.hpp"

namespace simrun {

struct Design {
  std::size_t points = 0;
  std::size_t params = 0;
  std::vector<double> values;  ///< [point][parameter], the numbers given to `--set`
  /// Saltelli only: which matrix a point comes from (0 = A, 1 = B, 2 + i = A_B^i, i.e. A with
  /// column i taken from B) and its row j in 0..N-1. Points are ordered A, B, A_B^1 ... A_B^d.
  std::vector<std::int64_t> saltelli_block, saltelli_row;
  double at(std::size_t p, std::size_t k) const { return values[p * params + k]; }
};

/// The design of a validated spec (values of integer fields rounded).
Design make_design(const SweepSpec& spec);

/// n x d Latin hypercube in the unit cube: each column has one point in each of n strata.
std::vector<double> latin_hypercube_unit(std::size_t n, std::size_t d, std::uint32_t seed);

/// n x d base sample for Saltelli in the open unit cube: the Sobol sequence (Joe-Kuo directions,
/// Boost.Random) with a random digital shift from `seed`, or plain pseudo-random numbers.
std::vector<double> saltelli_base_unit(std::size_t n, std::size_t d, QmcSampler sampler, std::uint32_t seed);

/// Maps u in (0, 1) to the parameter's distribution (inverse CDF).
double from_unit(const SweepParameter& p, double u);

/// Rows of A, B and A_B^i from an n x 2d base sample: returns the n (d + 2) x d matrix in the
/// order A, B, A_B^1 ... A_B^d.
std::vector<double> saltelli_matrix(const std::vector<double>& base, std::size_t n, std::size_t d);

}  // namespace simrun
