#include "sim/output/compare_writer.hpp"

#include "sim/engine/estimates.hpp"
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

void write_probabilities(h5::Group& root, const std::string& name, const Accumulator& acc, const std::string& which) {
  const ProbabilityTriplet t = wilson_triplet(acc.formed_by, acc.runs);
  root.write(name, {"tick", "dyad"}, t.estimate, meta("1", "probability that a formal alliance has formed by the tick, scenario " + which));
  root.write(name + "_lower", {"tick", "dyad"}, t.lower, meta("1", "lower bound of the 95% Wilson interval of " + name));
  root.write(name + "_upper", {"tick", "dyad"}, t.upper, meta("1", "upper bound of the 95% Wilson interval of " + name));
}

}  // namespace

void write_comparison(const OutputTarget& path, const ModelContext& a, const ModelContext& b, const PairedRun& r,
                      const CompareInfo& info) {
  h5::File file(path);
  h5::Group root = file.root();
  std::vector<Attr> attrs = file_kind_attrs(kComparisonFile);
  attrs.insert(attrs.end(), {Attr::str("simrun_version", kVersion), Attr::str("git_commit", kGitCommit),
                  Attr::i64("seed", static_cast<std::int64_t>(info.seed)), Attr::i64("runs", static_cast<std::int64_t>(info.runs)),
                  Attr::i64("ticks", a.sc.calendar.ticks), Attr::str("scenario_a", a.sc.path), Attr::str("scenario_b", b.sc.path),
                  Attr::str("command_line", info.command_line),
                  Attr::str("method", "common random numbers (run r of A and B share every random number); McNemar test on "
                                      "discordant runs; Bonett-Price interval for the paired difference; Wilson intervals")});
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
  write_probabilities(root, "a_alliance_formed_by", r.a, "A");
  write_probabilities(root, "b_alliance_formed_by", r.b, "B");

  std::vector<double> diff, lo, hi, z, pv;
  std::vector<std::int64_t> both, a_only, b_only, neither;
  for (const auto& c : r.dyads) {
    const PairedStats s = paired_stats(c);
    diff.push_back(s.difference);
    lo.push_back(s.difference_lo);
    hi.push_back(s.difference_hi);
    z.push_back(s.z);
    pv.push_back(s.p_value);
    both.push_back(static_cast<std::int64_t>(c.both));
    a_only.push_back(static_cast<std::int64_t>(c.a_only));
    b_only.push_back(static_cast<std::int64_t>(c.b_only));
    neither.push_back(static_cast<std::int64_t>(c.neither));
  }
  root.write("difference", {"dyad"}, diff, meta("1", "P_B - P_A of a formal alliance formed by the horizon"));
  root.write("difference_lower", {"dyad"}, lo, meta("1", "lower bound of the 95% paired (Bonett-Price) interval of the difference"));
  root.write("difference_upper", {"dyad"}, hi, meta("1", "upper bound of the 95% paired (Bonett-Price) interval of the difference"));
  root.write("mcnemar_z", {"dyad"}, z, meta("1", "McNemar z = (B only - A only) / sqrt(A only + B only)"));
  root.write("mcnemar_p", {"dyad"}, pv, meta("1", "exact two-sided McNemar p-value"));
  root.write("runs_both", {"dyad"}, both, meta("runs", "runs with an alliance by the horizon in A and in B"));
  root.write("runs_a_only", {"dyad"}, a_only, meta("runs", "runs with an alliance by the horizon in A only"));
  root.write("runs_b_only", {"dyad"}, b_only, meta("runs", "runs with an alliance by the horizon in B only"));
  root.write("runs_neither", {"dyad"}, neither, meta("runs", "runs with no alliance by the horizon in either"));
  write_scenario_group(root, "scenario_a", a.sc);
  write_scenario_group(root, "scenario_b", b.sc);
  file.commit();
}

}  // namespace simrun
