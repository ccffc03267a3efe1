// Sweep files: every bad input gets its clear error (file, line, field); designs have the
// properties they promise (grid order, one LHS point per stratum, Saltelli's A/B/A_B^i
// structure); plans are deterministic; shards partition the points; results serialise exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "sim/scenario/number_text.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/sweep/run_points.hpp"
#include "sim/sweep/shard.hpp"
#include "sim/sweep/spec.hpp"

namespace simrun {
namespace {

const std::string kBaseline = std::string(SIMRUN_SOURCE_DIR) + "/scenarios/baseline.yaml";

std::string head(const std::string& design = "{kind: grid}") {
  return "scenario: " + kBaseline + "\nruns: 10\nfocal: [RUS-PAK]\nset: [calendar.ticks=2]\ndesign: " + design + "\n";
}

/// Expects parse (or plan) of `text` to fail on `line` with `field` and a message containing `what`.
void expect_error(const std::string& text, int line, const std::string& field, const std::string& what, bool plan = false) {
  try {
    if (plan) make_plan(parse_sweep_text(text, "sweep.yaml"));
    else parse_sweep_text(text, "sweep.yaml");
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "sweep.yaml") << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

TEST(SweepSpec, RefusesBadStructure) {
  expect_error("", 0, "", "empty");
  expect_error("- a\n", 1, "", "mapping");
  expect_error("scenario: x.yaml\nrunz: 3\n", 2, "runz", "did you mean 'runs'");
  expect_error("runs: 3\n", 0, "scenario", "missing field 'scenario'");
  expect_error("scenario: x.yaml\nfocal: [A-B]\ndesign: {kind: grid}\nparameters: []\n", 0, "runs", "missing field 'runs'");
  expect_error("scenario: x.yaml\nruns: 0\n", 2, "runs", "whole number in [1, 1e+08]");
  expect_error("scenario: x.yaml\nruns: 5\ntarget_half_width: 0.01\n", 3, "target_half_width", "not both");
  expect_error("scenario: x.yaml\ntarget_half_width: 0.01\n", 2, "max_runs", "needs max_runs");
  expect_error("scenario: x.yaml\ntarget_half_width: 0.01\nmax_runs: 100\nbatch: 200\n", 4, "batch", "must not exceed");
  expect_error("scenario: x.yaml\nruns: 5\nbatch: 2\n", 3, "batch", "goes with target_half_width");
  expect_error(head("{kind: fractional}"), 5, "design.kind", "unknown design 'fractional'");
  expect_error(head("{kind: latin_hypercube}"), 5, "design.points", "needs points");
  expect_error(head("{kind: grid, points: 4}"), 5, "design.points", "applies to kind: latin_hypercube only");
  expect_error(head("{kind: grid, seed: 4}"), 5, "design.seed", "no random design");
  expect_error(head("{kind: saltelli, base_samples: 8, sampler: halton}"), 5, "design.sampler", "expected sobol");
  expect_error(head() + "parameters:\n  - {path: parameters.lambda}\n", 7, "parameters[0]", "give exactly one of");
  expect_error(head() + "parameters:\n  - {path: parameters.lambda, range: [1, 2]}\n", 7, "parameters[0]", "grid design needs values");
  expect_error(head() + "parameters:\n  - {path: parameters.lambda, values: [1, 1]}\n", 7, "parameters[0].values[1]", "listed twice");
  expect_error(head() + "parameters:\n  - {path: calendar.ticks, values: [1, 2]}\n", 7, "parameters[0].path", "put it under set:");
  expect_error(head("{kind: latin_hypercube, points: 3}") + "parameters:\n  - {path: parameters.lambda, values: [1]}\n", 7,
               "parameters[0].values", "give range: [lo, hi] or distribution:");
  expect_error(head("{kind: latin_hypercube, points: 3}") + "parameters:\n  - {path: parameters.lambda, range: [3, 2]}\n", 7,
               "parameters[0]", "lower bound must be below");
  expect_error(head("{kind: latin_hypercube, points: 3}") + "parameters:\n  - {path: parameters.lambda, distribution: {loguniform: [0, 2]}}\n",
               7, "parameters[0]", "loguniform needs bounds above 0");
  expect_error(head("{kind: latin_hypercube, points: 3}") + "parameters:\n  - {path: parameters.lambda, distribution: {gamma: [1, 2]}}\n",
               7, "parameters[0].distribution.gamma", "unknown key 'gamma'");
  expect_error(head() + "parameters:\n  - {path: parameters.lambda, values: [1]}\n  - {path: parameters.lambda, values: [2]}\n", 8,
               "parameters[1].path", "listed twice");
}

TEST(SweepSpec, RefusesWhatTheScenarioRejects) {
  expect_error("scenario: no/such.yaml\nruns: 1\nfocal: [A-B]\ndesign: {kind: grid}\nparameters: [{path: parameters.lambda, values: [1]}]\n", 1,
               "scenario", "cannot find the scenario file", true);
  expect_error(head() + "parameters:\n  - {path: parameters.lamda, values: [1]}\n", 7, "parameters[0] (parameters.lamda)", "lambda", true);
  expect_error(head() + "parameters:\n  - {path: parameters.r_min, values: [0.4, 1.5]}\n", 7, "parameters[0] (parameters.r_min)",
               "value 1.5: expected a number in [0, 1]", true);
  expect_error(head("{kind: latin_hypercube, points: 3}") + "parameters:\n  - {path: parameters.r_min, range: [0.3, 1.2]}\n", 7,
               "parameters[0] (parameters.r_min)", "upper bound 1.2", true);
  expect_error(head("{kind: latin_hypercube, points: 50, seed: 1}") + "parameters:\n  - {path: parameters.r_min, distribution: {normal: [0.9, 0.3]}}\n",
               7, "parameters[0] (parameters.r_min)", "narrow the distribution", true);
  std::string bad_focal = head() + "parameters:\n  - {path: parameters.lambda, values: [1]}\n";
  bad_focal.replace(bad_focal.find("RUS-PAK"), 7, "RUS-PAC");
  expect_error(bad_focal, 3, "focal[0]", "not a dyad of the scenario", true);
  std::string bad_set = head() + "parameters:\n  - {path: parameters.lambda, values: [1]}\n";
  bad_set.replace(bad_set.find("calendar.ticks=2"), 16, "calendar.ticks=0");
  expect_error(bad_set, 4, "set[0]", "whole number in [1, 400]", true);
}

TEST(SweepDesign, GridIsRowMajor) {
  SweepPlan plan = make_plan(parse_sweep_text(
      head() + "parameters:\n  - {path: parameters.lambda, values: [2, 4, 8]}\n  - {path: \"dyads.RUS-PAK.trade\", values: [0.5, 1.5]}\n", "s.yaml"));
  ASSERT_EQ(plan.points(), 6u);
  const std::vector<double> expected = {2, 0.5, 2, 1.5, 4, 0.5, 4, 1.5, 8, 0.5, 8, 1.5};
  EXPECT_EQ(plan.design.values, expected);
  EXPECT_EQ(plan.point_assignments(3), (std::vector<std::string>{"parameters.lambda=4", "dyads.RUS-PAK.trade=1.5"}));
  EXPECT_EQ(plan.all_assignments(0).front(), "calendar.ticks=2");
  EXPECT_EQ(plan.scenario_for(5).params.lambda, 8);
  EXPECT_EQ(plan.scenario_for(5).calendar.ticks, 2);
}

TEST(SweepDesign, LatinHypercubeHasOnePointPerStratum) {
  const std::size_t n = 37, d = 4;
  const auto u = latin_hypercube_unit(n, d, 99);
  for (std::size_t k = 0; k < d; ++k) {
    std::set<std::size_t> strata;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = u[i * d + k];
      ASSERT_GT(x, 0.0);
      ASSERT_LT(x, 1.0);
      strata.insert(static_cast<std::size_t>(x * n));
    }
    EXPECT_EQ(strata.size(), n) << "column " << k;
  }
  EXPECT_EQ(u, latin_hypercube_unit(n, d, 99));
  EXPECT_NE(u, latin_hypercube_unit(n, d, 100));
}

TEST(SweepDesign, DistributionsMapTheUnitInterval) {
  SweepParameter p;
  p.distribution = Distribution::LogUniform;
  p.a = 2;
  p.b = 8;
  EXPECT_NEAR(from_unit(p, 0.5), 4.0, 1e-12);
  p.distribution = Distribution::Normal;
  p.a = 1;
  p.b = 0.5;
  EXPECT_NEAR(from_unit(p, 0.5), 1.0, 1e-12);
  EXPECT_NEAR(from_unit(p, 0.975), 1.0 + 0.5 * 1.959963984540054, 1e-9);
  p.distribution = Distribution::Uniform;
  p.a = -1;
  p.b = 3;
  EXPECT_NEAR(from_unit(p, 0.25), 0.0, 1e-12);
}

TEST(SweepDesign, SaltelliHasABAndMixedMatrices) {
  SweepPlan plan = make_plan(parse_sweep_text(
      head("{kind: saltelli, base_samples: 8, seed: 3}") +
          "parameters:\n  - {path: parameters.lambda, range: [2, 8]}\n  - {path: parameters.r_min, range: [0.35, 0.5]}\n"
          "  - {path: parameters.w_entrapment, distribution: {loguniform: [0.3, 1.2]}}\n",
      "s.yaml"));
  const std::size_t n = 8, d = 3;
  ASSERT_EQ(plan.points(), n * (d + 2));
  const Design& des = plan.design;
  for (std::size_t j = 0; j < n; ++j) {
    EXPECT_EQ(des.saltelli_block[j], 0);
    EXPECT_EQ(des.saltelli_block[n + j], 1);
    for (std::size_t i = 0; i < d; ++i) {
      const std::size_t ab = (2 + i) * n + j;
      EXPECT_EQ(des.saltelli_block[ab], static_cast<std::int64_t>(2 + i));
      EXPECT_EQ(des.saltelli_row[ab], static_cast<std::int64_t>(j));
      for (std::size_t k = 0; k < d; ++k) EXPECT_EQ(des.at(ab, k), k == i ? des.at(n + j, k) : des.at(j, k));
    }
    EXPECT_GE(des.at(j, 0), 2.0);
    EXPECT_LE(des.at(j, 0), 8.0);
    EXPECT_GE(des.at(j, 2), 0.3);
    EXPECT_LE(des.at(j, 2), 1.2);
  }
  // The same file gives the same design and hashes; another design seed does not.
  const SweepPlan again = make_plan(plan.spec);
  EXPECT_EQ(again.design.values, des.values);
  EXPECT_EQ(again.design_hash, plan.design_hash);
  SweepSpec other = plan.spec;
  other.design_seed = 4;
  EXPECT_NE(make_plan(other).design_hash, plan.design_hash);
  EXPECT_EQ(make_plan(other).sweep_hash, plan.sweep_hash);
}

TEST(SweepOverrides, TextRoundTripsAndChangesTheHashes) {
  SweepOverrides o;
  EXPECT_TRUE(o.empty());
  EXPECT_EQ(o.text(), "");
  o.runs = 50;
  o.seed = 3;
  o.sets = {"global.threat=0.7", "parameters.r_min=0.45"};
  EXPECT_EQ(o.text(), "runs=50\nseed=3\nset=global.threat=0.7\nset=parameters.r_min=0.45\n");
  EXPECT_EQ(o.options(), "-n 50 --seed 3 --set global.threat=0.7 --set parameters.r_min=0.45");
  const SweepOverrides back = SweepOverrides::parse(o.text());
  EXPECT_EQ(back.text(), o.text());
  for (const char* bad : {"runs=0\n", "runs=x\n", "seed=4294967296\n", "rune=3\n", "set=\n", "seed=1\nruns=2\n", "runs",
                          "posterior=/p.h5\n", "posterior_checksum=00\n", "posterior=/p.h5\nposterior_checksum=00\nset=x=1\n"})
    EXPECT_THROW(SweepOverrides::parse(bad), std::invalid_argument) << bad;
  SweepOverrides p = o;  // --posterior: its path and checksum, after the rest
  p.posterior = "/data/post.h5";
  p.posterior_checksum = "0123456789abcdef";
  EXPECT_EQ(p.text(), o.text() + "posterior=/data/post.h5\nposterior_checksum=0123456789abcdef\n");
  EXPECT_EQ(p.options(), o.options() + " --posterior /data/post.h5");
  EXPECT_EQ(SweepOverrides::parse(p.text()).text(), p.text());

  const SweepSpec spec = parse_sweep_text(head() + "parameters:\n  - {path: parameters.lambda, values: [3, 5]}\n", "s.yaml");
  const SweepPlan plain = make_plan(spec);
  auto with = [&](const SweepOverrides& x) {
    SweepSpec s = spec;
    apply_overrides(s, x);
    return make_plan(s);
  };
  SweepOverrides runs;
  runs.runs = 20;
  const SweepPlan p_runs = with(runs);
  EXPECT_EQ(p_runs.spec.runs, 20u);
  EXPECT_NE(p_runs.design_hash, plain.design_hash);
  EXPECT_NE(p_runs.sweep_hash, plain.sweep_hash);
  SweepOverrides seed;
  seed.seed = 9;
  EXPECT_NE(with(seed).design_hash, plain.design_hash);
  SweepOverrides set;
  set.sets = {"global.threat=0.7"};
  const SweepPlan p_set = with(set);
  EXPECT_NE(p_set.sweep_hash, plain.sweep_hash);
  EXPECT_DOUBLE_EQ(p_set.base.global.threat, 0.7);
  EXPECT_EQ(p_set.all_assignments(1), (std::vector<std::string>{"calendar.ticks=2", "global.threat=0.7", "parameters.lambda=5"}));
  // make_plan of a plan's spec gives the same plan (the overrides are applied once).
  EXPECT_EQ(make_plan(p_set.spec).sweep_hash, p_set.sweep_hash);
  EXPECT_EQ(make_plan(p_set.spec).design_hash, p_set.design_hash);
  // A swept number cannot be --set, whichever way its path is written.
  SweepOverrides swept;
  swept.sets = {"parameters.lambda=4"};
  try {
    with(swept);
    ADD_FAILURE() << "a swept --set was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "command line");
    EXPECT_EQ(e.field(), "--set");
    EXPECT_NE(std::string(e.what()).find("is swept by s.yaml"), std::string::npos) << e.what();
  }
  // -n on an adaptive sweep makes its runs fixed.
  SweepSpec adaptive = parse_sweep_text("scenario: " + kBaseline + "\ntarget_half_width: 0.05\nmax_runs: 1000\nfocal: [RUS-PAK]\n"
                                        "set: [calendar.ticks=2]\ndesign: {kind: grid}\nparameters:\n"
                                        "  - {path: \"dyads.RUS-PAK.trade\", values: [1]}\n", "a.yaml");
  SweepOverrides dyad;
  dyad.sets = {"dyads.PAK-RUS.trade=2"};
  apply_overrides(adaptive, runs);
  EXPECT_FALSE(adaptive.adaptive());
  EXPECT_EQ(adaptive.runs_cap(), 20u);
  apply_overrides(adaptive, dyad);
  EXPECT_THROW(make_plan(adaptive), InputError);
}

TEST(SweepShards, PartitionThePoints) {
  EXPECT_THROW(parse_shard("4/4"), InputError);
  EXPECT_THROW(parse_shard("1"), InputError);
  EXPECT_THROW(parse_shard("-1/3"), InputError);
  EXPECT_THROW(parse_shard("0/0"), InputError);
  const ShardId id = parse_shard("2/5");
  EXPECT_EQ(id.index, 2u);
  EXPECT_EQ(id.count, 5u);
  std::vector<int> seen(23, 0);
  for (std::size_t i = 0; i < 5; ++i)
    for (std::size_t p : shard_points(23, ShardId{i, 5})) ++seen[p];
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
  EXPECT_TRUE(shard_points(3, ShardId{4, 5}).empty());
}

TEST(SweepPoints, ResultsSerialiseExactly) {
  SweepPlan plan = make_plan(parse_sweep_text(head() + "parameters:\n  - {path: parameters.lambda, values: [3]}\n", "s.yaml"));
  const PointResult r = run_point(plan, 0);
  EXPECT_EQ(r.runs, 10u);
  const PointResult back = deserialize(serialize(r), plan.ticks, plan.dyads);
  EXPECT_TRUE(back == r);
  std::string cut = serialize(r);
  cut.pop_back();
  EXPECT_THROW(deserialize(cut, plan.ticks, plan.dyads), std::runtime_error);
  EXPECT_THROW(deserialize(serialize(r), plan.ticks + 1, plan.dyads), std::runtime_error);
}

TEST(NumberText, ShortestNumbersRoundTrip) {
  for (double v : {0.1, 0.6, 1.0 / 3.0, 2.0, 1e-9, 123456.789, 0.38})
    EXPECT_EQ(std::strtod(shortest_number(v).c_str(), nullptr), v);
  EXPECT_EQ(shortest_number(0.6), "0.6");
  EXPECT_EQ(shortest_number(2.0), "2");
  EXPECT_EQ(shortest_number(20.0), "20");  // not 2e+01
  EXPECT_EQ(shortest_number(0.1 + 0.2), "0.30000000000000004");
}

TEST(SweepSpec, AdaptiveBatchDefaultsToMaxRunsWhenSmaller) {
  // max_runs below the default batch of 500 without batch: used to fail on a 'batch' key that
  // was not in the file.
  const SweepSpec s = parse_sweep_text("scenario: " + kBaseline + "\ntarget_half_width: 0.05\nmax_runs: 200\nfocal: [RUS-PAK]\n"
                                       "design: {kind: grid}\nparameters:\n  - {path: parameters.lambda, values: [2]}\n", "a.yaml");
  EXPECT_EQ(s.batch, 200u);
  EXPECT_EQ(s.max_runs, 200u);
}

}  // namespace
}  // namespace simrun
