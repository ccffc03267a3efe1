// Scripted events in a run (sim/model/scripted_events.cpp; docs/model.md, "Scripted events"): the
// effect of set/add/scale and of each trigger on a two-actor scenario with every random process
// switched off, so that each expected value follows by hand from the rule; firing rules
// (probability, window, repeat, the addressed draw); fired counts in the RunTable and the
// Accumulator of run_ensemble.
#include "events_fixture.hpp"

#include <cmath>

namespace simrun {
namespace {

using namespace events_test;

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
  // with the t0-anchored hazard σ(logit 0.5 + η (r_t − r_0)) each tick (r: the reluctant side's
  // ΔU, η: event_elasticity, docs/model.md §7.10); with deal_rate 0 before, none before tick 4.
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
    const double hazard = 1.0 / (1.0 + std::exp(-(s[t].p.event_elasticity * (r - m.ctx->reluctance0[0]))));
    expected += rng.uniform(t, Draw::ArmsDeal, 0) < hazard ? 1 : 0;
  }
  EXPECT_EQ(s[8].events[ev(Event::ArmsDeal)], expected);
  EXPECT_GT(expected, 0);
}

TEST(Events, EventElasticityZeroHoldsTheStatedRate) {
  // η = 0: the hazard is the stated rate whatever the utilities do, so the deals of ticks 4-8
  // are exactly the addressed draws below 0.5. At η = 50 the hazard is σ(η (r_t − r_0)), which
  // the hostility event of tick 2 moves away from 0.5.
  const RunRng rng(7, 0);
  double largest_shift = 0;
  for (const char* kappa : {"0", "50"}) {
    const Model m(with_events(std::string("  - {name: k, tick: 1, set: {parameters.event_elasticity: ") + kappa +
                              "}}\n  - {name: h, tick: 2, set: {dyads.A-B.hostility: 0.8}}\n  - {name: open, tick: 4, set: {dyads.A-B.deal_rate: 0.5}}\n"));
    const auto s = trace(m);
    const std::size_t ab = static_cast<std::size_t>(m.ctx->link(0, 1)), ba = static_cast<std::size_t>(m.ctx->link(1, 0));
    int expected = 0;
    for (int t = 4; t <= 8; ++t) {
      const double r = std::min(s[t].du_front[ab], s[t].du_front[ba]);
      const double hazard = 1.0 / (1.0 + std::exp(-(std::stod(kappa) * (r - m.ctx->reluctance0[0]))));
      if (std::string(kappa) == "0") EXPECT_EQ(hazard, 0.5);
      largest_shift = std::max(largest_shift, std::abs(hazard - 0.5));
      expected += rng.uniform(t, Draw::ArmsDeal, 0) < hazard ? 1 : 0;
    }
    EXPECT_EQ(s[8].events[ev(Event::ArmsDeal)], expected) << "kappa " << kappa;
  }
  EXPECT_GT(largest_shift, 0.01);
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

// An event may set/add/scale `dyads.A-B.propensity`: compute_propensities (sim/model/utility.cpp)
// takes the anchor p̂ from the run's copy of the dyad and measures only the fronts' and
// hostility's changes from t0, so the new anchor reaches the landscape propensities.
TEST(Events, PropensityAnchorChangesTheLandscape) {
  const Model m(with_events("  - {name: realign, tick: 2, set: {dyads.A-B.propensity: 0.8}}\n"));
  const auto s = trace(m);
  EXPECT_NEAR(s[1].propensity[0 * 2 + 1], 0.0, 1e-9);  // t0 anchor 0, fronts unchanged
  EXPECT_EQ(s[2].dyads[0].propensity, 0.8);              // the run's copy did change ...
  EXPECT_NEAR(s[2].propensity[0 * 2 + 1], 0.8, 1e-9);   // ... and so did p_AB
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

}  // namespace
}  // namespace simrun
