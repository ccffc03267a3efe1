#pragma once
// The shard file of `simrun sweep FILE --shard I/K` (layout in docs/cluster.md): root attributes
// filetype and format_version (file_kinds.hpp), simrun_version, git_commit, creation_time,
// sweep_file, sweep_absolute_path, sweep_hash, design_hash, command_line, shard_index,
// shard_count, points_total, results_checksum and, written last, complete = 1; the 1-D datasets
// `points` (point indices), `offsets` (into `results`) and `results` (the serialised integer
// sums of each point, sim/engine/point_result.hpp). What the contents mean, and whether shards
// fit together, is the sweep layer's business (sim/sweep/shard.hpp).
#include <cstdint>
#include <string>
#include <vector>

namespace simrun {

/// What a shard file says about itself.
struct ShardHeader {
  std::string path;
  std::string filetype, simrun_version, git_commit, sweep_hash, design_hash, sweep_file, sweep_absolute_path;
  std::string command_line;
  std::size_t index = 0, count = 0, points_total = 0;
  bool complete = false;
};

/// The data of a shard.
struct ShardContents {
  std::vector<std::int64_t> points;   ///< point indices, ascending
  std::vector<std::int64_t> offsets;  ///< points.size() + 1 offsets into `results`
  std::vector<std::uint8_t> results;  ///< the serialised point results, back to back
  std::string checksum;               ///< results_checksum (computed by the writer's caller)
};

/// Writes a complete shard (header.path is ignored; version and commit are this build's).
/// @throws h5::OutputError if it cannot be written (nothing is left at `path` then).
void write_shard_file(const std::string& path, const ShardHeader& header, const ShardContents& contents);

/// Reads the header. @throws InputError (file = path) if the file is missing, not HDF5,
/// truncated or not a shard.
ShardHeader read_shard_header(const std::string& path);

/// Reads the datasets and the stored checksum. @throws InputError (file = h.path) if they cannot
/// be read or are not 1-D.
ShardContents read_shard_contents(const ShardHeader& h);

}  // namespace simrun
