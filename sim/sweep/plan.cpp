#include "sim/sweep/plan.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/number_text.hpp"
#include "sim/scenario/field_path.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/overrides.hpp"
#include "sim/scenario/resolved.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun {

std::vector<std::string> SweepPlan::point_assignments(std::size_t p) const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < design.params; ++k) out.push_back(spec.parameters[k].path + "=" + shortest_number(design.at(p, k)));
  return out;
}

std::vector<std::string> SweepPlan::all_assignments(std::size_t p) const {
  std::vector<std::string> out = spec.all_fixed_sets();
  for (auto& a : point_assignments(p)) out.push_back(std::move(a));
  return out;
}

std::vector<TypedOutcome> SweepPlan::typed_outcomes() const {
  std::vector<TypedOutcome> out;
  if (!spec.typed_focal()) return out;
  for (std::size_t k = 0; k < focal_dyads.size(); ++k) out.push_back({focal_dyads[k], spec.focal_pact[k]});
  return out;
}

std::uint64_t SweepPlan::focal_formed(const PointResult& r, std::size_t k, int t) const {
  if (r.focal_formed_by.empty())
    return r.formed_by[static_cast<std::size_t>(t) * static_cast<std::size_t>(dyads) + static_cast<std::size_t>(focal_dyads[k])];
  return r.focal_formed_by[static_cast<std::size_t>(t) * focal_dyads.size() + k];
}

std::uint64_t SweepPlan::focal_formed(const Accumulator& acc, std::size_t k, int t) const {
  const PactType type = spec.focal_pact[k];
  if (type == PactType::Defence) return acc.formed_by[acc.td(t, focal_dyads[k])];
  return acc.pact_formed_by[acc.tdp(t, focal_dyads[k], kPactTypes - static_cast<int>(type))];
}

std::string SweepPlan::focal_outcome_label(std::size_t k) const {
  const PactType type = spec.focal_pact[k];
  return type == PactType::Defence ? focal_labels[k] : focal_labels[k] + " " + pact_type_name(type);
}

Scenario SweepPlan::scenario_for(std::size_t p) const {
  Scenario sc = base;
  for (const auto& a : point_assignments(p)) apply_override(sc, a);
  check_event_windows(sc);
  return sc;
}

namespace {

std::string read_text(const std::string& path, const SweepSpec& spec) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(spec.path, spec.scenario_line, "scenario",
                     "cannot find the scenario file " + quote(path) + " (a relative path is taken from the sweep file's directory)");
  return read_input_file(path, "scenario file");
}

std::string param_field(const SweepSpec& spec, std::size_t k) {
  return "parameters[" + std::to_string(k) + "] (" + spec.parameters[k].path + ")";
}

void resolve_focal(SweepPlan& plan) {
  const Scenario& sc = plan.base;
  std::vector<std::string> labels;
  for (int d = 0; d < sc.n_dyads(); ++d) labels.push_back(sc.dyad_label(d));
  for (std::size_t k = 0; k < plan.spec.focal.size(); ++k) {
    const std::string& f = plan.spec.focal[k];
    int a = -1, b = -1;
    std::string error;
    if (!resolve_pair(sc, f, "-", a, b, error))
      throw InputError(plan.spec.path, plan.spec.focal_lines[k], "focal[" + std::to_string(k) + "]",
                       quote(f) + " is not a dyad of the scenario: " + error + did_you_mean(f, labels));
    const int d = sc.dyad_index(a, b);
    for (std::size_t j = 0; j < plan.focal_dyads.size(); ++j)
      if (plan.focal_dyads[j] == d && plan.spec.focal_pact[j] == plan.spec.focal_pact[k])
        throw InputError(plan.spec.path, plan.spec.focal_lines[k], "focal[" + std::to_string(k) + "]",
                         "dyad " + f + (plan.spec.focal_pact[k] == PactType::Defence ? "" : std::string(" with pact ") + pact_type_name(plan.spec.focal_pact[k])) +
                             " is listed twice");
    plan.focal_dyads.push_back(d);
    plan.focal_labels.push_back(sc.dyad_label(d));
  }
}

/// Applies `path=value` to a copy of the base and turns an error into one located in the sweep file.
void check_value(const SweepPlan& plan, std::size_t k, double v, const std::string& what) {
  Scenario sc = plan.base;
  try {
    apply_override(sc, plan.spec.parameters[k].path + "=" + shortest_number(v));
  } catch (const InputError& e) {
    throw InputError(plan.spec.path, plan.spec.parameters[k].line, param_field(plan.spec, k), what + ": " + e.detail());
  }
}

