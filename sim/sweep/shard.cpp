#include "sim/sweep/shard.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>

#include "sim/output/h5file.hpp"
#include "sim/output/metadata.hpp"
#include "sim/output/untrusted_h5.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/sweep_writer.hpp"
#include "simrun/version.hpp"

namespace simrun {

ShardId parse_shard(const std::string& text, const std::string& option) {
  const auto slash = text.find('/');
  auto whole = [](const std::string& s, std::size_t& out) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::stoul(s);
    return true;
  };
  ShardId id;
  if (slash == std::string::npos || !whole(text.substr(0, slash), id.index) || !whole(text.substr(slash + 1), id.count) ||
      id.count < 1 || id.index >= id.count)
    throw InputError("command line", 0, option, "expected I/K with 0 <= I < K (e.g. --shard 0/4 for the first of 4 shards), got '" + text + "'");
  return id;
}

std::vector<std::size_t> shard_points(std::size_t points, ShardId id) {
  std::vector<std::size_t> out;
  for (std::size_t p = id.index; p < points; p += id.count) out.push_back(p);
  return out;
}

namespace {

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

/// The payload's checksum: the point list, the offsets and the serialised results.
std::string checksum(const std::vector<std::int64_t>& points, const std::vector<std::int64_t>& offsets,
                     const std::vector<std::uint8_t>& blob) {
  std::uint64_t h = fnv1a(points.data(), points.size() * sizeof(std::int64_t));
  h = fnv1a(offsets.data(), offsets.size() * sizeof(std::int64_t), h);
  return hex(fnv1a(blob.data(), blob.size(), h));
}

/// The header attributes, in the order the header checksum covers them.
const std::vector<const char*> kHeaderTexts = {"filetype",   "simrun_version", "git_commit",  "creation_time", "sweep_file",
                                               "sweep_absolute_path", "sweep_hash", "design_hash", "command_line"};
const std::vector<const char*> kHeaderNumbers = {"shard_index", "shard_count", "points_total"};

std::string header_checksum(const std::vector<std::string>& texts, const std::vector<std::int64_t>& numbers) {
  std::uint64_t h = fnv1a("simrun-shard-header", 19);
  for (const auto& t : texts) h = fnv1a(t.c_str(), t.size() + 1, h);  // with its NUL: no ambiguity
  return hex(fnv1a(numbers.data(), numbers.size() * sizeof(std::int64_t), h));
}

/// A sweep has at most 10^7 points (sim/sweep/spec.cpp): a header claiming more is corrupted.
constexpr std::size_t kMaxShardPoints = 10000000;

[[noreturn]] void bad_shard(const std::string& path, const std::string& why) { throw InputError(path, 0, "", why); }

}  // namespace

void write_shard(const OutputTarget& target, const SweepPlan& plan, ShardId id, const std::vector<PointResult>& results,
                 const std::string& command_line) {
  const auto pts = shard_points(plan.points(), id);
  std::vector<std::int64_t> points, offsets = {0};
  std::vector<std::uint8_t> blob;
  for (std::size_t p : pts) {
    const std::string bytes = serialize(results[p]);
    blob.insert(blob.end(), bytes.begin(), bytes.end());
    points.push_back(static_cast<std::int64_t>(p));
    offsets.push_back(static_cast<std::int64_t>(blob.size()));
  }
  std::vector<std::string> texts = {kShardFileType, kVersion, kGitCommit, iso_time_now(), plan.spec.path, plan.spec.absolute_path,
                                    plan.sweep_hash, plan.design_hash, command_line};
  for (auto& t : texts) t = t.substr(0, kMaxAttributeChars);
  const std::vector<std::int64_t> numbers = {static_cast<std::int64_t>(id.index), static_cast<std::int64_t>(id.count),
                                             static_cast<std::int64_t>(plan.points())};
  UntrustedH5Writer w(target);
  for (std::size_t k = 0; k < texts.size(); ++k) w.text(kHeaderTexts[k], texts[k]);
  for (std::size_t k = 0; k < numbers.size(); ++k) w.integer(kHeaderNumbers[k], numbers[k]);
  w.text("header_checksum", header_checksum(texts, numbers));
  w.integers("points", points);
  w.integers("offsets", offsets);
  w.bytes("results", blob);
  w.text("results_checksum", checksum(points, offsets, blob));
  w.integer("complete", 1);  // last: a shard without it was not finished
  w.commit();
}

