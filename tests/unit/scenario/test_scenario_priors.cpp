// Priors in the scenario format (sim/scenario/prior_reader.cpp, overrides.cpp, resolved.cpp,
// draws.cpp): the `priors:` maps of every block, their located errors, `extends:`, `--set`
// (PATH=VALUE pins, PATH~EXPR replaces, PATH~none pins), the resolved scenario keeping them, and
// parameter draws addressed by (seed, draw, path).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/draws.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/resolved.hpp"

namespace fs = std::filesystem;
using simrun::InputError;
using simrun::Scenario;

namespace {

const std::string kScenario = R"yaml(name: toy
references:
  ref_w: "Weights paper (Journal)"
actors:
  - id: A
    growth: 0.02
    priors:
      growth: {dist: normal, mean: 0.02, sd: 0.01, source: "[analyst] trend growth"}
  - {id: B}
dyads:
  - pair: [A, B]
    propensity: 0.1
    priors:
      propensity: {dist: uniform, low: -0.2, high: 0.4, source: "[analyst] anchor"}
links:
  - from: A
    to: B
    aid_dependence: 0.2
    priors: {aid_dependence: {dist: beta, alpha: 2, beta: 8, source: "[analyst] aid"}}
global:
  threat: 0.6
  priors: {threat: {dist: triangular, low: 0.4, mode: 0.6, high: 0.9, source: "[analyst] threat"}}
parameters:
  lambda: 4
  w_loss: 2
  priors:
    lambda: {dist: loguniform, low: 2, high: 8, source: "[analyst] precision"}
    w_loss: {dist: uniform, low: 1, high: 3, source: ref_w}
)yaml";

