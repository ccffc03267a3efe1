#include "sim/cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace simrun {

ProgressBar::ProgressBar(bool enabled, const char* unit)
    : enabled_(enabled && isatty(STDERR_FILENO)), unit_(unit), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  constexpr int kWidth = 40;
  const double frac = static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(frac * kWidth);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r[%-*.*s] %3d%%  %llu/%llu %s  %.1f s", kWidth, filled,
               "========================================", static_cast<int>(frac * 100),
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), unit_, secs);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace simrun
