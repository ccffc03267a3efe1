// `simrun compare A.yaml B.yaml`: runs both scenarios with common random numbers and prints, per
// dyad, both probabilities, their paired difference with its interval and a McNemar test.
#include <boost/program_options.hpp>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/progress.hpp"
#include "sim/engine/draw_models.hpp"
#include "sim/engine/paired.hpp"
#include "sim/engine/predictive_stats.hpp"
#include "sim/output/compare_writer.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"

namespace po = boost::program_options;

namespace simrun {
namespace {

struct CompareOptions {
  std::string a, b, output;
  std::uint64_t runs = 10000;
  bool runs_given = false;
  std::uint64_t draws = kDefaultDraws;
  bool fixed = false;
  std::uint32_t seed = 20180701;
  int threads = 0;
  std::vector<std::string> sets;
  bool force = false, quiet = false, help = false;
  std::string command_line;
};

std::string stem(const std::string& path) {
  return default_output_path(path).substr(8, default_output_path(path).size() - 11);  // results/<stem>.h5
}

CompareOptions parse(int argc, const char* const* argv, po::options_description& desc) {
  CompareOptions o;
  o.command_line = "simrun";
  for (int i = 0; i < argc; ++i) o.command_line += " " + std::string(argv[i]);
  desc.add_options()
      ("runs,n", po::value<std::uint64_t>(&o.runs)->default_value(o.runs),
       "Monte Carlo runs per scenario; with priors, runs per parameter draw (default 100)")
      ("draws", po::value<std::uint64_t>(&o.draws)->default_value(o.draws), "parameter draws shared by both scenarios (with priors)")
      ("fixed", po::bool_switch(&o.fixed), "compare at the point values, ignoring the scenarios' priors")
      ("seed,s", po::value<std::uint32_t>(&o.seed)->default_value(o.seed), "master seed shared by both scenarios")
      ("threads,j", po::value<int>(&o.threads)->default_value(0), "worker threads (0: all cores)")
      ("output,o", po::value<std::string>(&o.output), "HDF5 output (default results/compare_<A>_vs_<B>.h5)")
      ("set", po::value<std::vector<std::string>>(&o.sets)->composing(), "PATH=VALUE applied to both scenarios (repeatable)")
      ("force", po::bool_switch(&o.force), "overwrite an existing output file")
      ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors")
      ("help,h", po::bool_switch(&o.help), "print this help and exit");
  po::options_description hidden;
  hidden.add_options()("scenarios", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("scenarios", 2);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError("command line", 0, "", std::string(e.what()) + " (see simrun compare --help)");
  }
  if (o.help) return o;
  const auto files = vm.count("scenarios") ? vm["scenarios"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() != 2) throw InputError("command line", 0, "", "expected two scenario files: simrun compare A.yaml B.yaml");
  o.a = files[0];
  o.b = files[1];
  if (o.runs < 1 || o.runs > 100000000) throw InputError("command line", 0, "--runs", "expected a whole number in [1, 100000000]");
  o.runs_given = !vm["runs"].defaulted();
  if (o.draws < 2 || o.draws > 1000000) throw InputError("command line", 0, "--draws", "expected a whole number in [2, 1000000]");
  if (o.output.empty()) o.output = "results/compare_" + stem(o.a) + "_vs_" + stem(o.b) + ".h5";
  return o;
}

/// Predictive comparisons: the honest statement first, then per dyad both predictive
/// probabilities, the difference with its Monte Carlo interval and its spread over the draws.
void print_predictive_table(const ModelContext& a, const PairedRun& r, const CompareOptions& o) {
  const std::string horizon = a.sc.calendar.quarter_of_tick(a.sc.calendar.ticks).label();
  std::printf("Formal alliance by %s under input uncertainty: A = %s, B = %s; %llu parameter draws shared by A and B x %llu "
              "paired runs, seed %u.\n", horizon.c_str(), o.a.c_str(), o.b.c_str(), static_cast<unsigned long long>(r.draws.a.draws),
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

DrawsRecord draws_record(const Scenario& sc, const DrawModels& models, const DrawCounts& counts, std::uint32_t seed) {
  DrawsRecord r;
  r.base = &sc;
  r.parameters = models.parameters();
  r.counts = counts;
  for (int d = 0; d < counts.dyads; ++d)
    r.horizon.push_back(predictive_stats(counts.cell(counts.formed_by, counts.ticks, d), counts.runs_per_draw, seed));
  return r;
}

void print_table(const ModelContext& a, const PairedRun& r, const CompareOptions& o) {
  const std::string horizon = a.sc.calendar.quarter_of_tick(a.sc.calendar.ticks).label();
  std::printf("Formal alliance by %s: A = %s, B = %s (%llu paired runs, seed %u)\n", horizon.c_str(), o.a.c_str(),
              o.b.c_str(), static_cast<unsigned long long>(o.runs), o.seed);
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
  po::options_description desc("Options");
  const CompareOptions o = parse(argc, argv, desc);
  if (o.help) {
    std::cout << "Usage: simrun compare [options] A.yaml B.yaml\n\n"
              << "Runs both scenarios with common random numbers (run r of A and of B share every random number) and\n"
              << "prints, per dyad, P(formal alliance by the horizon) in each with its 95% Wilson interval, the paired\n"
              << "difference B - A with its 95% interval, and a McNemar test on the discordant runs.\n"
              << "If either scenario has priors, both draw --draws parameter vectors from them with the same addressed\n"
              << "uniforms (an input they share gets the same value in a draw) and run -n runs per draw, paired run by\n"
              << "run; the table then gives predictive probabilities and the difference with Monte Carlo intervals\n"
              << "clustered by draw, and the difference's spread over the draws (docs/uncertainty.md). --fixed: point values.\n\n"
              << desc;
    return kExitOk;
  }
  const Scenario sa = load_scenario(o.a, o.sets), sb = load_scenario(o.b, o.sets);
  check_output_path(o.output, o.force, o.output.rfind("results/", 0) == 0);
  const ModelContext a(sa), b(sb);
  // With priors in either scenario both draw from theirs with the same (seed, draw, path)
  // uniforms: an input both share gets the same value in a draw, and run r is paired as always.
  const bool predictive = !o.fixed && (!sa.uncertain.empty() || !sb.uncertain.empty());
  const std::uint64_t per_draw = o.runs_given ? o.runs : kDefaultRunsPerDraw;
  if (predictive && per_draw < 2)
    throw InputError("command line", 0, "--runs", "a predictive comparison needs at least 2 runs per draw (or use --fixed)");
  if (predictive && o.draws * per_draw > 100000000)
    throw InputError("command line", 0, "--draws", "draws x runs per draw must be at most 100000000");
  std::unique_ptr<DrawModels> ma, mb;
  if (predictive) {
    ma = std::make_unique<DrawModels>(sa, o.seed, o.draws, per_draw);
    mb = std::make_unique<DrawModels>(sb, o.seed, o.draws, per_draw);
  }
  EnsembleOptions eopt;
  eopt.seed = o.seed;
  eopt.runs = predictive ? o.draws * per_draw : o.runs;
  eopt.threads = o.threads;
  ProgressBar bar(!o.quiet);
  PairedRun result;
  const ProgressFn progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  try {
    result = predictive ? run_paired(a, [&](std::uint64_t run) -> const ModelContext& { return ma->of_run(run); }, b,
                                     [&](std::uint64_t run) -> const ModelContext& { return mb->of_run(run); }, eopt, o.draws,
                                     per_draw, progress)
                        : run_paired(a, b, eopt, progress);
  } catch (const std::invalid_argument& e) {
    throw InputError("command line", 0, "", std::string("cannot compare ") + o.a + " and " + o.b + ": " + e.what());
  } catch (const Interrupted&) {
    bar.finish();
    std::fprintf(stderr, "simrun: interrupted; no output was written. Run the same command again to redo it.\n");
    return kExitInterrupted;
  }
  bar.finish();
  const CompareInfo info{o.seed, eopt.runs, o.command_line, predictive ? o.draws : 0, predictive ? per_draw : 0};
  if (predictive) {
    const DrawsRecord ra = draws_record(sa, *ma, result.draws.a, o.seed), rb = draws_record(sb, *mb, result.draws.b, o.seed);
    write_comparison(o.output, a, b, result, info, &ra, &rb);
    if (!o.quiet) print_predictive_table(a, result, o);
  } else {
    write_comparison(o.output, a, b, result, info);
    if (!o.quiet) print_table(a, result, o);
  }
  return kExitOk;
}

}  // namespace simrun
