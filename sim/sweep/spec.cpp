#include "sim/sweep/spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/file_names.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/number_text.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun {

const char* design_kind_name(DesignKind k) {
  switch (k) {
    case DesignKind::Grid: return "grid";
    case DesignKind::LatinHypercube: return "latin_hypercube";
    case DesignKind::Saltelli: return "saltelli";
  }
  return "?";
}

std::string SweepOverrides::text() const {
  std::string t;
  if (runs) t += "runs=" + std::to_string(*runs) + "\n";
  if (seed) t += "seed=" + std::to_string(*seed) + "\n";
  for (const auto& a : sets) t += "set=" + a + "\n";
  if (!posterior.empty()) t += "posterior=" + posterior + "\nposterior_checksum=" + posterior_checksum + "\n";
  return t;
}

std::string SweepOverrides::options() const {
  std::string t;
  auto add = [&t](const std::string& s) { t += (t.empty() ? "" : " ") + s; };
  if (runs) add("-n " + std::to_string(*runs));
  if (seed) add("--seed " + std::to_string(*seed));
  for (const auto& a : sets) add("--set " + a);
  if (!posterior.empty()) add("--posterior " + posterior);
  return t;
}

SweepOverrides SweepOverrides::parse(const std::string& text) {
  SweepOverrides o;
  auto whole = [](const std::string& v, unsigned long long hi) {
    if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos)
      throw std::invalid_argument("not a whole number: '" + v + "'");
    const unsigned long long x = std::stoull(v);
    if (x > hi) throw std::invalid_argument("out of range: '" + v + "'");
    return x;
  };
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    const std::string key = line.substr(0, eq), value = eq == std::string::npos ? "" : line.substr(eq + 1);
    if (eq == std::string::npos) throw std::invalid_argument("not key=value: '" + line + "'");
    if (key == "runs" && !o.runs && o.sets.empty() && !o.seed) o.runs = whole(value, 100000000);
    else if (key == "seed" && !o.seed && o.sets.empty()) o.seed = static_cast<std::uint32_t>(whole(value, 4294967295u));
    else if (key == "set" && !value.empty() && o.posterior.empty()) o.sets.push_back(value);
    else if (key == "posterior" && !value.empty() && o.posterior.empty()) o.posterior = value;
    else if (key == "posterior_checksum" && !o.posterior.empty() && o.posterior_checksum.empty()) o.posterior_checksum = value;
    else throw std::invalid_argument("unexpected line '" + line + "'");
  }
  if (o.runs && *o.runs < 1) throw std::invalid_argument("runs=0");
  if (!o.posterior.empty() && o.posterior_checksum.empty()) throw std::invalid_argument("posterior without its checksum");
  return o;
}

std::vector<std::string> SweepSpec::all_fixed_sets() const {
  std::vector<std::string> out = fixed_sets;
  out.insert(out.end(), overrides.sets.begin(), overrides.sets.end());
  return out;
}

void apply_overrides(SweepSpec& spec, const SweepOverrides& o) {
  for (const auto& a : o.sets)  // the assignments themselves are checked when the plan applies them
    if (a.find('\n') != std::string::npos) throw InputError("command line", 0, "--set", "a newline in the assignment " + quote(a));
  if (o.posterior.find('\n') != std::string::npos) throw InputError("command line", 0, "--posterior", "a newline in the file name");
  if (o.runs) {
    spec.runs = *o.runs;
    spec.target_half_width = 0;  // -n N: N runs per point, also where the file asks for a target width
    spec.max_runs = 0;
    spec.batch = 0;
  }
  if (o.seed) spec.seed = *o.seed;
  spec.overrides = o;
}

std::string SweepParameter::describe() const {
  switch (distribution) {
    case Distribution::Values: {
      std::string s = "values [";
      for (std::size_t k = 0; k < values.size(); ++k) s += (k ? ", " : "") + shortest_number(values[k]);
      return s + "]";
    }
    case Distribution::Uniform:
      return (posterior_range ? "posterior 95% range: uniform(" : "uniform(") + shortest_number(a) + ", " + shortest_number(b) + ")";
    case Distribution::LogUniform: return "loguniform(" + shortest_number(a) + ", " + shortest_number(b) + ")";
    case Distribution::Normal: return "normal(" + shortest_number(a) + ", " + shortest_number(b) + ")";
  }
  return "?";
}

