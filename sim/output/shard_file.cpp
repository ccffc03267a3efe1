#include "sim/output/shard_file.hpp"

#include <limits>

#include "sim/output/file_kinds.hpp"
#include "sim/output/fnv1a.hpp"
#include "sim/output/metadata.hpp"
#include "sim/output/untrusted_h5.hpp"
#include "sim/scenario/input_error.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

/// The header attributes, in the order the header checksum covers them.
const std::vector<const char*> kHeaderTexts = {"filetype",   "simrun_version", "git_commit",  "creation_time", "sweep_file",
                                               "sweep_absolute_path", "sweep_hash", "design_hash", "command_line",
                                               "overrides"};
const std::vector<const char*> kHeaderNumbers = {"shard_index", "shard_count", "points_total"};

std::string header_checksum(const std::vector<std::string>& texts, const std::vector<std::int64_t>& numbers) {
  std::uint64_t h = fnv1a("simrun-shard-header", 19);
  for (const auto& t : texts) h = fnv1a(t.c_str(), t.size() + 1, h);  // with its NUL: no ambiguity
  return hex64(fnv1a(numbers.data(), numbers.size() * sizeof(std::int64_t), h));
}

/// The payload's checksum: the point list, the offsets and the serialised results.
std::string results_checksum(const ShardContents& c) {
  std::uint64_t h = fnv1a(c.points.data(), c.points.size() * sizeof(std::int64_t));
  h = fnv1a(c.offsets.data(), c.offsets.size() * sizeof(std::int64_t), h);
  return hex64(fnv1a(c.results.data(), c.results.size(), h));
}

[[noreturn]] void bad_shard(const std::string& path, const std::string& why) { throw InputError(path, 0, "", why); }

}  // namespace

void write_shard_file(const OutputTarget& target, const ShardHeader& h, const ShardContents& c) {
  std::vector<std::string> texts = {kShardFile.filetype, kVersion,       kGitCommit,    iso_time_now(), h.sweep_file,
                                    h.sweep_absolute_path, h.sweep_hash, h.design_hash, h.command_line, h.overrides};
  for (auto& t : texts) t = t.substr(0, kMaxAttributeChars);  // as the writer stores them, so the checksum matches
  const std::vector<std::int64_t> numbers = {static_cast<std::int64_t>(h.index), static_cast<std::int64_t>(h.count),
                                             static_cast<std::int64_t>(h.points_total)};
  UntrustedH5Writer w(target);
  for (std::size_t k = 0; k < texts.size(); ++k) w.text(kHeaderTexts[k], texts[k]);
  w.integer_pair("format_version", kShardFile.major, kShardFile.minor);
  for (std::size_t k = 0; k < numbers.size(); ++k) w.integer(kHeaderNumbers[k], numbers[k]);
  w.text("header_checksum", header_checksum(texts, numbers));
  w.integers("points", c.points);
  w.integers("offsets", c.offsets);
  w.bytes("results", c.results);
  w.text("results_checksum", results_checksum(c));
  w.integer("complete", 1);  // last: a shard without it was not finished
  w.commit();
}

ShardHeader read_shard_header(const std::string& path) {
  ShardHeader h;
  h.path = path;
  const UntrustedH5Reader f(path);
  if (!f.has_text("filetype"))  // e.g. a sweep's or an experiment's output (variable-length strings)
    bad_shard(path, "not a sweep shard (no filetype of a shard; shards are written by simrun sweep --shard I/K)");
  std::vector<std::string> texts;
  std::vector<std::int64_t> numbers;
  for (const char* name : kHeaderTexts) texts.push_back(f.text(name));
  if (texts[0] != kShardFile.filetype)
    bad_shard(path, "not a sweep shard (filetype " + quote(texts[0]) + "; shards are written by simrun sweep --shard I/K)");
  for (const char* name : kHeaderNumbers) numbers.push_back(f.integer(name, -1));
  // Verified before any of it is used: a flipped byte in a hash or an index is caught here.
  if (f.text("header_checksum") != header_checksum(texts, numbers))
    bad_shard(path, "corrupted shard: its header does not match its checksum (re-run its shard with --force)");
  h.filetype = texts[0];
  h.simrun_version = texts[1];
  h.git_commit = texts[2];
  h.sweep_file = texts[4];
  h.sweep_absolute_path = texts[5];
  h.sweep_hash = texts[6];
  h.design_hash = texts[7];
  h.command_line = texts[8];
  h.overrides = texts[9];
  const std::int64_t index = numbers[0], count = numbers[1], total = numbers[2];
  if (index < 0 || count < 1 || index >= count || total < 0 || total > static_cast<std::int64_t>(kMaxShardPoints))
    bad_shard(path, "corrupted shard: bad shard_index/shard_count/points_total");
  h.index = static_cast<std::size_t>(index);
  h.count = static_cast<std::size_t>(count);
  h.points_total = static_cast<std::size_t>(total);
  h.complete = f.integer("complete", 0) == 1;
  return h;
}

ShardContents read_shard_contents(const ShardHeader& h, std::size_t points) {
  const UntrustedH5Reader f(h.path);
  ShardContents c;
  // Sizes are checked against what this shard must hold before anything is allocated; the
  // results are bounded by the file's size (untrusted_h5.hpp).
  c.points = f.integers("points", points);
  c.offsets = f.integers("offsets", points + 1);
  c.results = f.bytes("results", std::numeric_limits<std::size_t>::max());
  if (f.text("results_checksum") != results_checksum(c))
    bad_shard(h.path, "corrupted shard: its results do not match their checksum (re-run its shard with --force)");
  return c;
}

}  // namespace simrun
