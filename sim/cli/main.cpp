// simrun: parse options -> load and validate the scenario -> say what will run -> run the
// ensemble while streaming per-run rows to the output file -> write aggregates -> summary.
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/cli/options.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/summary.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/output/experiment_writer.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "simrun/version.hpp"

namespace {

constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInterrupted = 130;

extern "C" void on_signal(int) { simrun::stop_requested().store(true); }

/// Refuses an output path we must not or cannot write, before any work is done.
void check_output_path(const simrun::CliOptions& o) {
  namespace fs = std::filesystem;
  const fs::path out(o.output);
  std::error_code ec;
  if (fs::is_directory(out, ec))
    throw simrun::InputError("command line", 0, "--output", "'" + o.output + "' is a directory; give a file name");
  if (fs::exists(out, ec) && !o.force)
    throw simrun::InputError("command line", 0, "--output",
                             "'" + o.output + "' exists; use --force to overwrite it or -o to choose another file");
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (!fs::exists(dir, ec)) {
    if (o.output == simrun::default_output_path(o.scenario)) {
      fs::create_directories(dir, ec);  // the default results/ folder is ours to create
      if (ec) throw simrun::InputError("command line", 0, "--output", "cannot create '" + dir.string() + "': " + ec.message());
    } else {
      throw simrun::InputError("command line", 0, "--output", "directory '" + dir.string() + "' does not exist");
    }
  }
}

int run(const simrun::CliOptions& o) {
  using namespace simrun;
  std::vector<std::string> sets = o.sets;
  if (o.ticks) sets.push_back("calendar.ticks=" + std::to_string(*o.ticks));
  const Scenario scenario = load_scenario(o.scenario, sets);
  check_output_path(o);
  const ModelContext ctx(scenario);

  const auto t0 = std::chrono::steady_clock::now();
  const Calendar& cal = scenario.calendar;
  if (!o.quiet)
    std::printf("simrun %s: %s, %d actors, %d dyads, %llu runs x %d quarters (%s-%s), seed %u\n", kVersion,
                scenario.name.c_str(), ctx.n, ctx.nd, static_cast<unsigned long long>(o.runs), cal.ticks,
                cal.quarter_of_tick(1).label().c_str(), cal.quarter_of_tick(cal.ticks).label().c_str(), o.seed);
  WriterOptions wopt{o.seed, o.runs, o.trajectories, o.threads, o.command_line};
  ExperimentWriter writer(o.output, ctx, wopt);
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
                       [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); });
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
    std::printf("%s", format_summary(ctx, acc).c_str());
    std::printf("Wrote %s in %.2f s\n", o.output.c_str(), secs);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace simrun;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    const CliOptions o = parse_options(argc, argv);
    if (o.help) {
      std::cout << usage_text();
      return 0;
    }
    if (o.version) {
      std::cout << "simrun " << kVersion << " (" << kGitCommit << ")\n";
      return 0;
    }
    if (o.schema) {
      std::cout << schema_markdown();
      return 0;
    }
    return run(o);
  } catch (const InputError& e) {
    std::fprintf(stderr, "simrun: error: %s\n", e.what());
    return kExitBadInput;
  } catch (const h5::OutputError& e) {
    std::fprintf(stderr, "simrun: error: cannot write the output: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "simrun: internal error: %s\n", e.what());
    return kExitInternal;
  }
}
