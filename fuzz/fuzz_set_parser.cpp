// libFuzzer target for `--set PATH=VALUE`: the bytes are applied to scenarios/baseline.yaml
// (1) as one assignment and (2) split at newlines as several (empty lines dropped), in order,
// as repeated --set options are. An accepted result is simulated for a few ticks.
// Expected outcomes: accepted, or simrun::InputError. Findings (reported, then abort() so that
// libFuzzer saves the input): any other exception, a non-finite simulated outcome; crashes,
// hangs (-timeout) and sanitizer reports are caught by libFuzzer itself.
// Build and run: scripts/fuzz.sh. Reproduce one input: build-fuzz/fuzz/fuzz_set_parser FILE
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/harness.hpp"

namespace {
constexpr std::size_t kMaxBytes = 4096;

const simrun::Scenario& baseline() {
  static const simrun::Scenario sc = simrun::load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  return sc;
}

void check(const simrun::fuzz::Outcome& out, const char* how) {
  if (out.finding.empty()) return;
  std::fprintf(stderr, "FINDING (fuzz_set_parser, %s): %s\n", how, out.finding.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxBytes) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  check(simrun::fuzz::feed_assignments(baseline(), {text}), "as one assignment");
  const auto lines = simrun::fuzz::assignment_lines(text);
  if (lines.size() > 1) check(simrun::fuzz::feed_assignments(baseline(), lines), "as newline-separated assignments");
  return 0;
}
