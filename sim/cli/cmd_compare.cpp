// `simrun compare A.yaml B.yaml`: runs both scenarios with common random numbers and prints, per
// dyad, both probabilities, their paired difference with its interval and a McNemar test.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "sim/cli/commands.hpp"
#include "sim/output/output_path.hpp"
#include "sim/cli/option_parser.hpp"
#include "sim/cli/predictive_options.hpp"
#include "sim/cli/predictive_plan.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/signals.hpp"
#include "sim/cli/thread_limit.hpp"
#include "sim/engine/draw_models.hpp"
#include "sim/engine/paired.hpp"
#include "sim/engine/predictive_stats.hpp"
#include "sim/output/compare_writer.hpp"
#include "sim/scenario/file_names.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun {
namespace {

struct CompareOptions : CommonOptions {
  std::string a, b;
  std::uint64_t draws = kDefaultDraws;
  bool fixed = false;
  std::string posterior;    ///< --posterior FILE.h5: both sides draw the calibrated inputs from it
  bool runs_given = false;  ///< -n given: with priors it is runs per draw (default kDefaultRunsPerDraw)
  std::vector<std::string> set_a, set_b;  ///< --set-a / --set-b: one side only, after the common --set
  std::optional<int> ticks;               ///< -t: calendar.ticks of both, after every --set
};

constexpr unsigned kCompareOptions = kRunsOption | kSeedOption | kThreadsOption | kOutputOption | kForceOption | kQuietOption;

Usage compare_usage() {
  return {"simrun compare [options] A.yaml B.yaml",
                     "Runs both scenarios with common random numbers (run r of A and of B share every random number) and\n"
                     "prints, per dyad, P(formal alliance by the horizon) in each with its 95% Wilson interval, the paired\n"
                     "difference B - A with its 95% interval, and a McNemar test on the discordant runs. --runs, --seed,\n"
                     "--ticks and --set apply to both scenarios; --set-a and --set-b change one of them only (after --set),\n"
                     "e.g. simrun compare baseline.yaml baseline.yaml --set-b parameters.lambda=6 for a one-parameter contrast.\n"
                     "If either scenario has priors, both draw --draws parameter vectors from them with the same addressed\n"
                     "uniforms (an input they share gets the same value in a draw) and run -n runs per draw (default 100),\n"
                     "paired run by run; the table then gives predictive probabilities and the difference with Monte Carlo\n"
                     "intervals clustered by draw, and the difference's spread over the draws (docs/uncertainty.md).\n"
                     "--posterior FILE.h5 (from simrun calibrate): both draw the calibrated inputs from that posterior (the\n"
                     "same particle in a draw for A and B) and the others from their priors; the output records which posterior.",
                     "\n" + exit_codes_text("scenarios, options, output path")};
}

/// "a.yaml" or "a.yaml --set-a X=1 --set-a Y=2": what the side ran, for the table headers.
std::string side_label(const std::string& path, const std::vector<std::string>& sets, const char* option) {
  std::string s = path;
  for (const auto& a : sets) s += std::string(" ") + option + " " + a;
  return s;
}

/// The scenario of one side: the file, the common --set, the side's own --set-a/--set-b, then -t.
/// A bad assignment is named by its option (--set, or `option` for the side's own).
Scenario load_side(const std::string& path, const CompareOptions& o, const std::vector<std::string>& side, const char* option) {
  std::vector<std::string> all = o.sets;
  all.insert(all.end(), side.begin(), side.end());
  if (o.ticks) all.push_back("calendar.ticks=" + std::to_string(*o.ticks));
  try {
    return load_scenario(path, all);
  } catch (const InputError& e) {
    if (side.empty() || e.file() != "--set") throw;
    (void)load_scenario(path, o.sets);  // the file or a common --set: reported as such
    std::vector<std::string> own = o.sets;
    own.insert(own.end(), side.begin(), side.end());
    try {
      (void)load_scenario(path, own);
    } catch (const InputError& bad) {
      throw InputError(option, bad.line(), bad.field(), bad.detail());
    }
    throw;  // -t
  }
}

/// Predictive comparisons: the honest statement first, then per dyad both predictive
/// probabilities, the difference with its Monte Carlo interval and its spread over the draws.
void print_predictive_table(const ModelContext& a, const PairedRun& r, const CompareOptions& o) {
  const std::string horizon = a.sc.calendar.quarter_of_tick(a.sc.calendar.ticks).label();
  std::printf("Formal alliance by %s under input uncertainty: A = %s, B = %s; %llu parameter draws shared by A and B x %llu "
              "paired runs, seed %u.\n", horizon.c_str(), side_label(o.a, o.set_a, "--set-a").c_str(),
              side_label(o.b, o.set_b, "--set-b").c_str(), static_cast<unsigned long long>(r.draws.a.draws),
              static_cast<unsigned long long>(r.draws.a.runs_per_draw), o.seed);
  std::printf("  [..]: 95%% Monte Carlo intervals (finite draws and runs), clustered by draw; they do NOT show the inputs' spread.\n"
              "  median, 80%%: the difference B - A within a draw, over the draws: how the inputs change the effect.\n"
              "  B>A: share of draws in which B's probability is the higher.\n");
  std::printf("  %-10s %-24s %-24s %-28s %-8s %-18s %s\n", "dyad", "P(A) [95% MC]", "P(B) [95% MC]", "B - A [95% MC]", "median",
              "80% range", "B>A");
  for (int d = 0; d < a.nd; ++d) {
    const PairedDrawStats s = paired_draw_stats(r.draws, d);
    char pa[64], pb[64], df[64], range[48];
    std::snprintf(pa, sizeof pa, "%.4f [%.4f, %.4f]", s.a.estimate, s.a.lo, s.a.hi);
    std::snprintf(pb, sizeof pb, "%.4f [%.4f, %.4f]", s.b.estimate, s.b.lo, s.b.hi);
    std::snprintf(df, sizeof df, "%+.4f [%+.4f, %+.4f]", s.difference.estimate, s.difference.lo, s.difference.hi);
    std::snprintf(range, sizeof range, "[%+.3f, %+.3f]", s.q10, s.q90);
    std::printf("  %-10s %-24s %-24s %-28s %+-8.3f %-18s %3.0f%%\n", a.sc.dyad_label(d).c_str(), pa, pb, df, s.median, range,
                100 * s.share_b_higher);
  }
  std::printf("Wrote %s\n", o.output.c_str());
}

DrawsRecord draws_record(const Scenario& sc, const DrawModels& models, const DrawCounts& counts, std::uint32_t seed,
                         const PosteriorSource* posterior) {
  DrawsRecord r;
  r.base = &sc;
  if (posterior) r.drawn_from = posterior_drawn_from(*posterior);
  r.parameters = models.parameters();
  r.counts = counts;
  r.horizon = horizon_stats(counts, seed);
  return r;
}

void print_table(const ModelContext& a, const PairedRun& r, const CompareOptions& o) {
  const std::string horizon = a.sc.calendar.quarter_of_tick(a.sc.calendar.ticks).label();
  std::printf("Formal alliance by %s: A = %s, B = %s (%llu paired runs, seed %u)\n", horizon.c_str(),
              side_label(o.a, o.set_a, "--set-a").c_str(), side_label(o.b, o.set_b, "--set-b").c_str(),
              static_cast<unsigned long long>(o.runs), o.seed);
  std::printf("  %-10s %-24s %-24s %-28s %7s %7s %8s %9s\n", "dyad", "P(A) [95% CI]", "P(B) [95% CI]",
              "B - A [95% paired CI]", "A only", "B only", "z", "p");
  std::vector<int> order(static_cast<std::size_t>(a.nd));
  for (int d = 0; d < a.nd; ++d) order[static_cast<std::size_t>(d)] = d;
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
    return std::abs(paired_stats(r.dyads[static_cast<std::size_t>(x)]).z) > std::abs(paired_stats(r.dyads[static_cast<std::size_t>(y)]).z);
  });
  for (int d : order) {
    const PairedStats s = paired_stats(r.dyads[static_cast<std::size_t>(d)]);
    char pa[64], pb[64], df[64];
    std::snprintf(pa, sizeof pa, "%.4f [%.4f, %.4f]", s.a.estimate, s.a.lo, s.a.hi);
    std::snprintf(pb, sizeof pb, "%.4f [%.4f, %.4f]", s.b.estimate, s.b.lo, s.b.hi);
    std::snprintf(df, sizeof df, "%+.4f [%+.4f, %+.4f]", s.difference, s.difference_lo, s.difference_hi);
    std::printf("  %-10s %-24s %-24s %-28s %7llu %7llu %+8.2f %9.2g\n", a.sc.dyad_label(d).c_str(), pa, pb, df,
                static_cast<unsigned long long>(s.discordant_a), static_cast<unsigned long long>(s.discordant_b), s.z, s.p_value);
  }
  std::printf("z > 0: B more likely. McNemar on discordant runs; p exact two-sided. Wrote %s\n", o.output.c_str());
}

}  // namespace

