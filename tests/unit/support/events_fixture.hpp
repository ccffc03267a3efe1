// Shared by the scripted-event and extends tests (tests/unit/scenario/test_event_parsing.cpp,
// test_extends.cpp, tests/unit/model/test_scripted_events.cpp): a two-actor scenario with every
// random process switched off, located-error helpers, and ways to run it (one run traced, or
// an ensemble with its per-run tables).
#pragma once

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/run_table.hpp"
#include "sim/model/rng.hpp"
#include "sim/model/step.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/events.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/resolved.hpp"


namespace simrun::events_test {

inline const char* const kFile = "events_test.yaml";

/// Two actors, one dyad A-B, one aid link A>B. Nothing random can happen: no crisis, step, visit,
/// deal or export-shock rate, no threat shocks, no growth or growth noise, no formation or
/// dissolution hazard. The military and diplomatic fronts do not relax (rates 0), so they move
/// only through events. With two actors there are no third parties: no leverage, entrapment,
/// hedging, rivals or reactions, and aid is never suspended (its reaction ρ is 0). Calendar:
/// tick 1 = 2020Q1, tick 3 = 2020Q3, tick 8 = 2021Q4.
inline const std::string kTwo = R"(name: two
calendar: {start: 2020Q1, ticks: 8}
actors:
  - {id: A, gdp: 1000, growth: 0}
  - {id: B, gdp: 500, growth: 0}
dyads:
  - pair: [A, B]
    military: 0.3
    diplomatic: 0.4
    trade: 10
    project: {state: agreed, investment: 2, start_rate: 0, build_ticks: 3, trade: 0.6}
links:
  - {from: A, to: B, aid_dependence: 0.5, aid_flowing: 0}
global: {threat: 0, threat_mean: 0, threat_shock_rate: 0}
parameters: {growth_noise_sd: 0, relax_military: 0, relax_diplomatic: 0, formation_hazard: 0, consultation_formation: 0, nonaggression_formation: 0, defence_termination: 0, r_min: 0}
)";

inline std::string with_events(const std::string& events) { return kTwo + "events:\n" + events; }

/// 1-based line of the first occurrence of `needle` in `text` (0 if absent).
inline int line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

/// The InputError that `f` throws (a failed expectation if it throws none).
template <class F>
InputError error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError, none was thrown";
  return InputError("", -1, "", "(no error)");
}

inline InputError load_error(const std::string& text, const std::vector<std::string>& sets = {}) {
  return error_of([&] { load_scenario_text(text, kFile, sets); });
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A scenario with its model context (the context refers to the scenario).
struct Model {
  explicit Model(const std::string& yaml, const std::vector<std::string>& sets = {})
      : sc(std::make_unique<Scenario>(load_scenario_text(yaml, kFile, sets))), ctx(std::make_unique<ModelContext>(*sc)) {}
  std::unique_ptr<Scenario> sc;
  std::unique_ptr<ModelContext> ctx;
};

/// The state at the end of every tick 0..T of one run.
inline std::vector<WorldState> trace(const Model& model, std::uint32_t seed = 7, std::uint32_t run = 0) {
  const RunRng rng(seed, run);
  WorldState w;
  start_run(*model.ctx, w);
  std::vector<WorldState> states{w};
  for (int t = 1; t <= model.sc->calendar.ticks; ++t) {
    step(*model.ctx, w, rng);
    states.push_back(w);
  }
  return states;
}

inline std::size_t ev(Event e) { return static_cast<std::size_t>(e); }

/// An ensemble with its per-run tables collected in run order.
struct Ensemble {
  Accumulator acc;
  std::vector<RunTable> waves;
};

inline Ensemble ensemble(const Model& model, std::uint64_t runs, std::uint32_t seed = 11) {
  EnsembleOptions opt;
  opt.seed = seed;
  opt.runs = runs;
  opt.wave = 64;
  Ensemble out;
  tbb::task_arena two_threads(2);  // the ensemble runs on its caller's arena
  out.acc = two_threads.execute(
      [&] { return run_ensemble(*model.ctx, opt, [&](std::uint64_t, const RunTable& t) { out.waves.push_back(t); }); });
  return out;
}

/// Times scripted event k fired in each run, in run order.
inline std::vector<int> fired_per_run(const Ensemble& e, int k) {
  std::vector<int> out;
  for (const auto& t : e.waves)
    for (std::size_t r = 0; r < t.rows; ++r)
      out.push_back(t.scripted[r * static_cast<std::size_t>(t.scripted_events) + static_cast<std::size_t>(k)]);
  return out;
}

}  // namespace simrun::events_test
