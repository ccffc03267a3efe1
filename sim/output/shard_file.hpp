#pragma once
// The shard file of `simrun sweep FILE --shard I/K` (layout in docs/cluster.md). A shard is
// untrusted input to `simrun merge` (it may be truncated, corrupted on disk or crafted), so it is
// written and read through sim/output/untrusted_h5.hpp: HDF5 1.10 with checksummed metadata,
// fixed-length strings, contiguous datasets, sizes checked before anything is allocated.
//
// Root attributes: filetype, format_version = [major, minor] (file_kinds.hpp), simrun_version,
// git_commit, creation_time, sweep_file, sweep_absolute_path, sweep_hash, design_hash,
// command_line, overrides (the sweep's -n/--seed/--set as "runs=N\nseed=S\nset=P=V\n"), shard_index, shard_count, points_total, header_checksum (FNV-1a of those texts
// and numbers, verified before any of them is used), results_checksum (of points, offsets and
// results, verified before they are parsed) and, written last, complete = 1. Datasets (1-D):
// `points` (point indices), `offsets` (into `results`) and `results` (the serialised integer sums
// of each point, sim/engine/point_result.hpp). What the contents mean, and whether shards fit
// together, is the sweep layer's business (sim/sweep/shard.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/safe_file.hpp"

namespace simrun {

/// What a shard file says about itself.
struct ShardHeader {
  std::string path;
  std::string filetype, simrun_version, git_commit, sweep_hash, design_hash, sweep_file, sweep_absolute_path;
  std::string command_line;
  std::string overrides;  ///< SweepOverrides::text() of the sweep the shard belongs to ("" if none)
  std::size_t index = 0, count = 0, points_total = 0;
  bool complete = false;
};

/// The data of a shard.
struct ShardContents {
  std::vector<std::int64_t> points;   ///< point indices, ascending
  std::vector<std::int64_t> offsets;  ///< points.size() + 1 offsets into `results`
  std::vector<std::uint8_t> results;  ///< the serialised point results, back to back
};

/// A sweep has at most 10^7 points (sim/sweep/spec.cpp): a header claiming more is corrupted.
inline constexpr std::size_t kMaxShardPoints = 10000000;

/// Writes a complete shard (header.path, filetype, version and commit are ignored: the target's
/// path, the shard kind and this build's are written). @throws h5::OutputError if it cannot be
/// written (nothing is left then).
void write_shard_file(const OutputTarget& target, const ShardHeader& header, const ShardContents& contents);

/// Reads the header and verifies its checksum. @throws InputError (file = path) if the file is
/// missing, not a regular file, not HDF5, truncated, corrupted or not a shard.
ShardHeader read_shard_header(const std::string& path);

/// Reads the datasets (at most `points` points) and verifies their checksum.
/// @throws InputError (file = h.path) if they cannot be read, are larger, or do not match it.
ShardContents read_shard_contents(const ShardHeader& h, std::size_t points);

}  // namespace simrun
