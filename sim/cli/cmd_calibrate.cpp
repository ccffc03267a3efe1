// `simrun calibrate FILE.yaml [options]`: read the calibration file and its scenario -> resume
// from the posterior file if it holds generations of the same calibration -> run ABC-SMC
// generation by generation (a progress line each, the file rewritten after each) -> print the
// posterior summary. Under mpirun every rank evaluates its share of each batch; rank 0 writes.

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "sim/calibrate/abc_rng.hpp"
#include "sim/calibrate/calibration_run.hpp"
#include "sim/calibrate/evaluators.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/signals.hpp"
#include "sim/cli/thread_limit.hpp"
#include "sim/cli/option_parser.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/output_path.hpp"
#include "sim/scenario/file_names.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/sweep/mpi_sweep.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

struct CalibrateOptions : CommonOptions {
  std::string file;
  std::optional<std::uint32_t> seed_given;  ///< --seed, else the calibration file's seed
};

Usage calibrate_usage() {
  return {"simrun calibrate [options] calibration.yaml\n"
          "       mpirun -n K simrun calibrate [options] calibration.yaml   (each generation spread over K ranks)",
          "Fits a scenario's priors to observed targets by ABC-SMC (Beaumont et al. 2009 population Monte Carlo with\n"
          "the adaptive tolerances of Lenormand et al. 2013) and writes the posterior to an HDF5 file, rewritten after\n"
          "every generation: Ctrl-C keeps the completed generations and the same command resumes. Use the posterior\n"
          "with simrun --posterior FILE.h5 (also on compare and sweep).",
          "\n" + exit_codes_text("calibration file, options, output path; 130 keeps the completed generations") +
              "Documentation: docs/uncertainty.md\n"};
}

/// Parses argv; false when --help was printed.
bool parse_calibrate_options(int argc, const char* const* argv, CalibrateOptions& o) {
  std::vector<std::string> files;
  OptionParser p("calibrate", calibrate_usage());
  p.common(o, kOutputOption | kThreadsOption | kForceOption | kQuietOption,
           "posterior HDF5 file (default: results/<calibration>.posterior.h5); if it holds generations of the same "
           "calibration, they are kept and the run resumes (--force starts afresh)");
  p.sets(o, "PATH=VALUE pins a scenario number, PATH~DIST(...) gives it a prior, as for simrun (repeatable)");
  p.number("seed,s", o.seed_given, 0, 4294967295u, "master seed (default: the file's seed:, else " + std::to_string(kDefaultSeed) + ")");
  p.positionals(files, 1);
  if (!p.parse(argc, argv)) return false;
  if (files.empty()) throw InputError("command line", 0, "", "missing the calibration file: simrun calibrate [options] FILE.yaml (see simrun calibrate --help)");
  o.file = files[0];
  OptionParser::default_output(o, file_stem(o.file) + ".posterior");
  return true;
}

/// Generations of the same calibration already in `output` (resume), or none. Refuses to
/// replace another file without --force.
std::vector<AbcGeneration> resumable(const CalibrateOptions& o, const std::string& output, const PosteriorRecord& header) {
  if (!std::filesystem::exists(output) || o.force) {
    check_output_path(output, o.force, true);
    return {};
  }
  check_output_path(output, true, true);  // a directory or a non-regular file is still refused
  PosteriorRecord old;
  try {
    old = read_posterior_file(output);
  } catch (const InputError&) {
    throw InputError("command line", 0, "--output", "'" + output + "' exists and is not a posterior of this calibration (use --force to replace it)");
  }
  if (old.calibration_hash != header.calibration_hash)
    throw InputError("command line", 0, "--output", "'" + output + "' holds a posterior of another calibration, scenario, seed or simrun version (use --force to replace it)");
  std::vector<AbcGeneration> done;
  for (std::size_t g = 0; g < old.generations.size(); ++g)
    done.push_back(from_record(old.generations[g], static_cast<int>(g), static_cast<int>(header.parameter.size())));
  return done;
}

void print_generation(const AbcGeneration& g) {
  std::printf("generation %2d: tolerance %-8.4g acceptance %.4f (%llu attempts, %llu simulations, %llu outside the support)  ESS %6.1f  %.2f s\n",
              g.index, g.tolerance, g.acceptance_rate, static_cast<unsigned long long>(g.attempts),
              static_cast<unsigned long long>(g.simulations), static_cast<unsigned long long>(g.outside), g.ess, g.wall_seconds);
  std::fflush(stdout);
}

