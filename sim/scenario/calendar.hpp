#pragma once
// Quarterly calendar: tick 0 is the initial state at the end of the quarter before `start`;
// tick t (1..ticks) is the state at the end of quarter start + t - 1.
#include <cstdint>
#include <string>

namespace simrun {

/// A quarter as a count since year 0: index = 4 * year + (q - 1).
struct Quarter {
  int index = 0;
  int year() const { return index / 4; }
  int q() const { return index % 4 + 1; }
  std::string label() const;  ///< "2018Q3"
  /// Days since 1970-01-01 of the quarter's last day (CF time coordinate).
  std::int64_t end_day() const;
};

/// Parses "2018Q3" (also "2018q3"); returns false on anything else.
bool parse_quarter(const std::string& text, Quarter& out);

struct Calendar {
  Quarter start{2018 * 4 + 2};  ///< first simulated quarter (2018Q3)
  int ticks = 38;               ///< number of simulated quarters (2018Q3..2027Q4); at most 400 (a century)
  /// The quarter whose end tick t represents (tick 0: the quarter before start).
  Quarter quarter_of_tick(int t) const { return Quarter{start.index + t - 1}; }
  /// Tick at whose end the given quarter closes; may be outside [0, ticks].
  int tick_of(Quarter q) const { return q.index - start.index + 1; }
};

}  // namespace simrun
