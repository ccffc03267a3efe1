#include "sim/output/sweep_file.hpp"

#include <numeric>

#include "sim/engine/estimates.hpp"
#include "sim/engine/statistics.hpp"
#include "sim/output/file_kinds.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/metadata.hpp"
#include "sim/scenario/resolved.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

using h5::Attr;

void write_header(h5::Group& root, const SweepDescription& s, const SweepRunInfo& info) {
  const Scenario& sc = *s.base;
  std::vector<Attr> attrs = file_kind_attrs(kSweepFile);
  attrs.insert(attrs.end(), {
      Attr::str("simrun_version", kVersion),
      Attr::str("git_commit", kGitCommit),
      Attr::str("creation_time", iso_time_now()),
      Attr::str("title", "simrun sweep: " + s.name),
      Attr::str("sweep_name", s.name),
      Attr::str("sweep_description", s.description),
      Attr::str("sweep_file", s.path),
      Attr::str("sweep_absolute_path", s.absolute_path),
      Attr::str("scenario", s.scenario_path),
      Attr::str("scenario_name", sc.name),
      Attr::i64("seed", static_cast<std::int64_t>(s.seed)),
      Attr::str("design", s.design_kind),
      Attr::i64("design_seed", static_cast<std::int64_t>(s.design_seed)),
      Attr::i64("points", static_cast<std::int64_t>(s.points)),
      Attr::i64("ticks", s.ticks),
      Attr::str("start_quarter", sc.calendar.start.label()),
      Attr::str("end_quarter", sc.calendar.quarter_of_tick(s.ticks).label()),
      Attr::str("runs_policy", s.adaptive ? "adaptive" : "fixed"),
      Attr::str("sweep_hash", s.sweep_hash),
      Attr::str("design_hash", s.design_hash),
      Attr::str("command_line", info.command_line),
      Attr::i64("threads", info.threads),
      Attr::i64("mpi_ranks", info.ranks),
      Attr::i64("merged_shards", info.shards),
      Attr::str("confidence_intervals", "95% Wilson score intervals (variables *_lower, *_upper)"),
  });
  if (s.adaptive) {
    attrs.push_back(Attr::f64("target_half_width", s.target_half_width));
    attrs.push_back(Attr::i64("max_runs", static_cast<std::int64_t>(s.max_runs)));
    attrs.push_back(Attr::i64("batch", static_cast<std::int64_t>(s.batch)));
  } else {
    attrs.push_back(Attr::i64("runs_per_point", static_cast<std::int64_t>(s.runs)));
  }
  if (!s.posterior.empty()) {  // only then, so that other sweeps keep their attributes
    attrs.push_back(Attr::str("inputs", "posterior: the calibrated inputs not swept drawn per run from the posterior (docs/sensitivity.md)"));
    attrs.push_back(Attr::str("posterior", s.posterior));
    attrs.push_back(Attr::str("posterior_checksum", s.posterior_checksum));
  }
  if (s.design_points) attrs.push_back(Attr::i64("design_points", static_cast<std::int64_t>(*s.design_points)));
  if (s.saltelli) {
    attrs.push_back(Attr::i64("base_samples", static_cast<std::int64_t>(s.base_samples)));
    attrs.push_back(Attr::str("sampler", s.sampler));
    attrs.push_back(Attr::i64("bootstrap_resamples", static_cast<std::int64_t>(s.bootstrap)));
  }
  root.set_attrs(attrs);
}

