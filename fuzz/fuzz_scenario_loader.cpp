// libFuzzer target: the bytes are the text of a scenario file, loaded with load_scenario_text
// as if they were scenarios/fuzz-input.yaml (so `extends: baseline.yaml` reaches a real parent
// and the deep merge is fuzzed too). An accepted scenario is simulated for a few ticks.
// Expected outcomes: accepted, or simrun::InputError. Findings (reported, then abort() so that
// libFuzzer saves the input): any other exception, a non-finite simulated outcome; crashes,
// hangs (-timeout) and sanitizer reports are caught by libFuzzer itself.
// Build and run: scripts/fuzz.sh. Reproduce one input: build-fuzz/fuzz/fuzz_scenario_loader FILE
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/harness.hpp"

namespace {
const std::string kPath = std::string(SIMRUN_SOURCE_DIR) + "/scenarios/fuzz-input.yaml";
constexpr std::size_t kMaxBytes = 64 * 1024;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxBytes) return -1;  // -1: not added to the corpus
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (simrun::fuzz::touches_pseudo_files(text)) return -1;
  const simrun::fuzz::Outcome out = simrun::fuzz::feed_scenario_text(text, kPath);
  if (!out.finding.empty()) {
    std::fprintf(stderr, "FINDING (fuzz_scenario_loader): %s\n", out.finding.c_str());
    std::abort();
  }
  return 0;
}
