// `simrun sweep SWEEP.yaml [options]`: parse options -> read and validate the sweep (every point)
// -> say what will run -> run all points (oneTBB over points and runs; or over MPI ranks; or one
// shard: sim/sweep/sweep_job.hpp) -> write one HDF5 file (or a shard) -> print the focal
// outcomes and the Sobol table.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/calibrate/posterior_draws.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_parser.hpp"
#include "sim/cli/progress.hpp"
#include "sim/engine/stop.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/sweep_job.hpp"
#include "sim/cli/signals.hpp"
#include "sim/cli/thread_limit.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

struct SweepOptions : CommonOptions {
  SweepRequest request;
  std::string posterior;  ///< --posterior as given
  std::vector<std::string> files;
};

void declare(OptionParser& p, SweepOptions& o) {
  p.common(o, kOutputOption | kThreadsOption | kForceOption | kQuietOption,
           "HDF5 output file (default: results/<sweep>.h5; with --shard: results/<sweep>.shard-I-of-K.h5)");
  p.number("runs,n", o.request.overrides.runs, 1, kMaxRuns,
           "runs per point, instead of the sweep file's runs: (or its target_half_width: rule)");
  p.number("seed,s", o.request.overrides.seed, 0, 4294967295u, "master seed, instead of the sweep file's seed:");
  p.texts("set", o.request.overrides.sets,
          "PATH=VALUE: fix a scenario number at every point, after the sweep file's set: list (repeatable; not a "
          "swept parameter)");
  p.text("posterior", o.posterior,
         "FILE.h5 from simrun calibrate: the calibrated inputs the sweep does not vary are drawn per run from it");
  p.text("shard", o.request.shard, "I/K: compute only shard I of K (0 <= I < K) for a job array; merge with simrun merge");
  p.flag("dry-run", o.request.dry_run, "validate the sweep file and every point, print the design, run nothing");
  p.positionals(o.files, 1);
}

Usage sweep_usage() {
  return {"simrun sweep [options] sweep.yaml\n"
                     "       mpirun -n K simrun sweep [options] sweep.yaml      (points spread over K ranks)",
                     "Runs every point of a parameter sweep (grid, Latin hypercube or Saltelli design) as a Monte Carlo\n"
                     "ensemble and writes one HDF5 file with a `point` dimension; a Saltelli sweep also gets Sobol indices.\n"
                     "--force also recomputes a shard whose complete output exists (otherwise it is skipped).\n"
                     "-n, --seed and --set change the sweep file for this run only, for a quick trial without editing it\n"
                     "(e.g. -n 50 --set calendar.ticks=8); they are recorded in the output (sweep/command_line_overrides) and\n"
                     "in shards, and simrun merge re-applies them.\n"
                     "--posterior FILE.h5 (from simrun calibrate): at each point the calibrated inputs that are not swept take,\n"
                     "in run r, their values in the posterior particle of draw r; `range: posterior` sweeps an input over its\n"
                     "posterior's central 95%. The posterior's path and checksum enter the sweep hash: shards merge only\n"
                     "with the posterior they ran with (docs/sensitivity.md).",
                     "\n" + exit_codes_text("sweep, options, output path; a complete shard skipped is success") +
                         "Documentation: docs/cluster.md, docs/sensitivity.md\n"};
}

std::string runs_text(const SweepSpec& s) {
  if (!s.adaptive()) return std::to_string(s.runs) + " runs";
  char buf[160];
  std::snprintf(buf, sizeof buf, "batches of %llu runs until the focal 95%% half-width <= %g (at most %llu runs)",
                static_cast<unsigned long long>(s.batch), s.target_half_width, static_cast<unsigned long long>(s.max_runs));
  return buf;
}

void print_design(const SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  std::printf("%s: %s design, %zu points x %s, %d ticks, seed %u, focal", s.path.c_str(), design_kind_name(s.kind), plan.points(),
              runs_text(s).c_str(), plan.ticks, s.seed);
  for (std::size_t k = 0; k < plan.focal_labels.size(); ++k) std::printf(" %s", plan.focal_outcome_label(k).c_str());
  std::printf("\n");
  if (!s.overrides.empty()) std::printf("  from the command line: %s\n", s.overrides.options().c_str());
  for (const auto& p : s.parameters) std::printf("  %-40s %s\n", p.path.c_str(), p.describe().c_str());
  const std::size_t shown = std::min<std::size_t>(plan.points(), 10);
  for (std::size_t pt = 0; pt < shown; ++pt) {
    std::printf("  point %zu:", pt);
    for (const auto& a : plan.point_assignments(pt)) std::printf(" --set '%s'", a.c_str());
    std::printf("\n");
  }
  if (shown < plan.points()) std::printf("  ... %zu more points\n", plan.points() - shown);
}