void print_posterior(const PosteriorRecord& header, const AbcGeneration& last) {
  std::printf("Posterior (weighted particles of generation %d; mean, sd and 90%% credible interval over the input uncertainty\n"
              "left after the targets; each from %d particles, ESS %.0f):\n", last.index, static_cast<int>(last.weight.size()), last.ess);
  for (Eigen::Index k = 0; k < last.theta.cols(); ++k) {
    std::vector<std::pair<double, double>> v;
    for (Eigen::Index i = 0; i < last.theta.rows(); ++i) v.emplace_back(last.theta(i, k), last.weight(i));
    std::sort(v.begin(), v.end());
    double mean = 0, sq = 0, c = 0, q05 = v.front().first, q95 = v.back().first;
    for (const auto& [x, w] : v) mean += w * x, sq += w * x * x;
    bool got05 = false, got95 = false;
    for (const auto& [x, w] : v) {
      c += w;
      if (!got05 && c >= 0.05) q05 = x, got05 = true;
      if (!got95 && c >= 0.95) q95 = x, got95 = true;
    }
    std::printf("  %-34s %10.4g  sd %-9.3g [%.4g, %.4g]   prior %s\n", header.parameter[static_cast<std::size_t>(k)].c_str(), mean,
                std::sqrt(std::max(0.0, sq - mean * mean)), q05, q95, header.parameter_prior[static_cast<std::size_t>(k)].c_str());
  }
}

}  // namespace

int calibrate_command(int argc, const char* const* argv) {
  CalibrateOptions o;
  if (!parse_calibrate_options(argc, argv, o)) return kExitOk;
  int launcher_size = 1;
  const bool under_mpi = launched_by_mpi(launcher_size) && launcher_size > 1;
  if (under_mpi && !have_mpi())
    throw InputError("command line", 0, "", "started by an MPI launcher, but this simrun was built without MPI (install libopenmpi-dev and rebuild)");
  std::unique_ptr<MpiSession> mpi;
  if (under_mpi) mpi = std::make_unique<MpiSession>();
  const bool lead = !mpi || mpi->rank() == 0;
  const ThreadLimit thread_limit(o.threads);  // -j, for every generation
  const int threads = thread_limit.threads();

  CalibrationSpec spec = load_calibration(o.file);
  if (o.seed_given) spec.settings.seed = *o.seed_given;
  const Scenario scenario = calibration_scenario(spec, o.sets);
  const ModelSimulator sim(scenario, spec);
  const std::vector<PriorMarginal> prior = calibrated_priors(sim);
  PosteriorRecord record = posterior_header(spec, sim);
  record.command_line = o.command_line;
  record.threads = threads;
  record.ranks = mpi ? mpi->size() : 1;
  const std::string& output = o.output;
  // Every rank reads the same file before rank 0 can write to it (it writes only after a
  // generation, which needs every rank), so all ranks resume from the same generations.
  std::vector<AbcGeneration> done = resumable(o, output, record);
  const bool talk = lead && !o.quiet;
  if (talk) {
    std::printf("simrun %s calibrate: %s, %zu parameters, %zu targets, %d particles, alpha %.2f, %s kernel, seed %u, %d %s x %d threads\n",
                kVersion, spec.name.c_str(), prior.size(), spec.targets.size(), spec.settings.particles, spec.settings.alpha,
                abc_kernel_name(spec.settings.kernel), spec.settings.seed, static_cast<int>(record.ranks), record.ranks == 1 ? "process" : "MPI ranks", threads);
    if (!done.empty()) std::printf("resuming after generation %d from %s\n", done.back().index, output.c_str());
    for (const AbcGeneration& g : done) print_generation(g);
  }
  const AbcRng rng(spec.settings.seed);
  AttemptDistance distance = [&sim, rng](int generation, std::uint64_t attempt, const Eigen::VectorXd& theta) {
    return sim.distance(sim.summaries(theta, rng.model_seed(generation, attempt)));
  };
  const BatchEvaluator evaluate =
      mpi ? mpi_evaluator(distance, mpi->rank(), mpi->size(), stop_flag()) : threaded_evaluator(distance, stop_flag());
  auto write = [&](const std::string& stop) {
    record.stop_reason = stop;
    record.generations.clear();
    for (const AbcGeneration& g : done) record.generations.push_back(to_record(g));
    // Rewritten after every generation: the file checked at the start (or written by the
    // generation before) is replaced on purpose.
    if (lead) write_posterior_file(OutputTarget(output, true), record);
  };
  AbcStop stop = AbcStop::Running;
  try {
    const CooperativeStop stoppable;  // the evaluator polls stop_flag() before each batch (sim/cli/signals.hpp)
    stop = run_abc_smc(prior, spec.settings, evaluate, done, [&](const AbcGeneration& g) {
      if (talk) print_generation(g);
      write("running (interrupted or still going)");
    });
  } catch (const Interrupted&) {
    if (lead)
      std::fprintf(stderr, "simrun: interrupted; %zu completed generations are in %s. Run the same command again to resume.\n",
                   done.size(), output.c_str());
    return kExitInterrupted;
  }
  write(abc_stop_name(stop));
  if (talk) {
    std::printf("Stopped: %s. Wrote %s\n", abc_stop_name(stop), output.c_str());
    print_posterior(record, done.back());
  }
  return kExitOk;
}

}  // namespace simrun