ShardHeader read_shard_header(const std::string& path) {
  ShardHeader h;
  h.path = path;
  const UntrustedH5Reader f(path);
  std::vector<std::string> texts;
  std::vector<std::int64_t> numbers;
  if (!f.has_text("filetype"))  // e.g. a sweep's or an experiment's output (variable-length strings)
    bad_shard(path, "not a sweep shard (no filetype of a shard; shards are written by simrun sweep --shard I/K)");
  for (const char* name : kHeaderTexts) texts.push_back(f.text(name));
  if (texts[0] != kShardFileType)
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
  const std::int64_t index = numbers[0], count = numbers[1], total = numbers[2];
  if (index < 0 || count < 1 || index >= count || total < 0 || total > static_cast<std::int64_t>(kMaxShardPoints))
    bad_shard(path, "corrupted shard: bad shard_index/shard_count/points_total");
  h.index = static_cast<std::size_t>(index);
  h.count = static_cast<std::size_t>(count);
  h.points_total = static_cast<std::size_t>(total);
  h.complete = f.integer("complete", 0) == 1;
  return h;
}

void read_shard_results(const ShardHeader& h, const SweepPlan& plan, std::vector<PointResult>& results) {
  const auto expected = shard_points(plan.points(), ShardId{h.index, h.count});
  const UntrustedH5Reader f(h.path);
  // Sizes are checked against what this shard must hold before anything is allocated.
  const std::vector<std::int64_t> points = f.integers("points", expected.size());
  const std::vector<std::int64_t> offsets = f.integers("offsets", expected.size() + 1);
  const std::vector<std::uint8_t> blob = f.bytes("results", std::numeric_limits<std::size_t>::max());
  if (f.text("results_checksum") != checksum(points, offsets, blob))
    bad_shard(h.path, "corrupted shard: its results do not match their checksum (re-run its shard with --force)");
  if (points.size() != expected.size() || offsets.size() != points.size() + 1)
    bad_shard(h.path, "corrupted shard: it holds " + std::to_string(points.size()) + " points, shard " + std::to_string(h.index) + "/" +
                          std::to_string(h.count) + " has " + std::to_string(expected.size()));
  for (std::size_t k = 0; k < points.size(); ++k) {
    if (points[k] != static_cast<std::int64_t>(expected[k])) bad_shard(h.path, "corrupted shard: unexpected point list");
    if (offsets[k] < 0 || offsets[k + 1] < offsets[k] || static_cast<std::size_t>(offsets[k + 1]) > blob.size())
      bad_shard(h.path, "corrupted shard: bad offsets");
    const std::string bytes(reinterpret_cast<const char*>(blob.data()) + offsets[k],
                            static_cast<std::size_t>(offsets[k + 1] - offsets[k]));
    try {
      results[expected[k]] = deserialize(bytes, plan.ticks, plan.dyads);
    } catch (const std::runtime_error& e) {
      bad_shard(h.path, "corrupted shard: point " + std::to_string(expected[k]) + ": " + e.what());
    }
    if (!results[expected[k]].done()) bad_shard(h.path, "corrupted shard: point " + std::to_string(expected[k]) + " has no runs");
  }
}

std::string shard_mismatch(const ShardHeader& h, const SweepPlan& plan, ShardId id) {
  if (!h.complete) return "it is not complete (no complete = 1 attribute)";
  if (h.sweep_hash != plan.sweep_hash)
    return "it belongs to a different sweep or scenario (sweep hash " + h.sweep_hash + ", this sweep has " + plan.sweep_hash + ")";
  if (h.design_hash != plan.design_hash)
    return "it has a different design (design hash " + h.design_hash + ", this sweep has " + plan.design_hash + ")";
  if (h.simrun_version != kVersion || h.git_commit != kGitCommit)
    return "it was written by simrun " + h.simrun_version + " (" + h.git_commit + "), this is simrun " + kVersion + " (" + kGitCommit + ")";
  if (h.index != id.index || h.count != id.count)
    return "it is shard " + std::to_string(h.index) + "/" + std::to_string(h.count) + ", not " + std::to_string(id.index) + "/" +
           std::to_string(id.count);
  if (h.points_total != plan.points()) return "it belongs to a sweep of " + std::to_string(h.points_total) + " points";
  return "";
}