/// The line of kScenario (1-based) that contains `text`.
int line_of(const std::string& text) {
  int line = 1;
  const auto at = kScenario.find(text);
  for (std::size_t k = 0; k < at; ++k) line += kScenario[k] == '\n';
  return line;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

/// what() of the InputError `action` throws ("(no error)" if none).
template <class F>
std::string error_of(F action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(SIMRUN_TEST_TMP) / "scenario_priors" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST(ScenarioPriors, EveryBlockInFileOrderWithSourceAndUnits) {
  const Scenario sc = simrun::load_scenario_text(kScenario, "toy.yaml");
  ASSERT_EQ(sc.uncertain.size(), 6u);
  const char* paths[] = {"actors.A.growth", "dyads.A-B.propensity", "links.A>B.aid_dependence",
                         "global.threat",   "parameters.lambda",    "parameters.w_loss"};
  for (std::size_t k = 0; k < 6; ++k) EXPECT_EQ(sc.uncertain[k].path, paths[k]);
  EXPECT_EQ(sc.uncertain[0].prior.describe(), "normal(mean=0.02, sd=0.01, low=-0.5, high=0.5)");  // field range
  EXPECT_EQ(sc.uncertain[0].units, "1/yr");
  EXPECT_EQ(sc.uncertain[4].prior.describe(), "loguniform(low=2, high=8)");
  EXPECT_EQ(sc.uncertain[5].source, "Weights paper (Journal)");  // a references: key is resolved
  EXPECT_EQ(sc.uncertain[4].origin, "toy.yaml:" + std::to_string(line_of("lambda: {dist")));
  EXPECT_EQ(sc.params.lambda, 4);  // the point value is unchanged
}

TEST(ScenarioPriors, ErrorsNameFileLineAndField) {
  auto load = [](const std::string& text) { return [text] { simrun::load_scenario_text(text, "toy.yaml"); }; };
  const int l = line_of("lambda: {dist");
  const std::string at = "toy.yaml:" + std::to_string(l) + ": parameters.priors.lambda";
  EXPECT_EQ(error_of(load(replaced(kScenario, ", source: \"[analyst] precision\"", ""))),
            at + ": missing 'source': say where the range comes from, or \"[analyst] ...\"");
  EXPECT_EQ(error_of(load(replaced(kScenario, "low: 2, high: 8", "low: 5, high: 8"))),
            at + ": the point value 4 lies outside the prior's support (loguniform(low=5, high=8)); change one of them");
  EXPECT_EQ(error_of(load(replaced(kScenario, "low: 2, high: 8", "low: 0, high: 8"))),
            at + ": a loguniform prior needs low > 0, got 0");
  EXPECT_EQ(error_of(load(replaced(kScenario, "dist: loguniform", "dist: lognormal"))),
            at + ": unknown distribution 'lognormal' (expected one of uniform, loguniform, normal, beta, triangular)");
  EXPECT_EQ(error_of(load(replaced(kScenario, "low: 2, high: 8", "low: 2, hi: 8"))),
            "toy.yaml:" + std::to_string(l) + ": parameters.priors.lambda.hi: unknown key 'hi'; did you mean 'high'?");
  EXPECT_EQ(error_of(load(replaced(kScenario, "    lambda: {dist", "    lamda: {dist"))),
            "toy.yaml:" + std::to_string(l) + ": parameters.priors.lamda: unknown key 'lamda'; did you mean 'lambda'?");
  EXPECT_EQ(error_of(load(replaced(kScenario, "    lambda: {dist", "    crisis_freeze_ticks: {dist"))),
            "toy.yaml:" + std::to_string(l) +
                ": parameters.priors.crisis_freeze_ticks: a prior needs a continuous number; this field takes whole numbers");
  EXPECT_EQ(error_of(load(replaced(kScenario, "low: 1, high: 3", "low: 1, high: 30"))),
            "toy.yaml:" + std::to_string(line_of("w_loss: {dist")) +
                ": parameters.priors.w_loss: the prior's support [1, 30] leaves the field's range [0, 10]");
}

TEST(ScenarioPriors, ExtendsMergesPinsAndReplacesPriors) {
  const fs::path dir = scratch("extends");
  write(dir / "parent.yaml", kScenario);
  write(dir / "child.yaml", R"(extends: parent.yaml
parameters:
  w_loss: 2.5
  priors:
    lambda: none
    w_loss: {dist: triangular, low: 1, mode: 2.5, high: 3, source: "[analyst] child"}
    commitment_cost: {dist: uniform, low: 0.3, high: 0.9, source: "[analyst] c0"}
)");
  const Scenario sc = simrun::load_scenario((dir / "child.yaml").string());
  ASSERT_EQ(sc.uncertain.size(), 6u);
  EXPECT_EQ(sc.uncertain[3].path, "global.threat");
  EXPECT_EQ(sc.uncertain[4].path, "parameters.w_loss");
  EXPECT_EQ(sc.uncertain[4].prior.describe(), "triangular(low=1, mode=2.5, high=3)");
  EXPECT_EQ(sc.uncertain[5].path, "parameters.commitment_cost");
  EXPECT_EQ(sc.params.w_loss, 2.5);
}

TEST(ScenarioPriors, SetPinsReplacesOrAddsAPrior) {
  const Scenario pinned = simrun::load_scenario_text(kScenario, "toy.yaml", {"parameters.lambda=6"});
  EXPECT_EQ(pinned.params.lambda, 6);
  EXPECT_EQ(pinned.uncertain.size(), 5u);  // lambda is now fixed at 6
  const Scenario replaced_prior =
      simrun::load_scenario_text(kScenario, "toy.yaml", {"parameters.lambda~uniform(3, 5)", "parameters.r_min~beta(4, 6)"});
  ASSERT_EQ(replaced_prior.uncertain.size(), 7u);
  EXPECT_EQ(replaced_prior.uncertain[4].prior.describe(), "uniform(low=3, high=5)");
  EXPECT_EQ(replaced_prior.uncertain[4].source, "--set parameters.lambda~uniform(3, 5)");
  EXPECT_EQ(replaced_prior.uncertain[6].path, "parameters.r_min");
  EXPECT_EQ(simrun::load_scenario_text(kScenario, "toy.yaml", {"global.threat~none"}).uncertain.size(), 5u);
  EXPECT_EQ(error_of([] { simrun::load_scenario_text(kScenario, "toy.yaml", {"parameters.lambda~uniform(5, 6)"}); }),
            "--set: parameters.lambda: the point value 4 lies outside uniform(low=5, high=6) (set it first with --set "
            "parameters.lambda=VALUE)");
  EXPECT_EQ(error_of([] { simrun::load_scenario_text(kScenario, "toy.yaml", {"parameters.lambda~gamma(1, 2)"}); }),
            "--set: parameters.lambda: unknown distribution 'gamma' (expected one of uniform, loguniform, normal, beta, "
            "triangular)");
}

TEST(ScenarioPriors, ResolvedScenarioKeepsThePriors) {
  const Scenario sc = simrun::load_scenario_text(kScenario, "toy.yaml", {"parameters.w_loss~normal(2, 0.5)"});
  const Scenario again = simrun::load_scenario_text(simrun::resolved_yaml(sc), "resolved.yaml");
  ASSERT_EQ(again.uncertain.size(), sc.uncertain.size());
  for (std::size_t k = 0; k < sc.uncertain.size(); ++k) {
    EXPECT_EQ(again.uncertain[k].path, sc.uncertain[k].path);
    EXPECT_EQ(again.uncertain[k].prior.describe(), sc.uncertain[k].prior.describe());
    EXPECT_EQ(again.uncertain[k].source, sc.uncertain[k].source);
  }
}

TEST(ScenarioDraws, AddressedBySeedDrawAndPath) {
  const Scenario sc = simrun::load_scenario_text(kScenario, "toy.yaml");
  const auto d3 = simrun::draw_parameters(sc, 11, 3);
  EXPECT_EQ(d3, simrun::draw_parameters(sc, 11, 3));  // a pure function of its address
  EXPECT_NE(d3, simrun::draw_parameters(sc, 11, 4));
  EXPECT_NE(d3, simrun::draw_parameters(sc, 12, 3));
  // Pinning one input leaves every other input's value in every draw unchanged (common random
  // numbers between variants), and so does replacing the prior of another one.
  const Scenario fewer = simrun::load_scenario_text(kScenario, "toy.yaml", {"parameters.lambda=4"});
  const auto f3 = simrun::draw_parameters(fewer, 11, 3);
  ASSERT_EQ(f3.size(), 5u);
  for (std::size_t k = 0; k < 4; ++k) EXPECT_EQ(f3[k], d3[k]);
  EXPECT_EQ(f3[4], d3[5]);
  for (std::size_t k = 0; k < d3.size(); ++k) EXPECT_TRUE(sc.uncertain[k].prior.contains(d3[k]));
}

TEST(ScenarioDraws, MarginalsFollowThePriors) {
  // Over 4000 draws each input's mean is within 5 standard errors (sqrt(variance/4000)) of its
  // prior's mean, and the inputs are uncorrelated (|r| < 5/sqrt(4000) = 0.079).
  const Scenario sc = simrun::load_scenario_text(kScenario, "toy.yaml");
  const int n = 4000;
  const std::size_t k_inputs = sc.uncertain.size();
  std::vector<double> sum(k_inputs, 0.0);
  std::vector<std::vector<double>> values(k_inputs);
  for (int d = 0; d < n; ++d) {
    const auto v = simrun::draw_parameters(sc, 5, static_cast<std::uint64_t>(d));
    for (std::size_t k = 0; k < k_inputs; ++k) values[k].push_back(v[k]);
  }
  for (std::size_t k = 0; k < k_inputs; ++k) {
    double m = 0;
    for (double x : values[k]) m += x / n;
    const auto& p = sc.uncertain[k].prior;
    EXPECT_NEAR(m, p.mean(), 5 * std::sqrt(p.variance() / n)) << sc.uncertain[k].path;
  }
  auto corr = [&](std::size_t a, std::size_t b) {
    double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
    for (int d = 0; d < n; ++d) ma += values[a][d] / n, mb += values[b][d] / n;
    for (int d = 0; d < n; ++d) {
      sab += (values[a][d] - ma) * (values[b][d] - mb);
      saa += (values[a][d] - ma) * (values[a][d] - ma);
      sbb += (values[b][d] - mb) * (values[b][d] - mb);
    }
    return sab / std::sqrt(saa * sbb);
  };
  EXPECT_LT(std::fabs(corr(4, 5)), 5 / std::sqrt(double(n)));
  EXPECT_LT(std::fabs(corr(0, 1)), 5 / std::sqrt(double(n)));
}

TEST(ScenarioDraws, ApplyParametersSetsEveryInput) {
  const Scenario sc = simrun::load_scenario_text(kScenario, "toy.yaml");
  const Scenario drawn = simrun::apply_parameters(sc, {0.03, 0.25, 0.1, 0.8, 7.5, 1.5});
  EXPECT_EQ(drawn.actors[0].growth, 0.03);
  EXPECT_EQ(drawn.dyads[0].propensity, 0.25);
  EXPECT_EQ(drawn.links[static_cast<std::size_t>(drawn.link_index(0, 1))].aid_dependence, 0.1);
  EXPECT_EQ(drawn.global.threat, 0.8);
  EXPECT_EQ(drawn.params.lambda, 7.5);
  EXPECT_EQ(drawn.params.w_loss, 1.5);
  EXPECT_TRUE(drawn.uncertain.empty());
  EXPECT_THROW(simrun::apply_parameters(sc, {1.0}), std::invalid_argument);
  EXPECT_THROW(simrun::apply_parameters(sc, {0.03, 0.25, 0.1, 0.8, 700, 1.5}), InputError);
}
