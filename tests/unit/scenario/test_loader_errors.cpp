// Contract tests for scenario input errors (sim/scenario/loader.cpp, schema.cpp, overrides.cpp).
// Every bad input must raise simrun::InputError whose what() is the single line
// "FILE:LINE: FIELD: message" (":LINE" omitted when unknown, "FIELD: " omitted when there is no
// field; for --set the file is "--set" and the field is the assignment's path), and whose message
// says what was expected, suggesting the nearest valid key or actor for misspellings.
// Tests named DISABLED_ describe behaviour the loader should have but does not yet have.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace fs = std::filesystem;
using simrun::InputError;
using simrun::Scenario;

namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

/// Where an error must be reported. line 0: the message carries no line; field "": no field.
struct Where {
  std::string file;
  int line = 0;
  std::string field;
};

/// The exact location prefix of what(): "FILE[:LINE][: FIELD]: ".
std::string location_prefix(const Where& where) {
  std::string prefix = where.file;
  if (where.line > 0) prefix += ":" + std::to_string(where.line);
  if (!where.field.empty()) prefix += ": " + where.field;
  return prefix + ": ";
}

/// Runs `action` and checks that it throws an InputError located at `where` whose message
/// contains every one of `words`.
::testing::AssertionResult FailsWith(const std::function<void()>& action, const Where& where,
                                     const std::vector<std::string>& words) {
  try {
    action();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    auto failure = [&msg]() { return ::testing::AssertionFailure() << "\n  message: " << msg << "\n  "; };
    const std::string prefix = location_prefix(where);
    if (msg.rfind(prefix, 0) != 0) return failure() << "expected the message to start with \"" << prefix << "\"";
    if (e.file() != where.file) return failure() << "file() is \"" << e.file() << "\", expected \"" << where.file << "\"";
    if (e.line() != where.line) return failure() << "line() is " << e.line() << ", expected " << where.line;
    if (e.field() != where.field) return failure() << "field() is \"" << e.field() << "\", expected \"" << where.field << "\"";
    if (msg.find('\n') != std::string::npos) return failure() << "the message is not one line";
    if (e.detail().empty()) return failure() << "the message has no detail after the location";
    for (const auto& w : words)
      if (msg.find(w) == std::string::npos) return failure() << "expected the message to contain \"" << w << "\"";
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-InputError exception: " << e.what();
  } catch (...) {
    return ::testing::AssertionFailure() << "threw something that is not a std::exception";
  }
  return ::testing::AssertionFailure() << "no exception was thrown";
}

/// The InputError message `action` throws ("" when it throws none), for extra checks.
std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("non-InputError: ") + e.what();
  }
  return "";
}

/// 1-based number of the `occurrence`-th line of `text` that contains `needle` (0 if none).
int line_of(const std::string& text, const std::string& needle, int occurrence = 1) {
  int line = 1, seen = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.substr(start, end - start).find(needle) != std::string::npos && ++seen == occurrence) return line;
    start = end + 1;
    ++line;
  }
  ADD_FAILURE() << "test bug: no line " << occurrence << " containing \"" << needle << "\"";
  return 0;
}

const char* const kFile = "bad.yaml";

/// A valid three-actor scenario with two dimensions. `rus_extra` is inserted in actor RUS's
/// mapping (lines indented by four spaces); `tail` is appended after the actors.
std::string scenario(const std::string& rus_extra = "", const std::string& tail = "") {
  return std::string(
             "# test scenario\n"
             "name: test\n"
             "dimensions:\n"
             "  - {id: AFG}\n"
             "  - {id: KASH}\n"
             "actors:\n"
             "  - id: RUS\n"
             "    name: Russia\n") +
         rus_extra +
         "  - id: PAK\n"
         "    size: 0.05\n"
         "  - id: IND\n"
         "    size: 0.2\n" +
         tail;
}

/// Checks that loading `text` as bad.yaml fails at line `line` of field `field` with `words`.
::testing::AssertionResult LoadFails(const std::string& text, int line, const std::string& field,
                                     const std::vector<std::string>& words) {
  return FailsWith([&text]() { simrun::load_scenario_text(text, kFile); }, Where{kFile, line, field}, words);
}

/// Checks that the --set `assignment` on a valid scenario fails for field `field` with `words`.
::testing::AssertionResult SetFails(const std::string& assignment, const std::string& field,
                                    const std::vector<std::string>& words) {
  const std::string text = scenario();
  return FailsWith([&]() { simrun::load_scenario_text(text, kFile, {assignment}); }, Where{"--set", 0, field},
                   words);
}

std::string load_message(const std::string& text) {
  return message_of([&text]() { simrun::load_scenario_text(text, kFile); });
}

/// A scratch directory for file-path tests.
fs::path scratch_dir() {
  const fs::path dir = fs::path(SIMRUN_TEST_TMP) / "loader_errors";
  fs::create_directories(dir);
  return dir;
}

std::string baseline_path() { return std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml"; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Unknown keys, with the nearest valid key suggested

TEST(LoaderErrors, UnknownTopLevelKeySuggestsNearest) {
  const std::string text = scenario("", "paramters:\n  lambda: 2\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "paramters:"), "paramters",
                        {"unknown key 'paramters'", "did you mean 'parameters'?"}));
}

