#include "sim/sweep/shard.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "sim/scenario/input_error.hpp"
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

[[noreturn]] void bad_shard(const std::string& path, const std::string& why) { throw InputError(path, 0, "", why); }

}  // namespace

void write_shard(const OutputTarget& target, const SweepPlan& plan, ShardId id, const std::vector<PointResult>& results,
                 const std::string& command_line) {
  ShardContents c;
  c.offsets = {0};
  for (std::size_t p : shard_points(plan.points(), id)) {
    const std::string bytes = serialize(results[p]);
    c.results.insert(c.results.end(), bytes.begin(), bytes.end());
    c.points.push_back(static_cast<std::int64_t>(p));
    c.offsets.push_back(static_cast<std::int64_t>(c.results.size()));
  }
  ShardHeader h;
  h.sweep_file = plan.spec.path;
  h.sweep_absolute_path = plan.spec.absolute_path;
  h.sweep_hash = plan.sweep_hash;
  h.design_hash = plan.design_hash;
  h.command_line = command_line;
  h.overrides = plan.spec.overrides.text();
  h.index = id.index;
  h.count = id.count;
  h.points_total = plan.points();
  write_shard_file(target, h, c);
}

void read_shard_results(const ShardHeader& h, const SweepPlan& plan, std::vector<PointResult>& results) {
  const auto expected = shard_points(plan.points(), ShardId{h.index, h.count});
  // Read with its sizes bounded by what this shard must hold, and its checksum verified.
  const ShardContents c = read_shard_contents(h, expected.size());
  const std::vector<std::int64_t>& points = c.points;
  const std::vector<std::int64_t>& offsets = c.offsets;
  const std::vector<std::uint8_t>& blob = c.results;
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
      results[expected[k]] = deserialize(bytes, plan.ticks, plan.dyads, plan.typed_outcomes().size());
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
    differs("command-line overrides (-n, --seed, --set of simrun sweep)", quote(first.overrides), quote(h.overrides));
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
  // The shards were computed with the sweep's -n/--seed/--set (if any): the merge re-applies
  // them, so the merged file is the one `simrun sweep FILE <those options>` writes.
  SweepOverrides overrides;
  try {
    overrides = SweepOverrides::parse(first.overrides);
  } catch (const std::invalid_argument& e) {
    bad_shard(first.path, std::string("corrupted shard: bad overrides attribute: ") + e.what());
  }
  MergedShards out;
  try {
    out.plan = make_plan(sweep, overrides);
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
