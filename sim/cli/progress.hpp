#pragma once
// A one-line progress bar on stderr, drawn only when stderr is a terminal: the bar, the share done,
// runs done of the total, the rate (runs/s) and the estimated time left, fitted to the terminal's
// width (narrow terminals drop the bar first, then the rate, then the counts).
#include <chrono>
#include <cstdint>
#include <string>

namespace simrun {

/// The text of the progress line for `done` of `total` after `seconds`, at most `columns` wide
/// (below about 20 columns only the percentage, which may be wider). `unit` names what is counted.
std::string progress_line(std::uint64_t done, std::uint64_t total, double seconds, int columns,
                          const std::string& unit = "runs");

/// Time as "42 s", "3 min 05 s" or "2 h 07 min".
std::string format_duration(double seconds);

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled, std::string unit = "runs");
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

/// The terminal's width in columns (stderr's window size, else $COLUMNS, else 80).
int terminal_columns();

}  // namespace simrun