TEST(LoaderErrors, UnknownActorKeySuggestsNearest) {
  const std::string text = scenario("    sise: 0.1\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "sise:"), "actors.RUS.sise", {"unknown key 'sise'", "did you mean 'size'?"}));
}

TEST(LoaderErrors, UnknownDyadKeySuggestsNearest) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    military: 0.2\n    diplomtic: 0.5\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "diplomtic:"), "dyads.RUS-PAK.diplomtic",
                        {"unknown key 'diplomtic'", "did you mean 'diplomatic'?"}));
}

TEST(LoaderErrors, UnknownDyadKeyUsesScenarioOrderInPath) {
  // Listed as [PAK, RUS], the dyad is still called RUS-PAK (actor order of the scenario).
  const std::string text = scenario("", "dyads:\n  - pair: [PAK, RUS]\n    militery: 0.2\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "militery:"), "dyads.RUS-PAK.militery",
                        {"unknown key 'militery'", "did you mean 'military'?"}));
}

TEST(LoaderErrors, UnknownParameterKeySuggestsNearest) {
  const std::string text = scenario("", "parameters:\n  r_min: 0.4\n  lamda: 2\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "lamda:"), "parameters.lamda", {"unknown key 'lamda'", "did you mean 'lambda'?"}));
}

TEST(LoaderErrors, UnknownKeysInOtherSectionsSuggestNearest) {
  {
    const std::string text = scenario("", "links:\n  - from: RUS\n    to: IND\n    aid_dependance: 0.1\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "aid_dependance"), "links.RUS>IND.aid_dependance",
                          {"unknown key 'aid_dependance'", "did you mean 'aid_dependence'?"}));
  }
  {
    const std::string text = scenario("", "global:\n  threat: 0.5\n  treat_mean: 0.5\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "treat_mean"), "global.treat_mean",
                          {"unknown key 'treat_mean'", "did you mean 'threat_mean'?"}));
  }
  {
    const std::string text = scenario("", "calendar:\n  start: 2018Q3\n  tick: 10\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "tick:"), "calendar.tick", {"unknown key 'tick'", "did you mean 'ticks'?"}));
  }
  {
    const std::string text =
        scenario("", "dyads:\n  - pair: [RUS, PAK]\n    project:\n      state: agreed\n      start_rte: 0.1\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "start_rte"), "dyads.RUS-PAK.project.start_rte",
                          {"unknown key 'start_rte'", "did you mean 'start_rate'?"}));
  }
}

TEST(LoaderErrors, UnknownKeyFarFromEveryValidKeyGetsNoSuggestion) {
  {
    const std::string text = scenario("", "xylophone_count: 3\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "xylophone_count"), "xylophone_count", {"unknown key 'xylophone_count'"}));
    EXPECT_EQ(load_message(text).find("did you mean"), std::string::npos) << load_message(text);
  }
  {
    const std::string text = scenario("    zzz: 1\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "zzz:"), "actors.RUS.zzz", {"unknown key 'zzz'"}));
    EXPECT_EQ(load_message(text).find("did you mean"), std::string::npos) << load_message(text);
  }
  {
    const std::string text = scenario("", "parameters:\n  quokka_factor: 1\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "quokka_factor"), "parameters.quokka_factor", {"unknown key 'quokka_factor'"}));
    EXPECT_EQ(load_message(text).find("did you mean"), std::string::npos) << load_message(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Wrong types

TEST(LoaderErrors, NumberFieldGivenText) {
  const std::string text = scenario("    size: abc\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "size: abc"), "actors.RUS.size", {"expected a finite number", "'abc'"}));
}

TEST(LoaderErrors, NumberFieldGivenList) {
  const std::string text = scenario("    size: [0.1, 0.2]\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "size: ["), "actors.RUS.size", {"expected a number", "got a list"}));
}

TEST(LoaderErrors, NumberFieldGivenMapping) {
  const std::string text = scenario("", "parameters:\n  lambda: {value: 2}\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "lambda:"), "parameters.lambda", {"expected a number", "got a mapping"}));
}

TEST(LoaderErrors, NumberFieldGivenBoolean) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, IND]\n    military: true\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "military: true"), "dyads.RUS-IND.military",
                        {"expected a finite number", "'true'"}));
}

TEST(LoaderErrors, NumberFieldGivenNothing) {
  const std::string text = scenario("    gdp:\n    growth: 0.01\n");
  const std::string msg = load_message(text);
  EXPECT_NE(msg.find("actors.RUS.gdp: 'gdp:' has no value"), std::string::npos) << msg;
}

// A key with no value ("gdp:", "actors:", "pair:") is reported on the line of the *next* token
// (skipping blank and comment lines), or one line past the end of the file, because yaml-cpp marks
// a null node where the following token starts. It should be the key's own line.
TEST(LoaderErrors, NullValueIsReportedOnItsKeyLine) {
  {
    const std::string text = scenario("    gdp:\n    growth: 0.01\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "gdp:"), "actors.RUS.gdp", {"has no value"}));
  }
  {
    const std::string text = "name: test\nactors:\n\n# comment\ndescription: none\n";
    EXPECT_TRUE(LoadFails(text, 2, "actors", {"has no value"}));
  }
  {
    const std::string text = scenario("", "dyads:\n  - pair:\n    military: 0.3\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "pair:"), "dyads[0].pair", {"has no value"}));
  }
}

// ---------------------------------------------------------------------------------------------
// Missing fields

TEST(LoaderErrors, MissingActors) {
  EXPECT_TRUE(LoadFails("name: test\ndescription: no actors here\n", 0, "actors", {"missing field 'actors'", "two actors"}));
}

TEST(LoaderErrors, ActorWithoutId) {
  const std::string text =
      "actors:\n"
      "  - id: RUS\n"
      "  - name: Pakistan\n"
      "    size: 0.05\n";
  EXPECT_TRUE(LoadFails(text, line_of(text, "name: Pakistan"), "actors[1]", {"missing field 'id'"}));
}

TEST(LoaderErrors, DyadWithoutPair) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n  - military: 0.3\n    trade: 1\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "military: 0.3"), "dyads[1]", {"missing field 'pair'", "pair: [RUS, PAK]"}));
}

TEST(LoaderErrors, LinkWithoutFromAndTo) {
  const std::string text = scenario("", "links:\n  - arms_export_share: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "arms_export_share"), "links[0]", {"missing field 'from'"}));
}

TEST(LoaderErrors, LinkWithoutTo) {
  const std::string text = scenario("", "links:\n  - from: RUS\n    arms_export_share: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "from: RUS"), "links[0]", {"missing field", "'to'"}));
}

// The message names only the field that is actually missing: today it says "missing field 'from'
// or 'to'" although 'from' is present.
TEST(LoaderErrors, LinkWithoutToNamesOnlyTheMissingField) {
  const std::string text = scenario("", "links:\n  - from: RUS\n    arms_export_share: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "from: RUS"), "links[0]", {"missing field 'to'"}));
  EXPECT_EQ(load_message(text).find("'from'"), std::string::npos) << load_message(text);
}

// ---------------------------------------------------------------------------------------------
// Values out of range, with the range in the message

TEST(LoaderErrors, ShareAboveOne) {
  const std::string text = scenario("    size: 1.5\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "size: 1.5"), "actors.RUS.size", {"expected a number in [0, 1]", "got 1.5"}));
}

TEST(LoaderErrors, PactAboveDefence) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    pact: 4\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "pact: 4"), "dyads.RUS-PAK.pact",
                        {"expected one of none, nonaggression, consultation, defence (or a whole number in [0, 3])", "got '4'"}));
}

TEST(LoaderErrors, PactUnknownName) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    pact: alliance\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "pact: alliance"), "dyads.RUS-PAK.pact",
                        {"expected one of none, nonaggression, consultation, defence", "got 'alliance'"}));
}