bool SweepSpec::typed_focal() const {
  for (PactType t : focal_pact)
    if (t != PactType::Defence) return true;
  return false;
}

namespace {

const std::vector<std::string> kTopKeys = {"name", "description", "scenario", "seed", "runs", "target_half_width",
                                           "max_runs", "batch", "focal", "set", "design", "parameters"};
constexpr double kMaxRuns = 100000000;
constexpr double kMaxPoints = 10000000;         // points of any design (docs/robustness.md, "Limits")
constexpr double kMaxDesignValues = 20000000;  // points x parameters: 160 MB of design
constexpr double kMaxParameters = 1000;

class SweepParser {
 public:
  SweepParser(const std::string& text, const std::string& path) : r_(path) {
    s_.path = path;
    std::error_code ec;
    const auto abs = std::filesystem::absolute(path, ec);
    s_.absolute_path = ec ? path : abs.lexically_normal().string();
    s_.text = text;
  }

  SweepSpec parse() {
    YAML::Node root;
    try {
      root = YAML::Load(s_.text);
    } catch (const YAML::Exception& e) {
      throw InputError(r_.file(), e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "not valid YAML: " + e.msg);
    }
    if (root.IsNull() || !root.IsDefined())
      throw InputError(r_.file(), 0, "", "the sweep file is empty: it needs scenario:, runs:, focal:, design: and parameters:");
    if (!root.IsMap()) r_.fail(root, "", "expected a YAML mapping at the top level (scenario:, design:, ...), got " + Reader::kind(root));
    r_.only_keys(root, "", kTopKeys);
    s_.name = root["name"] ? r_.text(root["name"], "name") : file_stem(s_.path);
    if (root["description"]) s_.description = r_.text(root["description"], "description");
    read_scenario(root);
    if (root["seed"]) s_.seed = static_cast<std::uint32_t>(r_.number(root["seed"], "seed", 0, 4294967295.0, true));
    read_runs(root);
    read_focal(root);
    if (root["set"]) read_sets(root["set"]);
    read_design(root);
    read_parameters(root);
    return std::move(s_);
  }

 private:
  void require(const YAML::Node& root, const char* key, const std::string& why) const {
    if (!root[key]) throw InputError(r_.file(), 0, key, std::string("missing field '") + key + "': " + why);
  }

  void read_scenario(const YAML::Node& root) {
    require(root, "scenario", "the scenario file to sweep (relative to this file), e.g. scenario: ../baseline.yaml");
    const std::string rel = r_.text(root["scenario"], "scenario");
    if (rel.empty()) r_.fail(root["scenario"], "scenario", "expected a file name");
    s_.scenario_line = Reader::line_of(root["scenario"]);
    const std::filesystem::path p(rel);
    s_.scenario_path = p.is_absolute() ? rel : (std::filesystem::path(s_.path).parent_path() / p).lexically_normal().string();
  }

  void read_runs(const YAML::Node& root) {
    const bool fixed = static_cast<bool>(root["runs"]), adaptive = static_cast<bool>(root["target_half_width"]);
    if (fixed && adaptive)
      r_.fail(root["target_half_width"], "target_half_width", "give either runs: (fixed runs per point) or target_half_width: (run until the interval is that narrow), not both");
    if (!fixed && !adaptive)
      throw InputError(r_.file(), 0, "runs", "missing field 'runs': give runs: N per point, or target_half_width: W with max_runs: M");
    if (fixed) {
      for (const char* k : {"max_runs", "batch"})
        if (root[k]) r_.fail(root[k], k, std::string("'") + k + ":' goes with target_half_width:, not with runs:");
      s_.runs = static_cast<std::uint64_t>(r_.number(root["runs"], "runs", 1, kMaxRuns, true));
      return;
    }
    s_.target_half_width = r_.number(root["target_half_width"], "target_half_width", 0, 0.5, false);
    if (s_.target_half_width <= 0) r_.fail(root["target_half_width"], "target_half_width", "expected a half-width above 0 (e.g. 0.01)");
    if (!root["max_runs"])
      r_.fail(root["target_half_width"], "max_runs", "target_half_width: needs max_runs: (the cap on runs per point)");
    s_.max_runs = static_cast<std::uint64_t>(r_.number(root["max_runs"], "max_runs", 1, kMaxRuns, true));
    // Without batch:, batches of 500 runs, or of max_runs when that is smaller.
    s_.batch = root["batch"] ? static_cast<std::uint64_t>(r_.number(root["batch"], "batch", 1, kMaxRuns, true))
                             : std::min<std::uint64_t>(500, s_.max_runs);
    if (s_.batch > s_.max_runs) r_.fail(root["batch"], "batch", "batch must not exceed max_runs (" + std::to_string(s_.max_runs) + ")");
  }

