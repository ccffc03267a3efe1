#pragma once
// What a sweep keeps of each point: the integer sums of its ensemble that the sweep file's
// datasets are derived from (formation and in-force counts, time to formation, fixed-point
// sums of the fronts) and the fronts' t0 values. Integers merge exactly, so a point computed
// by any thread, rank or shard gives the same bytes.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/model/world.hpp"

namespace simrun {

struct SweepPlan;

struct PointResult {
  std::uint64_t runs = 0;
  std::vector<std::uint64_t> formed_by;        ///< [tick][dyad]
  std::vector<std::uint64_t> in_force;         ///< [tick][dyad]
  std::vector<std::uint64_t> first_formation;  ///< [dyad][T+2]: tick 0..T, T+1 = never
  std::vector<int128> front_sum, front_sumsq;  ///< [tick][dyad][front], deviations from t0 (see Accumulator)
  std::vector<double> origin;                  ///< [dyad][front]: the front's t0 value

  bool done() const { return runs > 0; }
  bool operator==(const PointResult& o) const;
};

/// Keeps what the sweep needs of a point's accumulator.
PointResult reduce_point(const Accumulator& acc, const ModelContext& ctx);

/// Runs point p of the plan (runs in parallel on the current TBB arena; fixed runs, or batches
/// until the focal intervals are narrow enough): the same numbers as `simrun SCENARIO --fixed --set ...
/// -s SEED -n RUNS`.
PointResult run_point(const SweepPlan& plan, std::size_t p);

/// Runs the given points, in parallel over points and over runs. `results` has one slot per
/// point of the plan; `done` is called after each point (from worker threads, serialised).
void run_points(const SweepPlan& plan, const std::vector<std::size_t>& points, std::vector<PointResult>& results,
                const std::function<void(std::size_t)>& done = {});

/// Flat bytes of a result (native byte order) for MPI messages and shard checksums.
std::string serialize(const PointResult& r);
/// @throws std::runtime_error if the bytes do not hold a result of this shape.
PointResult deserialize(const std::string& bytes, int ticks, int dyads);

}  // namespace simrun
