// Scripted events (sim/scenario/events.hpp, event_parser.cpp, sim/model/scripted_events.cpp) and
// `extends:` (sim/scenario/extends.hpp) as documented in docs/model.md, "Scripted events" and
// "Scenario inheritance".
//
// Events: parsing of every field; input errors located by file, line and field; the effect of
// set/add/scale and of each trigger on a hand-built two-actor scenario with every random process
// switched off, so that each expected value follows by hand from the rule; firing rules
// (probability, window, repeat, the addressed draw); fired counts in the RunTable and the
// Accumulator of run_ensemble.
//
// Extends: temporary files under SIMRUN_TEST_TMP/events_extends: deep merge rules, names,
// errors in parents, missing parents, cycles, chains, and equality of the resolved scenario with
// a hand-merged file.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
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

namespace fs = std::filesystem;

namespace simrun {
namespace {

// =============================== helpers ====================================================

const char* const kFile = "events_test.yaml";

/// Two actors, one dyad A-B, one aid link A>B. Nothing random can happen: no crisis, step, visit,
/// deal or export-shock rate, no threat shocks, no growth or growth noise, no formation or
/// dissolution hazard. The military and diplomatic fronts do not relax (rates 0), so they move
/// only through events. With two actors there are no third parties: no leverage, entrapment,
/// hedging, rivals or reactions, and aid is never suspended (its reaction ρ is 0). Calendar:
/// tick 1 = 2020Q1, tick 3 = 2020Q3, tick 8 = 2021Q4.
const std::string kTwo = R"(name: two
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

std::string with_events(const std::string& events) { return kTwo + "events:\n" + events; }

/// 1-based line of the first occurrence of `needle` in `text` (0 if absent).
int line_of(const std::string& text, const std::string& needle) {
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

InputError load_error(const std::string& text, const std::vector<std::string>& sets = {}) {
  return error_of([&] { load_scenario_text(text, kFile, sets); });
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A scenario with its model context (the context refers to the scenario).
struct Model {
  explicit Model(const std::string& yaml, const std::vector<std::string>& sets = {})
      : sc(std::make_unique<Scenario>(load_scenario_text(yaml, kFile, sets))), ctx(std::make_unique<ModelContext>(*sc)) {}
  std::unique_ptr<Scenario> sc;
  std::unique_ptr<ModelContext> ctx;
};

/// The state at the end of every tick 0..T of one run.
std::vector<WorldState> trace(const Model& model, std::uint32_t seed = 7, std::uint32_t run = 0) {
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

std::size_t ev(Event e) { return static_cast<std::size_t>(e); }

/// An ensemble with its per-run tables collected in run order.
struct Ensemble {
  Accumulator acc;
  std::vector<RunTable> waves;
};

Ensemble ensemble(const Model& model, std::uint64_t runs, std::uint32_t seed = 11) {
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
std::vector<int> fired_per_run(const Ensemble& e, int k) {
  std::vector<int> out;
  for (const auto& t : e.waves)
    for (std::size_t r = 0; r < t.rows; ++r)
      out.push_back(t.scripted[r * static_cast<std::size_t>(t.scripted_events) + static_cast<std::size_t>(k)]);
  return out;
}

// =============================== Events: parsing ============================================

TEST(Events, ParsesEveryField) {
  const std::string text = with_events(R"(  - name: deal
    at: 2020Q3
    probability: 0.25
    repeat: yes
    trigger: arms_deal
    dyad: [B, A]
    set: {parameters.deal_size: 0.2, dyads.A-B.military: 0.5}
    add: {links.A->B.aid_flowing: 0.5}
    scale: {dyads.A-B.step_rate: 2}
    note: free text for the reader
    source: "[analyst] test"
  - name: by_tick
    tick: 4
    repeat: false
    add: {global.threat: 0.1}
  - name: windowed
    window: [2020Q2, 7]
    set: {actors.A.gdp: 900, dyads.A-B.project.start_rate: 0.5}
  - name: visits
    window: [1, 8]
    trigger: visit
    dyad: [A, B]
)");
  const Model m(text);
  const Scenario& sc = *m.sc;
  ASSERT_EQ(sc.events.size(), 4u);

  Quarter q3, q2;
  ASSERT_TRUE(parse_quarter("2020Q3", q3));
  ASSERT_TRUE(parse_quarter("2020Q2", q2));

  const EventSpec& deal = sc.events[0];
  EXPECT_EQ(deal.name, "deal");
  EXPECT_EQ(deal.first.index, q3.index);
  EXPECT_EQ(deal.last.index, q3.index);
  EXPECT_EQ(deal.probability, 0.25);
  EXPECT_TRUE(deal.repeat);
  EXPECT_EQ(deal.trigger, EventTrigger::ArmsDeal);
  EXPECT_STREQ(trigger_name(deal.trigger), "arms_deal");
  EXPECT_EQ(deal.dyad, sc.dyad_index(0, 1));  // [B, A] is the dyad A-B
  EXPECT_EQ(deal.line, line_of(text, "- name: deal"));
  // Actions in the order set:, add:, scale:, each map in the order written.
  ASSERT_EQ(deal.actions.size(), 4u);
  EXPECT_EQ(deal.actions[0].op, EventAction::Op::Set);
  EXPECT_EQ(deal.actions[0].target.path, "parameters.deal_size");
  EXPECT_EQ(deal.actions[0].target.section, FieldTarget::Section::Parameter);
  EXPECT_EQ(deal.actions[0].target.state, FieldTarget::State::None);
  EXPECT_EQ(deal.actions[0].value, 0.2);
  EXPECT_EQ(deal.actions[1].target.path, "dyads.A-B.military");
  EXPECT_EQ(deal.actions[1].target.state, FieldTarget::State::Military);
  EXPECT_EQ(deal.actions[1].target.index, 0);
  EXPECT_EQ(deal.actions[1].value, 0.5);
  EXPECT_EQ(deal.actions[2].op, EventAction::Op::Add);
  EXPECT_EQ(deal.actions[2].target.section, FieldTarget::Section::Link);
  EXPECT_EQ(deal.actions[2].target.state, FieldTarget::State::Aid);
  EXPECT_EQ(deal.actions[2].target.index, sc.link_index(0, 1));
  EXPECT_EQ(deal.actions[2].value, 0.5);
  EXPECT_EQ(deal.actions[3].op, EventAction::Op::Scale);
  EXPECT_EQ(deal.actions[3].target.section, FieldTarget::Section::Dyad);
  EXPECT_EQ(deal.actions[3].target.state, FieldTarget::State::None);  // a rate: the run's copy of the number
  EXPECT_EQ(deal.actions[3].value, 2.0);

  const EventSpec& by_tick = sc.events[1];
  EXPECT_EQ(by_tick.first.index, sc.calendar.quarter_of_tick(4).index);
  EXPECT_EQ(by_tick.last.index, by_tick.first.index);
  EXPECT_EQ(by_tick.probability, 1.0);  // default
  EXPECT_FALSE(by_tick.repeat);
  EXPECT_EQ(by_tick.trigger, EventTrigger::None);
  EXPECT_EQ(by_tick.dyad, -1);
  ASSERT_EQ(by_tick.actions.size(), 1u);
  EXPECT_EQ(by_tick.actions[0].target.state, FieldTarget::State::Threat);

  const EventSpec& windowed = sc.events[2];
  EXPECT_EQ(windowed.first.index, q2.index);  // a quarter ...
  EXPECT_EQ(windowed.last.index, sc.calendar.quarter_of_tick(7).index);  // ... and a tick number
  ASSERT_EQ(windowed.actions.size(), 2u);
  EXPECT_EQ(windowed.actions[0].target.section, FieldTarget::Section::Actor);
  EXPECT_EQ(windowed.actions[0].target.state, FieldTarget::State::Gdp);
  EXPECT_EQ(windowed.actions[1].target.section, FieldTarget::Section::Dyad);
  EXPECT_EQ(windowed.actions[1].target.state, FieldTarget::State::None);

  const EventSpec& visits = sc.events[3];
  EXPECT_EQ(visits.name, "visits");
  EXPECT_EQ(visits.trigger, EventTrigger::Visit);
  EXPECT_TRUE(visits.actions.empty());

  // The model context turns the quarters into ticks of the calendar.
  EXPECT_EQ(m.ctx->n_events(), 4);
  EXPECT_EQ(m.ctx->event_first_tick[0], 3);
  EXPECT_EQ(m.ctx->event_last_tick[0], 3);
  EXPECT_EQ(m.ctx->event_first_tick[1], 4);
  EXPECT_EQ(m.ctx->event_first_tick[2], 2);
  EXPECT_EQ(m.ctx->event_last_tick[2], 7);
  EXPECT_EQ(m.ctx->event_first_tick[3], 1);
  EXPECT_EQ(m.ctx->event_last_tick[3], 8);
}

TEST(Events, AtAndTickBothTakeAQuarterOrATickNumber) {
  const Model m(with_events("  - {name: x, at: 5, trigger: visit, dyad: [A, B]}\n"
                            "  - {name: y, tick: 2020Q2, trigger: visit, dyad: [A, B]}\n"));
  EXPECT_EQ(m.ctx->event_first_tick[0], 5);
  EXPECT_EQ(m.ctx->event_first_tick[1], 2);
}

TEST(Events, TickNumbersAreQuartersOfTheFilesCalendar) {
  // A tick number is turned into a quarter with the calendar written in the file; a later
  // --set calendar.start keeps the event at that quarter (here 2020Q4, file tick 4).
  const Model m(with_events("  - {name: x, tick: 4, trigger: visit, dyad: [A, B]}\n"), {"calendar.start=2020Q2"});
  EXPECT_EQ(m.sc->events[0].first.label(), "2020Q4");
  EXPECT_EQ(m.ctx->event_first_tick[0], 3);
}

TEST(Events, UnknownTriggerSuggestsTheNearest) {
  const std::string text = with_events("  - name: x\n    at: 2020Q3\n    trigger: arms_dael\n    dyad: [A, B]\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "trigger: arms_dael"));
  EXPECT_EQ(e.field(), "events.x.trigger");
  EXPECT_TRUE(contains(e.detail(), "unknown trigger 'arms_dael'")) << e.what();
  EXPECT_TRUE(contains(e.detail(), "did you mean 'arms_deal'?")) << e.what();
  EXPECT_TRUE(contains(e.detail(), "arms_deal, visit, crisis or project_start")) << e.what();
}

TEST(Events, TriggerWithoutDyad) {
  const std::string text = with_events("  - name: x\n    at: 2020Q3\n    trigger: crisis\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "- name: x"));
  EXPECT_EQ(e.field(), "events.x");
  EXPECT_TRUE(contains(e.detail(), "trigger: needs dyad:")) << e.what();
}

TEST(Events, DyadWithoutTrigger) {
  const std::string text = with_events("  - name: x\n    at: 2020Q3\n    dyad: [A, B]\n    set: {parameters.lambda: 2}\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "dyad: [A, B]"));
  EXPECT_EQ(e.field(), "events.x.dyad");
  EXPECT_TRUE(contains(e.detail(), "dyad: is only used with trigger:")) << e.what();
}

TEST(Events, TriggerOnAnUnknownActor) {
  const std::string text = with_events("  - name: x\n    at: 2020Q3\n    trigger: visit\n    dyad: [A, C]\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.line(), line_of(text, "dyad: [A, C]"));
  EXPECT_EQ(e.field(), "events.x.dyad");
  EXPECT_TRUE(contains(e.detail(), "unknown actor 'C'")) << e.what();
}

TEST(Events, NoDateRefused) {
  const std::string text = with_events("  - name: x\n    set: {parameters.lambda: 2}\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "- name: x"));
  EXPECT_EQ(e.field(), "events.x");
  EXPECT_TRUE(contains(e.detail(), "give exactly one of at:")) << e.what();
}

TEST(Events, TwoDatesRefused) {
  for (const std::string dates : {"at: 2020Q3, tick: 3", "at: 2020Q3, window: [1, 2]", "tick: 3, window: [1, 2]"}) {
    SCOPED_TRACE(dates);
    const std::string text = with_events("  - {name: x, " + dates + ", set: {parameters.lambda: 2}}\n");
    const InputError e = load_error(text);
    EXPECT_EQ(e.line(), line_of(text, "- {name: x"));
    EXPECT_EQ(e.field(), "events.x");
    EXPECT_TRUE(contains(e.detail(), "give exactly one of at:")) << e.what();
  }
}

TEST(Events, WindowEndingBeforeItStarts) {
  const std::string text = with_events("  - name: x\n    window: [2020Q4, 2020Q2]\n    set: {parameters.lambda: 2}\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "window: [2020Q4"));
  EXPECT_EQ(e.field(), "events.x.window");
  EXPECT_TRUE(contains(e.detail(), "the window ends before it starts")) << e.what();
}

TEST(Events, BadDateRefused) {
  const std::string text = with_events("  - name: x\n    tick: 0\n    set: {parameters.lambda: 2}\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.line(), line_of(text, "tick: 0"));
  EXPECT_EQ(e.field(), "events.x.tick");
  EXPECT_TRUE(contains(e.detail(), "a tick number >= 1")) << e.what();
}

TEST(Events, WindowOutsideTheCalendar) {
  // Calendar 2020Q1-2021Q4 (8 ticks).
  const std::string after = with_events("  - name: late\n    window: [2022Q1, 2022Q4]\n    set: {parameters.lambda: 2}\n");
  const InputError e = load_error(after);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(after, "- name: late"));
  EXPECT_EQ(e.field(), "events.late");
  EXPECT_TRUE(contains(e.detail(), "2022Q1-2022Q4 lie outside the simulated 2020Q1-2021Q4")) << e.what();

  // The quarter of tick 0 (2019Q4) is not simulated either.
  const std::string before = with_events("  - {name: early, at: 2019Q4, set: {parameters.lambda: 2}}\n");
  EXPECT_EQ(load_error(before).field(), "events.early");

  // A window that only overlaps the calendar is accepted.
  EXPECT_NO_THROW(load_scenario_text(with_events("  - {name: part, window: [2019Q1, 2020Q1], set: {parameters.lambda: 2}}\n"), kFile));
}

TEST(Events, WindowOutsideTheCalendarAfterSetCalendar) {
  const std::string text = with_events("  - name: x\n    at: 2021Q2\n    set: {parameters.lambda: 2}\n");
  ASSERT_NO_THROW(load_scenario_text(text, kFile));
  for (const std::string set : {"calendar.ticks=4", "calendar.start=2021Q3"}) {
    SCOPED_TRACE(set);
    const InputError e = load_error(text, {set});
    EXPECT_EQ(e.file(), kFile);
    EXPECT_EQ(e.line(), line_of(text, "- name: x"));
    EXPECT_EQ(e.field(), "events.x");
    EXPECT_TRUE(contains(e.detail(), "lie outside the simulated")) << e.what();
  }
  EXPECT_NO_THROW(load_scenario_text(text, kFile, {"calendar.ticks=6"}));  // 2020Q1-2021Q2
}

TEST(Events, UnknownPathSuggestsTheNearest) {
  struct Case {
    std::string op, path, words;
  };
  const std::vector<Case> cases = {
      {"set", "parameters.relax_militry", "unknown key 'relax_militry'; did you mean 'relax_military'?"},
      {"add", "dyads.A-B.militery", "unknown key 'militery'; did you mean 'military'?"},
      {"scale", "paramters.lambda", "unknown section 'paramters'; did you mean 'parameters'?"},
      {"set", "actors.Z.gdp", "unknown actor 'Z'"},
      {"add", "links.A>B.aid_flowin", "did you mean 'aid_flowing'?"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.op + " " + c.path);
    const std::string text = with_events("  - name: x\n    at: 2020Q3\n    " + c.op + ":\n      " + c.path + ": 1\n");
    const InputError e = load_error(text);
    EXPECT_EQ(e.file(), kFile);
    EXPECT_EQ(e.line(), line_of(text, c.path + ": 1"));
    EXPECT_EQ(e.field(), "events.x." + c.op + "." + c.path);
    EXPECT_TRUE(contains(e.detail(), c.words)) << e.what();
  }
}

TEST(Events, SetValueOutOfRange) {
  const std::string text = with_events("  - name: x\n    at: 2020Q3\n    set:\n      dyads.A-B.military: 1.5\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "dyads.A-B.military: 1.5"));
  EXPECT_EQ(e.field(), "events.x.set.dyads.A-B.military");
  EXPECT_TRUE(contains(e.detail(), "expected a number in [0, 1], got 1.5")) << e.what();

  // An integer field takes whole numbers only.
  const std::string half = with_events("  - name: x\n    at: 2020Q3\n    set:\n      dyads.A-B.pact_atopid: 1.5\n");
  EXPECT_TRUE(contains(load_error(half).detail(), "expected a whole number in [0, 99999]"));
  // A level field takes its names or whole numbers.
  const std::string named = with_events("  - name: x\n    at: 2020Q3\n    set:\n      dyads.A-B.pact: alliance\n");
  EXPECT_TRUE(contains(load_error(named).detail(), "expected one of none, nonaggression, consultation, defence (or a whole number in [0, 3]), got 'alliance'"))
      << load_error(named).detail();

  // add: and scale: values are not range-checked (the result is clamped when applied).
  EXPECT_NO_THROW(load_scenario_text(with_events("  - {name: x, at: 2020Q3, add: {dyads.A-B.military: 5}, scale: {parameters.lambda: -3}}\n"), kFile));
}

TEST(Events, DuplicateName) {
  const std::string text = with_events("  - {name: x, at: 2020Q3, set: {parameters.lambda: 2}}\n"
                                       "  - {name: y, at: 2020Q3, set: {parameters.lambda: 2}}\n"
                                       "  - {name: x, at: 2020Q4, set: {parameters.lambda: 3}}\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "- {name: x, at: 2020Q4"));
  EXPECT_EQ(e.field(), "events.x");
  EXPECT_TRUE(contains(e.detail(), "duplicate event name 'x'")) << e.what();
}

TEST(Events, NeitherTriggerNorActions) {
  const std::string text = with_events("  - name: x\n    at: 2020Q3\n    probability: 0.5\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "- name: x"));
  EXPECT_EQ(e.field(), "events.x");
  EXPECT_TRUE(contains(e.detail(), "an event needs a trigger or at least one of set:, add:, scale:")) << e.what();
}

TEST(Events, NonBooleanRepeat) {
  const std::string text = with_events("  - name: x\n    at: 2020Q3\n    repeat: sometimes\n    set: {parameters.lambda: 2}\n");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), kFile);
  EXPECT_EQ(e.line(), line_of(text, "repeat: sometimes"));
  EXPECT_EQ(e.field(), "events.x.repeat");
  EXPECT_TRUE(contains(e.detail(), "expected true or false, got 'sometimes'")) << e.what();
}

TEST(Events, ProbabilityOutOfRangeAndUnknownKey) {
  const std::string prob = with_events("  - name: x\n    at: 2020Q3\n    probability: 1.5\n    set: {parameters.lambda: 2}\n");
  const InputError e = load_error(prob);
  EXPECT_EQ(e.line(), line_of(prob, "probability: 1.5"));
  EXPECT_EQ(e.field(), "events.x.probability");

  const std::string key = with_events("  - name: x\n    at: 2020Q3\n    propability: 0.5\n    set: {parameters.lambda: 2}\n");
  const InputError k = load_error(key);
  EXPECT_EQ(k.line(), line_of(key, "propability"));
  EXPECT_TRUE(contains(k.detail(), "did you mean 'probability'?")) << k.what();
}

// =============================== Events: effects ============================================

TEST(Events, SetAddScaleAFrontAtAGivenTick) {
  const Model m(with_events(R"(  - {name: s, at: 2020Q3, set: {dyads.A-B.military: 0.7}}
  - {name: a, tick: 5, add: {dyads.A-B.military: 0.1}}
  - {name: c, tick: 6, scale: {dyads.A-B.military: 0.5}}
  - {name: up, tick: 7, add: {dyads.A-B.military: 5}}
  - {name: down, tick: 8, scale: {dyads.A-B.military: -1}}
  - {name: d, tick: 2, set: {dyads.A-B.diplomatic: 0.9}}
)"));
  const auto s = trace(m);
  // The military front does not relax (relax_military 0): it moves only at the event ticks.
  EXPECT_EQ(s[0].m[0], 0.3);
  EXPECT_EQ(s[2].m[0], 0.3);
  EXPECT_EQ(s[3].m[0], 0.7);                    // set at tick 3 (2020Q3)
  EXPECT_EQ(s[4].m[0], 0.7);
  EXPECT_NEAR(s[5].m[0], 0.8, 1e-15);           // + 0.1
  EXPECT_NEAR(s[6].m[0], 0.4, 1e-15);           // × 0.5
  EXPECT_EQ(s[7].m[0], 1.0);                    // + 5, clamped to the field's range [0, 1]
  EXPECT_EQ(s[8].m[0], 0.0);                    // × −1, clamped
  EXPECT_EQ(s[1].d[0], 0.4);
  EXPECT_EQ(s[2].d[0], 0.9);
  EXPECT_EQ(s[8].d[0], 0.9);
  // An event moves the front, not its anchor, and never the scenario.
  EXPECT_EQ(s[8].dyads[0].military, 0.3);
  EXPECT_EQ(m.sc->dyads[0].military, 0.3);
  // Every scripted event fired once, and none of them counts as a model event.
  EXPECT_EQ(s[8].scripted_fired, (std::vector<std::int32_t>{1, 1, 1, 1, 1, 1}));
  for (const auto k : s[8].events) EXPECT_EQ(k, 0);
}

TEST(Events, ParameterChangesTheNextUpdates) {
  // relax_military is 0 in the file. At tick 2 the front is set to 0.7; at tick 3 the run's copy of
  // relax_military becomes 0.5, so from tick 3 on the front relaxes halfway to its target each
  // tick. The target is the anchored one, m⁰ + W − W⁰ with W = W⁰ here (two actors: willingness
  // depends only on the economic front, which stays at its t0 level), i.e. 0.3.
  const Model m(with_events("  - {name: push, tick: 2, set: {dyads.A-B.military: 0.7}}\n"
                            "  - {name: relax, tick: 3, set: {parameters.relax_military: 0.5}}\n"));
  const auto s = trace(m);
  EXPECT_EQ(s[2].m[0], 0.7);
  EXPECT_NEAR(s[3].m[0], 0.5, 1e-9);    // 0.7 + 0.5 (0.3 − 0.7)
  EXPECT_NEAR(s[4].m[0], 0.4, 1e-9);    // 0.5 + 0.5 (0.3 − 0.5)
  EXPECT_NEAR(s[5].m[0], 0.35, 1e-9);
  EXPECT_EQ(s[2].p.relax_military, 0.0);
  EXPECT_EQ(s[3].p.relax_military, 0.5);
  // The change lives in this run's copy only: the scenario and the next run start from the file.
  EXPECT_EQ(m.sc->params.relax_military, 0.0);
  EXPECT_EQ(m.ctx->p.relax_military, 0.0);
  WorldState next = s.back();
  start_run(*m.ctx, next);
  EXPECT_EQ(next.p.relax_military, 0.0);
  EXPECT_EQ(next.m[0], 0.3);
}

TEST(Events, RateOfTheRunsCopy) {
  // deal_rate is a dyad number of the run's copy: set to 0.5 from tick 4, an arms deal happens
  // with the t0-anchored hazard σ(logit 0.5 + λ (r_t − r_0)) each tick (r: the reluctant side's
  // ΔU, docs/model.md §7.10); with deal_rate 0 before, none before tick 4.
  const Model m(with_events("  - {name: open, tick: 4, set: {dyads.A-B.deal_rate: 0.5}}\n"));
  const auto s = trace(m);
  EXPECT_EQ(s[3].events[ev(Event::ArmsDeal)], 0);
  EXPECT_EQ(s[3].dyads[0].deal_rate, 0.0);
  EXPECT_EQ(s[4].dyads[0].deal_rate, 0.5);
  EXPECT_EQ(m.sc->dyads[0].deal_rate, 0.0);
  // Deals after tick 3 are those whose addressed draw falls below the hazard.
  const RunRng rng(7, 0);
  const std::size_t ab = static_cast<std::size_t>(m.ctx->link(0, 1)), ba = static_cast<std::size_t>(m.ctx->link(1, 0));
  int expected = 0;
  for (int t = 4; t <= 8; ++t) {
    const double r = std::min(s[t].du_front[ab], s[t].du_front[ba]);
    const double hazard = 1.0 / (1.0 + std::exp(-(s[t].p.lambda * (r - m.ctx->reluctance0[0]))));
    expected += rng.uniform(t, Draw::ArmsDeal, 0) < hazard ? 1 : 0;
  }
  EXPECT_EQ(s[8].events[ev(Event::ArmsDeal)], expected);
  EXPECT_GT(expected, 0);
}

TEST(Events, AidFlowingOfALink) {
  // Aid A>B is off at t0 (so never restored by the model) and never suspended (no rivals).
  const Model m(with_events(R"(  - {name: on, tick: 2, set: {links.A>B.aid_flowing: 1}}
  - {name: less, tick: 3, add: {links.A>B.aid_flowing: -0.25}}
  - {name: more, tick: 4, scale: {links.A>B.aid_flowing: 2}}
  - {name: off, tick: 6, scale: {links.A>B.aid_flowing: 0}}
)"));
  const auto s = trace(m);
  const std::size_t l = static_cast<std::size_t>(m.sc->link_index(0, 1));
  EXPECT_EQ(s[1].aid[l], 0.0);
  EXPECT_EQ(s[2].aid[l], 1.0);
  EXPECT_EQ(s[3].aid[l], 0.75);
  EXPECT_EQ(s[4].aid[l], 1.0);  // 1.5 clamped to [0, 1]
  EXPECT_EQ(s[5].aid[l], 1.0);
  EXPECT_EQ(s[6].aid[l], 0.0);
  EXPECT_EQ(s[8].aid[l], 0.0);  // not restored: it was off at t0
  EXPECT_EQ(s[8].events[ev(Event::AidSuspended)], 0);
  EXPECT_EQ(s[8].events[ev(Event::AidRestored)], 0);
}

TEST(Events, ScriptedPactsCountAsOnsetsAndEnds) {
  // A consultation pact at tick 3, superseded by a defence pact at tick 4, ended at tick 6.
  const Model m(with_events("  - {name: consult, at: 2020Q3, set: {dyads.A-B.pact: consultation}}\n"
                            "  - {name: ally, tick: 4, set: {dyads.A-B.pact: defence}}\n"
                            "  - {name: split, tick: 6, set: {dyads.A-B.pact: none}}\n"));
  const std::uint64_t runs = 100;
  const Ensemble e = ensemble(m, runs);
  ASSERT_EQ(e.acc.runs, runs);
  for (const auto& t : e.waves)
    for (std::size_t r = 0; r < t.rows; ++r) {
      EXPECT_EQ(t.formed[t.rd(r, 0)], 1);
      EXPECT_EQ(t.first_tick[t.rd(r, 0)], 4);
      EXPECT_EQ(t.ticks_in_force[t.rd(r, 0)], 2);  // defence at ticks 4, 5
      EXPECT_EQ(t.dissolutions[t.rd(r, 0)], 1);    // superseding is no termination
      EXPECT_EQ(t.events[r * RunTable::kEvents + static_cast<std::size_t>(Event::ConsultationPact)], 1);
      EXPECT_EQ(t.events[r * RunTable::kEvents + static_cast<std::size_t>(Event::DefencePact)], 1);
      EXPECT_EQ(t.events[r * RunTable::kEvents + static_cast<std::size_t>(Event::PactEnded)], 1);
    }
  EXPECT_EQ(e.acc.formed_by[e.acc.td(3, 0)], 0u);
  EXPECT_EQ(e.acc.formed_by[e.acc.td(4, 0)], runs);
  EXPECT_EQ(e.acc.formed_by[e.acc.td(8, 0)], runs);
  EXPECT_EQ(e.acc.in_force[e.acc.td(5, 0)], runs);
  EXPECT_EQ(e.acc.in_force[e.acc.td(6, 0)], 0u);
  EXPECT_EQ(e.acc.first_formation[4], runs);  // dyad 0, tick 4
  // Typed outputs: pact_type index 0 defence, 1 consultation, 2 nonaggression.
  EXPECT_EQ(e.acc.pact_formed_by[e.acc.tdp(2, 0, 1)], 0u);
  EXPECT_EQ(e.acc.pact_formed_by[e.acc.tdp(3, 0, 1)], runs);
  EXPECT_EQ(e.acc.pact_formed_by[e.acc.tdp(3, 0, 0)], 0u);
  EXPECT_EQ(e.acc.pact_formed_by[e.acc.tdp(8, 0, 0)], runs);
  EXPECT_EQ(e.acc.pact_formed_by[e.acc.tdp(8, 0, 2)], 0u);
  EXPECT_EQ(e.acc.pact_in_force[e.acc.tdp(3, 0, 1)], runs);
  EXPECT_EQ(e.acc.pact_in_force[e.acc.tdp(4, 0, 1)], 0u);  // superseded
  EXPECT_EQ(e.acc.pact_in_force[e.acc.tdp(5, 0, 0)], runs);
  EXPECT_EQ(e.acc.pact_in_force[e.acc.tdp(6, 0, 0)], 0u);
  EXPECT_EQ(e.acc.event_by[e.acc.tde(5, 0, static_cast<int>(Event::PactEnded))], 0u);
  EXPECT_EQ(e.acc.event_by[e.acc.tde(6, 0, static_cast<int>(Event::PactEnded))], runs);
  EXPECT_EQ(e.acc.event_by[e.acc.tde(8, 0, static_cast<int>(Event::ConsultationPact))], runs);
  constexpr auto kE = static_cast<std::size_t>(Event::Count);
  EXPECT_EQ(e.acc.event_sum[0 * kE + ev(Event::DefencePact)], runs);  // dyad A-B
  EXPECT_EQ(e.acc.event_sum[1 * kE + ev(Event::DefencePact)], runs);  // totals row (D = 1)
  EXPECT_EQ(e.acc.event_sum[0 * kE + ev(Event::PactEnded)], runs);
  EXPECT_EQ(e.acc.scripted_sum, (std::vector<std::uint64_t>{runs, runs, runs}));
}

TEST(Events, ProbabilityZeroNeverFires) {
  const Model m(with_events("  - {name: never, window: [1, 8], probability: 0, repeat: true, add: {dyads.A-B.military: 0.01}}\n"));
  const Ensemble e = ensemble(m, 200);
  EXPECT_EQ(e.acc.scripted_sum, (std::vector<std::uint64_t>{0}));
  for (const int k : fired_per_run(e, 0)) EXPECT_EQ(k, 0);
  const auto s = trace(m);
  EXPECT_EQ(s[8].m[0], 0.3);
}

TEST(Events, ProbabilityOneWindowFiresOnceWithoutRepeat) {
  const Model m(with_events("  - {name: once, window: [2, 5], add: {dyads.A-B.military: 0.1}}\n"));
  const auto s = trace(m);
  EXPECT_EQ(s[1].m[0], 0.3);
  EXPECT_NEAR(s[2].m[0], 0.4, 1e-15);  // the first tick of the window
  EXPECT_NEAR(s[8].m[0], 0.4, 1e-15);
  EXPECT_EQ(s[8].scripted_fired[0], 1);
  const Ensemble e = ensemble(m, 50);
  EXPECT_EQ(e.acc.scripted_sum[0], 50u);
  for (const int k : fired_per_run(e, 0)) EXPECT_EQ(k, 1);
}

TEST(Events, ProbabilityOneWindowFiresEveryTickWithRepeat) {
  const Model m(with_events("  - {name: each, window: [2020Q2, 2020Q4], repeat: true, add: {dyads.A-B.military: 0.1}}\n"));
  const auto s = trace(m);
  EXPECT_EQ(s[1].m[0], 0.3);
  EXPECT_NEAR(s[2].m[0], 0.4, 1e-15);
  EXPECT_NEAR(s[3].m[0], 0.5, 1e-15);
  EXPECT_NEAR(s[4].m[0], 0.6, 1e-15);
  EXPECT_NEAR(s[8].m[0], 0.6, 1e-15);  // the window ended at tick 4
  const Ensemble e = ensemble(m, 50);
  EXPECT_EQ(e.acc.scripted_sum[0], 150u);
  for (const int k : fired_per_run(e, 0)) EXPECT_EQ(k, 3);
}

TEST(Events, DrawIsAddressedByTickAndEventNumber) {
  // Event k fires at tick t of run r when RunRng(seed, r).uniform(t, ScriptedEvent, k) < p.
  const Model m(with_events("  - {name: first, window: [1, 8], probability: 0.5, repeat: true, add: {dyads.A-B.diplomatic: 0.01}}\n"
                            "  - {name: second, window: [1, 8], probability: 0.3, repeat: true, add: {dyads.A-B.military: 0.01}}\n"
                            "  - {name: once, window: [1, 8], probability: 0.2, add: {global.threat: 0.01}}\n"));
  const std::uint32_t seed = 11;
  const Ensemble e = ensemble(m, 300, seed);
  const std::vector<double> p = {0.5, 0.3, 0.2};
  for (int k = 0; k < 3; ++k) {
    SCOPED_TRACE(k);
    const auto fired = fired_per_run(e, k);
    ASSERT_EQ(fired.size(), 300u);
    std::uint64_t total = 0;
    for (std::uint32_t r = 0; r < 300; ++r) {
      const RunRng rng(seed, r);
      int expected = 0;
      for (int t = 1; t <= 8; ++t) {
        if (rng.uniform(t, Draw::ScriptedEvent, static_cast<std::uint32_t>(k)) < p[static_cast<std::size_t>(k)]) ++expected;
        if (k == 2 && expected == 1) break;  // repeat: false
      }
      EXPECT_EQ(fired[r], expected) << "run " << r;
      total += static_cast<std::uint64_t>(expected);
    }
    EXPECT_EQ(e.acc.scripted_sum[static_cast<std::size_t>(k)], total);
  }
}

TEST(Events, TriggerArmsDeal) {
  // deal_size 0.08 (default); the second event first sets deal_size to 0.2 (actions come before the
  // trigger). A scripted deal does not depend on willingness or deal_rate.
  const Model m(with_events("  - {name: deal, tick: 2, trigger: arms_deal, dyad: [B, A]}\n"
                            "  - {name: big, tick: 4, set: {parameters.deal_size: 0.2}, trigger: arms_deal, dyad: [A, B]}\n"));
  const auto s = trace(m);
  EXPECT_EQ(s[1].m[0], 0.3);
  EXPECT_NEAR(s[2].m[0], 0.38, 1e-15);
  EXPECT_NEAR(s[3].m[0], 0.38, 1e-15);
  EXPECT_NEAR(s[4].m[0], 0.58, 1e-15);
  EXPECT_EQ(s[8].events[ev(Event::ArmsDeal)], 2);
  EXPECT_EQ(s[8].dyad_events[ev(Event::ArmsDeal)], 2);
  EXPECT_EQ(s[8].dyads[0].military, 0.3);  // the anchor stays
}

TEST(Events, TriggerVisit) {
  const Model m(with_events("  - {name: visit, at: 2020Q2, trigger: visit, dyad: [A, B]}\n"));
  const auto s = trace(m);
  EXPECT_EQ(s[1].d[0], 0.4);
  EXPECT_NEAR(s[2].d[0], 0.5, 1e-15);  // + visit_size 0.1
  EXPECT_NEAR(s[8].d[0], 0.5, 1e-15);
  EXPECT_EQ(s[8].events[ev(Event::Visit)], 1);
  EXPECT_EQ(s[8].dyad_events[ev(Event::Visit)], 1);
}

TEST(Events, TriggerCrisis) {
  // crisis_rate is 0: the trigger alone makes tick 2 a crisis tick. Hostility (t0 0) reverts
  // (nothing to revert) then rises by crisis_hostility_step 0.05; formation is frozen for
  // crisis_freeze_ticks = 2 ticks (the counter ends tick 2 at 1 and tick 3 at 0).
  const Model m(with_events("  - {name: clash, tick: 2, trigger: crisis, dyad: [A, B]}\n"));
  const auto s = trace(m);
  EXPECT_EQ(s[1].h[0], 0.0);
  EXPECT_EQ(s[1].freeze[0], 0);
  EXPECT_NEAR(s[2].h[0], 0.05, 1e-15);
  EXPECT_EQ(s[2].freeze[0], 1);
  EXPECT_NEAR(s[3].h[0], 0.049, 1e-15);  // 0.05 + 0.02 (0 − 0.05)
  EXPECT_EQ(s[3].freeze[0], 0);
  EXPECT_EQ(s[8].events[ev(Event::Crisis)], 1);
  EXPECT_EQ(s[8].dyad_events[ev(Event::Crisis)], 1);
  EXPECT_FALSE(s[3].crisis[0]);
  EXPECT_FALSE(s[2].crisis_forced[0]);
}

TEST(Events, TriggerProjectStart) {
  // The project is agreed with start_rate 0: only the trigger starts it. It starts at the
  // beginning of tick 2, so tick 2 is its first quarter of construction and with build_ticks 3
  // it operates at the end of tick 4. A second trigger on a started project does nothing.
  const Model m(with_events("  - {name: start, tick: 2, trigger: project_start, dyad: [A, B]}\n"
                            "  - {name: again, tick: 6, trigger: project_start, dyad: [A, B]}\n"));
  const auto s = trace(m);
  const auto state = [&](int t) { return static_cast<ProjectState>(s[static_cast<std::size_t>(t)].project[0]); };
  EXPECT_EQ(state(1), ProjectState::Agreed);
  EXPECT_EQ(s[1].investment[0], 0.0);
  EXPECT_EQ(state(2), ProjectState::Building);
  EXPECT_EQ(s[2].investment[0], 2.0);  // + project.investment
  EXPECT_EQ(state(3), ProjectState::Building);
  EXPECT_EQ(state(4), ProjectState::Operating);
  EXPECT_EQ(s[8].investment[0], 2.0);
  EXPECT_EQ(s[8].events[ev(Event::ProjectStart)], 1);
  EXPECT_EQ(s[8].events[ev(Event::ProjectOperating)], 1);
  EXPECT_EQ(s[8].scripted_fired, (std::vector<std::int32_t>{1, 1}));
}

// BUG (disabled until fixed): an event may set/add/scale `dyads.A-B.propensity` (the parser
// accepts the path and the run's copy changes), but compute_propensities (sim/model/utility.cpp)
// reads the anchor p̂ from the ModelContext's t0 scenario (`ctx.dyad_spec(dy)`, the line marked
// "changes are measured from t0"), so the change never reaches the landscape propensities: the
// event is a silent no-op. Measuring the front and hostility changes from t0 is intended; the
// anchor p̂ itself should come from the run's copy (w.dyad_spec(dy).propensity).
TEST(Events, PropensityAnchorChangesTheLandscape) {
  const Model m(with_events("  - {name: realign, tick: 2, set: {dyads.A-B.propensity: 0.8}}\n"));
  const auto s = trace(m);
  EXPECT_NEAR(s[1].propensity[0 * 2 + 1], 0.0, 1e-9);  // t0 anchor 0, fronts unchanged
  EXPECT_EQ(s[2].dyads[0].propensity, 0.8);              // the run's copy did change ...
  EXPECT_NEAR(s[2].propensity[0 * 2 + 1], 0.8, 1e-9);   // ... but p_AB stays at 0 (fails)
}

TEST(Events, FiredCountsAndTriggeredEventsInTheRunTableAndAccumulator) {
  const Model m(with_events("  - {name: deals, window: [1, 8], probability: 0.5, repeat: true, trigger: arms_deal, dyad: [A, B]}\n"
                            "  - {name: visit, at: 2020Q3, trigger: visit, dyad: [A, B]}\n"));
  const Ensemble e = ensemble(m, 128);
  const auto deals = fired_per_run(e, 0);
  const auto visits = fired_per_run(e, 1);
  std::uint64_t total = 0;
  std::size_t run = 0;
  for (const auto& t : e.waves) {
    ASSERT_EQ(t.scripted_events, 2);
    for (std::size_t r = 0; r < t.rows; ++r, ++run) {
      // Every firing of `deals` is one arms deal of the dyad (deal_rate is 0: no others).
      EXPECT_EQ(t.dyad_events[t.rd(r, 0) * RunTable::kEvents + ev(Event::ArmsDeal)], deals[run]);
      EXPECT_EQ(t.events[r * RunTable::kEvents + ev(Event::Visit)], 1);
      EXPECT_EQ(visits[run], 1);
      total += static_cast<std::uint64_t>(deals[run]);
    }
  }
  EXPECT_EQ(run, 128u);
  EXPECT_EQ(e.acc.scripted_sum, (std::vector<std::uint64_t>{total, 128}));
  constexpr auto kE = static_cast<std::size_t>(Event::Count);
  EXPECT_EQ(e.acc.event_sum[kE + ev(Event::ArmsDeal)], total);
  EXPECT_EQ(e.acc.event_sum[kE + ev(Event::Visit)], 128u);
  EXPECT_GT(total, 128u * 2);  // about 4 of 8 ticks per run
  EXPECT_LT(total, 128u * 6);
}

TEST(Events, NoEventsNoScriptedColumns) {
  const Model m(kTwo);
  const Ensemble e = ensemble(m, 10);
  EXPECT_TRUE(e.acc.scripted_sum.empty());
  for (const auto& t : e.waves) {
    EXPECT_EQ(t.scripted_events, 0);
    EXPECT_TRUE(t.scripted.empty());
  }
}

// =============================== Extends ====================================================

/// A fresh scratch directory for one test.
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(SIMRUN_TEST_TMP) / "events_extends" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path.string();
}

const std::string kParent = R"(name: parent
description: the parent
calendar: {start: 2020Q1, ticks: 8}
actors:
  - {id: A, size: 0.4, offense: 0.3}
  - {id: B, size: 0.6, offense: 0.1}
dyads:
  - {pair: [A, B], military: 0.3, diplomatic: 0.4, trade: 10}
links:
  - {from: A, to: B, aid_dependence: 0.2, aid_flowing: 1}
parameters: {lambda: 3, r_min: 0.3}
events:
  - {name: e1, at: 2020Q2, add: {dyads.A-B.military: 0.1}}
  - {name: e2, at: 2020Q3, trigger: visit, dyad: [A, B]}
)";

const std::string kChild = R"(extends: parent.yaml
parameters: {lambda: 2}
actors:
  - {id: B, size: 0.5}
  - {id: C, size: 0.1}
dyads:
  - {pair: [B, A], military: 0.5}
  - {pair: [A, C], trade: 3}
links:
  - {from: A, to: B, aid_flowing: 0}
  - {from: B, to: A, aid_dependence: 0.1}
events:
  - {name: e1, add: {dyads.A-B.military: 0.2}}
  - {name: e3, tick: 5, set: {parameters.lambda: 5}}
)";

/// kParent with kChild merged in by hand.
const std::string kMergedByHand = R"(description: the parent
calendar: {start: 2020Q1, ticks: 8}
actors:
  - {id: A, size: 0.4, offense: 0.3}
  - {id: B, size: 0.5, offense: 0.1}
  - {id: C, size: 0.1}
dyads:
  - {pair: [A, B], military: 0.5, diplomatic: 0.4, trade: 10}
  - {pair: [A, C], trade: 3}
links:
  - {from: A, to: B, aid_dependence: 0.2, aid_flowing: 0}
  - {from: B, to: A, aid_dependence: 0.1}
parameters: {lambda: 2, r_min: 0.3}
events:
  - {name: e1, at: 2020Q2, add: {dyads.A-B.military: 0.2}}
  - {name: e2, at: 2020Q3, trigger: visit, dyad: [A, B]}
  - {name: e3, tick: 5, set: {parameters.lambda: 5}}
)";

TEST(Extends, ChildOverridesANumberAndInheritsTheRest) {
  const fs::path dir = scratch("override");
  const std::string parent = write(dir / "parent.yaml", kParent);
  const Scenario sc = load_scenario(write(dir / "child.yaml", kChild));
  EXPECT_EQ(sc.params.lambda, 2.0);   // the child's
  EXPECT_EQ(sc.params.r_min, 0.3);    // the parent's
  EXPECT_EQ(sc.calendar.ticks, 8);
  EXPECT_EQ(sc.description, "the parent");
  EXPECT_EQ(sc.extends, (std::vector<std::string>{parent}));
}

TEST(Extends, ActorsMergedByIdNewOnesAppended) {
  const fs::path dir = scratch("actors");
  write(dir / "parent.yaml", kParent);
  const Scenario sc = load_scenario(write(dir / "child.yaml", kChild));
  ASSERT_EQ(sc.n_actors(), 3);
  EXPECT_EQ(sc.actors[0].id, "A");
  EXPECT_EQ(sc.actors[1].id, "B");
  EXPECT_EQ(sc.actors[2].id, "C");
  EXPECT_EQ(sc.actors[0].size, 0.4);
  EXPECT_EQ(sc.actors[1].size, 0.5);     // the child's
  EXPECT_EQ(sc.actors[1].offense, 0.1);  // the parent's, kept
  EXPECT_EQ(sc.actors[2].size, 0.1);
  EXPECT_EQ(sc.n_dyads(), 3);
}

TEST(Extends, DyadsMergedByPairInEitherOrder) {
  const fs::path dir = scratch("dyads");
  write(dir / "parent.yaml", kParent);
  const Scenario sc = load_scenario(write(dir / "child.yaml", kChild));
  const DyadSpec& ab = sc.dyads[static_cast<std::size_t>(sc.dyad_index(0, 1))];
  EXPECT_EQ(ab.military, 0.5);     // [B, A] in the child
  EXPECT_EQ(ab.diplomatic, 0.4);   // kept from [A, B] in the parent
  EXPECT_EQ(ab.trade, 10.0);
  EXPECT_EQ(sc.dyads[static_cast<std::size_t>(sc.dyad_index(0, 2))].trade, 3.0);
}

TEST(Extends, LinksMergedByFromAndTo) {
  const fs::path dir = scratch("links");
  write(dir / "parent.yaml", kParent);
  const Scenario sc = load_scenario(write(dir / "child.yaml", kChild));
  const LinkSpec& ab = sc.links[static_cast<std::size_t>(sc.link_index(0, 1))];
  EXPECT_EQ(ab.aid_dependence, 0.2);  // the parent's
  EXPECT_EQ(ab.aid_flowing, 0.0);     // the child's
  EXPECT_EQ(sc.links[static_cast<std::size_t>(sc.link_index(1, 0))].aid_dependence, 0.1);  // B>A is another link
}

TEST(Extends, EventsMergedByNameNewOnesAppended) {
  const fs::path dir = scratch("events");
  write(dir / "parent.yaml", kParent);
  const Scenario sc = load_scenario(write(dir / "child.yaml", kChild));
  ASSERT_EQ(sc.events.size(), 3u);
  EXPECT_EQ(sc.events[0].name, "e1");
  EXPECT_EQ(sc.events[1].name, "e2");
  EXPECT_EQ(sc.events[2].name, "e3");
  // e1: the parent's date, the child's value for the same path (one action, not two).
  EXPECT_EQ(sc.events[0].first.label(), "2020Q2");
  ASSERT_EQ(sc.events[0].actions.size(), 1u);
  EXPECT_EQ(sc.events[0].actions[0].op, EventAction::Op::Add);
  EXPECT_EQ(sc.events[0].actions[0].value, 0.2);
  EXPECT_EQ(sc.events[1].trigger, EventTrigger::Visit);
  EXPECT_EQ(sc.events[2].first.label(), "2021Q1");
}

TEST(Extends, NameDefaultsToTheChildsFileStem) {
  const fs::path dir = scratch("name");
  write(dir / "parent.yaml", kParent);
  EXPECT_EQ(load_scenario(write(dir / "my_variant.yaml", kChild)).name, "my_variant");
  EXPECT_EQ(load_scenario(write(dir / "named.yaml", "name: chosen\n" + kChild)).name, "chosen");
  EXPECT_EQ(load_scenario(dir / "parent.yaml").name, "parent");
}

TEST(Extends, ParentErrorNamesTheParentFile) {
  const fs::path dir = scratch("parent_error");
  std::string bad = kParent;
  bad.replace(bad.find("lambda: 3"), 9, "lambda: 500");
  const std::string parent = write(dir / "parent.yaml", bad);
  const std::string child = write(dir / "child.yaml", kChild);
  const InputError e = error_of([&] { load_scenario(child); });
  EXPECT_EQ(e.file(), parent);
  EXPECT_EQ(e.line(), line_of(bad, "parameters:"));
  EXPECT_EQ(e.field(), "parameters.lambda");
  EXPECT_TRUE(contains(e.detail(), "expected a number in [0, 100], got 500")) << e.what();
}

TEST(Extends, ParentThatIsOnlyValidWithTheChildIsRefused) {
  // The parent is validated on its own: an event naming an actor only the child adds fails there.
  const fs::path dir = scratch("parent_alone");
  const std::string parent = write(dir / "parent.yaml", kParent + "  - {name: e9, at: 2020Q2, trigger: visit, dyad: [A, C]}\n");
  const std::string child = write(dir / "child.yaml", kChild);
  const InputError e = error_of([&] { load_scenario(child); });
  EXPECT_EQ(e.file(), parent);
  EXPECT_EQ(e.field(), "events.e9.dyad");
}

// An error in a scenario that uses extends: is reported on its own line of the child file. (It
// was reported at line 1 while resolve_extends built the merged tree with YAML::Clone, which drops
// yaml-cpp's marks; the merge now changes the parent's tree in place.)
TEST(Extends, ErrorInTheChildNamesItsLine) {
  const fs::path dir = scratch("child_error_line");
  write(dir / "parent.yaml", kParent);
  const std::string text = "extends: parent.yaml\nname: x\nparameters:\n  lambda: 500\n";
  const std::string child = write(dir / "child.yaml", text);
  const InputError e = error_of([&] { load_scenario(child); });
  EXPECT_EQ(e.file(), child);
  EXPECT_EQ(e.field(), "parameters.lambda");
  EXPECT_EQ(e.line(), line_of(text, "lambda: 500"));  // 4
}

TEST(Extends, ErrorInTheChildNamesTheChildFileAndField) {
  const fs::path dir = scratch("child_error");
  write(dir / "parent.yaml", kParent);
  const std::string child = write(dir / "child.yaml", "extends: parent.yaml\nevents:\n  - {name: e1, window: [2020Q2, 2020Q3]}\n");
  const InputError e = error_of([&] { load_scenario(child); });
  EXPECT_EQ(e.file(), child);
  // The child's e1 is merged into the parent's e1 (which has at:): two dates.
  EXPECT_EQ(e.field(), "events.e1");
  EXPECT_TRUE(contains(e.detail(), "give exactly one of at:")) << e.what();
}

TEST(Extends, MissingParent) {
  const fs::path dir = scratch("missing");
  const std::string child = write(dir / "child.yaml", "extends: nowhere.yaml\nparameters: {lambda: 2}\n");
  const InputError e = error_of([&] { load_scenario(child); });
  EXPECT_EQ(e.file(), child);
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.field(), "extends");
  EXPECT_TRUE(contains(e.detail(), "cannot open")) << e.what();
  EXPECT_TRUE(contains(e.detail(), "nowhere.yaml")) << e.what();
  EXPECT_TRUE(contains(e.detail(), "relative to this file's folder")) << e.what();
}

// A ',' outside any [...] or {...} made yaml-cpp 0.7's LoadAll read endless empty documents
// until memory ran out (found by fuzz_extends_chain: fuzz/corpus/extends/stray-comma-after-tag).
// It is refused, at its line, in a scenario file and in an extends: parent.
TEST(Extends, StrayCommaIsRefusedNotLoadedForever) {
  for (const std::string text : {"!.bsy, ae", ", b\n", "actors: [{id: A}, {id: B}]\n- a\n,\n", "\"x\" , y"}) {
    SCOPED_TRACE(text);
    const InputError e = load_error(text);
    EXPECT_TRUE(contains(e.detail(), "not valid YAML")) << e.what();
  }
  const InputError e = load_error("name: x\n!t, x\n");
  EXPECT_TRUE(contains(e.detail(), "not valid YAML")) << e.what();
  const InputError top = load_error("!.bsy, ae\n");
  EXPECT_EQ(top.line(), 1);
  EXPECT_TRUE(contains(top.detail(), "a ',' outside a [...] list or {...} mapping (column 6)")) << top.what();
  const fs::path dir = scratch("stray_comma");
  const std::string parent = write(dir / "parent.yaml", "!.bsy, ae\n");
  const std::string child = write(dir / "child.yaml", "extends: parent.yaml\n");
  const InputError pe = error_of([&] { load_scenario(child); });
  EXPECT_EQ(pe.file(), parent);
  EXPECT_TRUE(contains(pe.detail(), "',' outside")) << pe.what();
  // A real second document is still named as such.
  const InputError two = load_error("actors: [{id: A}, {id: B}]\n---\nactors: [{id: C}, {id: D}]\n");
  EXPECT_EQ(two.line(), 3);
  EXPECT_TRUE(contains(two.detail(), "a second YAML document")) << two.what();
}

TEST(Extends, SelfCycleRefused) {
  const fs::path dir = scratch("self");
  const std::string self = write(dir / "self.yaml", "extends: self.yaml\n" + kParent);
  const InputError e = error_of([&] { load_scenario(self); });
  EXPECT_EQ(e.file(), self);
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.field(), "extends");
  EXPECT_TRUE(contains(e.detail(), "already being loaded: extends: forms a cycle")) << e.what();
}

TEST(Extends, TwoFileCycleRefused) {
  const fs::path dir = scratch("cycle");
  const std::string a = write(dir / "a.yaml", "extends: b.yaml\n" + kParent);
  const std::string b = write(dir / "b.yaml", "extends: a.yaml\nparameters: {lambda: 2}\n");
  for (const auto& [start, other] : {std::pair{a, b}, std::pair{b, a}}) {
    SCOPED_TRACE(start);
    const InputError e = error_of([&] { load_scenario(start); });
    EXPECT_EQ(e.file(), other);  // the file whose extends: closes the cycle
    EXPECT_EQ(e.field(), "extends");
    EXPECT_TRUE(contains(e.detail(), "forms a cycle")) << e.what();
  }
}

TEST(Extends, ChainOfThreeFiles) {
  const fs::path dir = scratch("chain");
  const std::string a = write(dir / "a.yaml", kParent);
  const std::string b = write(dir / "sub" / "b.yaml", "extends: ../a.yaml\nparameters: {lambda: 2}\ndyads:\n  - {pair: [A, B], trade: 20}\n");
  const std::string c = write(dir / "c.yaml", "extends: sub/b.yaml\nparameters: {r_min: 0.2}\nactors:\n  - {id: A, size: 0.45}\n");
  const Scenario sc = load_scenario(c);
  EXPECT_EQ(sc.name, "c");
  EXPECT_EQ(sc.params.lambda, 2.0);   // from b
  EXPECT_EQ(sc.params.r_min, 0.2);    // from c
  EXPECT_EQ(sc.actors[0].size, 0.45); // from c
  EXPECT_EQ(sc.actors[0].offense, 0.3);  // from a
  EXPECT_EQ(sc.dyads[0].trade, 20.0);    // from b
  EXPECT_EQ(sc.dyads[0].diplomatic, 0.4);  // from a
  EXPECT_EQ(sc.events.size(), 2u);       // from a
  // The chain, nearest first, as paths relative to each child's folder, normalised.
  EXPECT_EQ(sc.extends, (std::vector<std::string>{(dir / "sub" / "b.yaml").string(), (dir / "a.yaml").string()}));
  EXPECT_EQ(load_scenario(b).extends, (std::vector<std::string>{a}));
  EXPECT_TRUE(load_scenario(a).extends.empty());
}

TEST(Extends, ResolvedScenarioEqualsAHandMergedFile) {
  const fs::path dir = scratch("resolved");
  write(dir / "parent.yaml", kParent);
  // Both files are called child.yaml, so both scenarios are named "child".
  const Scenario child = load_scenario(write(dir / "child.yaml", kChild));
  const Scenario by_hand = load_scenario(write(dir / "by_hand" / "child.yaml", kMergedByHand));
  EXPECT_EQ(child.name, "child");
  EXPECT_EQ(resolved_yaml(child), resolved_yaml(by_hand));
  // The resolved YAML has no events: compare them field by field.
  ASSERT_EQ(child.events.size(), by_hand.events.size());
  for (std::size_t k = 0; k < child.events.size(); ++k) {
    SCOPED_TRACE(child.events[k].name);
    const EventSpec &x = child.events[k], &y = by_hand.events[k];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.first.index, y.first.index);
    EXPECT_EQ(x.last.index, y.last.index);
    EXPECT_EQ(x.probability, y.probability);
    EXPECT_EQ(x.repeat, y.repeat);
    EXPECT_EQ(x.trigger, y.trigger);
    EXPECT_EQ(x.dyad, y.dyad);
    ASSERT_EQ(x.actions.size(), y.actions.size());
    for (std::size_t a = 0; a < x.actions.size(); ++a) {
      EXPECT_EQ(x.actions[a].op, y.actions[a].op);
      EXPECT_EQ(x.actions[a].target.path, y.actions[a].target.path);
      EXPECT_EQ(x.actions[a].value, y.actions[a].value);
    }
  }
  EXPECT_TRUE(by_hand.extends.empty());
}

TEST(Extends, BaselineVariantOfTheLibrary) {
  // A library variant extends the baseline: /scenario/extends names it.
  const std::string path = std::string(SIMRUN_SOURCE_DIR) + "/scenarios/sanctions_escalation.yaml";
  const Scenario sc = load_scenario(path);
  EXPECT_EQ(sc.name, "sanctions_escalation");
  EXPECT_EQ(sc.extends, (std::vector<std::string>{(fs::path(SIMRUN_SOURCE_DIR) / "scenarios" / "baseline.yaml").lexically_normal().string()}));
  EXPECT_EQ(sc.n_actors(), 5);
  EXPECT_EQ(sc.events.size(), 2u);
}

}  // namespace
}  // namespace simrun