void write_dimensions(h5::Group& root, const SweepDescription& s) {
  const Scenario& sc = *s.base;
  std::vector<std::int64_t> point_ids(s.points), tick_index, formation_ticks;
  std::iota(point_ids.begin(), point_ids.end(), 0);
  std::vector<double> days;
  std::vector<std::string> quarters, dyads;
  for (int t = 0; t <= s.ticks; ++t) {
    const Quarter q = sc.calendar.quarter_of_tick(t);
    days.push_back(static_cast<double>(q.end_day()));
    tick_index.push_back(t);
    formation_ticks.push_back(t);
    quarters.push_back(q.label());
  }
  for (std::size_t d = 0; d < sc.dyads.size(); ++d) dyads.push_back(sc.dyad_label(static_cast<int>(d)));
  root.dimension("point", point_ids, meta("1", "sweep point (row of the design)"));
  root.dimension("parameter", s.parameters, meta("1", "swept parameter (its --set path)"));
  root.dimension("tick", days, meta("days since 1970-01-01", "end of the quarter a tick represents (tick 0: initial state)",
                                    {Attr::str("calendar", "proleptic_gregorian")}));
  root.write("tick_index", {"tick"}, tick_index, meta("1", "tick number (0 = initial state)"));
  root.write_strings("quarter", "tick", quarters, meta("1", "quarter label of the tick"));
  root.dimension("dyad", dyads, meta("1", "unordered actor pair"));
  root.dimension("front", front_names(), meta("1", "front of a dyad's ties"));
  root.dimension("focal", s.focal_labels, meta("1", "focal dyad: its P(alliance formed by the horizon) is a focal outcome"));
  root.dimension("formation_tick", formation_ticks, meta("1", "tick at which an alliance first formed"));
}

void write_design(h5::Group& root, const SweepDescription& s) {
  root.write("design", {"point", "parameter"}, s.design, meta("1", "value of each swept parameter at each point (given to --set)"));
  root.write_strings("parameter_distribution", "parameter", s.distributions,
                     meta("1", "values (grid) or distribution sampled (LHS, Saltelli)"));
  root.write_strings("point_overrides", "point", s.point_overrides,
                     meta("1", "the point's --set assignments (after the sweep's fixed set: list)"));
  if (!s.posterior.empty() && !s.posterior_drawn.empty())
    root.dimension("posterior_drawn", s.posterior_drawn,
                   meta("1", "calibrated input drawn per run from the posterior (run r: the particle of draw r)"));
  if (s.saltelli) {
    root.write("saltelli_block", {"point"}, s.saltelli_block,
               meta("1", "Saltelli matrix of the point: 0 = A, 1 = B, 2 + i = A_B^i (A with parameter i from B)"));
    root.write("saltelli_row", {"point"}, s.saltelli_row, meta("1", "row of the point in its Saltelli matrix"));
  }
}

/// A probability over (point, tick, dyad) with its Wilson bounds, from every point's counts.
void write_probability(h5::Group& root, const std::string& name, const std::vector<PointResult>& results,
                       std::vector<std::uint64_t> PointResult::*counts, const std::string& what) {
  ProbabilityTriplet all;
  for (const PointResult& r : results) {
    const ProbabilityTriplet t = wilson_triplet(r.*counts, r.runs);
    all.estimate.insert(all.estimate.end(), t.estimate.begin(), t.estimate.end());
    all.lower.insert(all.lower.end(), t.lower.begin(), t.lower.end());
    all.upper.insert(all.upper.end(), t.upper.begin(), t.upper.end());
  }
  const std::vector<std::string> dims = {"point", "tick", "dyad"};
  root.write(name, dims, all.estimate, probability_meta(name, what));
  root.write(name + "_lower", dims, all.lower, meta("1", "lower bound of the 95% Wilson interval of " + name));
  root.write(name + "_upper", dims, all.upper, meta("1", "upper bound of the 95% Wilson interval of " + name));
}

