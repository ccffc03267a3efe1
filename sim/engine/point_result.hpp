#pragma once
// What a sweep keeps of each point's ensemble: the integer sums its file's datasets are derived
// from (formation and in-force counts, time to formation, fixed-point sums of the fronts) and the
// fronts' t0 values. Integers merge exactly, so a point computed by any thread, rank or shard
// gives the same bytes. (Running a point is the sweep's: sim/sweep/run_points.hpp.)
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/model/world.hpp"

namespace simrun {

struct PointResult {
  std::uint64_t runs = 0;
  std::vector<std::uint64_t> formed_by;        ///< [tick][dyad]
  std::vector<std::uint64_t> in_force;         ///< [tick][dyad]
  std::vector<std::uint64_t> first_formation;  ///< [dyad][T+2]: tick 0..T, T+1 = never
  std::vector<int128> front_sum, front_sumsq;  ///< [tick][dyad][front], deviations from t0 (see Accumulator)
  std::vector<double> origin;                  ///< [dyad][front]: the front's t0 value (front_origin)
  /// [tick][focal outcome]: runs with a new pact of the outcome's type by the tick. Kept only for a
  /// sweep with a typed focal outcome (TypedOutcome below); empty otherwise, and then not serialised.
  std::vector<std::uint64_t> focal_formed_by;

  bool done() const { return runs > 0; }
  bool operator==(const PointResult& o) const;
};

/// A focal outcome of a sweep: a new pact of type `pact` in dyad `dyad`.
struct TypedOutcome {
  int dyad = 0;
  PactType pact = PactType::Defence;
};

/// Keeps what the sweep needs of a point's accumulator; with `typed` outcomes also their
/// per-tick counts (focal_formed_by).
PointResult reduce_point(const Accumulator& acc, const ModelContext& ctx, const std::vector<TypedOutcome>& typed = {});

/// Flat bytes of a result (native byte order) for MPI messages and shard files.
std::string serialize(const PointResult& r);
/// `typed`: the number of typed outcomes the result must carry (0: none, as before).
/// @throws std::runtime_error if the bytes do not hold a result of this shape.
PointResult deserialize(const std::string& bytes, int ticks, int dyads, std::size_t typed = 0);

}  // namespace simrun
