#include "sim/calibrate/calibration_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun {
namespace {

const std::vector<std::string> kTopKeys = {"name", "description", "scenario", "set", "parameters", "targets", "seed",
                                           "particles", "alpha", "max_generations", "min_acceptance",
                                           "target_tolerance", "runs_per_particle", "kernel"};
const std::vector<std::string> kTargetKeys = {"name", "indicator", "dyad", "event", "observed", "error", "source"};
const std::vector<std::string> kIndicators = {"formed", "event", "military", "economic", "diplomatic", "trade"};

TargetSpec read_target(const Reader& r, const YAML::Node& n, const std::string& field) {
  r.expect_map(n, field);
  r.only_keys(n, field, kTargetKeys);
  TargetSpec t;
  t.line = Reader::line_of(n);
  for (const char* key : {"name", "indicator", "dyad", "observed", "error", "source"})
    if (!n[key]) r.fail(n, field + "." + key, std::string("missing '") + key + ":' (every target needs name, indicator, dyad, observed, error and source)");
  t.name = r.text(n["name"], field + ".name");
  const std::string ind = r.text(n["indicator"], field + ".indicator");
  std::size_t k = 0;
  while (k < kIndicators.size() && kIndicators[k] != ind) ++k;
  if (k == kIndicators.size())
    r.fail(n["indicator"], field + ".indicator", "expected one of formed, event, military, economic, diplomatic, trade; got '" + ind + "'");
  t.indicator = static_cast<Indicator>(k);
  t.dyad = r.text(n["dyad"], field + ".dyad");
  if (t.indicator == Indicator::Event) {
    if (!n["event"]) r.fail(n, field + ".event", "an 'event' target names its event kind (e.g. event: visit)");
    t.event = r.text(n["event"], field + ".event");
  } else if (n["event"]) {
    r.fail(n["event"], field + ".event", "'event:' belongs only to targets with indicator: event");
  }
  const bool binary = t.indicator == Indicator::Formed || t.indicator == Indicator::Event;
  t.observed = r.number(n["observed"], field + ".observed", 0, binary ? 1 : 1e6, binary);
  t.error = r.number(n["error"], field + ".error", 1e-6, 1e6, false);
  t.source = r.text(n["source"], field + ".source");
  return t;
}

void read_settings(const Reader& r, const YAML::Node& root, CalibrationSpec& s) {
  AbcSettings& a = s.settings;
  if (root["seed"]) a.seed = static_cast<std::uint32_t>(r.number(root["seed"], "seed", 0, 4294967295.0, true));
  if (root["particles"]) a.particles = static_cast<int>(r.number(root["particles"], "particles", 10, 1e6, true));
  if (root["alpha"]) a.alpha = r.number(root["alpha"], "alpha", 0.05, 0.95, false);
  if (root["max_generations"])
    a.max_generations = static_cast<int>(r.number(root["max_generations"], "max_generations", 0, 1000, true));
  if (root["min_acceptance"]) a.min_acceptance = r.number(root["min_acceptance"], "min_acceptance", 1e-6, 1, false);
  if (root["target_tolerance"]) a.target_tolerance = r.number(root["target_tolerance"], "target_tolerance", 0, 1e12, false);
  if (root["kernel"]) {
    const std::string k = r.text(root["kernel"], "kernel");
    if (k == "truncated") a.kernel = AbcKernel::Truncated;
    else if (k == "unconstrained") a.kernel = AbcKernel::Unconstrained;
    else if (k == "gaussian") a.kernel = AbcKernel::Gaussian;
    else r.fail(root["kernel"], "kernel", "expected truncated, unconstrained or gaussian; got '" + k + "'");
  }
  if (root["runs_per_particle"])
    s.runs_per_particle = static_cast<int>(r.number(root["runs_per_particle"], "runs_per_particle", 1, 10000, true));
}

}  // namespace

const char* indicator_name(Indicator i) { return kIndicators[static_cast<std::size_t>(i)].c_str(); }

CalibrationSpec load_calibration(const std::string& path) {
  CalibrationSpec s;
  s.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!std::filesystem::is_regular_file(path) || !in) throw InputError(path, 0, "", "cannot read the calibration file (is it a regular, readable file?)");
  std::ostringstream buf;
  buf << in.rdbuf();
  s.text = buf.str();
  const Reader r(path);
  YAML::Node root;
  try {
    root = YAML::Load(s.text);
  } catch (const YAML::Exception& e) {
    throw InputError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "not valid YAML: " + e.msg);
  }
  r.expect_map(root, "");
  r.only_keys(root, "", kTopKeys);
  for (const char* key : {"name", "scenario", "targets"})
    if (!root[key]) r.fail(root, key, std::string("missing '") + key + ":'");
  s.name = r.text(root["name"], "name");
  if (root["description"]) s.description = r.text(root["description"], "description");
  s.scenario = r.text(root["scenario"], "scenario");
  if (std::filesystem::path(s.scenario).is_relative())
    s.scenario = (std::filesystem::path(path).parent_path() / s.scenario).lexically_normal().string();
  if (root["set"]) {
    // e.g. the horizon at which the targets are read: set: [calendar.ticks=29]
    r.expect_sequence(root["set"], "set");
    for (std::size_t i = 0; i < root["set"].size(); ++i) {
      s.sets.push_back(r.text(root["set"][i], "set[" + std::to_string(i) + "]"));
      s.set_lines.push_back(Reader::line_of(root["set"][i]));
    }
  }
  if (root["parameters"]) {
    r.expect_sequence(root["parameters"], "parameters");
    for (std::size_t i = 0; i < root["parameters"].size(); ++i)
      s.parameters.push_back(r.text(root["parameters"][i], "parameters[" + std::to_string(i) + "]"));
  }
  r.expect_sequence(root["targets"], "targets");
  if (root["targets"].size() == 0) r.fail(root["targets"], "targets", "expected at least one target");
  for (std::size_t i = 0; i < root["targets"].size(); ++i)
    s.targets.push_back(read_target(r, root["targets"][i], "targets[" + std::to_string(i) + "]"));
  read_settings(r, root, s);
  return s;
}

Scenario calibration_scenario(const CalibrationSpec& spec, const std::vector<std::string>& command_line_sets) {
  // Applied one more at a time, so that an error names the entry that caused it.
  for (std::size_t k = 0; k < spec.sets.size(); ++k) {
    try {
      load_scenario(spec.scenario, std::vector<std::string>(spec.sets.begin(), spec.sets.begin() + static_cast<std::ptrdiff_t>(k) + 1));
    } catch (const InputError& e) {
      if (e.file() != "--set") throw;  // the scenario file itself is at fault
      throw InputError(spec.path, spec.set_lines[k], "set[" + std::to_string(k) + "]", e.field() + ": " + e.detail());
    }
  }
  std::vector<std::string> all = spec.sets;
  all.insert(all.end(), command_line_sets.begin(), command_line_sets.end());
  return load_scenario(spec.scenario, all);
}

}  // namespace simrun
