// `simrun sweep SWEEP.yaml [options]`: parse options -> read and validate the sweep (every point)
// -> say what will run -> run all points (oneTBB over points and runs; or over MPI ranks; or one
// shard) -> write one HDF5 file (or a shard) -> print the focal outcomes and the Sobol table.
#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <algorithm>
#include <exception>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "sim/cli/commands.hpp"
#include "sim/cli/signals.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/mpi_sweep.hpp"
#include "sim/sweep/shard.hpp"
#include "sim/sweep/sweep_writer.hpp"
#include "simrun/version.hpp"

namespace po = boost::program_options;

namespace simrun {
namespace {

struct SweepOptions {
  std::string sweep, output, shard;
  int threads = 0;
  bool force = false, quiet = false, help = false, dry_run = false;
  std::string command_line;
};

po::options_description sweep_options(SweepOptions& o) {
  po::options_description desc("Options");
  desc.add_options()
      ("output,o", po::value<std::string>(&o.output), "HDF5 output file (default: results/<sweep>.h5; with --shard: results/<sweep>.shard-I-of-K.h5)")
      ("threads,j", po::value<int>(&o.threads)->default_value(0), "worker threads per process (0: all cores); results do not depend on it")
      ("shard", po::value<std::string>(&o.shard), "I/K: compute only shard I of K (0 <= I < K) for a job array; merge with simrun merge")
      ("force", po::bool_switch(&o.force), "overwrite an existing output file (a complete shard is otherwise skipped)")
      ("dry-run", po::bool_switch(&o.dry_run), "validate the sweep file and every point, print the design, run nothing")
      ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors")
      ("help,h", po::bool_switch(&o.help), "print this help and exit");
  return desc;
}

std::string sweep_usage() {
  SweepOptions o;
  std::ostringstream os;
  os << "Usage: simrun sweep [options] sweep.yaml\n"
     << "       mpirun -n K simrun sweep [options] sweep.yaml      (points spread over K ranks)\n\n"
     << "Runs every point of a parameter sweep (grid, Latin hypercube or Saltelli design) as a Monte Carlo\n"
     << "ensemble and writes one HDF5 file with a `point` dimension; a Saltelli sweep also gets Sobol indices.\n\n"
     << sweep_options(o)
     << "\nExit codes: 0 success (or a complete shard skipped), 1 internal error, 2 bad input, 130 interrupted.\n"
     << "Documentation: docs/cluster.md, docs/sensitivity.md\n";
  return os.str();
}

SweepOptions parse_sweep_options(int argc, const char* const* argv) {
  SweepOptions o;
  o.command_line = "simrun";
  for (int i = 0; i < argc; ++i) o.command_line += " " + std::string(argv[i]);
  po::options_description desc = sweep_options(o), hidden, all;
  hidden.add_options()("sweep", po::value<std::string>(&o.sweep));
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("sweep", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError("command line", 0, "", std::string(e.what()) + " (see simrun sweep --help)");
  }
  if (o.threads < 0 || o.threads > 1024) throw InputError("command line", 0, "--threads", "expected a whole number in [0, 1024]");
  if (vm.count("output") && o.output.empty())
    throw InputError("command line", 0, "--output", "the output file name is empty (leave out -o for the default)");
  if (!o.help && o.sweep.empty()) throw InputError("command line", 0, "", "missing the sweep file: simrun sweep [options] sweep.yaml (see simrun sweep --help)");
  return o;
}

std::string default_output(const std::string& sweep, const std::string& suffix) {
  return "results/" + std::filesystem::path(sweep).stem().string() + suffix + ".h5";
}

std::string runs_text(const SweepSpec& s) {
  if (!s.adaptive()) return std::to_string(s.runs) + " runs";
  char buf[160];
  std::snprintf(buf, sizeof buf, "batches of %llu runs until the focal 95%% half-width <= %g (at most %llu runs)",
                static_cast<unsigned long long>(s.batch), s.target_half_width, static_cast<unsigned long long>(s.max_runs));
  return buf;
}

/// "[=====     ]  40%  12/30 points  3.1 s" on stderr, when it is a terminal.
class PointProgress {
 public:
  explicit PointProgress(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    const double frac = static_cast<double>(done) / static_cast<double>(total);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "\r[%-40.*s] %3d%%  %zu/%zu points  %.1f s", static_cast<int>(frac * 40),
                 "========================================", static_cast<int>(frac * 100), done, total, secs);
    std::fflush(stderr);
    drawn_ = true;
  }
  void finish() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

void print_design(const SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  std::printf("%s: %s design, %zu points x %s, %d ticks, seed %u, focal", s.path.c_str(), design_kind_name(s.kind), plan.points(),
              runs_text(s).c_str(), plan.ticks, s.seed);
  for (const auto& f : plan.focal_labels) std::printf(" %s", f.c_str());
  std::printf("\n");
  for (const auto& p : s.parameters) std::printf("  %-40s %s\n", p.path.c_str(), p.describe().c_str());
  const std::size_t shown = std::min<std::size_t>(plan.points(), 10);
  for (std::size_t pt = 0; pt < shown; ++pt) {
    std::printf("  point %zu:", pt);
    for (const auto& a : plan.point_assignments(pt)) std::printf(" --set '%s'", a.c_str());
    std::printf("\n");
  }
  if (shown < plan.points()) std::printf("  ... %zu more points\n", plan.points() - shown);
}

/// Checks the output path into `target`; for a shard whose complete output exists, returns true
/// (skip it).
bool prepare_output(const SweepOptions& o, const SweepPlan& plan, ShardId shard, const std::string& output, OutputTarget& target) {
  std::error_code ec;
  if (o.shard.empty() || !std::filesystem::is_regular_file(output, ec) || o.force) {
    target = check_output_path(output, o.force, o.output.empty(), plan_inputs(plan));
    return false;
  }
  // A re-submitted array task: a complete shard of this very sweep is kept.
  std::string why;
  try {
    const ShardHeader h = read_shard_header(output);
    why = shard_mismatch(h, plan, shard);
    if (why.empty()) {
      std::vector<PointResult> scratch(plan.points());
      read_shard_results(h, plan, scratch);
    }
  } catch (const InputError& e) {
    why = e.detail();
  }
  if (!why.empty())
    throw InputError("command line", 0, "--output", "'" + output + "' exists but is not a complete shard " + o.shard +
                                                        " of this sweep (" + why + "); use --force to overwrite it");
  return true;
}

}  // namespace

int sweep_command(int argc, const char* const* argv) {
  const SweepOptions o = parse_sweep_options(argc, argv);
  if (o.help) {
    std::cout << sweep_usage();
    return kExitOk;
  }
  int launcher_size = 1;
  const bool under_mpi = launched_by_mpi(launcher_size) && launcher_size > 1;
  if (under_mpi && !have_mpi())
    throw InputError("command line", 0, "", "started by an MPI launcher with " + std::to_string(launcher_size) +
                                                 " ranks, but this simrun was built without MPI (install libopenmpi-dev and rebuild)");
  if (under_mpi && !o.shard.empty())
    throw InputError("command line", 0, "--shard", "--shard is for job arrays of single processes; under mpirun the ranks share the points");
  std::unique_ptr<MpiSession> mpi;
  if (under_mpi) mpi = std::make_unique<MpiSession>();
  const bool lead = !mpi || mpi->rank() == 0;
  const bool talk = lead && !o.quiet;

  std::unique_ptr<tbb::global_control> limit;  // once, for every point and run of this process
  if (o.threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(o.threads));
  const int threads = o.threads > 0 ? o.threads : tbb::this_task_arena::max_concurrency();

  // Every rank reads and validates the sweep (deterministically: they fail alike); only the
  // lead prints the error. The lead alone checks the output path and tells the others.
  SweepPlan plan;
  ShardId shard;
  std::string output;
  OutputTarget target("");
  bool skip = false;
  std::exception_ptr bad_input;
  try {
    if (!o.shard.empty()) shard = parse_shard(o.shard);
    plan = make_plan(o.sweep);
    if (o.dry_run) {
      if (lead && !o.quiet) print_design(plan);
      return kExitOk;
    }
    output = !o.output.empty() ? o.output
             : o.shard.empty() ? default_output(o.sweep, "")
                               : default_output(o.sweep, ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count));
    if (lead) skip = prepare_output(o, plan, shard, output, target);
  } catch (const InputError&) {
    if (!mpi) throw;
    bad_input = std::current_exception();
  }
  if (mpi && !mpi->all(!bad_input)) {
    if (lead && bad_input) std::rethrow_exception(bad_input);
    if (lead) std::fprintf(stderr, "simrun: error: another MPI rank could not read the sweep\n");
    return kExitBadInput;
  }
  if (skip) {
    if (talk) std::printf("simrun sweep: shard %s of %s already complete in %s: skipping it (use --force to recompute)\n",
                          o.shard.c_str(), o.sweep.c_str(), output.c_str());
    return kExitOk;
  }

