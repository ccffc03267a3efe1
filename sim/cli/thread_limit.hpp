#pragma once
// The worker-thread count of a command (-j): the command owns it for its lifetime. The layers
// below (engine, sweep, calibrate) run on whatever oneTBB arena their caller set up and never
// set the thread count themselves.
#include <tbb/global_control.h>

#include <optional>

namespace simrun {

class ThreadLimit {
 public:
  /// threads > 0: at most that many threads in this process while the object lives
  /// (tbb::global_control max_allowed_parallelism); 0: no limit (all cores).
  explicit ThreadLimit(int threads);
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

  /// The thread count to report (banners, the files' `threads` attribute): the limit given, or
  /// all cores.
  int threads() const { return threads_; }

 private:
  std::optional<tbb::global_control> limit_;
  int threads_;
};

}  // namespace simrun