int compare_command(int argc, const char* const* argv) {
  CompareOptions o;
  std::vector<std::string> files;
  OptionParser parser("compare", compare_usage());
  parser.common(o, kCompareOptions, "HDF5 output file (default: results/compare_<A>_vs_<B>.h5)");
  parser.sets(o, "PATH=VALUE: override a scenario number in both A and B (repeatable), e.g. --set calendar.ticks=12");
  parser.texts("set-a", o.set_a, "PATH=VALUE: override a number of A only, after --set (repeatable)");
  parser.texts("set-b", o.set_b, "PATH=VALUE: override a number of B only, after --set (repeatable), e.g. --set-b parameters.lambda=6");
  parser.number("ticks,t", o.ticks, 1, kMaxTicks, "quarters to simulate in both (default: the scenarios' calendar.ticks)");
  parser.number("draws", o.draws, 2, 1000000, kDrawsHelp);
  parser.flag("fixed", o.fixed, kFixedHelp);
  parser.text("posterior", o.posterior,
              "FILE.h5 from simrun calibrate: both scenarios draw the calibrated inputs from that posterior instead of their priors");
  parser.positionals(files, 2);
  if (!parser.parse(argc, argv)) return kExitOk;
  o.runs_given = runs_given(argc, argv);
  if (files.size() != 2) throw InputError("command line", 0, "", "expected two scenario files: simrun compare A.yaml B.yaml");
  o.a = files[0];
  o.b = files[1];
  OptionParser::default_output(o, "compare_" + file_stem(o.a) + "_vs_" + file_stem(o.b));
  const Scenario sa = load_side(o.a, o, o.set_a, "--set-a"), sb = load_side(o.b, o, o.set_b, "--set-b");
  std::vector<std::string> inputs = sa.extends;
  inputs.insert(inputs.end(), sb.extends.begin(), sb.extends.end());
  inputs.push_back(o.a);
  inputs.push_back(o.b);
  if (!o.posterior.empty()) inputs.push_back(o.posterior);
  const OutputTarget target = check_output_path(o.output, o.force, o.output_defaulted, inputs);
  const ModelContext a(sa), b(sb);
  // With priors in either scenario both draw from theirs with the same (seed, draw, path)
  // uniforms: an input both share gets the same value in a draw, and run r is paired as always.
  const bool predictive = !o.fixed && (!sa.uncertain.empty() || !sb.uncertain.empty());
  // With --posterior both take the same particle in draw d (addressed by (seed, d)) for the
  // calibrated inputs, so the pairing of draws holds.
  const PredictivePlan plan = predictive_plan(predictive, o.runs, o.runs_given, o.draws, "a predictive comparison");
  const std::unique_ptr<PosteriorSource> posterior = load_posterior_option(o.posterior, plan, {&sa, &sb});
  std::unique_ptr<DrawModels> ma, mb;
  if (predictive) {
    ma = make_draw_models(sa, posterior.get(), o.seed, plan);
    mb = make_draw_models(sb, posterior.get(), o.seed, plan);
  }
  if (posterior && !o.quiet) std::printf("%s", posterior_announcement(*posterior).c_str());
  const ThreadLimit thread_limit(o.threads);  // -j, for both ensembles
  EnsembleOptions eopt;
  eopt.seed = o.seed;
  eopt.runs = plan.runs;
  eopt.stop = stop_flag();
  ProgressBar bar(!o.quiet);
  PairedRun result;
  const ProgressFn progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  try {
    const CooperativeStop stoppable;
    result = predictive ? run_paired(a, [&](std::uint64_t run) -> const ModelContext& { return ma->of_run(run); }, b,
                                     [&](std::uint64_t run) -> const ModelContext& { return mb->of_run(run); }, eopt, plan.draws,
                                     plan.runs_per_draw, progress)
                        : run_paired(a, b, eopt, progress);
  } catch (const std::invalid_argument& e) {
    throw InputError("command line", 0, "", std::string("cannot compare ") + o.a + " and " + o.b + ": " + e.what());
  } catch (const Interrupted&) {
    bar.finish();
    std::fprintf(stderr, "simrun: interrupted; no output was written. Run the same command again to redo it.\n");
    return kExitInterrupted;
  }
  bar.finish();
  const CompareInfo info{o.seed, eopt.runs, o.command_line, plan.draws, plan.runs_per_draw, o.posterior,
                         posterior ? posterior->checksum : ""};
  if (predictive) {
    const DrawsRecord ra = draws_record(sa, *ma, result.draws.a, o.seed, posterior.get()),
                      rb = draws_record(sb, *mb, result.draws.b, o.seed, posterior.get());
    write_comparison(target, a, b, result, info, &ra, &rb);
    if (!o.quiet) print_predictive_table(a, result, o);
  } else {
    write_comparison(target, a, b, result, info);
    if (!o.quiet) print_table(a, result, o);
  }
  return kExitOk;
}

}  // namespace simrun
