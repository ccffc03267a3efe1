#pragma once
// Shards of a sweep for Slurm job arrays: `simrun sweep FILE --shard I/K` computes the points
// p with p mod K == I and writes their integer results to a shard file; `simrun merge` checks
// that the shards are complete, belong to the same sweep, design and simrun build, and cover
// every shard index exactly once, then writes the same file a single process would.
//
// The shard file itself (its attributes and datasets) is written and read by sim/output
// (shard_file.hpp); this layer decides what goes in it and whether shards fit together.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/point_result.hpp"
#include "sim/output/safe_file.hpp"
#include "sim/output/shard_file.hpp"
#include "sim/sweep/plan.hpp"

namespace simrun {

struct ShardId {
  std::size_t index = 0;  ///< I in 0..K-1
  std::size_t count = 1;  ///< K
};

/// Parses "I/K" (0 <= I < K). @throws InputError naming `option`.
ShardId parse_shard(const std::string& text, const std::string& option = "--shard");

/// The points of shard I of K: p = I, I + K, I + 2K, ... (deterministic round-robin).
std::vector<std::size_t> shard_points(std::size_t points, ShardId id);

/// Writes shard `id` of the plan; `results` has one slot per point of the plan.
/// @throws h5::OutputError if it cannot be written.
void write_shard(const OutputTarget& path, const SweepPlan& plan, ShardId id, const std::vector<PointResult>& results,
                 const std::string& command_line);

/// Reads the shard's results into their slots of `results` after checking its checksum and
/// that it holds exactly the points of its shard index. @throws InputError if not.
void read_shard_results(const ShardHeader& h, const SweepPlan& plan, std::vector<PointResult>& results);

/// "" if `h` is a complete shard `id` of `plan` written by this simrun build, else the reason.
std::string shard_mismatch(const ShardHeader& h, const SweepPlan& plan, ShardId id);

/// The shard files among `inputs` (files, or directories whose *.h5 files are taken).
std::vector<std::string> expand_shard_inputs(const std::vector<std::string>& inputs);

/// Reads, cross-checks and combines shards (see the file comment) into per-point results of
/// `plan`, which is made from `sweep_path` or, if empty, from the sweep file the shards name.
/// @throws InputError for missing, duplicate, incomplete, corrupted or mismatched shards.
struct MergedShards {
  SweepPlan plan;
  std::vector<PointResult> results;
  std::size_t shards = 0;
};
MergedShards merge_shards(const std::vector<std::string>& files, const std::string& sweep_path);

}  // namespace simrun