  void read_focal(const YAML::Node& root) {
    require(root, "focal", "the dyads whose P(alliance formed by the horizon) are the outcomes, e.g. focal: [RUS-PAK]");
    const YAML::Node& f = root["focal"];
    if (f.IsScalar()) {
      s_.focal.push_back(f.Scalar());
      s_.focal_pact.push_back(PactType::Defence);
      s_.focal_lines.push_back(Reader::line_of(f));
      return;
    }
    r_.expect_sequence(f, "focal");
    if (f.size() == 0) r_.fail(f, "focal", "expected at least one dyad, e.g. [RUS-PAK]");
    for (std::size_t k = 0; k < f.size(); ++k) read_focal_entry(f[k], "focal[" + std::to_string(k) + "]");
  }

  /// "RUS-PAK" (a new defence pact), or {dyad: RUS-PAK, pact: consultation}.
  void read_focal_entry(const YAML::Node& e, const std::string& field) {
    s_.focal_lines.push_back(Reader::line_of(e));
    if (!e.IsMap()) {
      s_.focal.push_back(r_.text(e, field));
      s_.focal_pact.push_back(PactType::Defence);
      return;
    }
    r_.only_keys(e, field, {"dyad", "pact"});
    if (!e["dyad"]) r_.fail(e, field + ".dyad", "missing field 'dyad': the actor pair, e.g. {dyad: RUS-PAK, pact: consultation}");
    s_.focal.push_back(r_.text(e["dyad"], field + ".dyad"));
    PactType type = PactType::Defence;
    if (e["pact"]) {
      const std::string name = r_.text(e["pact"], field + ".pact");
      const std::vector<std::string> names = {"defence", "consultation", "nonaggression"};
      bool found = false;
      for (PactType t : {PactType::Defence, PactType::Consultation, PactType::Nonaggression})
        if (name == pact_type_name(t)) type = t, found = true;
      if (!found)
        r_.fail(e["pact"], field + ".pact", "unknown pact type " + quote(name) + did_you_mean(name, names) +
                                                " (one of defence, consultation, nonaggression)");
    }
    s_.focal_pact.push_back(type);
  }

  void read_sets(const YAML::Node& n) {
    r_.expect_sequence(n, "set");
    for (std::size_t k = 0; k < n.size(); ++k) {
      const std::string a = r_.text(n[k], "set[" + std::to_string(k) + "]");
      if (a.find('=') == std::string::npos || a.front() == '=')
        r_.fail(n[k], "set[" + std::to_string(k) + "]", "expected PATH=VALUE like calendar.ticks=20, got " + quote(a));
      s_.fixed_sets.push_back(a);
      s_.set_lines.push_back(Reader::line_of(n[k]));
    }
  }

