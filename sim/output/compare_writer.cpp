#include "sim/output/compare_writer.hpp"

#include "sim/engine/estimates.hpp"
#include "sim/engine/predictive_stats.hpp"
#include "sim/output/file_kinds.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/metadata.hpp"
#include "sim/scenario/resolved.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

using h5::Attr;

void write_scenario_group(h5::Group& root, const std::string& name, const Scenario& sc) {
  h5::Group g = root.group(name);
  g.set_attrs({Attr::str("path", sc.path), Attr::str("name", sc.name)});
  g.write_text("yaml", sc.yaml_text, meta("1", "the scenario file exactly as given"));
  g.write_text("resolved_yaml", resolved_yaml(sc), meta("1", "every parameter as used"));
}

void write_probabilities(h5::Group& root, const std::string& name, const Accumulator& acc, const std::string& which,
                         const DrawsRecord* draws) {
  const ProbabilityTriplet t =
      draws ? predictive_triplet(draws->counts, draws->counts.formed_by) : wilson_triplet(acc.formed_by, acc.runs);
  root.write(name, {"tick", "dyad"}, t.estimate, meta("1", "probability that a formal alliance has formed by the tick, scenario " + which));
  const std::string kind = draws ? "95% Monte Carlo interval (draws and runs) of " : "95% Wilson interval of ";
  root.write(name + "_lower", {"tick", "dyad"}, t.lower, meta("1", "lower bound of the " + kind + name));
  root.write(name + "_upper", {"tick", "dyad"}, t.upper, meta("1", "upper bound of the " + kind + name));
}

/// Predictive comparisons: the difference per draw and its spread over draws.
void write_paired_draws(h5::Group& root, const ModelContext& a, const PairedRun& r) {
  const PairedDraws& pd = r.draws;
  const auto D = pd.a.draws, R = pd.a.runs_per_draw;
  std::vector<double> median, q10, q90, b_higher, a_higher, per_draw(static_cast<std::size_t>(D) * static_cast<std::size_t>(a.nd));
  for (int d = 0; d < a.nd; ++d) {
    const PairedDrawStats s = paired_draw_stats(pd, d);
    median.push_back(s.median);
    q10.push_back(s.q10);
    q90.push_back(s.q90);
    b_higher.push_back(s.share_b_higher);
    a_higher.push_back(s.share_a_higher);
    for (std::uint64_t k = 0; k < D; ++k) {
      const PairedCounts& c = pd.at(k, d);
      per_draw[static_cast<std::size_t>(k) * static_cast<std::size_t>(a.nd) + static_cast<std::size_t>(d)] =
          (static_cast<double>(c.b_only) - static_cast<double>(c.a_only)) / static_cast<double>(R);
    }
  }
  root.write("difference_draw_median", {"dyad"}, median, meta("1", "median over draws of the per-draw difference P_B - P_A"));
  root.write("difference_draw_q10", {"dyad"}, q10, meta("1", "10% quantile over draws of the per-draw difference"));
  root.write("difference_draw_q90", {"dyad"}, q90, meta("1", "90% quantile over draws of the per-draw difference"));
  root.write("draws_b_higher", {"dyad"}, b_higher, meta("1", "share of draws in which B's probability exceeds A's"));
  root.write("draws_a_higher", {"dyad"}, a_higher, meta("1", "share of draws in which A's probability exceeds B's"));
  h5::Group g = root.group("paired_draws");
  g.dimension_index("draw", D, meta("1", "parameter draw (shared by A and B)"));
  std::vector<std::string> labels;
  for (int d = 0; d < a.nd; ++d) labels.push_back(a.sc.dyad_label(d));
  g.dimension("dyad", labels, meta("1", "unordered actor pair"));
  g.write("difference", {"draw", "dyad"}, per_draw,
          meta("1", "P_B - P_A of a formal alliance by the horizon within the draw (paired runs of the draw)"));
}

}  // namespace

