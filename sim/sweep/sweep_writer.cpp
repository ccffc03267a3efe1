#include "sim/sweep/sweep_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "sim/engine/statistics.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/metadata.hpp"
#include "sim/scenario/resolved.hpp"
#include "simrun/version.hpp"

namespace simrun {

using h5::Attr;
using h5::Type;

std::vector<double> focal_probability(const SweepPlan& plan, const std::vector<PointResult>& results, std::size_t k) {
  std::vector<double> p(results.size());
  const auto at = static_cast<std::size_t>(plan.ticks) * static_cast<std::size_t>(plan.dyads) +
                  static_cast<std::size_t>(plan.focal_dyads[k]);
  for (std::size_t pt = 0; pt < results.size(); ++pt)
    p[pt] = wilson(results[pt].formed_by[at], results[pt].runs).estimate;
  return p;
}

std::vector<SobolIndices> sweep_sobol(const SweepPlan& plan, const std::vector<PointResult>& results) {
  std::vector<SobolIndices> out;
  if (plan.spec.kind != DesignKind::Saltelli) return out;
  for (std::size_t k = 0; k < plan.focal_dyads.size(); ++k)
    out.push_back(sobol_indices(focal_probability(plan, results, k), plan.spec.base_samples, plan.design.params,
                                plan.spec.bootstrap, plan.spec.design_seed));
  return out;
}

void write_sweep_file(const std::string& path, const SweepPlan& plan, const std::vector<PointResult>& results,
                      const std::vector<SobolIndices>& sobol, const SweepRunInfo& info) {
  const SweepSpec& s = plan.spec;
  const Scenario& sc = plan.base;
  const std::size_t P = plan.points(), D = static_cast<std::size_t>(plan.dyads), T1 = static_cast<std::size_t>(plan.ticks) + 1;
  const std::size_t nparam = plan.design.params, nfocal = plan.focal_dyads.size();
  h5::File file(path);
  h5::Group root = file.root();

  std::vector<Attr> attrs = {
      Attr::str("filetype", kSweepFileType),
      Attr::i64s("format_version", {kSweepFormatMajor, kSweepFormatMinor}),
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
      Attr::str("design", design_kind_name(s.kind)),
      Attr::i64("design_seed", static_cast<std::int64_t>(s.design_seed)),
      Attr::i64("points", static_cast<std::int64_t>(P)),
      Attr::i64("ticks", plan.ticks),
      Attr::str("start_quarter", sc.calendar.start.label()),
      Attr::str("end_quarter", sc.calendar.quarter_of_tick(plan.ticks).label()),
      Attr::str("runs_policy", s.adaptive() ? "adaptive" : "fixed"),
      Attr::str("sweep_hash", plan.sweep_hash),
      Attr::str("design_hash", plan.design_hash),
      Attr::str("command_line", info.command_line),
      Attr::i64("threads", info.threads),
      Attr::i64("mpi_ranks", info.ranks),
      Attr::i64("merged_shards", info.shards),
      Attr::str("confidence_intervals", "95% Wilson score intervals (variables *_lower, *_upper)"),
  };
  if (s.adaptive()) {
    attrs.push_back(Attr::f64("target_half_width", s.target_half_width));
    attrs.push_back(Attr::i64("max_runs", static_cast<std::int64_t>(s.max_runs)));
    attrs.push_back(Attr::i64("batch", static_cast<std::int64_t>(s.batch)));
  } else {
    attrs.push_back(Attr::i64("runs_per_point", static_cast<std::int64_t>(s.runs)));
  }
  if (s.kind == DesignKind::LatinHypercube) attrs.push_back(Attr::i64("design_points", static_cast<std::int64_t>(s.points)));
  if (s.kind == DesignKind::Saltelli) {
    attrs.push_back(Attr::i64("base_samples", static_cast<std::int64_t>(s.base_samples)));
    attrs.push_back(Attr::str("sampler", s.sampler == QmcSampler::Sobol ? "sobol (digitally shifted)" : "random"));
    attrs.push_back(Attr::i64("bootstrap_resamples", static_cast<std::int64_t>(s.bootstrap)));
  }
  root.set_attrs(attrs);

  // Dimensions.
  std::vector<std::int64_t> point_ids(P), tick_index, formation_ticks;
  std::iota(point_ids.begin(), point_ids.end(), 0);
  std::vector<double> days;
  std::vector<std::string> quarters;
  for (int t = 0; t <= plan.ticks; ++t) {
    const Quarter q = sc.calendar.quarter_of_tick(t);
    days.push_back(static_cast<double>(q.end_day()));
    tick_index.push_back(t);
    formation_ticks.push_back(t);
    quarters.push_back(q.label());
  }
  std::vector<std::string> param_names, dyads;
  for (const auto& p : s.parameters) param_names.push_back(p.path);
  for (int d = 0; d < plan.dyads; ++d) dyads.push_back(sc.dyad_label(d));
  root.dimension("point", point_ids, meta("1", "sweep point (row of the design)"));
  root.dimension("parameter", param_names, meta("1", "swept parameter (its --set path)"));
  root.dimension("tick", days, meta("days since 1970-01-01", "end of the quarter a tick represents (tick 0: initial state)",
                                    {Attr::str("calendar", "proleptic_gregorian")}));
  root.write("tick_index", {"tick"}, tick_index, meta("1", "tick number (0 = initial state)"));
  root.write_strings("quarter", "tick", quarters, meta("1", "quarter label of the tick"));
  root.dimension("dyad", dyads, meta("1", "unordered actor pair"));
  root.dimension("front", front_names(), meta("1", "front of a dyad's ties"));
  root.dimension("focal", plan.focal_labels, meta("1", "focal dyad: its P(alliance formed by the horizon) is a focal outcome"));
  root.dimension("formation_tick", formation_ticks, meta("1", "tick at which an alliance first formed"));

  // The design.
  root.write("design", {"point", "parameter"}, plan.design.values,
             meta("1", "value of each swept parameter at each point (given to --set)"));
  std::vector<std::string> dist, overrides;
  for (const auto& p : s.parameters) dist.push_back(p.describe());
  root.write_strings("parameter_distribution", "parameter", dist, meta("1", "values (grid) or distribution sampled (LHS, Saltelli)"));
  for (std::size_t pt = 0; pt < P; ++pt) {
    std::string line;
    for (const auto& a : plan.point_assignments(pt)) line += (line.empty() ? "" : " ") + a;
    overrides.push_back(line);
  }
  root.write_strings("point_overrides", "point", overrides,
                     meta("1", "the point's --set assignments (after the sweep's fixed set: list)"));
  if (s.kind == DesignKind::Saltelli) {
    root.write("saltelli_block", {"point"}, plan.design.saltelli_block,
               meta("1", "Saltelli matrix of the point: 0 = A, 1 = B, 2 + i = A_B^i (A with parameter i from B)"));
    root.write("saltelli_row", {"point"}, plan.design.saltelli_row, meta("1", "row of the point in its Saltelli matrix"));
  }

  // Per point outcome distributions.
  std::vector<std::int64_t> runs(P);
  for (std::size_t pt = 0; pt < P; ++pt) runs[pt] = static_cast<std::int64_t>(results[pt].runs);
  root.write("runs", {"point"}, runs, meta("runs", "Monte Carlo runs of the point (runs 0..runs-1 of the sweep's seed)"));

  auto write_probability = [&](const std::string& name, std::vector<std::uint64_t> PointResult::*counts, const std::string& what) {
    std::vector<double> p(P * T1 * D), lo(p.size()), hi(p.size());
    for (std::size_t pt = 0; pt < P; ++pt)
      for (std::size_t k = 0; k < T1 * D; ++k) {
        const Interval iv = wilson((results[pt].*counts)[k], results[pt].runs);
        p[pt * T1 * D + k] = iv.estimate;
        lo[pt * T1 * D + k] = iv.lo;
        hi[pt * T1 * D + k] = iv.hi;
      }
    const std::vector<std::string> dims = {"point", "tick", "dyad"};
    root.write(name, dims, p, meta("1", "probability that " + what, {Attr::str("ci_lower", name + "_lower"), Attr::str("ci_upper", name + "_upper")}));
    root.write(name + "_lower", dims, lo, meta("1", "lower bound of the 95% Wilson interval of " + name));
    root.write(name + "_upper", dims, hi, meta("1", "upper bound of the 95% Wilson interval of " + name));
  };
  write_probability("alliance_formed_by", &PointResult::formed_by, "a formal alliance has formed by the tick");
  write_probability("alliance_in_force", &PointResult::in_force, "a formal alliance is in force at the tick");

  std::vector<std::int64_t> formation(P * D * T1), never(P * D);
  for (std::size_t pt = 0; pt < P; ++pt)
    for (std::size_t d = 0; d < D; ++d) {
      for (std::size_t t = 0; t < T1; ++t)
        formation[(pt * D + d) * T1 + t] = static_cast<std::int64_t>(results[pt].first_formation[d * (T1 + 1) + t]);
      never[pt * D + d] = static_cast<std::int64_t>(results[pt].first_formation[d * (T1 + 1) + T1]);
    }
  root.write("formation_time_count", {"point", "dyad", "formation_tick"}, formation, meta("runs", "runs whose alliance first formed at the tick"));
  root.write("never_formed_count", {"point", "dyad"}, never, meta("runs", "runs in which no alliance formed"));

  // Front mean and sd, computed exactly as experiment_writer.cpp does for a single experiment.
  const std::size_t F = kFronts, per = T1 * D * F;
  std::vector<double> mean(P * per), sd(P * per);
  for (std::size_t pt = 0; pt < P; ++pt) {
    const PointResult& r = results[pt];
    const double n = static_cast<double>(r.runs);
    for (std::size_t k = 0; k < per; ++k) {
      const std::size_t d = (k / F) % D, f = k % F;
      const double origin = r.origin[d * F + f];
      const double m = from_fixed(r.front_sum[k]) / n;
      const double var = std::max(0.0, from_fixed(r.front_sumsq[k]) / n - m * m);
      mean[pt * per + k] = origin + m;
      sd[pt * per + k] = std::sqrt(var * n / std::max(1.0, n - 1));
    }
  }
  root.write("front_mean", {"point", "tick", "dyad", "front"}, mean, meta("1", "mean of the front over runs"));
  root.write("front_sd", {"point", "tick", "dyad", "front"}, sd, meta("1", "standard deviation of the front over runs"));

  // Focal outcome table.
  std::vector<double> fp(P * nfocal), flo(P * nfocal), fhi(P * nfocal);
  std::vector<std::int64_t> fcount(P * nfocal);
  for (std::size_t pt = 0; pt < P; ++pt)
    for (std::size_t k = 0; k < nfocal; ++k) {
      const std::uint64_t c = results[pt].formed_by[static_cast<std::size_t>(plan.ticks) * D + static_cast<std::size_t>(plan.focal_dyads[k])];
      const Interval iv = wilson(c, results[pt].runs);
      fp[pt * nfocal + k] = iv.estimate;
      flo[pt * nfocal + k] = iv.lo;
      fhi[pt * nfocal + k] = iv.hi;
      fcount[pt * nfocal + k] = static_cast<std::int64_t>(c);
    }
  const std::string horizon = sc.calendar.quarter_of_tick(plan.ticks).label();
  root.write("focal_probability", {"point", "focal"}, fp,
             meta("1", "probability that the focal dyad has formed a formal alliance by the horizon (" + horizon + ")",
                  {Attr::str("ci_lower", "focal_probability_lower"), Attr::str("ci_upper", "focal_probability_upper")}));
  root.write("focal_probability_lower", {"point", "focal"}, flo, meta("1", "lower bound of the 95% Wilson interval of focal_probability"));
  root.write("focal_probability_upper", {"point", "focal"}, fhi, meta("1", "upper bound of the 95% Wilson interval of focal_probability"));
  root.write("focal_formed_count", {"point", "focal"}, fcount, meta("runs", "runs in which the focal alliance formed by the horizon"));

  // Sobol indices.
  if (!sobol.empty()) {
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

  // Inputs, verbatim and resolved.
  h5::Group g = root.group("sweep");
  g.set_attrs({Attr::str("path", s.path), Attr::str("scenario_path", s.scenario_path)});
  g.write_text("yaml", s.text, meta("1", "the sweep file exactly as given"));
  g.write_text("scenario_yaml", plan.scenario_text, meta("1", "the base scenario file exactly as given"));
  g.write_text("scenario_resolved_yaml", resolved_yaml(sc),
               meta("1", "the base scenario as used (defaults and the sweep's fixed set: overrides applied)"));
  std::string fixed;
  for (const auto& a : s.fixed_sets) fixed += a + "\n";
  g.write_text("fixed_overrides", fixed, meta("1", "the sweep's set: assignments, applied to every point first"));
  file.commit();
}

std::string sobol_precision_note(const SobolIndices& s, std::uint64_t base_samples) {
  double widest = 0;
  for (std::size_t i = 0; i < s.first.size(); ++i)
    widest = std::max({widest, (s.first_upper[i] - s.first_lower[i]) / 2, (s.total_upper[i] - s.total_lower[i]) / 2});
  if (!(widest > kSobolHalfWidthGoal)) return {};
  // The bootstrap intervals shrink about as 1/sqrt(N) (Saltelli et al. 2010): N' = N (w / goal)^2.
  const double needed = static_cast<double>(base_samples) * (widest / kSobolHalfWidthGoal) * (widest / kSobolHalfWidthGoal);
  std::uint64_t power = 1;
  while (static_cast<double>(power) < needed) power *= 2;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "  Too few base samples for these intervals: N = %llu gives half-widths up to %.2f (more than %.2f), too "
                "wide to rank the parameters; intervals shrink about as 1/sqrt(N), so base_samples: %llu would bring them "
                "to about %.2f.\n",
                static_cast<unsigned long long>(base_samples), widest, kSobolHalfWidthGoal,
                static_cast<unsigned long long>(power), kSobolHalfWidthGoal);
  return buf;
}

std::string format_sweep_summary(const SweepPlan& plan, const std::vector<PointResult>& results,
                                 const std::vector<SobolIndices>& sobol) {
  std::ostringstream os;
  char buf[512];
  const std::string horizon = plan.base.calendar.quarter_of_tick(plan.ticks).label();
  const std::size_t P = plan.points();
  for (std::size_t k = 0; k < plan.focal_labels.size(); ++k) {
    const auto p = focal_probability(plan, results, k);
    const auto at = static_cast<std::size_t>(plan.ticks) * static_cast<std::size_t>(plan.dyads) + static_cast<std::size_t>(plan.focal_dyads[k]);
    os << "P(" << plan.focal_labels[k] << " alliance formed by " << horizon << ")";
    if (P <= 24) {
      os << " per point:\n";
      std::snprintf(buf, sizeof buf, "  %5s", "point");
      os << buf;
      std::vector<int> width;
      for (const auto& par : plan.spec.parameters) {
        width.push_back(std::max(10, static_cast<int>(par.path.size())));
        std::snprintf(buf, sizeof buf, "  %*s", width.back(), par.path.c_str());
        os << buf;
      }
      os << "  probability [95% CI]         runs\n";
      for (std::size_t pt = 0; pt < P; ++pt) {
        std::snprintf(buf, sizeof buf, "  %5zu", pt);
        os << buf;
        for (std::size_t i = 0; i < plan.design.params; ++i) {
          std::snprintf(buf, sizeof buf, "  %*.6g", width[i], plan.design.at(pt, i));
          os << buf;
        }
        const Interval iv = wilson(results[pt].formed_by[at], results[pt].runs);
        std::snprintf(buf, sizeof buf, "  %.4f [%.4f, %.4f]  %8llu\n", iv.estimate, iv.lo, iv.hi,
                      static_cast<unsigned long long>(results[pt].runs));
        os << buf;
      }
    } else {
      const auto mm = std::minmax_element(p.begin(), p.end());
      double mean = 0;
      for (double x : p) mean += x;
      mean /= static_cast<double>(P);
      std::snprintf(buf, sizeof buf, ": mean %.4f over %zu points, min %.4f (point %td), max %.4f (point %td)\n", mean, P,
                    *mm.first, mm.first - p.begin(), *mm.second, mm.second - p.begin());
      os << buf;
    }
  }
  for (std::size_t k = 0; k < sobol.size(); ++k) {
    const SobolIndices& s = sobol[k];
    std::vector<std::size_t> order(s.total.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s.total[a] > s.total[b]; });
    std::snprintf(buf, sizeof buf, "Sobol indices of P(%s by %s), ranked by total index (N = %llu, %llu points; 95%% bootstrap CIs):\n",
                  plan.focal_labels[k].c_str(), horizon.c_str(), static_cast<unsigned long long>(plan.spec.base_samples),
                  static_cast<unsigned long long>(P));
    os << buf;
    std::snprintf(buf, sizeof buf, "  %-34s %24s %24s\n", "parameter", "first order S1 [95% CI]", "total ST [95% CI]");
    os << buf;
    for (std::size_t i : order) {
      std::snprintf(buf, sizeof buf, "  %-34s %7.3f [%6.3f, %6.3f] %7.3f [%6.3f, %6.3f]\n", plan.spec.parameters[i].path.c_str(),
                    s.first[i], s.first_lower[i], s.first_upper[i], s.total[i], s.total_lower[i], s.total_upper[i]);
      os << buf;
    }
    std::snprintf(buf, sizeof buf, "  variance of the focal probability over A and B: %.6g\n", s.variance);
    os << buf;
    os << sobol_precision_note(s, plan.spec.base_samples);
  }
  return os.str();
}

}  // namespace simrun
