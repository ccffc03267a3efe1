// `simrun [options] scenario.yaml`: parse options -> load and validate the scenario -> say what
// will run -> run the ensemble while streaming per-run rows to the output file -> write the
// aggregates -> print the summary.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/output/output_path.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/predictive_plan.hpp"
#include "sim/cli/predictive_summary.hpp"
#include "sim/cli/signals.hpp"
#include "sim/cli/thread_limit.hpp"
#include "sim/cli/summary.hpp"
#include "sim/engine/draw_models.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/estimates.hpp"
#include "sim/engine/predictive_stats.hpp"
#include "sim/output/experiment_writer.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "simrun/version.hpp"

namespace simrun {

int run_command(int argc, const char* const* argv) {
  const CliOptions o = parse_options(argc, argv);
  if (o.help) return kExitOk;
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
  std::vector<std::string> inputs = scenario.extends;
  inputs.push_back(o.scenario);
  if (!o.posterior.empty()) inputs.push_back(o.posterior);
  const OutputTarget target = check_output_path(o.output, o.force, o.output_defaulted, inputs);
  const ModelContext ctx(scenario);
  const PredictivePlan plan =
      predictive_plan(!scenario.uncertain.empty() && !o.fixed, o.runs, o.runs_given, o.draws, "a predictive run");
  const std::unique_ptr<PosteriorSource> posterior = load_posterior_option(o.posterior, plan, {&scenario});

  const auto t0 = std::chrono::steady_clock::now();
  const Calendar& cal = scenario.calendar;
  const ThreadLimit thread_limit(o.threads);  // -j, for the rest of the command
  const int threads = thread_limit.threads();
  // Create the (temporary) output file before announcing the run, so an unwritable place fails first.
  std::unique_ptr<ExperimentWriter> created;
  try {
    created = std::make_unique<ExperimentWriter>(
        target, ctx,
        WriterOptions{o.seed, plan.runs, std::min(o.trajectories, plan.runs), threads, o.command_line, plan.draws, plan.runs_per_draw,
                      o.posterior, posterior ? posterior->checksum : ""});
  } catch (const h5::OutputError& e) {
    throw InputError("command line", 0, "--output", "cannot create '" + o.output + "' (is its folder writable and not full?): " + e.what());
  }
  ExperimentWriter& writer = *created;
  if (!o.quiet) {
    std::printf("simrun %s: %s, %d actors, %d dyads, ", kVersion, scenario.name.c_str(), ctx.n, ctx.nd);
    if (plan.draws > 0)
      std::printf("%llu draws of %zu uncertain inputs x %llu runs", static_cast<unsigned long long>(plan.draws),
                  scenario.uncertain.size(), static_cast<unsigned long long>(plan.runs_per_draw));
    else
      std::printf("%llu runs", static_cast<unsigned long long>(plan.runs));
    std::printf(" x %d quarters (%s-%s), seed %u%s\n", cal.ticks, cal.quarter_of_tick(1).label().c_str(),
                cal.quarter_of_tick(cal.ticks).label().c_str(), o.seed,
                plan.draws == 0 && !scenario.uncertain.empty() ? ", inputs fixed at their point values (--fixed)" : "");
    if (posterior) std::printf("%s", posterior_announcement(*posterior).c_str());
  }

  // Predictive runs: draw d's model runs d*R ... d*R + R - 1 (DrawModels), per-draw counts kept.
  std::unique_ptr<DrawModels> models;
  DrawsRecord record;
  if (plan.draws > 0) {
    models = make_draw_models(scenario, posterior.get(), o.seed, plan);
    record.base = &scenario;
    if (posterior) record.drawn_from = posterior_drawn_from(*posterior);
    record.parameters = models->parameters();
    record.counts = DrawCounts(plan.draws, plan.runs_per_draw, cal.ticks, ctx.nd);
  }
  EnsembleOptions eopt;
  eopt.seed = o.seed;
  eopt.runs = plan.runs;
  eopt.trajectories = std::min(o.trajectories, plan.runs);
  eopt.wave = 2048;
  eopt.tick_status = plan.draws > 0;
  eopt.stop = stop_flag();
  ProgressBar bar(!o.quiet);
  Accumulator acc;
  const auto sink = [&](std::uint64_t first, const RunTable& t) {
    writer.write_wave(first, t);
    if (models) record.counts.add(first, t);
  };
  const auto progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  const auto preamble = [&] { writer.write_preamble(); };
  try {
    const CooperativeStop stoppable;
    if (models)
      acc = run_ensemble(ctx, [&](std::uint64_t run) -> const ModelContext& { return models->of_run(run); }, eopt, sink,
                         progress, preamble);
    else
      acc = run_ensemble(ctx, eopt, sink, progress, preamble);
    bar.finish();
    if (models) record.horizon = horizon_stats(record.counts, o.seed);
    writer.finish(acc, estimate_experiment(ctx, acc, models ? &record.counts : nullptr), models ? &record : nullptr);
  } catch (const Interrupted&) {
    bar.finish();
    writer.abandon();
    std::fprintf(stderr, "simrun: interrupted; no output was written (%s left untouched). Run the same command again to redo it.\n",
                 o.output.c_str());
    return kExitInterrupted;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!o.quiet) {
    std::printf("%s", models ? format_predictive_summary(ctx, record, o.top).c_str() : format_summary(ctx, acc, o.top).c_str());
    std::printf("Wrote %s in %.2f s\n", o.output.c_str(), secs);
  }
  return kExitOk;
}

}  // namespace simrun
