// Contract tests for the scenario library (scenarios/*.yaml):
//  * every scenario file loads without error;
//  * every counterfactual variant extends baseline.yaml (directly or through another variant),
//    and its header comment states the claim it tests and the expected direction;
//  * provenance coverage: every number written in scenarios/baseline.yaml has a `sources:` entry,
//    i.e. a key in the loaded Scenario's provenance map. The numbers actually written are found by
//    walking the YAML with yaml-cpp, independently of the loader; a small inline scenario with one
//    unsourced number checks that the walk does report what is missing.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/number_text.hpp"
#include "sim/scenario/scenario.hpp"

namespace fs = std::filesystem;
using simrun::Scenario;

namespace {

const fs::path kScenarioDir = fs::path(SIMRUN_SOURCE_DIR) / "scenarios";

/// The counterfactual variants of the library (docs/model.md §1.2). Each must extend
/// baseline.yaml and say in its header which claim it tests and in which direction.
const std::vector<std::string> kVariants = {
    "trade_push",          "pipeline_built",       "arms_package",           "arms_and_trade",
    "russia_india_fallout", "us_aid_conditional",  "us_aid_stick",           "us_india_rapprochement",
    "india_tilts_to_us",   "is_resurgence",        "afghan_settlement",      "china_steps_back",
    "trilateral_push",     "crisis_prone",         "sanctions_escalation",   "oil_collapse",
    "rationality_low",     "rationality_high",     "us_reengagement"};

/// Other files of the library that extend the baseline without being a claim test.
const std::vector<std::string> kOtherExtending = {"example_counterfactual", "historical_2014"};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

/// The leading block of `#` comment lines of a file.
std::string header_comment(const std::string& text) {
  std::istringstream in(text);
  std::string line, header;
  while (std::getline(in, line) && !line.empty() && line[0] == '#') header += line + "\n";
  return header;
}

bool is_number(const YAML::Node& n) {
  double v = 0;
  return n.IsScalar() && simrun::parse_finite_number(n.Scalar(), v);
}

bool skipped(const std::string& key, const std::vector<std::string>& keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

/// Provenance keys the numbers written in one mapping need: "<prefix>.<key>" for every numeric
/// value, except keys in `skip`; a key in `whole` (a nested block such as positions or project)
/// needs one entry for the whole block.
void needed_in_map(const YAML::Node& map, const std::string& prefix, const std::vector<std::string>& skip,
                   const std::vector<std::string>& whole, std::vector<std::string>& out) {
  if (!map.IsMap()) return;
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (key == "sources" || skipped(key, skip)) continue;
    if (skipped(key, whole) || is_number(kv.second)) out.push_back(prefix + "." + key);
  }
}

/// Every provenance key the numbers written in `root` need, with paths as the loader records them.
/// Dyad labels come from the loaded scenario (actor order), so [PAK, RUS] is "RUS-PAK".
std::vector<std::string> needed_provenance(const YAML::Node& root, const Scenario& sc) {
  std::vector<std::string> out;
  if (root["calendar"]) needed_in_map(root["calendar"], "calendar", {}, {"start"}, out);
  if (root["global"]) needed_in_map(root["global"], "global", {}, {}, out);
  if (root["parameters"]) needed_in_map(root["parameters"], "parameters", {}, {}, out);
  for (const auto& a : root["actors"])
    needed_in_map(a, "actors." + a["id"].as<std::string>(), {"id", "name"}, {"positions", "saliences"}, out);
  for (const auto& d : root["dyads"]) {
    const int i = sc.actor_index(d["pair"][0].as<std::string>());
    const int j = sc.actor_index(d["pair"][1].as<std::string>());
    needed_in_map(d, "dyads." + sc.dyad_label(sc.dyad_index(i, j)), {"pair", "note"}, {"project"}, out);
  }
  for (const auto& l : root["links"])
    needed_in_map(l, "links." + l["from"].as<std::string>() + ">" + l["to"].as<std::string>(), {"from", "to", "note"}, {},
                  out);
  return out;
}

/// The needed provenance keys that the loaded scenario lacks.
std::vector<std::string> missing_provenance(const std::string& yaml_text, const Scenario& sc) {
  std::vector<std::string> missing;
  for (const auto& key : needed_provenance(YAML::Load(yaml_text), sc))
    if (sc.provenance.find(key) == sc.provenance.end()) missing.push_back(key);
  return missing;
}

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& x : items) s += "\n  " + x;
  return s;
}

}  // namespace

TEST(ScenarioLibrary, EveryScenarioFileLoads) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kScenarioDir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    try {
      const Scenario sc = simrun::load_scenario(entry.path().string());
      EXPECT_GE(sc.n_actors(), 2);
      EXPECT_GE(sc.calendar.ticks, 1);
    } catch (const simrun::InputError& e) {
      ADD_FAILURE() << "does not load: " << e.what();
    }
  }
  EXPECT_GE(files, 1 + static_cast<int>(kVariants.size() + kOtherExtending.size()));
}

TEST(ScenarioLibrary, VariantsExtendTheBaseline) {
  std::vector<std::string> names = kVariants;
  names.insert(names.end(), kOtherExtending.begin(), kOtherExtending.end());
  for (const auto& name : names) {
    const fs::path path = kScenarioDir / (name + ".yaml");
    SCOPED_TRACE(path.string());
    ASSERT_TRUE(fs::is_regular_file(path)) << "missing from the library";
    const Scenario sc = simrun::load_scenario(path.string());
    ASSERT_FALSE(sc.extends.empty()) << "does not use extends:";
    // The chain is nearest parent first; it must reach baseline.yaml in the same folder.
    const fs::path root = fs::weakly_canonical(fs::path(sc.extends.back()));
    EXPECT_EQ(root, fs::weakly_canonical(kScenarioDir / "baseline.yaml"))
        << "the extends: chain ends at " << sc.extends.back();
  }
}

