#pragma once
// Counter-based random numbers with an address. Every draw is a pure function of
// (seed, run, tick, category, index): no generator state is carried between draws, so a run
// gives the same numbers on any thread or process, skipping a draw never shifts another, and
// two scenario variants with the same seed share every random number they both use (common
// random numbers for paired comparisons).
#include <Random123/philox.h>

#include <boost/random/normal_distribution.hpp>
#include <cstdint>

#include <Random123/conventional/Engine.hpp>

namespace simrun {

/// What a draw is for; with `index` (actor, dyad, link...) it is the draw's address in a tick.
enum class Draw : std::uint32_t {
  GrowthNoise = 1,
  Crisis,
  CrisisStance,
  ThreatShock,
  ExportShock,
  DefenceStep,
  AidDecision,
  ArmsDeal,
  Visit,
  ProjectStart,
  Formation,
  Dissolution,
  Entrapment,
  ScriptedEvent,
  StanceEffect,  ///< run-level stance effect per directed pair (drawn at tick 0, index = link)
  StanceNoise,   ///< quarterly stance noise per directed pair (index = link)
};

class RunRng {
 public:
  using Philox = r123::Philox4x32;
  RunRng(std::uint32_t seed, std::uint32_t run) : key_{{seed, run}} {}

  /// A uniform in (0, 1) with 32-bit resolution, addressed by (tick, what, index).
  double uniform(int tick, Draw what, std::uint32_t index) const {
    const Philox::ctr_type ctr{{0u, static_cast<std::uint32_t>(tick), static_cast<std::uint32_t>(what), index}};
    const Philox::ctr_type out = Philox()(ctr, key_);
    return (static_cast<double>(out[0]) + 0.5) * (1.0 / 4294967296.0);
  }
  bool bernoulli(double p, int tick, Draw what, std::uint32_t index) const {
    return p > 0.0 && uniform(tick, what, index) < p;
  }
  /// A standard normal from Boost.Random, fed by a Philox engine positioned at the address.
  double normal(int tick, Draw what, std::uint32_t index) const {
    using Engine = r123::Engine<Philox>;
    Engine eng(key_);
    eng.setcounter(Engine::ctr_type{{0u, static_cast<std::uint32_t>(tick), static_cast<std::uint32_t>(what), index}}, 0);
    boost::random::normal_distribution<double> nd(0.0, 1.0);
    return nd(eng);
  }

 private:
  Philox::key_type key_;
};

}  // namespace simrun
