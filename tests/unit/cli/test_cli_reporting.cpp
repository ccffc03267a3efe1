// What the command line prints while and after it works: the progress line (rate, time left,
// fitted to the terminal's width), the Saltelli precision note, and the refusal of a CSV output.
#include <gtest/gtest.h>

#include <string>

#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/output/output_path.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/sweep_report.hpp"

namespace simrun {
namespace {

TEST(ProgressLine, ShowsRateAndTimeLeft) {
  // 2,500 of 10,000 runs in 2 s: 1,250 runs/s, 7,500 runs left -> 6 s.
  const std::string line = progress_line(2500, 10000, 2.0, 120);
  EXPECT_NE(line.find(" 25%  2500/10000 runs"), std::string::npos) << line;
  EXPECT_NE(line.find("1250 runs/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 6 s"), std::string::npos) << line;
  EXPECT_EQ(line.front(), '[');
  EXPECT_LE(line.size(), 120u);
}

TEST(ProgressLine, FitsNarrowTerminals) {
  for (int columns : {80, 60, 45, 30}) {
    const std::string line = progress_line(123456, 1000000, 37.5, columns);
    EXPECT_LE(static_cast<int>(line.size()), columns) << columns << ": " << line;
    EXPECT_NE(line.find("ETA"), std::string::npos) << columns << ": " << line;
  }
  EXPECT_EQ(progress_line(1, 4, 1.0, 40).find('['), std::string::npos) << "no room for a bar at 40 columns";
}

TEST(ProgressLine, NoRateBeforeTheFirstRun) {
  const std::string line = progress_line(0, 100, 0.0, 100);
  EXPECT_EQ(line.find("runs/s"), std::string::npos) << line;
  EXPECT_EQ(line.find("ETA"), std::string::npos) << line;
}

TEST(ProgressLine, Durations) {
  EXPECT_EQ(format_duration(42.4), "42 s");
  EXPECT_EQ(format_duration(185), "3 min 05 s");
  EXPECT_EQ(format_duration(7625), "2 h 07 min");
}

SobolIndices indices(double half_width) {
  SobolIndices s;
  s.first = {0.3, 0.1};
  s.total = {0.5, 0.2};
  for (double v : s.first) { s.first_lower.push_back(v - half_width); s.first_upper.push_back(v + half_width); }
  for (double v : s.total) { s.total_lower.push_back(v - half_width); s.total_upper.push_back(v + half_width); }
  return s;
}

TEST(SobolPrecision, SilentWhenIntervalsAreNarrow) { EXPECT_EQ(sobol_precision_note(indices(0.08), 256), ""); }

TEST(SobolPrecision, SaysSoAndHowManyWhenTooFew) {
  // Half-width 0.3 at N = 16: N (0.3 / 0.1)^2 = 144 -> the next power of 2, 256.
  const std::string note = sobol_precision_note(indices(0.3), 16);
  EXPECT_NE(note.find("Too few base samples"), std::string::npos) << note;
  EXPECT_NE(note.find("N = 16"), std::string::npos) << note;
  EXPECT_NE(note.find("base_samples: 256"), std::string::npos) << note;
}

TEST(OutputPath, CsvIsRefusedWithTheWayToIt) {
  try {
    check_output_path("results/x.csv", false, true, "--output");
    FAIL() << "a .csv output was accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("simrun export"), std::string::npos) << what;
    EXPECT_NE(what.find("--output"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace simrun