void validate_points(const SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  // Bounds first, so that a range reaching outside a field's limits is reported as such.
  for (std::size_t k = 0; k < s.parameters.size(); ++k) {
    const SweepParameter& p = s.parameters[k];
    if (p.distribution == Distribution::Uniform || p.distribution == Distribution::LogUniform) {
      check_value(plan, k, p.a, "the lower bound " + shortest_number(p.a));
      check_value(plan, k, p.b, "the upper bound " + shortest_number(p.b));
    }
    if (p.distribution == Distribution::Values)
      for (double v : p.values) check_value(plan, k, v, "value " + shortest_number(v));
  }
  for (std::size_t pt = 0; pt < plan.points(); ++pt) {
    Scenario sc = plan.base;
    for (std::size_t k = 0; k < s.parameters.size(); ++k) {
      try {
        apply_override(sc, s.parameters[k].path + "=" + shortest_number(plan.design.at(pt, k)));
      } catch (const InputError& e) {
        throw InputError(s.path, s.parameters[k].line, param_field(s, k),
                         "point " + std::to_string(pt) + " draws " + shortest_number(plan.design.at(pt, k)) + ": " + e.detail() +
                             " (narrow the distribution)");
      }
    }
    try {
      check_event_windows(sc);
    } catch (const InputError& e) {
      throw InputError(s.path, 0, "parameters", "point " + std::to_string(pt) + ": " + e.what());
    }
  }
}

std::string design_identity(const SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  std::ostringstream os;
  os << "kind=" << design_kind_name(s.kind) << ";seed=" << s.seed << ";runs=" << s.runs
     << ";target=" << shortest_number(s.target_half_width) << ";max=" << s.max_runs << ";batch=" << s.batch
     << ";design_seed=" << s.design_seed << ";points=" << plan.points() << ";focal=";
  for (const auto& f : plan.focal_labels) os << f << ",";
  if (s.typed_focal())  // only then: the hashes of untyped sweeps stay what they were
    for (std::size_t k = 0; k < plan.focal_labels.size(); ++k) os << ";focal_pact=" << plan.focal_outcome_label(k);
  for (const auto& a : s.fixed_sets) os << ";set=" << a;
  for (const auto& a : s.overrides.sets) os << ";cli_set=" << a;
  if (!s.overrides.posterior.empty()) os << ";posterior_checksum=" << s.overrides.posterior_checksum;
  if (!s.overrides.empty()) os << ";overrides=" << s.overrides.options();
  for (const auto& p : s.parameters) os << ";param=" << p.path << ":" << p.describe();
  for (std::size_t pt = 0; pt < plan.points(); ++pt) {
    os << "\n";
    for (std::size_t k = 0; k < plan.design.params; ++k) os << shortest_number(plan.design.at(pt, k)) << " ";
  }
  return os.str();
}

/// Whether two `--set` paths name the same number ("dyads.RUS-PAK.trade" and "dyads.PAK-RUS.trade" do).
bool same_number(const Scenario& sc, const std::string& a, const std::string& b) {
  if (a == b) return true;
  FieldTarget x, y;
  std::string error;
  if (!resolve_field_path(sc, a, x, error) || !resolve_field_path(sc, b, y, error)) return false;
  return x.section == y.section && x.index == y.index && x.param == y.param && x.global == y.global && x.actor == y.actor &&
         x.dyad == y.dyad && x.link == y.link;
}

/// The command line's --set, after the file's set: list; a swept number cannot be fixed.
void apply_command_line_sets(SweepPlan& plan) {
  const SweepSpec& s = plan.spec;
  for (const std::string& a : s.overrides.sets) {
    const std::string path = a.substr(0, a.find_first_of("=~"));
    for (std::size_t k = 0; k < s.parameters.size(); ++k)
      if (same_number(plan.base, path, s.parameters[k].path))
        throw InputError("command line", 0, "--set",
                         quote(path) + " is swept by " + s.path + " (parameters[" + std::to_string(k) + "], line " +
                             std::to_string(s.parameters[k].line) + "): --set may fix only numbers the sweep does not vary");
    apply_override(plan.base, a);  // a bad assignment: "--set: PATH: ...", as for simrun run
  }
}

