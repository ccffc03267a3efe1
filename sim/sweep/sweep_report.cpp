#include "sim/sweep/sweep_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "sim/engine/statistics.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {

std::vector<double> focal_probability(const SweepPlan& plan, const std::vector<PointResult>& results, std::size_t k) {
  std::vector<double> p(results.size());
  for (std::size_t pt = 0; pt < results.size(); ++pt) p[pt] = wilson(plan.focal_formed(results[pt], k, plan.ticks), results[pt].runs).estimate;
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

SweepDescription describe_sweep(const SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  SweepDescription d;
  d.name = s.name;
  d.description = s.description;
  d.path = s.path;
  d.absolute_path = s.absolute_path;
  d.yaml = s.text;
  d.scenario_path = s.scenario_path;
  d.scenario_yaml = plan.scenario_text;
  d.base = &plan.base;
  d.fixed_sets = s.all_fixed_sets();
  d.command_line_overrides = s.overrides.text();
  d.seed = s.seed;
  d.design_kind = design_kind_name(s.kind);
  d.design_seed = s.design_seed;
  d.ticks = plan.ticks;
  d.adaptive = s.adaptive();
  d.target_half_width = s.target_half_width;
  d.runs = s.runs;
  d.max_runs = s.max_runs;
  d.batch = s.batch;
  if (s.kind == DesignKind::LatinHypercube) d.design_points = s.points;
  d.saltelli = s.kind == DesignKind::Saltelli;
  d.base_samples = s.base_samples;
  d.bootstrap = s.bootstrap;
  d.sampler = s.sampler == QmcSampler::Sobol ? "sobol (digitally shifted)" : "random";
  d.sweep_hash = plan.sweep_hash;
  d.design_hash = plan.design_hash;
  d.points = plan.points();
  for (const auto& p : s.parameters) {
    d.parameters.push_back(p.path);
    d.distributions.push_back(p.describe());
  }
  d.design = plan.design.values;
  for (std::size_t pt = 0; pt < d.points; ++pt) {
    std::string line;
    for (const auto& a : plan.point_assignments(pt)) line += (line.empty() ? "" : " ") + a;
    d.point_overrides.push_back(line);
  }
  d.saltelli_block = plan.design.saltelli_block;
  d.saltelli_row = plan.design.saltelli_row;
  d.focal_labels = plan.focal_labels;
  d.focal_dyads = plan.focal_dyads;
  if (s.typed_focal())
    for (PactType t : s.focal_pact) d.focal_pact.push_back(pact_type_name(t));
  if (plan.posterior) {
    d.posterior = plan.posterior->path;
    d.posterior_checksum = plan.posterior->checksum;
    for (const auto& drawn : plan.drawn) d.posterior_drawn.push_back(drawn.second);
  }
  return d;
}

void write_sweep_file(const OutputTarget& path, const SweepPlan& plan, const std::vector<PointResult>& results,
                      const std::vector<SobolIndices>& sobol, const SweepRunInfo& info) {
  write_sweep_file(path, describe_sweep(plan), results, sobol, info);
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
    const PactType type = plan.spec.focal_pact[k];
    os << "P(" << plan.focal_labels[k] << (type == PactType::Defence ? std::string(" alliance") : std::string(" ") + pact_type_name(type) + " pact")
       << " formed by " << horizon << ")";
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
        const Interval iv = wilson(plan.focal_formed(results[pt], k, plan.ticks), results[pt].runs);
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
                  plan.focal_outcome_label(k).c_str(), horizon.c_str(), static_cast<unsigned long long>(plan.spec.base_samples),
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
