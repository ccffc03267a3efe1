// Scripted events as the scenario reads them (sim/scenario/events.hpp, event_parser.cpp; docs/model.md,
// "Scripted events"): parsing of every field, and input errors located by file, line and field.
#include "events_fixture.hpp"

namespace simrun {
namespace {

using namespace events_test;

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

}  // namespace
}  // namespace simrun
