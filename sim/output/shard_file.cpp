#include "sim/output/shard_file.hpp"

#include <filesystem>
#include <stdexcept>

#include "sim/output/file_kinds.hpp"
#include "sim/output/h5_read.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/metadata.hpp"
#include "sim/scenario/input_error.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

using h5::Attr;

using h5read::attr_i64;
using h5read::attr_str;
using h5read::read_1d;

[[noreturn]] void bad_shard(const std::string& path, const std::string& why) { throw InputError(path, 0, "", why); }

}  // namespace

void write_shard_file(const std::string& path, const ShardHeader& h, const ShardContents& c) {
  h5::File file(path);
  h5::Group root = file.root();
  std::vector<Attr> attrs = file_kind_attrs(kShardFile);
  attrs.insert(attrs.end(), {
      Attr::str("simrun_version", kVersion),
      Attr::str("git_commit", kGitCommit),
      Attr::str("creation_time", iso_time_now()),
      Attr::str("sweep_file", h.sweep_file),
      Attr::str("sweep_absolute_path", h.sweep_absolute_path),
      Attr::str("sweep_hash", h.sweep_hash),
      Attr::str("design_hash", h.design_hash),
      Attr::str("command_line", h.command_line),
      Attr::i64("shard_index", static_cast<std::int64_t>(h.index)),
      Attr::i64("shard_count", static_cast<std::int64_t>(h.count)),
      Attr::i64("points_total", static_cast<std::int64_t>(h.points_total)),
  });
  root.set_attrs(attrs);
  root.write_array("points", h5::Type::Int64, c.points.size(), c.points.data());
  root.write_array("offsets", h5::Type::Int64, c.offsets.size(), c.offsets.data());
  root.write_array("results", h5::Type::UInt8, c.results.size(), c.results.data());
  root.set_attrs({Attr::str("results_checksum", c.checksum), Attr::i64("complete", 1)});  // last: a shard without it was not finished
  file.commit();
}

ShardHeader read_shard_header(const std::string& path) {
  ShardHeader h;
  h.path = path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) bad_shard(path, "no such shard file");
  H5::Exception::dontPrint();
  if (H5Fis_hdf5(path.c_str()) <= 0)
    bad_shard(path, "not an HDF5 file, or truncated or corrupted (re-run its shard with --force)");
  try {
    const H5::H5File f(path, H5F_ACC_RDONLY);
    const H5::Group root = f.openGroup("/");
    h.filetype = attr_str(root, "filetype");
    if (h.filetype != kShardFile.filetype)
      bad_shard(path, "not a sweep shard (filetype '" + h.filetype + "'; shards are written by simrun sweep --shard I/K)");
    h.simrun_version = attr_str(root, "simrun_version");
    h.git_commit = attr_str(root, "git_commit");
    h.sweep_hash = attr_str(root, "sweep_hash");
    h.design_hash = attr_str(root, "design_hash");
    h.sweep_file = attr_str(root, "sweep_file");
    h.sweep_absolute_path = attr_str(root, "sweep_absolute_path");
    h.command_line = attr_str(root, "command_line");
    const std::int64_t index = attr_i64(root, "shard_index", -1), count = attr_i64(root, "shard_count", -1);
    const std::int64_t total = attr_i64(root, "points_total", -1);
    if (index < 0 || count < 1 || index >= count || total < 0) bad_shard(path, "corrupted shard: bad shard_index/shard_count");
    h.index = static_cast<std::size_t>(index);
    h.count = static_cast<std::size_t>(count);
    h.points_total = static_cast<std::size_t>(total);
    h.complete = attr_i64(root, "complete", 0) == 1;
  } catch (const H5::Exception& e) {
    bad_shard(path, "cannot read the shard (truncated or corrupted? re-run its shard with --force): " + e.getDetailMsg());
  }
  return h;
}

ShardContents read_shard_contents(const ShardHeader& h) {
  ShardContents c;
  try {
    H5::Exception::dontPrint();
    const H5::H5File f(h.path, H5F_ACC_RDONLY);
    c.checksum = attr_str(f.openGroup("/"), "results_checksum");
    c.points = read_1d<std::int64_t>(f, "points", H5::PredType::NATIVE_INT64);
    c.offsets = read_1d<std::int64_t>(f, "offsets", H5::PredType::NATIVE_INT64);
    c.results = read_1d<std::uint8_t>(f, "results", H5::PredType::NATIVE_UINT8);
  } catch (const H5::Exception& e) {
    bad_shard(h.path, "cannot read the shard's results (truncated or corrupted? re-run its shard with --force): " + e.getDetailMsg());
  } catch (const std::runtime_error& e) {
    bad_shard(h.path, std::string("corrupted shard: ") + e.what());
  }
  return c;
}

}  // namespace simrun
