// libFuzzer target: the shard reader of `simrun merge` (sim/sweep/shard.cpp on
// sim/output/untrusted_h5.cpp). At start a real two-point shard of a tiny sweep is written; an
// input starting with HDF5's signature is taken as a whole shard file, any other input as a list
// of edits to the real shard (4 bytes of offset, 1 byte XORed there, repeated), so that the
// fuzzer reaches the deep structure of a valid file from the first input on. The file is then
// merged (header, cross-checks, checksums, results). Expected: the exact merge or
// simrun::InputError, and no HDF5 identifier (file, group, dataset, attribute, type, space) left
// open afterwards; any other exception, a crash, a hang or a sanitizer report is a finding.
// LeakSanitizer cannot see an identifier we fail to close (HDF5's tables still reach it), hence
// the count; what it does see on corrupted object headers is HDF5 1.10's own leak, suppressed
// in tests/faults/lsan.supp (scripts/fuzz.sh unwinds fully for this target to match it, and
// HDF5's free lists are turned off below so that the stack is the real one).
// Build and run: scripts/fuzz.sh (FUZZ_TARGETS=fuzz_shard_reader).
#include <hdf5.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/harness.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/engine/point_result.hpp"
#include "sim/sweep/run_points.hpp"
#include "sim/sweep/shard.hpp"

namespace {

namespace fs = std::filesystem;

struct Fixture {
  fs::path dir, sweep, shard_file, input;
  std::string shard;                  // the valid shard's bytes
  std::vector<std::string> expected;  // serialised results per point
};

void spit(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes; }

const Fixture& fixture() {
  static const Fixture f = [] {
    // No HDF5 free lists: a freed block goes back to malloc, so that LeakSanitizer reports the
    // stack that really allocated a leaked block (a recycled one shows where it was first
    // allocated, e.g. by the writer of the fixture below), and tests/faults/lsan.supp matches.
    H5set_free_list_limits(0, 0, 0, 0, 0, 0);
    Fixture x;
    x.dir = fs::temp_directory_path() / ("simrun-fuzz-shard-" + std::to_string(::getpid()));
    fs::create_directories(x.dir);
    spit(x.dir / "two.yaml", "actors:\n  - {id: A}\n  - {id: B}\ncalendar: {ticks: 3}\n");
    x.sweep = x.dir / "sweep.yaml";
    spit(x.sweep, "scenario: two.yaml\nruns: 3\nfocal: [A-B]\ndesign: {kind: grid}\nparameters:\n  - {path: parameters.lambda, values: [1, 2]}\n");
    const simrun::SweepPlan plan = simrun::make_plan(x.sweep.string());
    std::vector<simrun::PointResult> results(plan.points());
    simrun::run_points(plan, simrun::shard_points(plan.points(), simrun::ShardId{0, 1}), results);
    x.shard_file = x.dir / "valid.h5";
    simrun::write_shard(simrun::OutputTarget(x.shard_file.string(), true), plan, simrun::ShardId{0, 1}, results, "fuzz");
    std::ifstream in(x.shard_file, std::ios::binary);
    x.shard.assign(std::istreambuf_iterator<char>(in), {});
    for (const auto& r : results) x.expected.push_back(simrun::serialize(r));
    x.input = x.dir / "input.h5";
    return x;
  }();
  return f;
}

std::string shard_from(const std::uint8_t* data, std::size_t size, const std::string& valid) {
  static const char kSignature[] = "\x89HDF\r\n\x1a\n";
  if (size >= 8 && std::memcmp(data, kSignature, 8) == 0) return std::string(reinterpret_cast<const char*>(data), size);
  std::string bytes = valid;
  for (std::size_t k = 0; k + 5 <= size; k += 5) {
    std::uint32_t at = 0;
    std::memcpy(&at, data + k, 4);
    bytes[at % bytes.size()] = static_cast<char>(bytes[at % bytes.size()] ^ data[k + 4]);
  }
  return bytes;
}

/// HDF5 identifiers open in the process (files, groups, datasets, attributes, datatypes; the
/// count includes the library's own predefined types, hence a comparison with before).
ssize_t open_hdf5_ids() { return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 20)) return -1;
  const Fixture& f = fixture();
  spit(f.input, shard_from(data, size, f.shard));
  const ssize_t ids_before = open_hdf5_ids();
  std::string finding;
  try {
    const simrun::MergedShards m = simrun::merge_shards({f.input.string()}, f.sweep.string());
    for (std::size_t p = 0; p < f.expected.size(); ++p)
      if (simrun::serialize(m.results[p]) != f.expected[p]) finding = "a corrupted shard was merged with different results";
  } catch (const simrun::InputError&) {
  } catch (...) {
    finding = "exception other than InputError: " + simrun::fuzz::current_exception_type();
  }
  if (finding.empty() && open_hdf5_ids() != ids_before)
    finding = std::to_string(open_hdf5_ids() - ids_before) + " HDF5 identifier(s) left open after the merge";
  if (!finding.empty()) {
    std::fprintf(stderr, "FINDING (fuzz_shard_reader): %s\n", finding.c_str());
    std::abort();
  }
  return 0;
}
