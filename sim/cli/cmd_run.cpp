// `simrun [options] scenario.yaml`: parse options -> load and validate the scenario -> say what
// will run -> run the ensemble while streaming per-run rows to the output file -> write the
// aggregates -> print the summary.
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/summary.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/output/experiment_writer.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "simrun/version.hpp"

namespace simrun {

int run_command(int argc, const char* const* argv) {
  const CliOptions o = parse_options(argc, argv);
  if (o.help) {
    std::cout << usage_text();
    return kExitOk;
  }
  if (o.version) {
    std::cout << "simrun " << kVersion << " (" << kGitCommit << ")\n";
    return kExitOk;
  }
  if (o.schema) {
    std::cout << schema_markdown();
    return kExitOk;
  }
  std::vector<std::string> sets = o.sets;
  if (o.ticks) sets.push_back("calendar.ticks=" + std::to_string(*o.ticks));
  const Scenario scenario = load_scenario(o.scenario, sets);
  check_output_path(o.output, o.force, o.output == default_output_path(o.scenario));
  const ModelContext ctx(scenario);

  const auto t0 = std::chrono::steady_clock::now();
  const Calendar& cal = scenario.calendar;
  const int threads = o.threads > 0 ? o.threads : tbb::this_task_arena::max_concurrency();
  // Create the (temporary) output file before announcing the run, so an unwritable place fails first.
  std::unique_ptr<ExperimentWriter> created;
  try {
    created = std::make_unique<ExperimentWriter>(o.output, ctx, WriterOptions{o.seed, o.runs, o.trajectories, threads, o.command_line});
  } catch (const h5::OutputError& e) {
    throw InputError("command line", 0, "--output", "cannot create '" + o.output + "' (is its folder writable and not full?): " + e.what());
  }
  ExperimentWriter& writer = *created;
  if (!o.quiet)
    std::printf("simrun %s: %s, %d actors, %d dyads, %llu runs x %d quarters (%s-%s), seed %u\n", kVersion,
                scenario.name.c_str(), ctx.n, ctx.nd, static_cast<unsigned long long>(o.runs), cal.ticks,
                cal.quarter_of_tick(1).label().c_str(), cal.quarter_of_tick(cal.ticks).label().c_str(), o.seed);

  EnsembleOptions eopt;
  eopt.seed = o.seed;
  eopt.runs = o.runs;
  eopt.threads = o.threads;
  eopt.trajectories = o.trajectories;
  eopt.wave = 2048;
  ProgressBar bar(!o.quiet);
  Accumulator acc;
  try {
    acc = run_ensemble(ctx, eopt, [&](std::uint64_t first, const RunTable& t) { writer.write_wave(first, t); },
                       [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); },
                       [&] { writer.write_preamble(); });
    bar.finish();
    writer.finish(acc);
  } catch (const Interrupted&) {
    bar.finish();
    writer.abandon();
    std::fprintf(stderr, "simrun: interrupted; no output was written (%s left untouched). Run the same command again to redo it.\n",
                 o.output.c_str());
    return kExitInterrupted;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!o.quiet) {
    std::printf("%s", format_summary(ctx, acc, o.top).c_str());
    std::printf("Wrote %s in %.2f s\n", o.output.c_str(), secs);
  }
  return kExitOk;
}

}  // namespace simrun