/// --posterior: reads it, checks it against the base scenario, picks the inputs drawn per run and
/// sets the bounds of `range: posterior` parameters (before the design is made).
void attach_posterior(SweepPlan& plan, const PickerFactory& pickers) {
  SweepSpec& s = plan.spec;
  for (std::size_t k = 0; k < s.parameters.size(); ++k)
    if (s.parameters[k].posterior_range && s.overrides.posterior.empty())
      throw InputError(s.path, s.parameters[k].line, param_field(s, k) + ".range",
                       "'range: posterior' takes the range from a posterior: run simrun sweep --posterior FILE.h5");
  if (s.overrides.posterior.empty()) return;
  SweepPosterior post = read_sweep_posterior(s.overrides.posterior);
  if (!s.overrides.posterior_checksum.empty() && s.overrides.posterior_checksum != post.checksum)
    throw InputError(post.path, 0, "", "the posterior has changed since the shards were computed (checksum " + post.checksum +
                                           ", the shards used " + s.overrides.posterior_checksum +
                                           "): shards merge only with the posterior they ran with");
  s.overrides.posterior_checksum = post.checksum;
  Scenario sc = plan.base;
  for (std::size_t c = 0; c < post.inputs.size(); ++c) {
    const std::string& name = post.inputs[c];
    FieldTarget target;
    std::string error;
    if (!resolve_field_path(plan.base, name, target, error))
      throw InputError(post.path, 0, name, "the posterior calibrated '" + name + "', which is not a number of " + s.scenario_path + ": " + error);
    for (std::size_t i = 0; i < post.particles(); ++i) {
      try {
        apply_input_value(sc, name, post.value(i, c));
      } catch (const InputError& e) {
        throw InputError(post.path, 0, name, "particle " + std::to_string(i) + ": " + e.detail());
      }
    }
    // Drawn unless swept, or fixed by the sweep's set: list or --set (a number the user pinned).
    bool held = false;
    for (const SweepParameter& p : s.parameters) held = held || same_number(plan.base, p.path, name);
    for (const std::string& a : s.all_fixed_sets()) {
      const std::size_t op = a.find_first_of("=~");  // PATH=VALUE and PATH~none pin; PATH~PRIOR does not
      const bool pins = op != std::string::npos && (a[op] == '=' || a.compare(op + 1, std::string::npos, "none") == 0);
      held = held || (pins && same_number(plan.base, a.substr(0, op), name));
    }
    if (!held) plan.drawn.emplace_back(c, name);
  }
  for (std::size_t k = 0; k < s.parameters.size(); ++k) {
    SweepParameter& p = s.parameters[k];
    if (!p.posterior_range) continue;
    std::size_t c = 0;
    while (c < post.inputs.size() && !same_number(plan.base, p.path, post.inputs[c])) ++c;
    if (c == post.inputs.size())
      throw InputError(s.path, p.line, param_field(s, k) + ".range",
                       "'range: posterior' needs a calibrated input, and " + post.path + " does not calibrate " + quote(p.path));
    p.a = posterior_quantile(post, c, kPosteriorRangeTail);
    p.b = posterior_quantile(post, c, 1 - kPosteriorRangeTail);
    if (!(p.a < p.b))
      throw InputError(s.path, p.line, param_field(s, k) + ".range",
                       "the posterior of " + quote(p.path) + " is one value (" + shortest_number(p.a) + "): there is no range to sweep");
  }
  if (pickers) post.particle = pickers(post);
  plan.posterior = std::make_shared<const SweepPosterior>(std::move(post));
}

}  // namespace

SweepPlan make_plan(SweepSpec spec, const PickerFactory& pickers) {
  SweepPlan plan;
  plan.spec = std::move(spec);
  SweepSpec& s = plan.spec;
  plan.scenario_text = read_text(s.scenario_path, s);
  plan.base = load_scenario_text(plan.scenario_text, s.scenario_path);
  for (std::size_t k = 0; k < s.fixed_sets.size(); ++k) {
    try {
      apply_override(plan.base, s.fixed_sets[k]);
    } catch (const InputError& e) {
      throw InputError(s.path, s.set_lines[k], "set[" + std::to_string(k) + "]", e.detail());
    }
  }
  apply_command_line_sets(plan);
  check_event_windows(plan.base);
  plan.ticks = plan.base.calendar.ticks;
  plan.dyads = plan.base.n_dyads();
  resolve_focal(plan);
  attach_posterior(plan, pickers);
  for (auto& p : s.parameters) {
    FieldTarget target;
    std::string error;
    if (resolve_field_path(plan.base, p.path, target, error)) p.integer = target.integer;
  }
  plan.design = make_design(s);
  validate_points(plan);
  // Command-line overrides change what is computed: they enter both hashes, so that shards run
  // with different -n/--seed/--set never merge (and nothing changes for a sweep without them).
  plan.sweep_hash = fnv1a_hex(s.text + '\0' + plan.scenario_text + '\0' + resolved_yaml(plan.base) +
                              (s.overrides.empty() ? std::string() : '\0' + s.overrides.text()));
  plan.design_hash = fnv1a_hex(design_identity(plan));
  return plan;
}

SweepPlan make_plan(const std::string& sweep_path, const SweepOverrides& overrides, const PickerFactory& pickers) {
  SweepSpec spec = read_sweep_file(sweep_path);
  apply_overrides(spec, overrides);
  return make_plan(std::move(spec), pickers);
}

std::vector<std::string> plan_inputs(const SweepPlan& plan) {
  std::vector<std::string> out = plan.base.extends;
  for (const std::string& p : {plan.spec.path, plan.spec.absolute_path, plan.spec.scenario_path, plan.base.path})
    if (!p.empty()) out.push_back(p);
  return out;
}

}  // namespace simrun