TEST(ScenarioLibrary, VariantHeadersStateClaimAndDirection) {
  for (const auto& name : kVariants) {
    const fs::path path = kScenarioDir / (name + ".yaml");
    SCOPED_TRACE(path.string());
    const std::string header = header_comment(read_text(path));
    EXPECT_NE(header.find("Claim tested:"), std::string::npos) << "header does not say which claim it tests";
    EXPECT_NE(header.find("Expected direction:"), std::string::npos) << "header does not give the expected direction";
    EXPECT_NE(header.find("Change:"), std::string::npos) << "header does not say what it changes";
  }
}

TEST(ScenarioLibrary, HistoricalReplayCoversTheThaw) {
  const Scenario sc = simrun::load_scenario((kScenarioDir / "historical_2014.yaml").string());
  EXPECT_EQ(sc.calendar.start.label(), "2014Q1");
  EXPECT_EQ(sc.calendar.ticks, 18);
  EXPECT_EQ(sc.calendar.quarter_of_tick(sc.calendar.ticks).label(), "2018Q2");
  for (const char* event : {"embargo_lifted", "shoigu_visit_defence_agreement", "mi35_contract", "pipeline_iga",
                            "friendship_2016", "aman_2017", "sco_membership", "mi35_delivered_fmf_withheld",
                            "friendship_2017", "us_security_aid_suspended", "fatf_grey_list"}) {
    const bool found = std::any_of(sc.events.begin(), sc.events.end(), [&](const auto& e) { return e.name == event; });
    EXPECT_TRUE(found) << "no scripted event " << event;
  }
}

TEST(ScenarioLibrary, BaselineNumbersAllHaveProvenance) {
  const fs::path path = kScenarioDir / "baseline.yaml";
  const Scenario sc = simrun::load_scenario(path.string());
  const std::vector<std::string> needed = needed_provenance(YAML::LoadFile(path.string()), sc);
  EXPECT_GT(needed.size(), 100u) << "the walk found too few numbers in the baseline";
  const std::vector<std::string> missing = missing_provenance(read_text(path), sc);
  EXPECT_TRUE(missing.empty()) << missing.size() << " number(s) in " << path.string()
                               << " have no sources: entry:" << joined(missing);
}

TEST(ScenarioLibrary, ProvenanceCheckReportsAnUnsourcedNumber) {
  // Four numbers lack a source: parameters.r_min, actors.BBB.growth, the AAA-BBB project (the
  // dyad is written as [BBB, AAA]; the loader labels it in actor order) and an aid state.
  const std::string unsourced = R"(
calendar: {start: 2018Q3, ticks: 4, sources: {start: analyst, ticks: analyst}}
references: {analyst: "[analyst] judgement"}
dimensions: [{id: AFG}]
actors:
  - {id: AAA, size: 0.6, positions: {AFG: 0.2}, sources: {size: analyst, positions: analyst}}
  - {id: BBB, size: 0.4, growth: 0.03, sources: {size: analyst}}
dyads:
  - pair: [BBB, AAA]
    military: 0.3
    project: {state: agreed, start_rate: 0.01}
    sources: {military: analyst}
links:
  - {from: AAA, to: BBB, aid_dependence: 0.1, aid_flowing: 1, sources: {aid_dependence: analyst}}
global: {threat: 0.5, sources: {threat: analyst}}
parameters: {lambda: 3, r_min: 0.4, sources: {lambda: analyst}}
)";
  const Scenario sc = simrun::load_scenario_text(unsourced, "unsourced.yaml");
  const std::vector<std::string> missing = missing_provenance(unsourced, sc);
  const std::vector<std::string> expected = {"parameters.r_min", "actors.BBB.growth", "dyads.AAA-BBB.project",
                                             "links.AAA>BBB.aid_flowing"};
  EXPECT_EQ(missing, expected) << "reported:" << joined(missing);

  // The same scenario with every number sourced: nothing is reported.
  const std::string sourced = R"(
calendar: {start: 2018Q3, ticks: 4, sources: {start: analyst, ticks: analyst}}
references: {analyst: "[analyst] judgement"}
dimensions: [{id: AFG}]
actors:
  - {id: AAA, size: 0.6, positions: {AFG: 0.2}, sources: {size: analyst, positions: analyst}}
  - {id: BBB, size: 0.4, growth: 0.03, sources: {size: analyst, growth: analyst}}
dyads:
  - pair: [BBB, AAA]
    military: 0.3
    project: {state: agreed, start_rate: 0.01}
    sources: {military: analyst, project: analyst}
links:
  - {from: AAA, to: BBB, aid_dependence: 0.1, aid_flowing: 1, sources: {aid_dependence: analyst, aid_flowing: analyst}}
global: {threat: 0.5, sources: {threat: analyst}}
parameters: {lambda: 3, r_min: 0.4, sources: {lambda: analyst, r_min: analyst}}
)";
  const Scenario sc_sourced = simrun::load_scenario_text(sourced, "sourced.yaml");
  const std::vector<std::string> none = missing_provenance(sourced, sc_sourced);
  EXPECT_TRUE(none.empty()) << "reported:" << joined(none);
}
