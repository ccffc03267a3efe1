#include "sim/output/posterior_file.hpp"

#include <cmath>

#include "sim/output/file_kinds.hpp"
#include "sim/output/h5_read.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/metadata.hpp"
#include "sim/scenario/input_error.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

using h5::Attr;

std::vector<std::int64_t> iota(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>(i);
  return v;
}

template <class F>
std::vector<double> per_generation(const PosteriorRecord& r, F f) {
  std::vector<double> v;
  for (const auto& g : r.generations) v.push_back(f(g));
  return v;
}

template <class F>
std::vector<double> stacked(const PosteriorRecord& r, F f) {
  std::vector<double> v;
  for (const auto& g : r.generations) {
    const std::vector<double>& x = f(g);
    v.insert(v.end(), x.begin(), x.end());
  }
  return v;
}

void write_root_attrs(h5::Group& root, const PosteriorRecord& r) {
  std::vector<Attr> attrs = file_kind_attrs(kPosteriorFile);
  attrs.insert(attrs.end(), {Attr::str("simrun_version", kVersion), Attr::str("git_commit", kGitCommit),
                  Attr::str("creation_time", iso_time_now()), Attr::str("title", "simrun ABC-SMC posterior"),
                  Attr::str("algorithm", "ABC-PMC (Beaumont, Cornuet, Marin & Robert 2009, Biometrika 96:983) with the "
                                         "adaptive tolerance and acceptance-rate stop of Lenormand, Jabot & Deffuant "
                                         "2013, Computational Statistics 28:2777"),
                  Attr::str("calibration_file", r.calibration_file),
                  Attr::str("calibration_absolute_path", absolute_path_of(r.calibration_file)),
                  Attr::str("calibration_hash", r.calibration_hash), Attr::str("scenario", r.scenario_path),
                  Attr::str("command_line", r.command_line), Attr::str("stop_reason", r.stop_reason),
                  Attr::i64("seed", r.seed), Attr::i64("particles", r.particles),
                  Attr::i64("max_generations", r.max_generations), Attr::i64("runs_per_particle", r.runs_per_particle),
                  Attr::i64("threads", r.threads), Attr::i64("mpi_ranks", r.ranks), Attr::f64("alpha", r.alpha),
                  Attr::f64("min_acceptance", r.min_acceptance), Attr::f64("target_tolerance", r.target_tolerance),
                  Attr::str("kernel", r.kernel),
                  Attr::str("posterior", "the last generation: theta[-1] with weight[-1]")});
  root.set_attrs(attrs);
}

}  // namespace

void write_posterior_file(const OutputTarget& path, const PosteriorRecord& r) {
  h5::File file(path);
  h5::Group root = file.root();
  write_root_attrs(root, r);
  const std::size_t ng = r.generations.size();
  root.dimension("generation", iota(ng), meta("1", "ABC-SMC generation (0: the prior sample)"));
  root.dimension("particle", iota(static_cast<std::size_t>(r.particles)), meta("1", "particle index"));
  root.dimension("parameter", r.parameter, meta("1", "uncertain input (scenario --set path)"));
  root.dimension("target", r.target, meta("1", "calibration target"));
  root.write_strings("parameter_units", "parameter", r.parameter_units, meta("1", "units of the parameter"));
  root.write_strings("parameter_prior", "parameter", r.parameter_prior, meta("1", "prior distribution"));
  root.write_strings("parameter_source", "parameter", r.parameter_source, meta("1", "source of the prior"));
  root.write("target_observed", {"target"}, r.target_observed, meta("1", "observed value of the target"));
  root.write("target_error", {"target"}, r.target_error, meta("1", "observation error (sd) the distance divides by"));
  root.write_strings("target_source", "target", r.target_source, meta("1", "source of the observation"));
  root.write("theta", {"generation", "particle", "parameter"}, stacked(r, [](const auto& g) -> const auto& { return g.theta; }),
             meta("parameter units", "particle parameter values"));
  root.write("weight", {"generation", "particle"}, stacked(r, [](const auto& g) -> const auto& { return g.weight; }),
             meta("1", "normalised importance weight"));
  root.write("distance", {"generation", "particle"}, stacked(r, [](const auto& g) -> const auto& { return g.distance; }),
             meta("1", "distance of the particle's simulation to the targets"));
  root.write("tolerance", {"generation"}, per_generation(r, [](const auto& g) { return g.tolerance; }),
             meta("1", "ABC tolerance of the generation (inf: prior sample)"));
  root.write("acceptance_rate", {"generation"}, per_generation(r, [](const auto& g) { return g.acceptance_rate; }),
             meta("1", "accepted particles / attempts"));
  root.write("ess", {"generation"}, per_generation(r, [](const auto& g) { return g.ess; }),
             meta("1", "effective sample size (sum w)^2 / sum w^2"));
  root.write("wall_seconds", {"generation"}, per_generation(r, [](const auto& g) { return g.wall_seconds; }),
             meta("s", "wall time of the generation"));
  std::vector<std::int64_t> attempts, sims, outside;
  for (const auto& g : r.generations) attempts.push_back(g.attempts), sims.push_back(g.simulations), outside.push_back(g.outside);
  root.write("attempts", {"generation"}, attempts, meta("1", "attempts up to the last accepted particle"));
  root.write("simulations", {"generation"}, sims, meta("1", "simulator calls (each runs_per_particle model runs)"));
  root.write("outside_support", {"generation"}, outside,
             meta("1", "proposals outside the priors' support, not simulated (same batches as simulations)"));
  root.write_text("calibration_yaml", r.calibration_text, meta("1", "the calibration file, verbatim"));
  root.write_text("scenario_yaml", r.scenario_text, meta("1", "the calibrated scenario file, verbatim"));
  file.commit();
}

