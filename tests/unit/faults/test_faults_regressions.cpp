// Regression tests for the inputs the fuzzers (fuzz/, scripts/fuzz.sh) and the fault tests found
// to break simrun. Each file in tests/faults/crashes/ is one input, fed exactly as the fuzzer that
// found it feeds it (fuzz/harness.hpp):
//   loader-*  the text of a scenario file (load_scenario_text, then a short run)
//   set-*     --set assignments for scenarios/baseline.yaml: the whole file as one assignment,
//             then its lines as several (then a short run)
// The expected outcome is always the same: accepted, or refused with simrun::InputError. Never
// another exception, a crash, a sanitizer report or a NaN/inf in the run's outcomes.
// To add a finding: copy the crash file here under one of those prefixes (see scripts/fuzz.sh).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/harness.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kCrashDir = fs::path(SIMRUN_SOURCE_DIR) / "tests" / "faults" / "crashes";

std::vector<std::string> crash_files() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCrashDir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && (name.rfind("loader-", 0) == 0 || name.rfind("set-", 0) == 0))
      names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

const simrun::Scenario& baseline() {
  static const simrun::Scenario sc =
      simrun::load_scenario(std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml");
  return sc;
}

class FaultRegression : public testing::TestWithParam<std::string> {};

TEST_P(FaultRegression, AcceptedOrInputError) {
  const std::string name = GetParam();
  const std::string bytes = read_bytes(kCrashDir / name);
  if (name.rfind("loader-", 0) == 0) {
    const auto out = simrun::fuzz::feed_scenario_text(bytes, std::string(SIMRUN_SOURCE_DIR) + "/scenarios/fuzz-input.yaml");
    EXPECT_EQ(out.finding, "") << name << " as scenario text";
  } else {
    const auto one = simrun::fuzz::feed_assignments(baseline(), {bytes});
    EXPECT_EQ(one.finding, "") << name << " as one --set assignment";
    const auto lines = simrun::fuzz::assignment_lines(bytes);
    const auto many = simrun::fuzz::feed_assignments(baseline(), lines);
    EXPECT_EQ(many.finding, "") << name << " as " << lines.size() << " --set assignments";
  }
}

// Test names must be alphanumeric: "loader-huge-trade.yaml" -> "loader_huge_trade_yaml".
std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(faults, FaultRegression, testing::ValuesIn(crash_files()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FaultRegression);

TEST(faults_regressions, CrashDirectoryIsThere) {
  EXPECT_TRUE(fs::is_directory(kCrashDir)) << kCrashDir;
}

// The harness itself: an InputError is an expected outcome, a valid scenario is accepted.
TEST(faults_regressions, HarnessAcceptsValidAndInputErrors) {
  const auto bad = simrun::fuzz::feed_scenario_text("actors: [{id: A}]", "x.yaml");
  EXPECT_FALSE(bad.accepted);
  EXPECT_EQ(bad.finding, "");
  const auto good = simrun::fuzz::feed_scenario_text("actors: [{id: A}, {id: B}]", "x.yaml");
  EXPECT_TRUE(good.accepted);
  EXPECT_EQ(good.finding, "");
  const auto set = simrun::fuzz::feed_assignments(baseline(), {"parameters.lambda=2", "calendar.ticks=3"});
  EXPECT_TRUE(set.accepted);
  EXPECT_EQ(set.finding, "");
  const auto unknown = simrun::fuzz::feed_assignments(baseline(), {"parameters.lamda=2"});
  EXPECT_FALSE(unknown.accepted);
  EXPECT_EQ(unknown.finding, "");
}

}  // namespace
