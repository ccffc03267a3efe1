#include "sim/cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace simrun {

std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%lld s", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%lld min %02lld s", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
  return buf;
}

std::string progress_line(std::uint64_t done, std::uint64_t total, double seconds, int columns,
                          const std::string& unit) {
  const double frac = total ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 1.0;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%3d%%", static_cast<int>(frac * 100));
  const std::string percent = buf;
  std::snprintf(buf, sizeof buf, "  %llu/%llu %s", static_cast<unsigned long long>(done),
                static_cast<unsigned long long>(total), unit.c_str());
  const std::string count = buf;
  std::string rate, eta;
  if (seconds > 0 && done > 0) {
    const double per_second = static_cast<double>(done) / seconds;
    std::snprintf(buf, sizeof buf, "  %.0f %s/s", per_second, unit.c_str());
    rate = buf;
    eta = "  ETA " + format_duration(static_cast<double>(total - std::min(done, total)) / per_second);
  }
  // The longest text that fits, dropping the rate first, then the counts.
  std::string text;
  for (const std::string& candidate : {percent + count + rate + eta, percent + count + eta, percent + eta, percent}) {
    text = candidate;
    if (static_cast<int>(text.size()) <= columns) break;
  }
  const int room = columns - static_cast<int>(text.size()) - 3;  // "[" + bar + "] "
  if (room < 10) return text;                                     // no room for a bar
  const int width = std::min(room, 50);
  const int filled = static_cast<int>(frac * width);
  return "[" + std::string(filled, '=') + std::string(width - filled, ' ') + "] " + text;
}

int terminal_columns() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS")) {
    const int n = std::atoi(c);
    if (n > 0) return n;
  }
  return 80;
}

ProgressBar::ProgressBar(bool enabled, std::string unit)
    : enabled_(enabled && isatty(STDERR_FILENO)), unit_(std::move(unit)), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  // Redraw at most 10 times a second (and always at the end): drawing is a system call.
  if (drawn_ && done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  // One column less than the width: writing the last column makes some terminals wrap.
  const std::string line = progress_line(done, total, secs, terminal_columns() - 1, unit_);
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace simrun
