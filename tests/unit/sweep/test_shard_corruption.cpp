// A sweep shard is untrusted input (sim/output/untrusted_h5.hpp, sim/sweep/shard.cpp): every
// single-byte corruption of a real shard must give either the exact merge (the byte was not
// used, e.g. free space in the file) or an InputError with a one-line message: never another
// exception, a crash, a hang or an allocation beyond the file's size. Every byte of the file is
// flipped (one bit per byte, the bit chosen by the position), so the test covers the superblock,
// every object header, the attributes and all three datasets. It runs under the ASan build too,
// there on every 3rd byte (SIMRUN_FLIP_STRIDE, set by scripts/test-sanitizers.sh).
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/output/untrusted_h5.hpp"
#include "sim/scenario/input_error.hpp"
#include "temp_files.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/engine/point_result.hpp"
#include "sim/sweep/run_points.hpp"
#include "sim/sweep/shard.hpp"

namespace fs = std::filesystem;
using namespace simrun;

namespace {

fs::path scratch(const std::string& name) { return test::scratch_dir("shard_corruption", name); }
std::string slurp(const fs::path& p) { return test::read_file(p); }
void spit(const fs::path& p, const std::string& bytes) { test::write_file(p, bytes); }

/// A two-point sweep of a two-actor scenario, computed, and written as shard 0/1.
struct SmallShard {
  fs::path dir, sweep, shard;
  std::vector<std::string> expected;  // serialised results per point
  explicit SmallShard(const std::string& name) : dir(scratch(name)) {
    spit(dir / "two.yaml", "actors:\n  - {id: A}\n  - {id: B}\ncalendar: {ticks: 3}\n");
    sweep = dir / "sweep.yaml";
    spit(sweep,
         "scenario: two.yaml\nruns: 4\nfocal: [A-B]\ndesign: {kind: grid}\n"
         "parameters:\n  - {path: parameters.lambda, values: [1, 2]}\n");
    const SweepPlan plan = make_plan(sweep.string());
    std::vector<PointResult> results(plan.points());
    run_points(plan, shard_points(plan.points(), ShardId{0, 1}), results, nullptr);
    shard = dir / "shard.h5";
    write_shard(OutputTarget(shard.string()), plan, ShardId{0, 1}, results, "test");
    for (const auto& r : results) expected.push_back(serialize(r));
    // HDF5 1.10 loses the object header it was loading when the header is corrupted
    // (tests/faults/lsan.supp, leak:H5O_protect). Its free lists would hand the reader blocks
    // freed by the writer above, and LeakSanitizer would show such a lost block with the
    // writer's stack (H5Dcreate2), which the suppression rightly does not match: empty them, so
    // that every object header the tests then load is allocated under H5O_protect (turning the
    // lists off, as fuzz/fuzz_shard_reader.cpp does, makes EveryByteFlipped several times slower). The
    // ASan pass of scripts/test-sanitizers.sh runs these tests with full unwinding to see it.
    H5garbage_collect();
  }
};

/// HDF5 identifiers open in the process (the count includes the library's predefined datatypes):
/// a merge, accepted or refused, must leave as many as it found. An identifier left open on an
/// error path keeps the file open, and LeakSanitizer cannot see it.
ssize_t open_hdf5_ids() { return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); }

/// What merging a (possibly corrupted) shard gave: `problem` is "" if it gave `expected` or a clean
/// one-line InputError, else what went wrong; `refused` says which of the two acceptable outcomes.
struct MergeOutcome {
  std::string problem;
  bool refused = false;
};

MergeOutcome merge_outcome(const std::string& file, const std::string& sweep, const std::vector<std::string>& expected) {
  try {
    const MergedShards m = merge_shards({file}, sweep);
    for (std::size_t p = 0; p < expected.size(); ++p)
      if (serialize(m.results[p]) != expected[p]) return {"accepted with different results at point " + std::to_string(p)};
    return {};
  } catch (const InputError& e) {
    const std::string msg = e.what();
    if (msg.find('\n') != std::string::npos) return {"a message of several lines: " + msg, true};
    return {"", true};
  } catch (const std::exception& e) {
    return {std::string("an exception other than InputError: ") + e.what()};
  }
}