void write_comparison(const OutputTarget& path, const ModelContext& a, const ModelContext& b, const PairedRun& r,
                      const CompareInfo& info, const DrawsRecord* draws_a, const DrawsRecord* draws_b) {
  const bool predictive = draws_a && draws_b;
  h5::File file(path);
  h5::Group root = file.root();
  std::vector<Attr> attrs = file_kind_attrs(kComparisonFile);
  attrs.insert(attrs.end(), {Attr::str("simrun_version", kVersion), Attr::str("git_commit", kGitCommit),
                  Attr::i64("seed", static_cast<std::int64_t>(info.seed)), Attr::i64("runs", static_cast<std::int64_t>(info.runs)),
                  Attr::i64("ticks", a.sc.calendar.ticks), Attr::str("scenario_a", a.sc.path), Attr::str("scenario_b", b.sc.path),
                  Attr::str("command_line", info.command_line), Attr::str("inputs", !predictive ? "fixed" : info.posterior.empty() ? "predictive" : "posterior predictive"),
                  Attr::i64("draws", static_cast<std::int64_t>(info.draws)),
                  Attr::i64("runs_per_draw", static_cast<std::int64_t>(predictive ? info.runs_per_draw : info.runs)),
                  Attr::str("method", predictive
                                          ? "common random numbers and common parameter draws (run r of A and B share every random "
                                            "number and belong to the same draw); Monte Carlo intervals clustered by draw"
                                          : "common random numbers (run r of A and B share every random number); McNemar test on "
                                            "discordant runs; Bonett-Price interval for the paired difference; Wilson intervals")});
  if (!info.posterior.empty()) {  // only then, so that other comparisons keep their attributes
    attrs.insert(attrs.end(), {Attr::str("posterior", info.posterior), Attr::str("posterior_absolute_path", absolute_path_of(info.posterior)),
                               Attr::str("posterior_checksum", info.posterior_checksum)});
  }
  root.set_attrs(attrs);
  const int T = a.sc.calendar.ticks;
  std::vector<double> days;
  std::vector<std::string> quarters, dyads;
  for (int t = 0; t <= T; ++t) {
    days.push_back(static_cast<double>(a.sc.calendar.quarter_of_tick(t).end_day()));
    quarters.push_back(a.sc.calendar.quarter_of_tick(t).label());
  }
  for (int d = 0; d < a.nd; ++d) dyads.push_back(a.sc.dyad_label(d));
  root.dimension("tick", days, {Attr::str("units", "days since 1970-01-01"), Attr::str("long_name", "end of the quarter")});
  root.write_strings("quarter", "tick", quarters, meta("1", "quarter label of the tick"));
  root.dimension("dyad", dyads, meta("1", "unordered actor pair"));
  write_probabilities(root, "a_alliance_formed_by", r.a, "A", predictive ? draws_a : nullptr);
  write_probabilities(root, "b_alliance_formed_by", r.b, "B", predictive ? draws_b : nullptr);

  std::vector<double> diff, lo, hi, z, pv;
  std::vector<std::int64_t> both, a_only, b_only, neither;
  for (std::size_t d = 0; d < r.dyads.size(); ++d) {
    const PairedCounts& c = r.dyads[d];
    const PairedStats s = paired_stats(c);
    const Interval clustered = predictive ? paired_draw_stats(r.draws, static_cast<int>(d)).difference : Interval{};
    diff.push_back(s.difference);
    lo.push_back(predictive ? clustered.lo : s.difference_lo);
    hi.push_back(predictive ? clustered.hi : s.difference_hi);
    z.push_back(s.z);
    pv.push_back(s.p_value);
    both.push_back(static_cast<std::int64_t>(c.both));
    a_only.push_back(static_cast<std::int64_t>(c.a_only));
    b_only.push_back(static_cast<std::int64_t>(c.b_only));
    neither.push_back(static_cast<std::int64_t>(c.neither));
  }
  root.write("difference", {"dyad"}, diff, meta("1", "P_B - P_A of a formal alliance formed by the horizon"));
  const std::string kind = predictive ? "95% Monte Carlo interval (clustered by draw; not the inputs' spread)"
                                      : "95% paired (Bonett-Price) interval";
  root.write("difference_lower", {"dyad"}, lo, meta("1", "lower bound of the " + kind + " of the difference"));
  root.write("difference_upper", {"dyad"}, hi, meta("1", "upper bound of the " + kind + " of the difference"));
  if (!predictive) {  // McNemar assumes independent pairs; runs of one draw are not
    root.write("mcnemar_z", {"dyad"}, z, meta("1", "McNemar z = (B only - A only) / sqrt(A only + B only)"));
    root.write("mcnemar_p", {"dyad"}, pv, meta("1", "exact two-sided McNemar p-value"));
  }
  root.write("runs_both", {"dyad"}, both, meta("runs", "runs with an alliance by the horizon in A and in B"));
  root.write("runs_a_only", {"dyad"}, a_only, meta("runs", "runs with an alliance by the horizon in A only"));
  root.write("runs_b_only", {"dyad"}, b_only, meta("runs", "runs with an alliance by the horizon in B only"));
  root.write("runs_neither", {"dyad"}, neither, meta("runs", "runs with no alliance by the horizon in either"));
  write_scenario_group(root, "scenario_a", a.sc);
  write_scenario_group(root, "scenario_b", b.sc);
  if (predictive) {
    write_paired_draws(root, a, r);
    h5::Group ga = root.group("a"), gb = root.group("b");
    write_draws(ga, *draws_a);
    write_draws(gb, *draws_b);
  }
  file.commit();
}

}  // namespace simrun
