#include "sim/output/draws_writer.hpp"

#include "sim/output/metadata.hpp"
#include "sim/output/pact_outputs.hpp"

namespace simrun {
namespace {

using h5::Attr;

/// The tick and dyad dimensions again, inside `g` (netCDF dimensions are per group).
void shape_dimensions(h5::Group& g, const Scenario& sc, int dyads) {
  std::vector<std::int64_t> ticks;
  for (int t = 0; t <= sc.calendar.ticks; ++t) ticks.push_back(t);
  g.dimension("tick", ticks, meta("1", "tick number (0 = initial state; quarters in the root's `quarter`)"));
  std::vector<std::string> labels;
  for (int d = 0; d < dyads; ++d) labels.push_back(sc.dyad_label(d));
  g.dimension("dyad", labels, meta("1", "unordered actor pair"));
}

void write_parameters(h5::Group& g, const DrawsRecord& r) {
  const Scenario& sc = *r.base;
  std::vector<std::string> paths, units, sources, priors;
  std::vector<double> lower, upper, mean;
  for (const auto& in : sc.uncertain) {
    paths.push_back(in.path);
    units.push_back(in.units);
    sources.push_back(in.source);
    priors.push_back(in.prior.describe());
    lower.push_back(in.prior.lower());
    upper.push_back(in.prior.upper());
    mean.push_back(in.prior.mean());
  }
  g.dimension("parameter", paths, meta("1", "uncertain input, named by its --set path"));
  g.write("parameters", {"draw", "parameter"}, r.parameters,
          meta("see parameter_units", "value of each uncertain input in each draw (quantile of its prior at a uniform addressed by (seed, draw, path))"));
  g.write_strings("parameter_units", "parameter", units, meta("1", "units of the input"));
  g.write_strings("parameter_source", "parameter", sources, meta("1", "where the prior's range comes from"));
  g.write_strings("prior", "parameter", priors, meta("1", "the prior distribution"));
  g.write("prior_lower", {"parameter"}, lower, meta("see parameter_units", "lower bound of the prior's support"));
  g.write("prior_upper", {"parameter"}, upper, meta("see parameter_units", "upper bound of the prior's support"));
  g.write("prior_mean", {"parameter"}, mean, meta("see parameter_units", "mean of the prior"));
}

void write_per_draw(h5::Group& g, const DrawsRecord& r) {
  const double R = static_cast<double>(r.counts.runs_per_draw);
  auto write = [&](const char* name, const std::vector<std::uint32_t>& counts, const std::string& what) {
    std::vector<double> p(counts.size());
    for (std::size_t k = 0; k < p.size(); ++k) p[k] = counts[k] / R;
    g.write(name, {"draw", "tick", "dyad"}, p,
            meta("1", "share of the draw's runs in which " + what + " (estimates the probability under the draw's inputs; binomial sd <= 0.5/sqrt(runs_per_draw))"));
  };
  write("alliance_formed_by", r.counts.formed_by, "a formal alliance has formed by the tick");
  write("alliance_in_force", r.counts.in_force, "a formal alliance is in force at the tick");
  write("coaligned", r.counts.coaligned, "the pair is on the same side of the landscape minimum");
  auto write_pact = [&](const char* name, const std::vector<std::uint32_t>& counts, const std::string& what) {
    std::vector<double> p(counts.size());
    for (std::size_t k = 0; k < p.size(); ++k) p[k] = counts[k] / R;
    g.write(name, {"draw", "tick", "dyad", "pact_type"}, p,
            meta("1", "share of the draw's runs in which " + what + " (binomial sd <= 0.5/sqrt(runs_per_draw))"));
  };
  write_pact("pact_formed_by", r.counts.pact_formed_by, "a new pact of the type (not one in force at t0) has formed by the tick");
  write_pact("pact_in_force", r.counts.pact_in_force, "a pact of the type is the dyad's strongest pact in force at the tick");
}

void write_summary(h5::Group& g, const DrawsRecord& r) {
  std::vector<double> p, lo, hi, median, q10, q90, q025, q975, share, share_lo, share_hi, v_in, v_ch;
  for (const auto& s : r.horizon) {
    p.push_back(s.predictive.estimate);
    lo.push_back(s.predictive.lo);
    hi.push_back(s.predictive.hi);
    median.push_back(s.median);
    q10.push_back(s.q10);
    q90.push_back(s.q90);
    q025.push_back(s.q025);
    q975.push_back(s.q975);
    share.push_back(s.input_share.estimate);
    share_lo.push_back(s.input_share.lo);
    share_hi.push_back(s.input_share.hi);
    v_in.push_back(s.var_inputs);
    v_ch.push_back(s.var_chance);
  }
  const std::vector<std::string> dyad = {"dyad", "pact_type"};
  const std::string of = "P(a new pact of the type formed by the last tick)";
  g.write("probability", dyad, p, meta("1", "predictive " + of + " over the inputs' priors and chance"));
  g.write("probability_lower", dyad, lo, meta("1", "lower bound of the 95% Monte Carlo interval of probability (finite draws and runs only; not the inputs' spread)"));
  g.write("probability_upper", dyad, hi, meta("1", "upper bound of the 95% Monte Carlo interval of probability"));
  g.write("draw_median", dyad, median, meta("1", "median over draws of the per-draw " + of));
  g.write("draw_q10", dyad, q10, meta("1", "10% quantile over draws of the per-draw probability (80% range: q10-q90)"));
  g.write("draw_q90", dyad, q90, meta("1", "90% quantile over draws of the per-draw probability"));
  g.write("draw_q025", dyad, q025, meta("1", "2.5% quantile over draws of the per-draw probability (95% range: q025-q975)"));
  g.write("draw_q975", dyad, q975, meta("1", "97.5% quantile over draws of the per-draw probability"));
  g.write("input_share", dyad, share, meta("1", "share of the outcome's variance due to the uncertain inputs (law of total variance; rest: chance)"));
  g.write("input_share_lower", dyad, share_lo, meta("1", "lower bound of the 95% bootstrap interval (over draws) of input_share"));
  g.write("input_share_upper", dyad, share_hi, meta("1", "upper bound of the 95% bootstrap interval (over draws) of input_share"));
  g.write("variance_inputs", dyad, v_in, meta("1", "Var over draws of the probability, corrected for within-draw binomial noise"));
  g.write("variance_chance", dyad, v_ch, meta("1", "mean over draws of p(1 - p): the outcome's variance at fixed inputs"));
}

}  // namespace

std::vector<PredictiveStats> horizon_stats(const DrawCounts& counts, std::uint32_t seed) {
  std::vector<PredictiveStats> out;
  for (int d = 0; d < counts.dyads; ++d)
    for (int k = 0; k < kPactTypes; ++k)
      out.push_back(predictive_stats(counts.cell(counts.pact_formed_by, counts.ticks, d, k), counts.runs_per_draw, seed));
  return out;
}

void write_draws(h5::Group& root, const DrawsRecord& r) {
  const Scenario& sc = *r.base;
  const auto D = static_cast<std::int64_t>(r.counts.draws), R = static_cast<std::int64_t>(r.counts.runs_per_draw);
  h5::Group draws = root.group("draws");
  draws.set_attrs({Attr::i64("draws", D), Attr::i64("runs_per_draw", R),
                   Attr::str("run_addressing", "draw d owns the root's runs d*runs_per_draw ... (d+1)*runs_per_draw - 1")});
  draws.dimension_index("draw", r.counts.draws, meta("1", "parameter draw (its runs: draw*runs_per_draw + 0..runs_per_draw-1)"));
  shape_dimensions(draws, sc, r.counts.dyads);
  if (!sc.uncertain.empty()) write_parameters(draws, r);  // a fixed side of a predictive comparison has none
  draws.dimension("pact_type", pact_type_labels(), meta("1", "ATOP obligation type of a pact, strongest first"));
  write_per_draw(draws, r);

  h5::Group summary = root.group("predictive");
  summary.set_attrs({Attr::i64("draws", D), Attr::i64("runs_per_draw", R),
                     Attr::str("horizon", sc.calendar.quarter_of_tick(sc.calendar.ticks).label())});
  std::vector<std::string> labels;
  for (int d = 0; d < r.counts.dyads; ++d) labels.push_back(sc.dyad_label(d));
  summary.dimension("dyad", labels, meta("1", "unordered actor pair"));
  summary.dimension("pact_type", pact_type_labels(), meta("1", "ATOP obligation type of a pact, strongest first"));
  write_summary(summary, r);
}

}  // namespace simrun
