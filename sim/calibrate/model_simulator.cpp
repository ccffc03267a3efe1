#include "sim/calibrate/model_simulator.hpp"

#include <cmath>

#include "sim/engine/ensemble.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/draws.hpp"
#include "sim/scenario/field_path.hpp"
#include "sim/scenario/input_error.hpp"

namespace simrun {
namespace {

int event_index(const std::string& name) {
  for (int e = 0; e < static_cast<int>(Event::Count); ++e)
    if (name == event_name(static_cast<Event>(e))) return e;
  return -1;
}

ResolvedTarget resolve(const Scenario& sc, const CalibrationSpec& spec, std::size_t k) {
  const TargetSpec& t = spec.targets[k];
  const std::string field = "targets[" + std::to_string(k) + "]";
  ResolvedTarget r{t.indicator, 0, 0, t.observed, t.error};
  int a = 0, b = 0;
  std::string error;
  if (!resolve_pair(sc, t.dyad, "-", a, b, error)) throw InputError(spec.path, t.line, field + ".dyad", error);
  r.dyad = sc.dyad_index(a, b);
  if (t.indicator == Indicator::Event) {
    r.event = event_index(t.event);
    if (r.event < 0) {
      std::string names;
      for (int e = 0; e < static_cast<int>(Event::Count); ++e) names += std::string(e ? ", " : "") + event_name(static_cast<Event>(e));
      throw InputError(spec.path, t.line, field + ".event", "unknown event kind '" + t.event + "' (expected one of " + names + ")");
    }
  }
  return r;
}

/// One run's value of a target (row `row` of the run table).
double indicator_value(const RunTable& table, std::size_t row, const ResolvedTarget& t) {
  const std::size_t i = table.rd(row, t.dyad);
  switch (t.indicator) {
    case Indicator::Formed: return table.formed[i] ? 1.0 : 0.0;
    case Indicator::Event: return table.dyad_events[i * RunTable::kEvents + static_cast<std::size_t>(t.event)] > 0 ? 1.0 : 0.0;
    case Indicator::Military: return table.final_military[i];
    case Indicator::Economic: return table.final_economic[i];
    case Indicator::Diplomatic: return table.final_diplomatic[i];
    case Indicator::Trade: return table.final_trade[i];
  }
  return 0;
}

}  // namespace

ModelSimulator::ModelSimulator(const Scenario& base, const CalibrationSpec& spec) : base_(base), runs_(spec.runs_per_particle) {
  if (base.uncertain.empty())
    throw InputError(spec.path, 0, "scenario", "scenario '" + base.path + "' has no inputs with priors: nothing to calibrate (give numbers a prior: docs/uncertainty.md)");
  for (const UncertainInput& in : base.uncertain) {
    FieldTarget ft;
    std::string error;
    if (!resolve_field_path(base, in.path, ft, error)) throw InputError(base.path, 0, in.path, error);
    point_values_.push_back(ft.in(const_cast<Scenario&>(base)));
  }
  if (spec.parameters.empty()) {
    for (std::size_t k = 0; k < base.uncertain.size(); ++k) inputs_.push_back(k);
  }
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    std::size_t k = 0;
    while (k < base.uncertain.size() && base.uncertain[k].path != spec.parameters[p]) ++k;
    if (k == base.uncertain.size())
      throw InputError(spec.path, 0, "parameters[" + std::to_string(p) + "]", "'" + spec.parameters[p] + "' has no prior in scenario '" + base.path + "' (only inputs with a prior can be calibrated)");
    inputs_.push_back(k);
  }
  for (std::size_t k = 0; k < spec.targets.size(); ++k) targets_.push_back(resolve(base, spec, k));
}

Scenario ModelSimulator::scenario_at(const Eigen::VectorXd& theta) const {
  std::vector<double> values = point_values_;
  for (std::size_t p = 0; p < inputs_.size(); ++p) values[inputs_[p]] = theta(static_cast<Eigen::Index>(p));
  return apply_parameters(base_, values);
}

std::vector<double> ModelSimulator::summaries(const Eigen::VectorXd& theta, std::uint32_t model_seed) const {
  const Scenario sc = scenario_at(theta);
  const ModelContext ctx(sc);
  // The accumulator is required by run_one but not read here: one per thread, reused.
  thread_local Accumulator acc;
  if (acc.ticks != sc.calendar.ticks || acc.dyads != ctx.nd || acc.links != ctx.nl || acc.scripted_sum.size() != static_cast<std::size_t>(ctx.n_events()))
    acc = Accumulator(sc.calendar.ticks, ctx.nd, ctx.nl, ctx.n_events());
  RunTable table(static_cast<std::size_t>(runs_), sc.calendar.ticks, ctx.nd, 0, ctx.n_events());
  std::vector<double> s(targets_.size(), 0.0);
  for (int r = 0; r < runs_; ++r) {
    run_one(ctx, model_seed, static_cast<std::uint64_t>(r), acc, table, static_cast<std::size_t>(r));
    for (std::size_t k = 0; k < targets_.size(); ++k) s[k] += indicator_value(table, static_cast<std::size_t>(r), targets_[k]);
  }
  for (double& v : s) v /= runs_;
  return s;
}

double ModelSimulator::distance(const std::vector<double>& s) const {
  double sum = 0;
  for (std::size_t k = 0; k < targets_.size(); ++k) {
    const double z = (s[k] - targets_[k].observed) / targets_[k].error;
    sum += z * z;
  }
  return std::sqrt(sum);
}

}  // namespace simrun
