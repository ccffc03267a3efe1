#include "sim/output/experiment_writer.hpp"

#include <algorithm>
#include <cmath>

#include "sim/engine/statistics.hpp"
#include "sim/model/landscape.hpp"
#include "sim/model/step.hpp"
#include "sim/output/metadata.hpp"
#include "sim/output/pact_outputs.hpp"
#include "sim/scenario/resolved.hpp"
#include "simrun/version.hpp"

namespace simrun {
namespace {

using h5::Attr;
using h5::Type;

const std::vector<double> kQuantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
constexpr std::size_t kLandscapeRanks = 64;  ///< t0 ranking rows kept

std::vector<std::string> event_names() {
  std::vector<std::string> names;
  for (int e = 0; e < static_cast<int>(Event::Count); ++e) names.emplace_back(event_name(static_cast<Event>(e)));
  return names;
}

}  // namespace

/// The datasets filled wave by wave.
struct ExperimentWriter::Streams {
  h5::Dataset formed, first_tick, dissolutions, ticks_in_force, negotiation_chance, final_fronts, final_trade, events, dyad_events, scripted;
  std::unique_ptr<h5::Dataset> trajectory_fronts, trajectory_alliance;
};

ExperimentWriter::ExperimentWriter(const std::string& path, const ModelContext& ctx, const WriterOptions& options)
    : ctx_(ctx), opt_(options), file_(path) {
  write_header();
}

void ExperimentWriter::write_preamble() {
  if (preamble_written_) return;
  preamble_written_ = true;
  write_dimensions();
  write_scenario();
  create_run_tables();
}

ExperimentWriter::~ExperimentWriter() {
  if (streams_) abandon();  // not finished: an error or an interruption
}

const std::string& ExperimentWriter::temp_path() const { return file_.temp_path(); }

void ExperimentWriter::abandon() {
  // Close the file first (strongly: every dataset id in it becomes invalid, so destroying the
  // stream wrappers afterwards is harmless). Only if that close failed (full disk) is HDF5 left
  // in a state where touching the handles would crash: then let them go with the process.
  file_.abandon();
  if (h5::handles_leaked()) {
    static_cast<void>(streams_.release());
  } else {
    streams_.reset();
  }
}

void ExperimentWriter::write_header() {
  const Scenario& sc = ctx_.sc;
  file_.root().set_attrs({
      Attr::str("filetype", kFileType),
      Attr::i64s("format_version", {kFormatMajor, kFormatMinor}),
      Attr::str("simrun_version", kVersion),
      Attr::str("git_commit", kGitCommit),
      Attr::str("creation_time", iso_time_now()),
      Attr::i64("seed", static_cast<std::int64_t>(opt_.seed)),
      Attr::i64("runs", static_cast<std::int64_t>(opt_.runs)),
      Attr::i64("ticks", sc.calendar.ticks),
      Attr::str("start_quarter", sc.calendar.start.label()),
      Attr::str("end_quarter", sc.calendar.quarter_of_tick(sc.calendar.ticks).label()),
      Attr::str("scenario", sc.path),
      Attr::str("scenario_absolute_path", absolute_path_of(sc.path)),
      Attr::str("scenario_name", sc.name),
      Attr::str("command_line", opt_.command_line),
      Attr::i64("threads", opt_.threads),
      Attr::str("title", "simrun experiment: " + sc.name),
      Attr::str("confidence_intervals", "95% Wilson score intervals (variables *_lower, *_upper)"),
  });
}

void ExperimentWriter::write_dimensions() {
  const Scenario& sc = ctx_.sc;
  h5::Group root = file_.root();
  const int T = sc.calendar.ticks;
  std::vector<double> days;
  std::vector<std::int64_t> index, formation_ticks;
  std::vector<std::string> quarters;
  for (int t = 0; t <= T; ++t) {
    const Quarter q = sc.calendar.quarter_of_tick(t);
    days.push_back(static_cast<double>(q.end_day()));
    index.push_back(t);
    quarters.push_back(q.label());
    formation_ticks.push_back(t);
  }
  root.dimension("tick", days, meta("days since 1970-01-01", "end of the quarter a tick represents (tick 0: initial state)",
                                    {Attr::str("calendar", "proleptic_gregorian")}));
  root.write("tick_index", {"tick"}, index, meta("1", "tick number (0 = initial state)"));
  root.write_strings("quarter", "tick", quarters, meta("1", "quarter label of the tick"));
  std::vector<std::string> actors, dyads, links;
  for (const auto& a : sc.actors) actors.push_back(a.id);
  for (int d = 0; d < ctx_.nd; ++d) dyads.push_back(sc.dyad_label(d));
  for (const auto& l : sc.links)
    links.push_back(sc.actors[static_cast<std::size_t>(l.from)].id + ">" + sc.actors[static_cast<std::size_t>(l.to)].id);
  root.dimension("actor", actors, meta("1", "actor id"));
  root.dimension("dyad", dyads, meta("1", "unordered actor pair"));
  root.dimension("link", links, meta("1", "directed actor pair (from>to)"));
  root.dimension("front", front_names(), meta("1", "front of a dyad's ties"));
  root.dimension("quantile", kQuantiles, meta("1", "probability level of a quantile"));
  root.dimension("event", event_names(), meta("1", "kind of event"));
  write_pact_dimensions(root);
  std::vector<std::string> scripted;
  for (const auto& e : sc.events) scripted.push_back(e.name);
  root.dimension("scripted_event", scripted, meta("1", "scripted event of the scenario's timeline"));
  std::vector<std::int64_t> has_aid;
  for (const auto& l : sc.links) has_aid.push_back(l.aid_dependence > 0 ? 1 : 0);
  root.dimension("formation_tick", formation_ticks, meta("1", "tick at which a new defence pact first formed"));
  std::vector<double> bins;
  for (int b = 0; b < kHistogramBins; ++b) bins.push_back((b + 0.5) / kHistogramBins);
  root.dimension("bin", bins, meta("1", "centre of a histogram bin of width 1/200 on [0, 1]"));
  root.dimension_index("run", opt_.runs, meta("1", "run index (its random numbers depend only on seed and this index)"));
  std::vector<std::int64_t> traj;
  for (std::uint64_t r = 0; r < std::min(opt_.trajectories, opt_.runs); ++r) traj.push_back(static_cast<std::int64_t>(r));
  root.dimension("trajectory_run", traj, meta("1", "run index of a kept trajectory"));
  std::vector<std::string> ids = actors;
  root.write_strings("actor_name", "actor", [&] {
    std::vector<std::string> names;
    for (const auto& a : sc.actors) names.push_back(a.name);
    return names;
  }(), meta("1", "actor display name"));
  std::vector<double> sizes;
  for (const auto& a : sc.actors) sizes.push_back(a.size);
  root.write("actor_size", {"actor"}, sizes, meta("share", "aggregate power share s_i (landscape size)"));
  root.write("link_has_aid", {"link"}, has_aid, meta("1", "1 if the recipient depends on the donor's aid (aid_dependence > 0)"));
}

void ExperimentWriter::write_scenario() {
  const Scenario& sc = ctx_.sc;
  h5::Group g = file_.root().group("scenario");
  g.set_attrs({Attr::str("path", sc.path), Attr::str("name", sc.name), Attr::str("description", sc.description)});
  g.write_text("yaml", sc.yaml_text, meta("1", "the scenario file exactly as given"));
  g.write_text("resolved_yaml", resolved_yaml(sc), meta("1", "every parameter as used, defaults and --set overrides applied"));
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += o + "\n";
  g.write_text("overrides", overrides, meta("1", "--set assignments applied, one per line"));
  std::string chain;
  for (const auto& p : sc.extends) chain += p + "\n";
  g.write_text("extends", chain, meta("1", "scenario files this one extends (nearest first), one per line"));
  std::string provenance;
  for (const auto& [field, source] : sc.provenance) provenance += field + ": " + source + "\n";
  g.write_text("provenance", provenance, meta("1", "source of each number, one 'field: source' per line"));
}

void ExperimentWriter::create_run_tables() {
  h5::Group root = file_.root();
  streams_ = std::make_unique<Streams>(Streams{
      root.create("run_formed", {"run", "dyad"}, Type::UInt8, meta("1", "1 if a new defence pact formed during the run")),
      root.create("run_first_tick", {"run", "dyad"}, Type::Int16, meta("1", "first tick at which a new defence pact formed, -1 if never")),
      root.create("run_dissolutions", {"run", "dyad"}, Type::Int16, meta("1", "number of pact terminations (any type)")),
      root.create("run_ticks_in_force", {"run", "dyad"}, Type::Int16, meta("quarters", "ticks with a defence pact in force (tick 0 included)")),
      root.create("run_negotiation_chance", {"run", "dyad", "pact_type"}, Type::Float64,
                  meta("1", "chance of a new pact of the type given the run's path: 1 - prod(1 - h) over the quarters it was under negotiation")),
      root.create("run_final_front", {"run", "dyad", "front"}, Type::Float32, meta("1", "fronts at the last tick")),
      root.create("run_final_trade", {"run", "dyad"}, Type::Float64, meta("$bn/yr", "bilateral trade at the last tick")),
      root.create("run_events", {"run", "event"}, Type::Int32, meta("1", "events fired during the run")),
      root.create("run_dyad_events", {"run", "dyad", "event"}, Type::Int16, meta("1", "events fired per dyad during the run")),
      root.create("run_scripted_events", {"run", "scripted_event"}, Type::Int16, meta("1", "times each scripted event fired during the run")),
      nullptr, nullptr});
  if (opt_.trajectories > 0) {
    streams_->trajectory_fronts = std::make_unique<h5::Dataset>(root.create(
        "trajectory_front", {"trajectory_run", "tick", "dyad", "front"}, Type::Float32, meta("1", "front of every tick of a kept run"), 16));
    streams_->trajectory_alliance = std::make_unique<h5::Dataset>(root.create(
        "trajectory_alliance", {"trajectory_run", "tick", "dyad"}, Type::Int16,
        meta("1", "pact level of every tick of a kept run (0 none, 1 nonaggression, 2 consultation, 3 defence)"), 16));
  }
}

void ExperimentWriter::write_wave(std::uint64_t first_run, const RunTable& t) {
  write_preamble();
  Streams& s = *streams_;
  s.formed.write_rows(first_run, t.rows, t.formed.data());
  s.first_tick.write_rows(first_run, t.rows, t.first_tick.data());
  s.dissolutions.write_rows(first_run, t.rows, t.dissolutions.data());
  s.ticks_in_force.write_rows(first_run, t.rows, t.ticks_in_force.data());
  s.negotiation_chance.write_rows(first_run, t.rows, t.negotiation_chance.data());
  std::vector<float> fronts(t.rows * static_cast<std::size_t>(t.dyads) * kFronts);
  for (std::size_t k = 0; k < t.rows * static_cast<std::size_t>(t.dyads); ++k) {
    fronts[k * kFronts + 0] = t.final_military[k];
    fronts[k * kFronts + 1] = t.final_economic[k];
    fronts[k * kFronts + 2] = t.final_diplomatic[k];
  }
  s.final_fronts.write_rows(first_run, t.rows, fronts.data());
  s.final_trade.write_rows(first_run, t.rows, t.final_trade.data());
  s.events.write_rows(first_run, t.rows, t.events.data());
  s.dyad_events.write_rows(first_run, t.rows, t.dyad_events.data());
  s.scripted.write_rows(first_run, t.rows, t.scripted.data());
  if (s.trajectory_fronts && t.trajectory_rows > 0) {
    s.trajectory_fronts->write_rows(first_run, t.trajectory_rows, t.trajectory_fronts.data());
    std::vector<std::int16_t> level(t.trajectory_alliance.begin(), t.trajectory_alliance.end());
    s.trajectory_alliance->write_rows(first_run, t.trajectory_rows, level.data());
  }
}

void ExperimentWriter::finish(const Accumulator& acc) {
  write_preamble();
  const Scenario& sc = ctx_.sc;
  h5::Group root = file_.root();
  const int T = sc.calendar.ticks;
  const auto nt = static_cast<std::size_t>(T + 1), nd = static_cast<std::size_t>(ctx_.nd);
  const double runs = static_cast<double>(acc.runs);

  // Probabilities with Wilson intervals. The headline "formal alliance" is a defence pact.
  const std::vector<std::string> td = {"tick", "dyad"};
  write_probability(root, "alliance_formed_by", td, acc.formed_by, acc.runs, "a new defence pact has formed by the tick");
  write_probability(root, "alliance_in_force", td, acc.in_force, acc.runs, "a defence pact (formed or in force at t0) is in force at the tick");
  write_probability(root, "coaligned", td, acc.coaligned, acc.runs, "the pair is on the same side of the landscape minimum");
  write_pact_probabilities(root, acc);

  // Time to formation.
  std::vector<std::int64_t> formation(nd * nt), never(nd);
  for (std::size_t d = 0; d < nd; ++d) {
    for (std::size_t t = 0; t < nt; ++t) formation[d * nt + t] = static_cast<std::int64_t>(acc.first_formation[d * (nt + 1) + t]);
    never[d] = static_cast<std::int64_t>(acc.first_formation[d * (nt + 1) + nt]);
  }
  root.write("formation_time_count", {"dyad", "formation_tick"}, formation, meta("runs", "runs whose first new defence pact formed at the tick"));
  root.write("never_formed_count", {"dyad"}, never, meta("runs", "runs in which no new defence pact formed"));

  // Front distributions.
  std::vector<double> mean(nt * nd * kFronts), sd(nt * nd * kFronts), quant(nt * nd * kFronts * kQuantiles.size());
  std::vector<std::int64_t> hist(acc.front_hist.size());
  for (std::size_t k = 0; k < mean.size(); ++k) {
    // Sums are of deviations from the t0 value (see Accumulator).
    const int d = static_cast<int>((k / kFronts) % nd), f = static_cast<int>(k % kFronts);
    const DyadSpec& s0 = ctx_.dyad_spec(d);
    const double origin = f == 0 ? s0.military : f == 1 ? ctx_.econ0[static_cast<std::size_t>(d)] : s0.diplomatic;
    const double m = from_fixed(acc.front_sum[k]) / runs;
    const double var = std::max(0.0, from_fixed(acc.front_sumsq[k]) / runs - m * m);
    mean[k] = origin + m;
    sd[k] = std::sqrt(var * runs / std::max(1.0, runs - 1));
    for (std::size_t q = 0; q < kQuantiles.size(); ++q)
      quant[k * kQuantiles.size() + q] = histogram_quantile(&acc.front_hist[k * kHistogramBins], kHistogramBins, acc.runs, kQuantiles[q]);
  }
  for (std::size_t k = 0; k < hist.size(); ++k) hist[k] = static_cast<std::int64_t>(acc.front_hist[k]);
  root.write("front_mean", {"tick", "dyad", "front"}, mean, meta("1", "mean of the front over runs"));
  root.write("front_sd", {"tick", "dyad", "front"}, sd, meta("1", "standard deviation of the front over runs"));
  root.write("front_quantile", {"tick", "dyad", "front", "quantile"}, quant,
             meta("1", "quantiles of the front over runs (histogram resolution 0.005)"));
  root.write("front_histogram", {"tick", "dyad", "front", "bin"}, hist, meta("runs", "runs whose front falls in the bin"));

  auto write_mean = [&](const std::string& name, const std::vector<int128>& sums, const std::vector<std::string>& dims,
                        const std::string& units, const std::string& what) {
    std::vector<double> v(sums.size());
    for (std::size_t k = 0; k < v.size(); ++k) v[k] = from_fixed(sums[k]) / runs;
    root.write(name, dims, v, meta(units, what));
  };
  write_mean("willingness_mean", acc.willing_sum, {"tick", "dyad"}, "1", "mean mutual willingness W");
  write_mean("readiness_mean", acc.readiness_sum, {"tick", "dyad"}, "1", "mean readiness R = (m e d)^(1/3)");
  write_mean("trade_mean", acc.trade_sum, {"tick", "dyad"}, "$bn/yr", "mean bilateral trade");
  write_mean("threat_mean", acc.threat_sum, {"tick"}, "1", "mean shared non-state threat");
  write_mean("aid_flowing_mean", acc.aid_sum, {"tick", "link"}, "1", "mean aid state (0 suspended, 1 flowing)");

  // Events.
  const auto ne = static_cast<std::size_t>(Event::Count);
  std::vector<double> dyad_events(nd * ne), events(ne);
  for (std::size_t k = 0; k < nd * ne; ++k) dyad_events[k] = static_cast<double>(acc.event_sum[k]) / runs;
  for (std::size_t e = 0; e < ne; ++e) events[e] = static_cast<double>(acc.event_sum[nd * ne + e]) / runs;
  root.write("events_mean", {"event"}, events, meta("1/run", "mean number of events per run"));
  root.write("dyad_events_mean", {"dyad", "event"}, dyad_events, meta("1/run", "mean number of events per run and dyad"));
  std::vector<double> scripted(acc.scripted_sum.size());
  for (std::size_t e = 0; e < scripted.size(); ++e) scripted[e] = static_cast<double>(acc.scripted_sum[e]) / runs;
  root.write("scripted_events_mean", {"scripted_event"}, scripted, meta("1/run", "mean number of times each scripted event fired per run"));

  // Landscape: configurations seen as minima, their frequency per tick, and the t0 ranking.
  std::vector<Config> seen;
  for (const auto& per_tick : acc.configs)
    for (const auto& kv : per_tick) seen.push_back(kv.first);
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  std::vector<std::string> ids;
  for (const auto& a : sc.actors) ids.push_back(a.id);
  std::vector<std::string> labels;
  std::vector<std::int64_t> config_ids;
  for (Config c : seen) {
    labels.push_back(config_label(c, ids));
    config_ids.push_back(static_cast<std::int64_t>(c));
  }
  h5::Group& land = root;  // dimension and variables stay in the root so one open_dataset sees them
  land.dimension("config", config_ids, meta("1", "bloc configuration (bit i set: actor i on the side opposite actor 0)"));
  land.write_strings("config_label", "config", labels, meta("1", "the two blocs of the configuration"));
  std::vector<double> freq(nt * seen.size(), 0.0);
  for (std::size_t t = 0; t < nt; ++t)
    for (std::size_t c = 0; c < seen.size(); ++c) {
      auto it = acc.configs[t].find(seen[c]);
      if (it != acc.configs[t].end()) freq[t * seen.size() + c] = static_cast<double>(it->second) / runs;
    }
  land.write("landscape_minimum_frequency", {"tick", "config"}, freq, meta("1", "share of runs whose landscape minimum is the configuration"));

  WorldState w0;
  start_run(ctx_, w0);
  std::vector<double> sizes, weights;
  for (const auto& a : sc.actors) sizes.push_back(a.size);
  landscape_weights(ctx_.n, sizes, w0.propensity, weights);
  auto ranking = landscape_ranking(ctx_.n, weights);
  if (ranking.size() > kLandscapeRanks) ranking.resize(kLandscapeRanks);
  std::vector<std::int64_t> rank_ids, rank_configs, local;
  std::vector<double> energies;
  std::vector<std::string> rank_labels;
  for (std::size_t r = 0; r < ranking.size(); ++r) {
    rank_ids.push_back(static_cast<std::int64_t>(r + 1));
    rank_configs.push_back(ranking[r].first);
    energies.push_back(ranking[r].second);
    rank_labels.push_back(config_label(ranking[r].first, ids));
    local.push_back(is_local_minimum(ctx_.n, weights, ranking[r].first) ? 1 : 0);
  }
  land.dimension("rank", rank_ids, meta("1", "rank of a configuration by energy at t0 (1 = global minimum)"));
  land.write("t0_energy", {"rank"}, energies, meta("1", "Axelrod-Bennett energy at t0 (anchor propensities, actor sizes)"));
  land.write("t0_config", {"rank"}, rank_configs, meta("1", "configuration id"));
  land.write_strings("t0_config_label", "rank", rank_labels, meta("1", "the two blocs"));
  land.write("t0_local_minimum", {"rank"}, local, meta("1", "1 if no single actor gains by switching sides"));

  file_.commit();     // closes the streamed datasets too (strong close)
  streams_.reset();   // their handles are now invalid: destroying them does nothing
}

}  // namespace simrun
