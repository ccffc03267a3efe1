#pragma once
// A one-line progress bar on stderr, drawn only when stderr is a terminal.
#include <chrono>
#include <cstdint>

namespace simrun {

class ProgressBar {
 public:
  /// `unit`: what is counted ("runs", "points").
  explicit ProgressBar(bool enabled, const char* unit = "runs");
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_;
  const char* unit_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace simrun