  void read_design(const YAML::Node& root) {
    require(root, "design", "e.g. design: {kind: grid}, {kind: latin_hypercube, points: 200, seed: 1} or {kind: saltelli, base_samples: 128, seed: 1}");
    const YAML::Node& d = root["design"];
    r_.expect_map(d, "design");
    r_.only_keys(d, "design", {"kind", "points", "base_samples", "seed", "sampler", "bootstrap"});
    if (!d["kind"]) r_.fail(d, "design.kind", "missing field 'kind': one of grid, latin_hypercube, saltelli");
    const std::string kind = r_.text(d["kind"], "design.kind");
    if (kind == "grid") s_.kind = DesignKind::Grid;
    else if (kind == "latin_hypercube") s_.kind = DesignKind::LatinHypercube;
    else if (kind == "saltelli") s_.kind = DesignKind::Saltelli;
    else r_.fail(d["kind"], "design.kind", "unknown design " + quote(kind) + did_you_mean(kind, {"grid", "latin_hypercube", "saltelli"}) +
                 " (one of grid, latin_hypercube, saltelli)");
    auto only_for = [&](const char* key, DesignKind k) {
      if (d[key] && s_.kind != k)
        r_.fail(d[key], std::string("design.") + key, std::string("'") + key + ":' applies to kind: " + design_kind_name(k) + " only");
    };
    only_for("points", DesignKind::LatinHypercube);
    only_for("base_samples", DesignKind::Saltelli);
    only_for("sampler", DesignKind::Saltelli);
    only_for("bootstrap", DesignKind::Saltelli);
    if (d["seed"] && s_.kind == DesignKind::Grid) r_.fail(d["seed"], "design.seed", "a grid has no random design: 'seed:' applies to latin_hypercube and saltelli");
    if (d["seed"]) s_.design_seed = static_cast<std::uint32_t>(r_.number(d["seed"], "design.seed", 0, 4294967295.0, true));
    if (s_.kind == DesignKind::LatinHypercube) {
      if (!d["points"]) r_.fail(d, "design.points", "a latin_hypercube design needs points: N");
      s_.points = static_cast<std::uint64_t>(r_.number(d["points"], "design.points", 1, kMaxPoints, true));
    }
    if (s_.kind == DesignKind::Saltelli) {
      if (!d["base_samples"]) r_.fail(d, "design.base_samples", "a saltelli design needs base_samples: N (it runs N (d + 2) points)");
      s_.base_samples = static_cast<std::uint64_t>(r_.number(d["base_samples"], "design.base_samples", 2, kMaxPoints, true));
      if (d["sampler"]) {
        const std::string smp = r_.text(d["sampler"], "design.sampler");
        if (smp == "sobol") s_.sampler = QmcSampler::Sobol;
        else if (smp == "random") s_.sampler = QmcSampler::Random;
        else r_.fail(d["sampler"], "design.sampler", "expected sobol (quasi-random, the default) or random, got " + quote(smp));
      }
      if (d["bootstrap"]) s_.bootstrap = static_cast<std::uint64_t>(r_.number(d["bootstrap"], "design.bootstrap", 100, 100000, true));
    }
  }

  double pair_number(const YAML::Node& list, const std::string& field, std::size_t k) const {
    return r_.number(list[k], field + "[" + std::to_string(k) + "]", -1e300, 1e300, false);
  }

  /// [a, b] with two numbers.
  void read_pair(const YAML::Node& n, const std::string& field, double& a, double& b) const {
    if (!n.IsSequence() || n.size() != 2) r_.fail(n, field, "expected two numbers like [2, 8], got " + Reader::kind(n));
    a = pair_number(n, field, 0);
    b = pair_number(n, field, 1);
  }

  void read_parameters(const YAML::Node& root) {
    require(root, "parameters", "a list of {path: ..., values: [...]} (grid) or {path: ..., range: [lo, hi]} entries");
    const YAML::Node& list = root["parameters"];
    r_.expect_sequence(list, "parameters");
    if (list.size() == 0) r_.fail(list, "parameters", "expected at least one parameter");
    for (std::size_t k = 0; k < list.size(); ++k) {
      const YAML::Node& e = list[k];
      const std::string field = "parameters[" + std::to_string(k) + "]";
      r_.expect_map(e, field);
      r_.only_keys(e, field, {"path", "values", "range", "distribution", "note"});
      SweepParameter p;
      p.line = Reader::line_of(e);
      if (!e["path"]) r_.fail(e, field + ".path", "missing field 'path' (a --set path such as parameters.lambda)");
      p.path = r_.text(e["path"], field + ".path");
      if (p.path.rfind("calendar.", 0) == 0)
        r_.fail(e["path"], field + ".path", quote(p.path) + " cannot be swept: every point must share the calendar (put it under set: instead)");
      for (const auto& q : s_.parameters)
        if (q.path == p.path) r_.fail(e["path"], field + ".path", "parameter " + quote(p.path) + " is listed twice");
      const int given = (e["values"] ? 1 : 0) + (e["range"] ? 1 : 0) + (e["distribution"] ? 1 : 0);
      if (given != 1)
        r_.fail(e, field, "give exactly one of values: [..] (grid), range: [lo, hi] or distribution: {uniform|loguniform|normal: [a, b]}");
      if (s_.kind == DesignKind::Grid) {
        if (!e["values"]) r_.fail(e, field, "a grid design needs values: [v1, v2, ...] for every parameter");
        const YAML::Node& v = e["values"];
        r_.expect_sequence(v, field + ".values");
        if (v.size() == 0) r_.fail(v, field + ".values", "expected at least one value");
        for (std::size_t j = 0; j < v.size(); ++j) {
          p.values.push_back(r_.number(v[j], field + ".values[" + std::to_string(j) + "]", -1e300, 1e300, false));
          for (std::size_t i = 0; i + 1 < p.values.size(); ++i)
            if (p.values[i] == p.values.back()) r_.fail(v[j], field + ".values[" + std::to_string(j) + "]", "value " + shortest_number(p.values.back()) + " is listed twice");
        }
      } else {
        if (e["values"])
          r_.fail(e["values"], field + ".values", std::string("a ") + design_kind_name(s_.kind) + " design samples each parameter: give range: [lo, hi] or distribution:");
        if (e["range"] && e["range"].IsScalar() && e["range"].Scalar() == "posterior") {
          p.distribution = Distribution::Uniform;  // bounds from the posterior when the plan is made
          p.posterior_range = true;
          p.a = 0, p.b = 1;
        } else if (e["range"]) {
          p.distribution = Distribution::Uniform;
          read_pair(e["range"], field + ".range", p.a, p.b);
        } else {
          read_distribution(e["distribution"], field + ".distribution", p);
        }
        if ((p.distribution == Distribution::Uniform || p.distribution == Distribution::LogUniform) && !(p.a < p.b))
          r_.fail(e, field, "the lower bound must be below the upper bound, got [" + shortest_number(p.a) + ", " + shortest_number(p.b) + "]");
        if (p.distribution == Distribution::LogUniform && p.a <= 0)
          r_.fail(e, field, "loguniform needs bounds above 0, got " + shortest_number(p.a));
        if (p.distribution == Distribution::Normal && !(p.b > 0))
          r_.fail(e, field, "normal: [mean, sd] needs sd above 0, got " + shortest_number(p.b));
      }
      s_.parameters.push_back(std::move(p));
    }
    check_design_size(list);
  }

