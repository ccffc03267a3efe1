// `extends:` (sim/scenario/extends.hpp; docs/model.md, "Scenario inheritance"), with temporary files
// under SIMRUN_TEST_TMP/events_extends: deep merge rules, names, errors in parents, missing parents,
// cycles, chains, and equality of the resolved scenario with a hand-merged file.
#include "events_fixture.hpp"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace simrun {
namespace {

using namespace events_test;

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