/// Every how many bytes EveryByteFlipped flips one: 1 (every byte) unless SIMRUN_FLIP_STRIDE says
/// otherwise. scripts/test-sanitizers.sh sets it: under ASan with full unwinding a flip costs ~30x,
/// and the release ctest already flips every byte.
std::size_t flip_stride() {
  const char* s = std::getenv("SIMRUN_FLIP_STRIDE");
  const long v = s ? std::strtol(s, nullptr, 10) : 1;
  return v >= 1 ? static_cast<std::size_t>(v) : 1;
}

}  // namespace

TEST(ShardCorruption, IntactShardMergesExactly) {
  const SmallShard s("intact");
  EXPECT_EQ(merge_outcome(s.shard.string(), s.sweep.string(), s.expected).problem, "");
  const MergedShards m = merge_shards({s.shard.string()}, s.sweep.string());
  EXPECT_EQ(m.shards, 1u);
}

TEST(ShardCorruption, EveryByteFlippedGivesTheExactMergeOrAOneLineError) {
  const SmallShard s("flips");
  const std::string original = slurp(s.shard);
  ASSERT_GT(original.size(), 1000u);
  const fs::path flipped = s.dir / "flipped.h5";
  std::size_t accepted = 0, refused = 0;
  const ssize_t ids = open_hdf5_ids();
  const std::size_t stride = flip_stride();
  for (std::size_t k = 0; k < original.size(); k += stride) {
    std::string bytes = original;
    bytes[k] = static_cast<char>(bytes[k] ^ (1 << ((k / stride) % 8)));  // every bit position in turn
    spit(flipped, bytes);
    const MergeOutcome outcome = merge_outcome(flipped.string(), s.sweep.string(), s.expected);
    ASSERT_EQ(outcome.problem, "") << "byte " << k << " of " << original.size();
    ASSERT_EQ(open_hdf5_ids(), ids) << "byte " << k << " of " << original.size();
    ++(outcome.refused ? refused : accepted);
  }
  // Most bytes of a small shard are metadata (checksummed by HDF5) or payload (checksummed by
  // simrun): most flips must be refused, not silently used.
  EXPECT_GT(refused, accepted) << accepted << " accepted";
  std::printf("%zu of %zu bytes flipped (stride %zu): %zu refused, %zu gave the exact merge\n", accepted + refused,
              original.size(), stride, refused, accepted);
}

TEST(ShardCorruption, TruncationsAreRefused) {
  const SmallShard s("truncated");
  const std::string original = slurp(s.shard);
  const fs::path cut = s.dir / "cut.h5";
  const ssize_t ids = open_hdf5_ids();
  for (std::size_t n = 0; n < original.size(); n += 97) {
    spit(cut, original.substr(0, n));
    EXPECT_EQ(merge_outcome(cut.string(), s.sweep.string(), s.expected).problem, "") << n << " bytes";
    EXPECT_THROW(merge_shards({cut.string()}, s.sweep.string()), InputError) << n << " bytes";
    EXPECT_EQ(open_hdf5_ids(), ids) << n << " bytes";
  }
}

TEST(ShardCorruption, ReaderRefusesWrongTypesAndSizesBeforeReading) {
  const fs::path dir = scratch("types");
  const std::string path = (dir / "f.h5").string();
  {
    UntrustedH5Writer w{OutputTarget(path)};
    w.text("name", "value");
    w.integer("number", 7);
    w.integers("ints", {1, 2, 3});
    w.bytes("bytes", {1, 2});
    w.commit();
  }
  const UntrustedH5Reader r(path);
  EXPECT_EQ(r.text("name"), "value");
  EXPECT_EQ(r.text("absent"), "");
  EXPECT_EQ(r.integer("number", -1), 7);
  EXPECT_EQ(r.integer("absent", -1), -1);
  EXPECT_EQ(r.integers("ints", 3), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_THROW(r.integer("name", 0), InputError);     // a text where a number is expected
  EXPECT_THROW(r.text("number"), InputError);         // and the reverse
  EXPECT_THROW(r.integers("ints", 2), InputError);    // more elements than the caller allows
  EXPECT_THROW(r.integers("bytes", 10), InputError);  // 1-byte elements where 8 are expected
  EXPECT_THROW(r.bytes("missing", 10), InputError);
}