  /// Every design's size is known from the file alone: it is refused here, before the design
  /// (points x parameters numbers) or anything per point is allocated.
  void check_design_size(const YAML::Node& list) const {
    const double d = static_cast<double>(s_.parameters.size());
    if (d > kMaxParameters)
      r_.fail(list, "parameters", "the sweep has " + shortest_number(d) + " parameters; at most " + shortest_number(kMaxParameters) + " are supported");
    double points = 1;
    std::string how;
    switch (s_.kind) {
      case DesignKind::Grid:
        for (const auto& p : s_.parameters) points *= static_cast<double>(p.values.size());
        how = "the grid has ";
        break;
      case DesignKind::LatinHypercube:
        points = static_cast<double>(s_.points);
        how = "the design has ";
        break;
      case DesignKind::Saltelli:
        points = static_cast<double>(s_.base_samples) * (d + 2);
        how = "the Saltelli design has base_samples x (parameters + 2) = ";
        break;
    }
    if (points > kMaxPoints)
      r_.fail(list, "parameters", how + shortest_number(points) + " points; at most 10,000,000 are supported");
    if (points * d > kMaxDesignValues)
      r_.fail(list, "parameters", how + shortest_number(points) + " points of " + shortest_number(d) + " parameters (" +
                                      shortest_number(points * d) + " numbers); at most 20,000,000 numbers are supported");
  }

  void read_distribution(const YAML::Node& n, const std::string& field, SweepParameter& p) const {
    r_.expect_map(n, field);
    r_.only_keys(n, field, {"uniform", "loguniform", "normal"});
    if (n.size() != 1) r_.fail(n, field, "give exactly one of uniform: [a, b], loguniform: [a, b], normal: [mean, sd]");
    const std::string key = n.begin()->first.Scalar();
    p.distribution = key == "uniform" ? Distribution::Uniform : key == "loguniform" ? Distribution::LogUniform : Distribution::Normal;
    read_pair(n.begin()->second, field + "." + key, p.a, p.b);
  }

  Reader r_;
  SweepSpec s_;
};

}  // namespace

SweepSpec parse_sweep_text(const std::string& text, const std::string& path) {
  try {
    return SweepParser(text, path).parse();
  } catch (const YAML::Exception& e) {
    throw InputError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "not a valid sweep file: " + e.msg);
  }
}

SweepSpec read_sweep_file(const std::string& path) {
  return parse_sweep_text(read_input_file(path, "sweep file"), path);
}

}  // namespace simrun
