#include "sim/sweep/sweep_job.hpp"

#include <exception>
#include <filesystem>
#include <mutex>

#include "sim/output/output_path.hpp"
#include "sim/scenario/file_names.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/run_points.hpp"

namespace simrun {
namespace {

std::string default_output(const SweepRequest& r, const std::optional<ShardId>& shard) {
  const std::string suffix =
      shard ? ".shard-" + std::to_string(shard->index) + "-of-" + std::to_string(shard->count) : std::string();
  return "results/" + file_stem(r.sweep) + suffix + ".h5";
}

/// Checks the output path; for a shard whose complete output exists, returns true (skip it).
bool prepare_output(const SweepRequest& r, const SweepJob& job) {
  std::error_code ec;
  if (!job.shard || !std::filesystem::is_regular_file(job.output, ec) || r.force) {
    check_output_path(job.output, r.force, job.output_defaulted, plan_inputs(job.plan));
    return false;
  }
  // A re-submitted array task: a complete shard of this very sweep is kept.
  std::string why;
  try {
    const ShardHeader h = read_shard_header(job.output);
    why = shard_mismatch(h, job.plan, *job.shard);
    if (why.empty()) {
      std::vector<PointResult> scratch(job.plan.points());
      read_shard_results(h, job.plan, scratch);
    }
  } catch (const InputError& e) {
    why = e.detail();
  }
  if (!why.empty())
    throw InputError("command line", 0, "--output", "'" + job.output + "' exists but is not a complete shard " + r.shard +
                                                        " of this sweep (" + why + "); use --force to overwrite it");
  return true;
}

}  // namespace

std::vector<std::size_t> SweepJob::points() const {
  return shard_points(plan.points(), shard ? *shard : ShardId{0, 1});
}

SweepJob prepare_sweep(const SweepRequest& r) {
  SweepJob job;
  int launcher_size = 1;
  const bool under_mpi = launched_by_mpi(launcher_size) && launcher_size > 1;
  if (under_mpi && !have_mpi())
    throw InputError("command line", 0, "", "started by an MPI launcher with " + std::to_string(launcher_size) +
                                                 " ranks, but this simrun was built without MPI (install libopenmpi-dev and rebuild)");
  if (under_mpi && !r.shard.empty())
    throw InputError("command line", 0, "--shard", "--shard is for job arrays of single processes; under mpirun the ranks share the points");
  if (under_mpi) job.mpi = std::make_unique<MpiSession>();
  // Every rank reads and validates the sweep (deterministically: they fail alike); only the
  // lead reports the error. The lead alone checks the output path and tells the others.
  std::exception_ptr bad_input;
  try {
    if (!r.shard.empty()) job.shard = parse_shard(r.shard);
    job.plan = make_plan(r.sweep, r.overrides, r.pickers);
    if (r.dry_run) return job;
    job.output_defaulted = r.output.empty();
    job.force = r.force;
    job.output = job.output_defaulted ? default_output(r, job.shard) : r.output;
    if (job.lead()) job.skip = prepare_output(r, job);
  } catch (const InputError&) {
    if (!job.mpi) throw;
    bad_input = std::current_exception();
  }
  if (job.mpi && !job.mpi->all(!bad_input)) {
    if (job.lead() && bad_input) std::rethrow_exception(bad_input);
    job.peer_failed = true;
  }
  return job;
}

std::vector<PointResult> run_sweep(const SweepJob& job, const std::function<void(std::size_t, std::size_t)>& done,
                                   StopFlag stop) {
  std::size_t finished = 0;
  const std::vector<std::size_t> mine = job.points();
  const std::size_t total = mine.size();
  auto tick = [&](std::size_t) {
    ++finished;
    if (done) done(finished, total);
  };
  if (job.mpi) return run_points_mpi(*job.mpi, job.plan, tick, stop);
  std::vector<PointResult> results(job.plan.points());
  run_points(job.plan, mine, results, tick, stop);
  return results;
}

std::uint64_t runs_done(const SweepJob& job, const std::vector<PointResult>& results) {
  std::uint64_t runs = 0;
  if (job.mpi) {
    for (const auto& r : results) runs += r.runs;
  } else {
    for (std::size_t p : job.points()) runs += results[p].runs;
  }
  return runs;
}

std::vector<SobolIndices> write_sweep_result(const SweepJob& job, const std::vector<PointResult>& results,
                                             const SweepRunInfo& info) {
  if (job.shard) {
    write_shard(OutputTarget(job.output, job.force, identities(plan_inputs(job.plan))), job.plan, *job.shard, results, info.command_line);
    return {};
  }
  const auto sobol = sweep_sobol(job.plan, results);
  write_sweep_file(OutputTarget(job.output, job.force, identities(plan_inputs(job.plan))), job.plan, results, sobol, info);
  return sobol;
}

}  // namespace simrun
