#pragma once
// Streaming aggregation of an ensemble. Everything is an integer: counts, histogram bins and
// fixed-point sums (values scaled by 2^32 and rounded, summed in 128-bit integers). Integer
// addition is associative, so the totals are bit-identical whatever the number of threads or
// processes and whatever order partial accumulators are merged in. Memory depends on the
// scenario's size and tick count, never on the number of runs.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sim/model/landscape.hpp"
#include "sim/model/world.hpp"

namespace simrun {

__extension__ typedef __int128 int128;

/// The pact_type axis of the output, strongest first: defence, consultation, nonaggression.
inline PactType pact_type_at(int k) { return static_cast<PactType>(kPactTypes - k); }

/// The three fronts recorded per dyad, in output order.
enum class Front : int { Military = 0, Economic = 1, Diplomatic = 2, Count = 3 };
inline constexpr int kFronts = static_cast<int>(Front::Count);
inline constexpr int kHistogramBins = 200;  ///< fronts live in [0, 1]: bins of width 0.005
inline constexpr double kFixedPointScale = 4294967296.0;  ///< 2^32
using HistogramCount = std::uint32_t;

/// Largest magnitude accumulated exactly. Trade follows GDP_a * GDP_b, so a century of extreme
/// growth can carry it far beyond int64 fixed point (llround then returned INT64_MIN: a negative
/// mean trade). Values are saturated here instead: 1e20 * 2^32 * 1e8 runs < 2^127, so no sum can
/// overflow; per-run final trade is stored as float64 and is never saturated.
inline constexpr double kMaxAccumulated = 1e20;

/// Fixed-point encoding used by every sum.
inline int128 to_fixed(double x) {
  const double bounded = std::isnan(x) ? 0.0 : std::clamp(x, -kMaxAccumulated, kMaxAccumulated);
  const double scaled = bounded * kFixedPointScale;
  // Beyond 2^52 every double is a whole number already; below 2^62, round half away from zero
  // without the libm call (x - trunc(x) is exact), branch-free on the random fractional part.
  if (std::fabs(scaled) >= 0x1p62) return static_cast<int128>(scaled);
  const auto whole = static_cast<std::int64_t>(scaled);
  const double frac = scaled - static_cast<double>(whole);
  return static_cast<int128>(whole + static_cast<std::int64_t>(frac >= 0.5) -
                             static_cast<std::int64_t>(frac <= -0.5));
}
inline double from_fixed(int128 x) { return static_cast<double>(x) / kFixedPointScale; }

struct Accumulator {
  Accumulator() = default;
  Accumulator(int ticks, int dyads, int links, int scripted_events = 0);

  int ticks = 0;  ///< T: ticks 0..T are recorded
  int dyads = 0;
  int links = 0;
  std::uint64_t runs = 0;
  /// The headline "formal alliance" is a defence pact (commitment 1, as before pacts were typed).
  std::vector<std::uint64_t> formed_by;        ///< [tick][dyad]: runs with a new defence pact formed at or before tick
  std::vector<std::uint64_t> in_force;         ///< [tick][dyad]: runs with a defence pact in force at tick (t0 ones too)
  std::vector<std::uint64_t> first_formation;  ///< [dyad][T+2]: first new defence pact tick 1..T, T+1 = never
  std::vector<std::uint64_t> pact_formed_by;   ///< [tick][dyad][pact type]: runs with a new pact of the type by tick
  std::vector<std::uint64_t> pact_in_force;    ///< [tick][dyad][pact type]: runs with a pact of the type in force
  std::vector<std::uint64_t> event_by;         ///< [tick][dyad][dyadic event]: runs where it happened by tick
  std::vector<std::uint64_t> event_in;         ///< [tick][dyad][dyadic event]: runs where it happened in the tick
  /// [tick][dyad][front]: sums of (x - x0) and (x - x0)^2, where x0 is the front's t0 value.
  /// Shifting by the t0 value keeps the variance exact where every run is still at t0.
  std::vector<int128> front_sum, front_sumsq;
  /// [tick][dyad][front][bin]. 32-bit counts: every path caps runs at 1e8 (merge checks the
  /// total), and half the size keeps the per-thread accumulator small (cache, page faults).
  std::vector<HistogramCount> front_hist;
  std::vector<int128> willing_sum, readiness_sum, trade_sum;  ///< [tick][dyad]
  std::vector<std::uint64_t> coaligned;        ///< [tick][dyad]: same side in the landscape minimum
  std::vector<std::unordered_map<Config, std::uint64_t>> configs;  ///< [tick]: landscape minimum counts
  std::vector<int128> threat_sum;              ///< [tick]
  std::vector<int128> aid_sum;                 ///< [tick][link]
  std::vector<std::uint64_t> event_sum;        ///< [dyad][event] totals over runs (non-dyadic: row D)
  std::vector<std::uint64_t> scripted_sum;     ///< [scripted event] times fired, summed over runs

  std::size_t td(int t, int d) const { return static_cast<std::size_t>(t) * static_cast<std::size_t>(dyads) + static_cast<std::size_t>(d); }
  std::size_t tdf(int t, int d, int f) const { return td(t, d) * kFronts + static_cast<std::size_t>(f); }
  std::size_t tdp(int t, int d, int k) const { return td(t, d) * kPactTypes + static_cast<std::size_t>(k); }
  std::size_t tde(int t, int d, int e) const { return td(t, d) * kDyadicEvents + static_cast<std::size_t>(e); }

  /// Adds another accumulator of the same shape.
  void merge(const Accumulator& other);
};

}  // namespace simrun