  const SweepSpec& s = plan.spec;
  const std::vector<std::size_t> mine = o.shard.empty() ? shard_points(plan.points(), ShardId{0, 1}) : shard_points(plan.points(), shard);
  if (talk) {
    std::printf("simrun %s sweep: %s, %s design, %zu parameters, %zu points x %s, %d ticks (%s-%s), seed %u", kVersion, s.name.c_str(),
                design_kind_name(s.kind), plan.design.params, plan.points(), runs_text(s).c_str(), plan.ticks,
                plan.base.calendar.quarter_of_tick(1).label().c_str(), plan.base.calendar.quarter_of_tick(plan.ticks).label().c_str(), s.seed);
    if (!o.shard.empty()) std::printf(", shard %s (%zu points)", o.shard.c_str(), mine.size());
    if (mpi) std::printf(", %d MPI ranks x %d threads", mpi->size(), threads);
    else std::printf(", %d threads", threads);
    std::printf("\n");
    std::fflush(stdout);
  }

  const auto t0 = std::chrono::steady_clock::now();
  PointProgress bar(talk);
  std::size_t finished = 0;
  const std::size_t total = mpi ? plan.points() : mine.size();
  auto tick = [&](std::size_t) { bar.update(++finished, total); };
  std::vector<PointResult> results;
  try {
    const CooperativeStop stoppable;
    if (mpi) {
      results = run_points_mpi(*mpi, plan, tick);
      if (!lead) return kExitOk;
    } else {
      results.resize(plan.points());
      run_points(plan, mine, results, tick);
    }
  } catch (const Interrupted&) {
    bar.finish();
    std::fprintf(stderr, "simrun: interrupted; no output was written (%s left untouched). Run the same command again to redo it.\n",
                 output.c_str());
    return kExitInterrupted;
  }
  bar.finish();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::uint64_t runs = 0;
  for (std::size_t p : mine) runs += results[p].runs;
  if (mpi) {
    runs = 0;
    for (const auto& r : results) runs += r.runs;
  }

  if (!o.shard.empty()) {
    write_shard(target, plan, shard, results, o.command_line);
    if (talk)
      std::printf("Wrote shard %s (%zu points, %llu runs) to %s in %.2f s (%.0f runs/s); merge the %zu shards with simrun merge\n",
                  o.shard.c_str(), mine.size(), static_cast<unsigned long long>(runs), output.c_str(), secs,
                  static_cast<double>(runs) / secs, shard.count);
    return kExitOk;
  }
  const auto sobol = sweep_sobol(plan, results);
  SweepRunInfo info;
  info.command_line = o.command_line;
  info.threads = threads;
  info.ranks = mpi ? mpi->size() : 1;
  write_sweep_file(target, plan, results, sobol, info);
  if (talk) {
    std::printf("%s", format_sweep_summary(plan, results, sobol).c_str());
    std::printf("Wrote %s in %.2f s: %zu points, %llu runs, %.0f runs/s\n", output.c_str(), secs, plan.points(),
                static_cast<unsigned long long>(runs), static_cast<double>(runs) / secs);
  }
  return kExitOk;
}

}  // namespace simrun