TEST(LoaderErrors, PactAtopidNotAWholeNumber) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    pact_atopid: 1.5\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "pact_atopid: 1.5"), "dyads.RUS-PAK.pact_atopid",
                        {"expected a whole number in [0, 99999]", "got 1.5"}));
}

TEST(LoaderErrors, NegativeTrade) {
  const std::string text = scenario("", "dyads:\n  - pair: [PAK, IND]\n    trade: -1\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "trade: -1"), "dyads.PAK-IND.trade", {"expected a number in [0, ", "got -1"}));
}

// ---------------------------------------------------------------------------------------------
// Actor references, duplicates

TEST(LoaderErrors, UnknownActorInDyadPair) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n  - pair: [RUS, PAKK]\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "PAKK"), "dyads[1].pair", {"unknown actor 'PAKK'", "did you mean 'PAK'?"}));
}

TEST(LoaderErrors, UnknownActorInLink) {
  {
    const std::string text = scenario("", "links:\n  - from: RUS\n    to: INDD\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "to: INDD"), "links[0].to", {"unknown actor 'INDD'", "did you mean 'IND'?"}));
  }
  {
    const std::string text = scenario("", "links:\n  - from: RSU\n    to: IND\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "from: RSU"), "links[0].from", {"unknown actor 'RSU'", "did you mean 'RUS'?"}));
  }
}

TEST(LoaderErrors, DuplicateActorId) {
  const std::string text = scenario("", "  - id: RUS\n    size: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "id: RUS", 2), "actors.RUS", {"duplicate actor 'RUS'"}));
}

TEST(LoaderErrors, DyadListedTwice) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    military: 0.2\n  - pair: [RUS, PAK]\n    military: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "pair: [RUS, PAK]", 2), "dyads.RUS-PAK", {"RUS-PAK", "listed twice"}));
}

TEST(LoaderErrors, DyadListedTwiceInReverseOrder) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    military: 0.2\n  - pair: [PAK, RUS]\n    military: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "pair: [PAK, RUS]"), "dyads.RUS-PAK", {"RUS-PAK", "listed twice"}));
}