std::vector<std::string> expand_shard_inputs(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(in, ec))
        if (e.is_regular_file() && e.path().extension() == ".h5") found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      if (found.empty()) throw InputError(in, 0, "", "the directory holds no *.h5 shard files");
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  if (files.empty()) throw InputError("command line", 0, "", "no shard files given: simrun merge -o OUT SHARD... (or a directory)");
  return files;
}

MergedShards merge_shards(const std::vector<std::string>& files, const std::string& sweep_path) {
  std::vector<ShardHeader> headers;
  for (const auto& f : files) {
    ShardHeader h = read_shard_header(f);
    if (!h.complete) bad_shard(f, "incomplete shard (no complete = 1 attribute): re-run shard " + std::to_string(h.index) + "/" + std::to_string(h.count));
    headers.push_back(std::move(h));
  }
  const ShardHeader& first = headers.front();
  std::map<std::size_t, std::string> by_index;
  for (const auto& h : headers) {
    auto differs = [&](const std::string& what, const std::string& a, const std::string& b) {
      if (a != b)
        bad_shard(h.path, "mismatched shards: its " + what + " is " + b + " but " + first.path + "'s is " + a +
                              " (shards of different sweeps, designs or simrun builds cannot be merged)");
    };
    differs("sweep hash (sweep file and scenario)", first.sweep_hash, h.sweep_hash);
    differs("design hash", first.design_hash, h.design_hash);
    differs("simrun version", first.simrun_version + " (" + first.git_commit + ")", h.simrun_version + " (" + h.git_commit + ")");
    differs("shard count", std::to_string(first.count), std::to_string(h.count));
    auto [it, inserted] = by_index.emplace(h.index, h.path);
    if (!inserted)
      bad_shard(h.path, "duplicate shard: it is shard " + std::to_string(h.index) + "/" + std::to_string(h.count) + ", as is " + it->second);
  }
  std::string missing;
  std::size_t n_missing = 0;
  for (std::size_t i = 0; i < first.count; ++i)
    if (!by_index.count(i)) {
      missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(first.count);
      ++n_missing;
    }
  if (n_missing)
    throw InputError("command line", 0, "",
                     "missing " + std::to_string(n_missing) + " of " + std::to_string(first.count) + " shards: " + missing +
                         " (run simrun sweep SWEEP --shard I/K for each; complete shards are skipped)");

  const std::string sweep = sweep_path.empty() ? first.sweep_absolute_path : sweep_path;
  MergedShards out;
  try {
    out.plan = make_plan(sweep);
  } catch (const InputError& e) {
    throw InputError(e.file(), e.line(), e.field(),
                     e.detail() + " (while re-reading the sweep the shards name; give its current path with --sweep FILE)");
  }
  if (sweep_path.empty()) {
    // Describe the sweep as the shards do (the path it was given as, and its scenario from there),
    // so the merged file's attributes are those of the single-process run.
    const SweepSpec as_given = parse_sweep_text(out.plan.spec.text, first.sweep_file);
    out.plan.spec.path = as_given.path;
    out.plan.spec.scenario_path = as_given.scenario_path;
    out.plan.spec.absolute_path = first.sweep_absolute_path;
  }
  for (const auto& h : headers) {
    const std::string why = shard_mismatch(h, out.plan, ShardId{h.index, h.count});
    if (!why.empty()) bad_shard(h.path, "cannot merge it into the sweep " + sweep + ": " + why);
  }
  out.results.resize(out.plan.points());
  for (const auto& h : headers) read_shard_results(h, out.plan, out.results);
  out.shards = headers.size();
  return out;
}

}  // namespace simrun
