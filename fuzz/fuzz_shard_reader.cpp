// libFuzzer target: the shard reader of `simrun merge` (sim/sweep/shard.cpp on
// sim/output/untrusted_h5.cpp). At start a real two-point shard of a tiny sweep is written; an
// input starting with HDF5's signature is taken as a whole shard file, any other input as a list
// of edits to the real shard (4 bytes of offset, 1 byte XORed there, repeated), so that the
// fuzzer reaches the deep structure of a valid file from the first input on. The file is then
// merged (header, cross-checks, checksums, results). Expected: the exact merge or
// simrun::InputError; any other exception, a crash, a hang or a sanitizer report is a finding.
// Build and run: scripts/fuzz.sh (FUZZ_TARGETS=fuzz_shard_reader).
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 20)) return -1;
  const Fixture& f = fixture();
  spit(f.input, shard_from(data, size, f.shard));
  std::string finding;
  try {
    const simrun::MergedShards m = simrun::merge_shards({f.input.string()}, f.sweep.string());
    for (std::size_t p = 0; p < f.expected.size(); ++p)
      if (simrun::serialize(m.results[p]) != f.expected[p]) finding = "a corrupted shard was merged with different results";
  } catch (const simrun::InputError&) {
  } catch (...) {
    finding = "exception other than InputError: " + simrun::fuzz::current_exception_type();
  }
  if (!finding.empty()) {
    std::fprintf(stderr, "FINDING (fuzz_shard_reader): %s\n", finding.c_str());
    std::abort();
  }
  return 0;
}