TEST(LoaderErrors, DyadWithTheSameActorTwice) {
  const std::string text = scenario("", "dyads:\n  - pair: [IND, IND]\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "pair: [IND, IND]"), "dyads[0].pair", {"two different actors"}));
}

TEST(LoaderErrors, LinkListedTwiceOrWithTheSameActorTwice) {
  {
    const std::string text = scenario("", "links:\n  - {from: RUS, to: IND}\n  - {from: RUS, to: IND}\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "from: RUS", 2), "links.RUS>IND", {"listed twice"}));
  }
  {
    const std::string text = scenario("", "links:\n  - {from: IND, to: IND}\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "from: IND"), "links[0]", {"two different actors"}));
  }
}

// ---------------------------------------------------------------------------------------------
// File-level problems

TEST(LoaderErrors, EmptyFile) {
  EXPECT_TRUE(LoadFails("", 0, "", {"empty", "actors"}));
}

TEST(LoaderErrors, FileWithOnlyComments) {
  EXPECT_TRUE(LoadFails("# a scenario\n\n# still nothing\n", 0, "", {"empty", "actors"}));
}

TEST(LoaderErrors, YamlSyntaxErrorReportsItsLine) {
  const std::string text =
      "name: test\n"
      "actors:\n"
      "  - id: RUS\n"
      "    size: 0.1: 0.2\n"
      "  - id: PAK\n";
  EXPECT_TRUE(LoadFails(text, 4, "", {"not valid YAML"}));
}

TEST(LoaderErrors, YamlSyntaxErrorInFlowListReportsItsLine) {
  const std::string text =
      "name: test\n"
      "actors:\n"
      "  - {id: RUS, size: 0.1}\n"
      "  - {id: PAK, size: 0.1]\n"
      "  - {id: IND}\n";
  EXPECT_TRUE(LoadFails(text, 4, "", {"not valid YAML"}));
}

// yaml-cpp 0.7 accepts a double-quoted scalar left open to the end of the file (the rest of the
// file becomes the string), so the user is told "missing field 'actors'" although actors are
// there. It should be reported as invalid YAML (unterminated quote) at the quote's line.
// Known limitation of yaml-cpp 0.7: an unterminated double quote swallows the rest of the file
// into one string instead of raising a syntax error, so we cannot tell the user where it is.
TEST(LoaderErrors, DISABLED_UnterminatedQuoteIsASyntaxError) {
  const std::string text = "name: \"test\nactors:\n  - id: RUS\n  - id: PAK\n";
  const std::string msg = load_message(text);
  EXPECT_EQ(msg.rfind("bad.yaml:1: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("not valid YAML"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("missing field 'actors'"), std::string::npos) << msg;
}

TEST(LoaderErrors, TopLevelListInsteadOfMapping) {
  const std::string text = "- id: RUS\n- id: PAK\n";
  EXPECT_TRUE(LoadFails(text, 1, "", {"expected a YAML mapping at the top level", "got a list"}));
}

TEST(LoaderErrors, NonexistentFilePath) {
  const std::string path = (scratch_dir() / "no_such_scenario.yaml").string();
  fs::remove(path);
  EXPECT_TRUE(FailsWith([&path]() { simrun::load_scenario(path); }, Where{path, 0, ""}, {"cannot open"}));
}

// A directory is not a scenario file: the message must say so (or that it cannot be opened or
// read). Today std::ifstream opens the directory, reading it yields no bytes and no badbit, and
// the message is "PATH: the file is empty: a scenario needs at least 'actors:'".
TEST(LoaderErrors, DirectoryPath) {
  const fs::path dir = scratch_dir() / "a_directory.yaml";
  fs::create_directories(dir);
  const std::string path = dir.string();
  const std::string msg = message_of([&path]() { simrun::load_scenario(path); });
  EXPECT_TRUE(FailsWith([&path]() { simrun::load_scenario(path); }, Where{path, 0, ""}, {}));
  EXPECT_TRUE(msg.find("directory") != std::string::npos || msg.find("cannot open") != std::string::npos ||
              msg.find("cannot read") != std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("empty"), std::string::npos) << msg;
}

TEST(LoaderErrors, ErrorsInAFileNameItsPath) {
  const std::string path = (scratch_dir() / "bad_range.yaml").string();
  const std::string text = scenario("    offense: 2\n");
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  EXPECT_TRUE(FailsWith([&path]() { simrun::load_scenario(path); }, Where{path, line_of(text, "offense: 2"), "actors.RUS.offense"},
                        {"expected a number in [0, 1]", "got 2"}));
}

// ---------------------------------------------------------------------------------------------
// NaN and infinity are rejected wherever a number is expected

TEST(LoaderErrors, NanYamlSpelling) {
  const std::string text = scenario("    size: .nan\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "size: .nan"), "actors.RUS.size", {"finite number", "'.nan'"}));
}

TEST(LoaderErrors, NanBareSpelling) {
  const std::string text = scenario("", "parameters:\n  lambda: nan\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "lambda: nan"), "parameters.lambda", {"finite number", "'nan'"}));
}

TEST(LoaderErrors, InfinityYamlSpelling) {
  const std::string text = scenario("    gdp: .inf\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "gdp: .inf"), "actors.RUS.gdp", {"finite number", "'.inf'"}));
}

TEST(LoaderErrors, NegativeInfinityYamlSpelling) {
  const std::string text = scenario("    growth: -.inf\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "growth: -.inf"), "actors.RUS.growth", {"finite number", "'-.inf'"}));
}

TEST(LoaderErrors, OverflowingExponent) {
  const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    trade: 1e999\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "trade: 1e999"), "dyads.RUS-PAK.trade", {"finite number", "'1e999'"}));
}

// A tiny but finite number underflows in strtod (ERANGE) and is rejected as "not a finite
// number"; it should be accepted (as the nearest double, or 0).
TEST(LoaderErrors, TinyNumberIsAcceptedNotCalledNonFinite) {
  const Scenario sc = simrun::load_scenario_text(scenario("    gdp: 1e-320\n"), kFile);
  EXPECT_LT(sc.actors[0].gdp, 1e-300);
}

// ---------------------------------------------------------------------------------------------
// Structure and calendar

TEST(LoaderErrors, FewerThanTwoActors) {
  {
    const std::string text = "name: test\nactors: [{id: RUS}]\n";
    EXPECT_TRUE(LoadFails(text, 2, "actors", {"expected at least two actors", "got 1"}));
  }
  {
    const std::string text = "name: test\nactors: []\n";
    EXPECT_TRUE(LoadFails(text, 2, "actors", {"expected at least two actors", "got 0"}));
  }
}

TEST(LoaderErrors, UnknownDimensionInPositions) {
  const std::string text = scenario("    positions: {AFG: 0.5, KASHH: 0.3}\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "positions:"), "actors.RUS.positions.KASHH", {"'KASHH'", "did you mean 'KASH'?"}));
}

TEST(LoaderErrors, UnknownDimensionInSaliences) {
  const std::string text = scenario("    saliences:\n      AFG: 0.5\n      AFGH: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "AFGH:"), "actors.RUS.saliences.AFGH", {"'AFGH'", "did you mean 'AFG'?"}));
}

// With no `dimensions:` declared, a position reports "unknown key 'GAS'" and nothing else: the
// message should say that GAS is not a declared dimension (pointing the user to `dimensions:`).
TEST(LoaderErrors, UndeclaredDimensionSaysDimension) {
  const std::string text = "actors:\n  - id: RUS\n    positions: {GAS: 0.5}\n  - id: PAK\n";
  EXPECT_TRUE(LoadFails(text, 3, "actors.RUS.positions.GAS", {"'GAS'", "dimension"}));
}

TEST(LoaderErrors, CalendarStartQuarterFive) {
  const std::string text = scenario("", "calendar:\n  start: 2018Q5\n  ticks: 10\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "2018Q5"), "calendar.start", {"expected a quarter like 2018Q3", "'2018Q5'"}));
}

TEST(LoaderErrors, CalendarStartMonth) {
  const std::string text = scenario("", "calendar:\n  start: 2018-07\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "2018-07"), "calendar.start", {"expected a quarter like 2018Q3", "'2018-07'"}));
}

TEST(LoaderErrors, CalendarTicksZero) {
  const std::string text = scenario("", "calendar:\n  start: 2018Q3\n  ticks: 0\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "ticks: 0"), "calendar.ticks", {"expected a whole number in [1, ", "got 0"}));
}

// ---------------------------------------------------------------------------------------------
// sources: maps may only name fields of their object

TEST(LoaderErrors, SourcesNamingAKeyTheObjectDoesNotHave) {
  {
    const std::string text = scenario("    size: 0.1\n    sources: {sise: census}\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "sources:"), "actors.RUS.sources.sise", {"unknown key 'sise'", "did you mean 'size'?"}));
  }
  {
    const std::string text = scenario("", "dyads:\n  - pair: [RUS, PAK]\n    trade: 1\n    sources:\n      trad: customs\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "trad: customs"), "dyads.RUS-PAK.sources.trad",
                          {"unknown key 'trad'", "did you mean 'trade'?"}));
  }
  {
    const std::string text = scenario("", "links:\n  - from: RUS\n    to: PAK\n    sources: {hostility: x}\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "hostility"), "links.RUS>PAK.sources.hostility", {"unknown key 'hostility'"}));
  }
  {
    const std::string text = scenario("", "parameters:\n  lambda: 3\n  sources:\n    lamda: proto\n");
    EXPECT_TRUE(LoadFails(text, line_of(text, "lamda: proto"), "parameters.sources.lamda",
                          {"unknown key 'lamda'", "did you mean 'lambda'?"}));
  }
}

// ---------------------------------------------------------------------------------------------
// Malformed YAML structure that yaml-cpp accepts must still end in an InputError

// A non-text mapping key ("[a, b]: 1") escapes as a YAML::TypedBadConversion (kv.first.as<std::string>()
// in Reader::only_keys / read_fields / read_references), not as an InputError.
TEST(LoaderErrors, NonTextKeyIsAnInputError) {
  const std::string text = scenario("    [size, offense]: 0.1\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "[size, offense]"), "actors.RUS", {"key"}));
}

// A key written twice in one mapping is silently accepted (the last value wins in read_fields,
// while n["key"] lookups see the first): it should be rejected, naming the key.
TEST(LoaderErrors, DuplicateKeyIsRejected) {
  const std::string text = scenario("    size: 0.1\n    size: 0.3\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "size: 0.3"), "actors.RUS.size", {"size", "twice"}));
}

// ---------------------------------------------------------------------------------------------
// Valid scenarios

TEST(LoaderErrors, BaselineLoads) {
  const Scenario sc = simrun::load_scenario(baseline_path());
  EXPECT_EQ(sc.name, "baseline");
  EXPECT_EQ(sc.path, baseline_path());
  EXPECT_EQ(sc.n_actors(), 5);
  EXPECT_EQ(sc.n_dyads(), 10);
  EXPECT_EQ(sc.links.size(), 20u);
  EXPECT_EQ(sc.dimensions.size(), 5u);
  EXPECT_TRUE(sc.overrides.empty());

  // actors.RUS.size cites the reference key "nmc6"; provenance holds the reference's full text.
  const std::string key_line = "\n  nmc6: \"";
  const std::size_t at = sc.yaml_text.find(key_line);
  ASSERT_NE(at, std::string::npos) << "baseline.yaml no longer defines references.nmc6";
  const std::size_t begin = at + key_line.size();
  const std::string nmc6 = sc.yaml_text.substr(begin, sc.yaml_text.find('"', begin) - begin);
  ASSERT_EQ(sc.provenance.count("actors.RUS.size"), 1u);
  EXPECT_EQ(sc.provenance.at("actors.RUS.size"), nmc6);
  EXPECT_NE(nmc6, "nmc6");
  EXPECT_GT(nmc6.size(), 20u);
  // Free text stays as written.
  ASSERT_EQ(sc.provenance.count("actors.PAK.financial_penalty"), 1u);
  EXPECT_EQ(sc.provenance.at("actors.PAK.financial_penalty"), "FATF grey list, June 2018 (mahesar)");
}

TEST(LoaderErrors, MinimalScenarioUsesDocumentedDefaults) {
  const Scenario sc = simrun::load_scenario_text("actors:\n  - id: A\n  - id: B\n", "minimal.yaml");
  ASSERT_EQ(sc.n_actors(), 2);
  ASSERT_EQ(sc.n_dyads(), 1);
  ASSERT_EQ(sc.links.size(), 2u);
  EXPECT_EQ(sc.name, "minimal");
  EXPECT_EQ(sc.actors[0].id, "A");
  EXPECT_EQ(sc.actors[0].name, "A");
  EXPECT_TRUE(sc.dimensions.empty());
  EXPECT_TRUE(sc.actors[0].position.empty());
  EXPECT_TRUE(sc.provenance.empty());
  EXPECT_TRUE(sc.overrides.empty());

  const simrun::Calendar calendar{};
  EXPECT_EQ(sc.calendar.start.index, calendar.start.index);
  EXPECT_EQ(sc.calendar.ticks, calendar.ticks);

  const simrun::Parameters params{};
  EXPECT_EQ(sc.params.lambda, params.lambda);
  EXPECT_EQ(sc.params.r_min, params.r_min);
  for (const auto& f : simrun::parameter_fields()) EXPECT_EQ(sc.params.*(f.member), params.*(f.member)) << f.key;
  const simrun::GlobalSpec global{};
  for (const auto& f : simrun::global_fields()) EXPECT_EQ(sc.global.*(f.member), global.*(f.member)) << f.key;

  const simrun::ActorSpec actor{};
  EXPECT_EQ(sc.actors[1].size, actor.size);
  EXPECT_EQ(sc.actors[1].gdp, actor.gdp);
  EXPECT_EQ(sc.actors[1].growth, actor.growth);
  for (const auto& f : simrun::actor_fields()) {
    if (std::string(f.key) != "export_dependence_mean") {
      EXPECT_EQ(sc.actors[1].*(f.member), actor.*(f.member)) << f.key;
    }
  }
  // Documented: without export_dependence_mean, XD reverts to its own starting level.
  EXPECT_EQ(sc.actors[1].export_dependence_mean, sc.actors[1].arms_export_dependence);

  const simrun::DyadSpec dyad{};
  for (const auto& f : simrun::dyad_fields()) EXPECT_EQ(sc.dyads[0].*(f.member), dyad.*(f.member)) << f.key;
  for (const auto& f : simrun::project_fields()) EXPECT_EQ(sc.dyads[0].*(f.member), dyad.*(f.member)) << f.key;
  EXPECT_EQ(sc.dyads[0].project_state, simrun::ProjectState::None);
  EXPECT_EQ(sc.dyads[0].a, 0);
  EXPECT_EQ(sc.dyads[0].b, 1);

  const simrun::LinkSpec link{};
  for (const auto& l : sc.links)
    for (const auto& f : simrun::link_fields()) EXPECT_EQ(l.*(f.member), link.*(f.member)) << f.key;
}

TEST(LoaderErrors, ElevenActorsGiveEveryDyadAndLink) {
  const int n = 11;
  std::string text = "name: eleven\nactors:\n";
  for (int i = 0; i < n; ++i) text += "  - {id: A" + std::to_string(i) + ", size: 0.05}\n";
  text += "dyads:\n  - pair: [A9, A3]\n    military: 0.4\n";
  text += "links:\n  - {from: A10, to: A2, aid_dependence: 0.3}\n";
  const Scenario sc = simrun::load_scenario_text(text, "eleven.yaml");
  ASSERT_EQ(sc.n_actors(), n);
  ASSERT_EQ(sc.n_dyads(), 55);
  ASSERT_EQ(sc.links.size(), 110u);

  std::set<std::pair<int, int>> pairs;
  for (int d = 0; d < sc.n_dyads(); ++d) {
    const simrun::DyadSpec& s = sc.dyads[static_cast<std::size_t>(d)];
    EXPECT_LT(s.a, s.b);
    EXPECT_EQ(sc.dyad_index(s.a, s.b), d);
    pairs.insert({s.a, s.b});
    EXPECT_EQ(s.military, (s.a == 3 && s.b == 9) ? 0.4 : simrun::DyadSpec{}.military) << sc.dyad_label(d);
  }
  EXPECT_EQ(pairs.size(), 55u);
  std::set<std::pair<int, int>> ordered;
  for (std::size_t k = 0; k < sc.links.size(); ++k) {
    const simrun::LinkSpec& l = sc.links[k];
    EXPECT_NE(l.from, l.to);
    EXPECT_EQ(sc.link_index(l.from, l.to), static_cast<int>(k));
    ordered.insert({l.from, l.to});
    EXPECT_EQ(l.aid_dependence, (l.from == 10 && l.to == 2) ? 0.3 : 0.0);
  }
  EXPECT_EQ(ordered.size(), 110u);
  EXPECT_EQ(sc.dyad_label(sc.dyad_index(9, 3)), "A3-A9");
}

// ---------------------------------------------------------------------------------------------
// --set PATH=VALUE

TEST(Overrides, MissingEquals) {
  EXPECT_TRUE(SetFails("parameters.lambda", "parameters.lambda", {"expected PATH=VALUE"}));
}

TEST(Overrides, UnknownSectionSuggestsNearest) {
  EXPECT_TRUE(SetFails("paramters.lambda=2", "paramters.lambda", {"unknown section 'paramters'", "did you mean 'parameters'?"}));
}

TEST(Overrides, UnknownParameterSuggestsNearest) {
  EXPECT_TRUE(SetFails("parameters.lamda=2", "parameters.lamda", {"unknown key 'lamda'", "did you mean 'lambda'?"}));
}

TEST(Overrides, UnknownActorSuggestsNearest) {
  EXPECT_TRUE(SetFails("actors.RUZ.growth=0.01", "actors.RUZ.growth", {"unknown actor 'RUZ'", "did you mean 'RUS'?"}));
  EXPECT_TRUE(SetFails("dyads.RUS-PKA.military=0.5", "dyads.RUS-PKA.military", {"unknown actor 'PKA'", "did you mean 'PAK'?"}));
  EXPECT_TRUE(SetFails("links.RUS>IDN.aid_dependence=0.1", "links.RUS>IDN.aid_dependence",
                       {"unknown actor 'IDN'", "did you mean 'IND'?"}));
}

TEST(Overrides, BadDyadSpelling) {
  EXPECT_TRUE(SetFails("dyads.RUSPAK.military=0.5", "dyads.RUSPAK.military", {"expected a", "like RUS-PAK", "'RUSPAK'"}));
}

TEST(Overrides, UnknownDimension) {
  EXPECT_TRUE(SetFails("actors.PAK.positions.KASHH=0.3", "actors.PAK.positions.KASHH",
                       {"unknown dimension 'KASHH'", "did you mean 'KASH'?"}));
}

// "actors.RUS.saliences=0.3" (dimension forgotten) is answered "unknown key 'saliences'" (before
// the field_path refactor: "expected a path of the form actors.ID.positions.DIM=VALUE"); the
// message should show the expected form for saliences, actors.ID.saliences.DIM=VALUE.
TEST(Overrides, SaliencesPathFormNamesSaliences) {
  EXPECT_TRUE(SetFails("actors.RUS.saliences=0.3", "actors.RUS.saliences", {"saliences.DIM"}));
}

TEST(Overrides, NonNumberValue) {
  EXPECT_TRUE(SetFails("parameters.lambda=abc", "parameters.lambda", {"expected a finite number", "'abc'"}));
  EXPECT_TRUE(SetFails("parameters.lambda=nan", "parameters.lambda", {"expected a finite number", "'nan'"}));
  EXPECT_TRUE(SetFails("actors.RUS.gdp=inf", "actors.RUS.gdp", {"expected a finite number", "'inf'"}));
  EXPECT_TRUE(SetFails("parameters.lambda=", "parameters.lambda", {"expected a finite number"}));
}

TEST(Overrides, OutOfRangeValue) {
  EXPECT_TRUE(SetFails("parameters.lambda=200", "parameters.lambda", {"expected a number in [0, 100]", "got 200"}));
  EXPECT_TRUE(SetFails("dyads.RUS-PAK.pact=1.5", "dyads.RUS-PAK.pact", {"expected one of none, nonaggression, consultation, defence", "got '1.5'"}));
  EXPECT_TRUE(SetFails("actors.IND.max_pact=treaty", "actors.IND.max_pact", {"expected one of none, nonaggression, consultation, defence", "got 'treaty'"}));
  EXPECT_TRUE(SetFails("calendar.ticks=0", "calendar.ticks", {"expected a whole number in [1, ", "got 0"}));
  EXPECT_TRUE(SetFails("calendar.start=2019Q5", "calendar.start", {"expected a quarter like 2018Q3", "'2019Q5'"}));
  EXPECT_TRUE(SetFails("dyads.RUS-PAK.project.state=built", "dyads.RUS-PAK.project.state",
                       {"expected one of none, agreed, building, operating", "'built'"}));
}

TEST(Overrides, ValidAssignmentsChangeTheScenarioAndAreRecordedInOrder) {
  const std::vector<std::string> assignments = {
      "parameters.lambda=2",
      "actors.RUS.growth=0.01",
      "dyads.PAK-RUS.military=0.5",
      "links.RUS>IND.arms_export_share=0.2",
      "links.RUS->IND.aid_dependence=0.1",
      "calendar.start=2019Q1",
      "calendar.ticks=12",
      "actors.PAK.positions.KASH=0.3",
      "dyads.RUS-PAK.project.state=building",
  };
  const std::string text = scenario();
  const Scenario before = simrun::load_scenario_text(text, kFile);
  const Scenario sc = simrun::load_scenario_text(text, kFile, assignments);
  const int rus = sc.actor_index("RUS"), pak = sc.actor_index("PAK"), ind = sc.actor_index("IND");
  ASSERT_GE(rus, 0);
  ASSERT_GE(pak, 0);
  ASSERT_GE(ind, 0);
  const auto dyad = static_cast<std::size_t>(sc.dyad_index(rus, pak));
  const auto link = static_cast<std::size_t>(sc.link_index(rus, ind));
  const auto back = static_cast<std::size_t>(sc.link_index(ind, rus));

  EXPECT_NE(before.params.lambda, 2.0);
  EXPECT_EQ(sc.params.lambda, 2.0);
  EXPECT_NE(before.actors[static_cast<std::size_t>(rus)].growth, 0.01);
  EXPECT_EQ(sc.actors[static_cast<std::size_t>(rus)].growth, 0.01);
  EXPECT_NE(before.dyads[dyad].military, 0.5);
  EXPECT_EQ(sc.dyads[dyad].military, 0.5);
  EXPECT_EQ(sc.links[link].arms_export_share, 0.2);
  EXPECT_EQ(sc.links[link].aid_dependence, 0.1);
  EXPECT_EQ(sc.links[back].arms_export_share, before.links[back].arms_export_share);  // direction matters
  EXPECT_EQ(sc.links[back].aid_dependence, before.links[back].aid_dependence);
  EXPECT_NE(before.calendar.start.label(), "2019Q1");
  EXPECT_EQ(sc.calendar.start.label(), "2019Q1");
  EXPECT_EQ(sc.calendar.ticks, 12);
  const auto kash = static_cast<std::size_t>(1);
  ASSERT_EQ(sc.dimensions.at(kash), "KASH");
  EXPECT_EQ(sc.actors[static_cast<std::size_t>(pak)].position[kash], 0.3);
  EXPECT_EQ(sc.actors[static_cast<std::size_t>(pak)].position[0], before.actors[static_cast<std::size_t>(pak)].position[0]);
  EXPECT_EQ(before.dyads[dyad].project_state, simrun::ProjectState::None);
  EXPECT_EQ(sc.dyads[dyad].project_state, simrun::ProjectState::Building);

  EXPECT_EQ(sc.overrides, assignments);
  EXPECT_TRUE(before.overrides.empty());
}

TEST(Overrides, FailedAssignmentAfterValidOnesStillThrows) {
  const std::string text = scenario();
  EXPECT_TRUE(FailsWith([&text]() { simrun::load_scenario_text(text, kFile, {"parameters.lambda=2", "global.threat=1.5"}); },
                        Where{"--set", 0, "global.threat"}, {"expected a number in [0, 1]", "got 1.5"}));
}

// In a file, an actor without export_dependence_mean reverts to its own arms_export_dependence.
// `--set actors.RUS.arms_export_dependence=X` changes the start level but leaves the mean at the
// file's value, so the same scenario written in the file and set by --set differ.
TEST(Overrides, ArmsExportDependenceMovesItsDefaultMeanLikeTheFileDoes) {
  const std::string text = scenario("    arms_export_dependence: 0.8\n");
  const Scenario in_file = simrun::load_scenario_text(scenario("    arms_export_dependence: 1.5\n"), kFile);
  const Scenario by_set = simrun::load_scenario_text(text, kFile, {"actors.RUS.arms_export_dependence=1.5"});
  EXPECT_EQ(in_file.actors[0].export_dependence_mean, 1.5);
  EXPECT_EQ(by_set.actors[0].export_dependence_mean, in_file.actors[0].export_dependence_mean);
}

// ---------------------------------------------------------------------------------------------
// What YAML aliases can build (found by fuzzing): a cycle, and an exponential expansion

TEST(LoaderErrors, AliasInsideItsOwnAnchorIsRefused) {
  const std::string text = scenario("", "extra: &x {size: *x}\n");
  EXPECT_TRUE(LoadFails(text, line_of(text, "extra:"), "extra.size...", {"nested more than 64 levels", "alias"}));
}

TEST(LoaderErrors, BillionLaughsIsRefused) {
  // Ten levels of ten aliases each: 10^10 values if expanded.
  std::string tail = "l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (int k = 1; k <= 10; ++k) {
    const std::string prev = "*l" + std::to_string(k - 1);
    tail += "l" + std::to_string(k) + ": &l" + std::to_string(k) + " [" + prev;
    for (int i = 1; i < 10; ++i) tail += ", " + prev;
    tail += "]\n";
  }
  const std::string msg = load_message(scenario("", tail));
  EXPECT_NE(msg.find("bad.yaml:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("more than 1000000 values"), std::string::npos) << msg;
}
