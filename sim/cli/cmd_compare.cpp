// `simrun compare A.yaml B.yaml`: runs both scenarios with common random numbers and prints, per
// dyad, both probabilities, their paired difference with its interval and a McNemar test.
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/output/output_path.hpp"
#include "sim/cli/option_parser.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/signals.hpp"
#include "sim/engine/paired.hpp"
#include "sim/output/compare_writer.hpp"
#include "sim/scenario/file_names.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun {
namespace {

struct CompareOptions : CommonOptions {
  std::string a, b;
};

constexpr unsigned kCompareOptions =
    kRunsOption | kSeedOption | kThreadsOption | kOutputOption | kSetOption | kForceOption | kQuietOption;

Usage compare_usage() {
  return {"simrun compare [options] A.yaml B.yaml",
                     "Runs both scenarios with common random numbers (run r of A and of B share every random number) and\n"
                     "prints, per dyad, P(formal alliance by the horizon) in each with its 95% Wilson interval, the paired\n"
                     "difference B - A with its 95% interval, and a McNemar test on the discordant runs. --runs, --seed and\n"
                     "--set apply to both scenarios.",
                     "\n" + exit_codes_text("scenarios, options, output path")};
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
  CompareOptions o;
  std::vector<std::string> files;
  OptionParser parser("compare", compare_usage());
  parser.common(o, kCompareOptions, "HDF5 output file (default: results/compare_<A>_vs_<B>.h5)");
  parser.positionals(files, 2);
  if (!parser.parse(argc, argv)) return kExitOk;
  if (files.size() != 2) throw InputError("command line", 0, "", "expected two scenario files: simrun compare A.yaml B.yaml");
  o.a = files[0];
  o.b = files[1];
  OptionParser::default_output(o, "compare_" + file_stem(o.a) + "_vs_" + file_stem(o.b));
  const Scenario sa = load_scenario(o.a, o.sets), sb = load_scenario(o.b, o.sets);
  std::vector<std::string> inputs = sa.extends;
  inputs.insert(inputs.end(), sb.extends.begin(), sb.extends.end());
  inputs.push_back(o.a);
  inputs.push_back(o.b);
  const OutputTarget target = check_output_path(o.output, o.force, o.output_defaulted, inputs);
  const ModelContext a(sa), b(sb);
  EnsembleOptions eopt;
  eopt.seed = o.seed;
  eopt.runs = o.runs;
  eopt.threads = o.threads;
  ProgressBar bar(!o.quiet);
  PairedRun result;
  try {
    const CooperativeStop stoppable;
    result = run_paired(a, b, eopt, [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); });
  } catch (const std::invalid_argument& e) {
    throw InputError("command line", 0, "", std::string("cannot compare ") + o.a + " and " + o.b + ": " + e.what());
  } catch (const Interrupted&) {
    bar.finish();
    std::fprintf(stderr, "simrun: interrupted; no output was written. Run the same command again to redo it.\n");
    return kExitInterrupted;
  }
  bar.finish();
  write_comparison(target, a, b, result, CompareInfo{o.seed, o.runs, o.command_line});
  if (!o.quiet) print_table(a, result, o);
  return kExitOk;
}

}  // namespace simrun