void print_banner(const SweepJob& job, const SweepOptions& o, int threads) {
  const SweepPlan& plan = job.plan;
  const SweepSpec& s = plan.spec;
  std::printf("simrun %s sweep: %s, %s design, %zu parameters, %zu points x %s, %d ticks (%s-%s), seed %u", kVersion, s.name.c_str(),
              design_kind_name(s.kind), plan.design.params, plan.points(), runs_text(s).c_str(), plan.ticks,
              plan.base.calendar.quarter_of_tick(1).label().c_str(), plan.base.calendar.quarter_of_tick(plan.ticks).label().c_str(), s.seed);
  if (job.shard) std::printf(", shard %s (%zu points)", o.request.shard.c_str(), job.points().size());
  if (job.mpi) std::printf(", %d MPI ranks x %d threads", job.ranks(), threads);
  else std::printf(", %d threads", threads);
  if (!s.overrides.empty()) std::printf("; from the command line: %s", s.overrides.options().c_str());
  std::printf("\n");
  if (plan.posterior)
    std::printf("%zu calibrated inputs drawn per run from the posterior %s (checksum %s, %s); %zu swept at the design values.\n",
                plan.drawn.size(), plan.posterior->path.c_str(), plan.posterior->checksum.c_str(),
                plan.posterior->calibration_file.c_str(), plan.posterior->inputs.size() - plan.drawn.size());
  std::fflush(stdout);
}

}  // namespace

int sweep_command(int argc, const char* const* argv) {
  SweepOptions o;
  if (!parse_command("sweep", sweep_usage(), o, argc, argv)) return kExitOk;
  if (o.files.empty()) throw InputError("command line", 0, "", "missing the sweep file: simrun sweep [options] sweep.yaml (see simrun sweep --help)");
  o.request.sweep = o.files[0];
  o.request.output = o.output;
  o.request.force = o.force;
  if (!o.posterior.empty()) {
    std::error_code ec;
    const auto abs = std::filesystem::absolute(o.posterior, ec);
    o.request.overrides.posterior = ec ? o.posterior : abs.lexically_normal().string();
    o.request.pickers = posterior_picker;
  }

  // The caller owns the thread limit: once, for every point and run of this process.
  const ThreadLimit thread_limit(o.threads);
  const int threads = thread_limit.threads();

  const SweepJob job = prepare_sweep(o.request);
  const bool talk = job.lead() && !o.quiet;
  if (job.peer_failed) {
    if (job.lead()) std::fprintf(stderr, "simrun: error: another MPI rank could not read the sweep\n");
    return kExitBadInput;
  }
  if (o.request.dry_run) {
    if (talk) print_design(job.plan);
    return kExitOk;
  }
  if (job.skip) {
    if (talk) std::printf("simrun sweep: shard %s of %s already complete in %s: skipping it (use --force to recompute)\n",
                          o.request.shard.c_str(), o.request.sweep.c_str(), job.output.c_str());
    return kExitOk;
  }
  if (talk) print_banner(job, o, threads);

  const auto t0 = std::chrono::steady_clock::now();
  ProgressBar bar(talk, "points");
  std::vector<PointResult> results;
  try {
    const CooperativeStop stoppable;
    results = run_sweep(job, [&](std::size_t done, std::size_t total) { bar.update(done, total); }, stop_flag());
  } catch (const Interrupted&) {
    bar.finish();
    std::fprintf(stderr, "simrun: interrupted; no output was written (%s left untouched). Run the same command again to redo it.\n",
                 job.output.c_str());
    return kExitInterrupted;
  }
  bar.finish();
  if (!job.lead()) return kExitOk;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::uint64_t runs = runs_done(job, results);
  SweepRunInfo info;
  info.command_line = o.command_line;
  info.threads = threads;
  info.ranks = job.ranks();
  const auto sobol = write_sweep_result(job, results, info);
  if (!talk) return kExitOk;
  if (job.shard) {
    std::printf("Wrote shard %s (%zu points, %llu runs) to %s in %.2f s (%.0f runs/s); merge the %zu shards with simrun merge\n",
                o.request.shard.c_str(), job.points().size(), static_cast<unsigned long long>(runs), job.output.c_str(), secs,
                static_cast<double>(runs) / secs, job.shard->count);
    return kExitOk;
  }
  std::printf("%s", format_sweep_summary(job.plan, results, sobol).c_str());
  std::printf("Wrote %s in %.2f s: %zu points, %llu runs, %.0f runs/s\n", job.output.c_str(), secs, job.plan.points(),
              static_cast<unsigned long long>(runs), static_cast<double>(runs) / secs);
  return kExitOk;
}

}  // namespace simrun