namespace {

using h5read::attr_f64;
using h5read::attr_i64;
using h5read::attr_str;
using h5read::read_all;
using h5read::read_strings;
using h5read::read_text;

void read_generations(const H5::H5File& f, PosteriorRecord& r) {
  const auto tol = read_all<double>(f, "tolerance", H5::PredType::NATIVE_DOUBLE);
  const auto acc = read_all<double>(f, "acceptance_rate", H5::PredType::NATIVE_DOUBLE);
  const auto ess = read_all<double>(f, "ess", H5::PredType::NATIVE_DOUBLE);
  const auto wall = read_all<double>(f, "wall_seconds", H5::PredType::NATIVE_DOUBLE);
  const auto att = read_all<std::int64_t>(f, "attempts", H5::PredType::NATIVE_INT64);
  const auto sims = read_all<std::int64_t>(f, "simulations", H5::PredType::NATIVE_INT64);
  const auto outside = f.nameExists("outside_support") ? read_all<std::int64_t>(f, "outside_support", H5::PredType::NATIVE_INT64)
                                                       : std::vector<std::int64_t>(tol.size(), 0);  // format 1.0
  const auto theta = read_all<double>(f, "theta", H5::PredType::NATIVE_DOUBLE);
  const auto weight = read_all<double>(f, "weight", H5::PredType::NATIVE_DOUBLE);
  const auto dist = read_all<double>(f, "distance", H5::PredType::NATIVE_DOUBLE);
  const std::size_t n = static_cast<std::size_t>(r.particles), dim = r.parameter.size();
  if (theta.size() != tol.size() * n * dim || weight.size() != tol.size() * n || dist.size() != weight.size() ||
      outside.size() != tol.size())
    throw std::runtime_error("particle arrays do not match the generation, particle and parameter dimensions");
  for (std::size_t g = 0; g < tol.size(); ++g) {
    PosteriorGenerationRecord rec;
    rec.tolerance = tol[g], rec.acceptance_rate = acc[g], rec.ess = ess[g], rec.wall_seconds = wall[g];
    rec.attempts = att[g], rec.simulations = sims[g], rec.outside = outside[g];
    rec.theta.assign(theta.begin() + static_cast<std::ptrdiff_t>(g * n * dim), theta.begin() + static_cast<std::ptrdiff_t>((g + 1) * n * dim));
    rec.weight.assign(weight.begin() + static_cast<std::ptrdiff_t>(g * n), weight.begin() + static_cast<std::ptrdiff_t>((g + 1) * n));
    rec.distance.assign(dist.begin() + static_cast<std::ptrdiff_t>(g * n), dist.begin() + static_cast<std::ptrdiff_t>((g + 1) * n));
    r.generations.push_back(std::move(rec));
  }
}

}  // namespace

PosteriorRecord read_posterior_file(const std::string& path) {
  PosteriorRecord r;
  try {
    H5::Exception::dontPrint();
    const H5::H5File f(path, H5F_ACC_RDONLY);
    const H5::Group root = f.openGroup("/");
    if (attr_str(root, "filetype") != kPosteriorFile.filetype)
      throw InputError(path, 0, "filetype", "expected a simrun posterior file (filetype 'simrun-posterior', written by simrun calibrate)");
    std::vector<std::int64_t> version(2, 0);
    root.openAttribute("format_version").read(H5::PredType::NATIVE_INT64, version.data());
    if (version[0] != kPosteriorFile.major)
      throw InputError(path, 0, "format_version", "posterior format " + std::to_string(version[0]) + " is not readable by this simrun (expected " + std::to_string(kPosteriorFile.major) + ".x)");
    r.calibration_file = attr_str(root, "calibration_file");
    r.calibration_hash = attr_str(root, "calibration_hash");
    r.scenario_path = attr_str(root, "scenario");
    r.command_line = attr_str(root, "command_line");
    r.stop_reason = attr_str(root, "stop_reason");
    r.seed = attr_i64(root, "seed"), r.particles = attr_i64(root, "particles");
    r.max_generations = attr_i64(root, "max_generations"), r.runs_per_particle = attr_i64(root, "runs_per_particle");
    r.threads = attr_i64(root, "threads"), r.ranks = attr_i64(root, "mpi_ranks");
    r.alpha = attr_f64(root, "alpha"), r.min_acceptance = attr_f64(root, "min_acceptance");
    r.target_tolerance = attr_f64(root, "target_tolerance");
    r.kernel = root.attrExists("kernel") ? attr_str(root, "kernel") : "gaussian";  // format 1.0: the only kernel then
    r.parameter = read_strings(f, "parameter");
    r.parameter_units = read_strings(f, "parameter_units");
    r.parameter_prior = read_strings(f, "parameter_prior");
    r.parameter_source = read_strings(f, "parameter_source");
    r.target = read_strings(f, "target");
    r.target_source = read_strings(f, "target_source");
    r.target_observed = read_all<double>(f, "target_observed", H5::PredType::NATIVE_DOUBLE);
    r.target_error = read_all<double>(f, "target_error", H5::PredType::NATIVE_DOUBLE);
    r.calibration_text = read_text(f, "calibration_yaml");
    r.scenario_text = read_text(f, "scenario_yaml");
    read_generations(f, r);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(path, 0, "", std::string("not a readable simrun posterior file: ") + e.what());
  } catch (const H5::Exception& e) {
    throw InputError(path, 0, "", "not a readable simrun posterior file (HDF5: " + e.getDetailMsg() + ")");
  }
  if (r.generations.empty()) throw InputError(path, 0, "generation", "the posterior file holds no completed generation");
  return r;
}

}  // namespace simrun
