#include "sim/sweep/shard.hpp"

#include <H5Cpp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "sim/output/h5file.hpp"
#include "sim/output/metadata.hpp"
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

H5::StrType vlen_string() {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

void attr_str(H5::H5Object& o, const std::string& name, const std::string& v) {
  const H5::StrType t = vlen_string();
  const char* p = v.c_str();
  o.createAttribute(name, t, H5::DataSpace(H5S_SCALAR)).write(t, &p);
}

void attr_i64(H5::H5Object& o, const std::string& name, std::int64_t v) {
  o.createAttribute(name, H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_INT64, &v);
}

std::string read_attr_str(const H5::H5Object& o, const std::string& name) {
  if (!o.attrExists(name)) return "";
  const H5::Attribute a = o.openAttribute(name);
  std::string v;
  a.read(a.getStrType(), v);
  return v;
}

std::int64_t read_attr_i64(const H5::H5Object& o, const std::string& name, std::int64_t missing = -1) {
  if (!o.attrExists(name)) return missing;
  std::int64_t v = 0;
  o.openAttribute(name).read(H5::PredType::NATIVE_INT64, &v);
  return v;
}

template <class T>
void write_1d(H5::H5File& f, const std::string& name, const H5::PredType& file_type, const H5::PredType& mem_type,
              const std::vector<T>& v) {
  const hsize_t n = v.size();
  H5::DataSet ds = f.createDataSet(name, file_type, H5::DataSpace(1, &n));
  if (n) ds.write(v.data(), mem_type);
}

template <class T>
std::vector<T> read_1d(const H5::H5File& f, const std::string& name, const H5::PredType& mem_type) {
  const H5::DataSet ds = f.openDataSet(name);
  const H5::DataSpace sp = ds.getSpace();
  if (sp.getSimpleExtentNdims() != 1) throw std::runtime_error("dataset '" + name + "' is not 1-D");
  hsize_t n = 0;
  sp.getSimpleExtentDims(&n);
  std::vector<T> v(n);
  if (n) ds.read(v.data(), mem_type);
  return v;
}

std::string checksum(const std::vector<std::int64_t>& points, const std::vector<std::uint8_t>& blob) {
  std::uint64_t h = fnv1a(points.data(), points.size() * sizeof(std::int64_t));
  h = fnv1a(blob.data(), blob.size(), h);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

[[noreturn]] void bad_shard(const std::string& path, const std::string& why) { throw InputError(path, 0, "", why); }

}  // namespace

void write_shard(const OutputTarget& target, const SweepPlan& plan, ShardId id, const std::vector<PointResult>& results,
                 const std::string& command_line) {
  const std::string temp = reserve_temp(target.path);
  const auto pts = shard_points(plan.points(), id);
  std::vector<std::int64_t> points, offsets = {0};
  std::vector<std::uint8_t> blob;
  for (std::size_t p : pts) {
    const std::string bytes = serialize(results[p]);
    blob.insert(blob.end(), bytes.begin(), bytes.end());
    points.push_back(static_cast<std::int64_t>(p));
    offsets.push_back(static_cast<std::int64_t>(blob.size()));
  }
  try {
    H5::Exception::dontPrint();
    H5::H5File f(temp, H5F_ACC_EXCL);  // never follows a planted link (safe_file.hpp)
    H5::Group root = f.openGroup("/");
    attr_str(root, "filetype", kShardFileType);
    attr_str(root, "simrun_version", kVersion);
    attr_str(root, "git_commit", kGitCommit);
    attr_str(root, "creation_time", iso_time_now());
    attr_str(root, "sweep_file", plan.spec.path);
    attr_str(root, "sweep_absolute_path", plan.spec.absolute_path);
    attr_str(root, "sweep_hash", plan.sweep_hash);
    attr_str(root, "design_hash", plan.design_hash);
    attr_str(root, "command_line", command_line);
    attr_i64(root, "shard_index", static_cast<std::int64_t>(id.index));
    attr_i64(root, "shard_count", static_cast<std::int64_t>(id.count));
    attr_i64(root, "points_total", static_cast<std::int64_t>(plan.points()));
    write_1d(f, "points", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, points);
    write_1d(f, "offsets", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, offsets);
    write_1d(f, "results", H5::PredType::STD_U8LE, H5::PredType::NATIVE_UINT8, blob);
    attr_str(root, "results_checksum", checksum(points, blob));
    attr_i64(root, "complete", 1);  // last: a shard without it was not finished
    root.close();
    f.close();
  } catch (const H5::Exception& e) {
    discard_temp(temp);
    throw h5::OutputError("cannot write shard '" + temp + "': " + e.getDetailMsg());
  }
  publish_temp(temp, target);
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
    h.filetype = read_attr_str(root, "filetype");
    if (h.filetype != kShardFileType)
      bad_shard(path, "not a sweep shard (filetype '" + h.filetype + "'; shards are written by simrun sweep --shard I/K)");
    h.simrun_version = read_attr_str(root, "simrun_version");
    h.git_commit = read_attr_str(root, "git_commit");
    h.sweep_hash = read_attr_str(root, "sweep_hash");
    h.design_hash = read_attr_str(root, "design_hash");
    h.sweep_file = read_attr_str(root, "sweep_file");
    h.sweep_absolute_path = read_attr_str(root, "sweep_absolute_path");
    const std::int64_t index = read_attr_i64(root, "shard_index"), count = read_attr_i64(root, "shard_count");
    const std::int64_t total = read_attr_i64(root, "points_total");
    if (index < 0 || count < 1 || index >= count || total < 0) bad_shard(path, "corrupted shard: bad shard_index/shard_count");
    h.index = static_cast<std::size_t>(index);
    h.count = static_cast<std::size_t>(count);
    h.points_total = static_cast<std::size_t>(total);
    h.complete = read_attr_i64(root, "complete", 0) == 1;
  } catch (const H5::Exception& e) {
    bad_shard(path, "cannot read the shard (truncated or corrupted? re-run its shard with --force): " + e.getDetailMsg());
  }
  return h;
}

void read_shard_results(const ShardHeader& h, const SweepPlan& plan, std::vector<PointResult>& results) {
  std::vector<std::int64_t> points, offsets;
  std::vector<std::uint8_t> blob;
  std::string stored;
  try {
    H5::Exception::dontPrint();
    const H5::H5File f(h.path, H5F_ACC_RDONLY);
    stored = read_attr_str(f.openGroup("/"), "results_checksum");
    points = read_1d<std::int64_t>(f, "points", H5::PredType::NATIVE_INT64);
    offsets = read_1d<std::int64_t>(f, "offsets", H5::PredType::NATIVE_INT64);
    blob = read_1d<std::uint8_t>(f, "results", H5::PredType::NATIVE_UINT8);
  } catch (const H5::Exception& e) {
    bad_shard(h.path, "cannot read the shard's results (truncated or corrupted? re-run its shard with --force): " + e.getDetailMsg());
  } catch (const std::runtime_error& e) {
    bad_shard(h.path, std::string("corrupted shard: ") + e.what());
  }
  if (stored.empty() || checksum(points, blob) != stored)
    bad_shard(h.path, "corrupted shard: its results do not match their checksum (re-run its shard with --force)");
  const auto expected = shard_points(plan.points(), ShardId{h.index, h.count});
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