void write_outcomes(h5::Group& root, const SweepDescription& s, const std::vector<PointResult>& results) {
  const std::size_t P = s.points, D = s.base->dyads.size(), T1 = static_cast<std::size_t>(s.ticks) + 1;
  std::vector<std::int64_t> runs(P);
  for (std::size_t pt = 0; pt < P; ++pt) runs[pt] = static_cast<std::int64_t>(results[pt].runs);
  root.write("runs", {"point"}, runs, meta("runs", "Monte Carlo runs of the point (runs 0..runs-1 of the sweep's seed)"));
  write_probability(root, "alliance_formed_by", results, &PointResult::formed_by, "a formal alliance has formed by the tick");
  write_probability(root, "alliance_in_force", results, &PointResult::in_force, "a formal alliance is in force at the tick");

  std::vector<std::int64_t> formation(P * D * T1), never(P * D);
  for (std::size_t pt = 0; pt < P; ++pt)
    for (std::size_t d = 0; d < D; ++d) {
      for (std::size_t t = 0; t < T1; ++t)
        formation[(pt * D + d) * T1 + t] = static_cast<std::int64_t>(results[pt].first_formation[d * (T1 + 1) + t]);
      never[pt * D + d] = static_cast<std::int64_t>(results[pt].first_formation[d * (T1 + 1) + T1]);
    }
  root.write("formation_time_count", {"point", "dyad", "formation_tick"}, formation, meta("runs", "runs whose alliance first formed at the tick"));
  root.write("never_formed_count", {"point", "dyad"}, never, meta("runs", "runs in which no alliance formed"));

  std::vector<double> mean, sd;
  for (const PointResult& r : results) {
    const FrontMoments m = front_moments(r.front_sum, r.front_sumsq, r.origin, r.runs, static_cast<int>(D));
    mean.insert(mean.end(), m.mean.begin(), m.mean.end());
    sd.insert(sd.end(), m.sd.begin(), m.sd.end());
  }
  root.write("front_mean", {"point", "tick", "dyad", "front"}, mean, meta("1", "mean of the front over runs"));
  root.write("front_sd", {"point", "tick", "dyad", "front"}, sd, meta("1", "standard deviation of the front over runs"));
}

void write_focal(h5::Group& root, const SweepDescription& s, const std::vector<PointResult>& results) {
  const std::size_t P = s.points, nfocal = s.focal_dyads.size(), D = s.base->dyads.size();
  std::vector<double> fp(P * nfocal), flo(P * nfocal), fhi(P * nfocal);
  std::vector<std::int64_t> fcount(P * nfocal);
  for (std::size_t pt = 0; pt < P; ++pt)
    for (std::size_t k = 0; k < nfocal; ++k) {
      const std::uint64_t c = s.focal_pact.empty()
                                  ? results[pt].formed_by[static_cast<std::size_t>(s.ticks) * D + static_cast<std::size_t>(s.focal_dyads[k])]
                                  : results[pt].focal_formed_by[static_cast<std::size_t>(s.ticks) * nfocal + k];
      const Interval iv = wilson(c, results[pt].runs);
      fp[pt * nfocal + k] = iv.estimate;
      flo[pt * nfocal + k] = iv.lo;
      fhi[pt * nfocal + k] = iv.hi;
      fcount[pt * nfocal + k] = static_cast<std::int64_t>(c);
    }
  const std::string horizon = s.base->calendar.quarter_of_tick(s.ticks).label();
  const std::string what = s.focal_pact.empty() ? "a formal alliance" : "a new pact of its type (focal_pact_type)";
  root.write("focal_probability", {"point", "focal"}, fp,
             probability_meta("focal_probability", "the focal dyad has formed " + what + " by the horizon (" + horizon + ")"));
  if (!s.focal_pact.empty())
    root.write_strings("focal_pact_type", "focal", s.focal_pact,
                       meta("1", "pact type of the focal outcome: defence, consultation or nonaggression"));
  root.write("focal_probability_lower", {"point", "focal"}, flo, meta("1", "lower bound of the 95% Wilson interval of focal_probability"));
  root.write("focal_probability_upper", {"point", "focal"}, fhi, meta("1", "upper bound of the 95% Wilson interval of focal_probability"));
  root.write("focal_formed_count", {"point", "focal"}, fcount, meta("runs", "runs in which the focal alliance formed by the horizon"));
}

void write_sobol(h5::Group& root, const SweepDescription& s, const std::vector<SobolIndices>& sobol) {
  if (sobol.empty()) return;
  const std::size_t nfocal = s.focal_dyads.size(), nparam = s.parameters.size();
  auto table = [&](std::vector<double> SobolIndices::*field) {
    std::vector<double> v(nfocal * nparam);
    for (std::size_t k = 0; k < nfocal; ++k)
      for (std::size_t i = 0; i < nparam; ++i) v[k * nparam + i] = (sobol[k].*field)[i];
    return v;
  };
  const std::vector<std::string> dims = {"focal", "parameter"};
  const std::string boot = std::to_string(s.bootstrap) + " bootstrap resamples of the N rows (percentile interval)";
  root.write("sobol_first", dims, table(&SobolIndices::first),
             meta("1", "first-order Sobol index S_i of the focal probability (Saltelli 2010 estimator)",
                  {Attr::str("ci_lower", "sobol_first_lower"), Attr::str("ci_upper", "sobol_first_upper")}));
  root.write("sobol_first_lower", dims, table(&SobolIndices::first_lower), meta("1", "lower bound of the 95% bootstrap interval of S_i: " + boot));
  root.write("sobol_first_upper", dims, table(&SobolIndices::first_upper), meta("1", "upper bound of the 95% bootstrap interval of S_i: " + boot));
  root.write("sobol_total", dims, table(&SobolIndices::total),
             meta("1", "total Sobol index ST_i of the focal probability (Jansen 1999 estimator)",
                  {Attr::str("ci_lower", "sobol_total_lower"), Attr::str("ci_upper", "sobol_total_upper")}));
  root.write("sobol_total_lower", dims, table(&SobolIndices::total_lower), meta("1", "lower bound of the 95% bootstrap interval of ST_i: " + boot));
  root.write("sobol_total_upper", dims, table(&SobolIndices::total_upper), meta("1", "upper bound of the 95% bootstrap interval of ST_i: " + boot));
  std::vector<double> var;
  for (const auto& x : sobol) var.push_back(x.variance);
  root.write("focal_variance", {"focal"}, var, meta("1", "variance of the focal probability over the A and B points"));
}

void write_inputs(h5::Group& root, const SweepDescription& s) {
  h5::Group g = root.group("sweep");
  g.set_attrs({Attr::str("path", s.path), Attr::str("scenario_path", s.scenario_path)});
  g.write_text("yaml", s.yaml, meta("1", "the sweep file exactly as given"));
  g.write_text("scenario_yaml", s.scenario_yaml, meta("1", "the base scenario file exactly as given"));
  g.write_text("scenario_resolved_yaml", resolved_yaml(*s.base),
               meta("1", "the base scenario as used (defaults, the sweep's fixed set: and the command line's --set applied)"));
  std::string fixed;
  for (const auto& a : s.fixed_sets) fixed += a + "\n";
  g.write_text("fixed_overrides", fixed,
               meta("1", "the sweep's set: assignments, then the command line's --set ones, applied to every point first"));
  g.write_text("command_line_overrides", s.command_line_overrides,
               meta("1", "what the command line changed in the sweep file, one per line: runs=N (-n), seed=S (--seed), "
                         "set=PATH=VALUE (--set); empty if nothing"));
}

}  // namespace

void write_sweep_file(const OutputTarget& path, const SweepDescription& sweep, const std::vector<PointResult>& results,
                      const std::vector<SobolIndices>& sobol, const SweepRunInfo& info) {
  h5::File file(path);
  h5::Group root = file.root();
  write_header(root, sweep, info);
  write_dimensions(root, sweep);
  write_design(root, sweep);
  write_outcomes(root, sweep, results);
  write_focal(root, sweep, results);
  write_sobol(root, sweep, sobol);
  write_inputs(root, sweep);
  file.commit();
}

}  // namespace simrun
