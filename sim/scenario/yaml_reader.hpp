#pragma once
// Reading helpers for YAML scenario files that know the file name and turn every problem into
// an InputError located at the offending node (internal to sim/scenario).
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/number_text.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& field, const std::string& msg) const {
    throw InputError(file_, line_of(node), field, msg);
  }
  static int line_of(const YAML::Node& node) {
    const YAML::Mark m = node.Mark();
    return m.line >= 0 ? m.line + 1 : 0;
  }

  void expect_map(const YAML::Node& n, const std::string& field) const {
    if (!n.IsMap()) fail(n, field, "expected a mapping (key: value lines), got " + kind(n));
  }
  void expect_sequence(const YAML::Node& n, const std::string& field) const {
    if (!n.IsSequence()) fail(n, field, "expected a list (lines starting with '- '), got " + kind(n));
  }
  std::string text(const YAML::Node& n, const std::string& field) const {
    if (!n.IsScalar()) fail(n, field, "expected a text value, got " + kind(n));
    return n.Scalar();
  }
  double number(const YAML::Node& n, const std::string& field, double lo, double hi, bool integer) const {
    if (!n.IsScalar()) fail(n, field, "expected a number, got " + kind(n));
    double v = 0;
    if (!parse_finite_number(n.Scalar(), v))
      fail(n, field, "expected a finite number, got " + quote(n.Scalar()));
    check_range(n, field, v, lo, hi, integer);
    return v;
  }
  /// A level written by name (`labels`, e.g. pact types) or as a whole number in [lo, hi].
  double level(const YAML::Node& n, const std::string& field, double lo, double hi,
               const char* const* labels) const {
    double v = 0;
    if (!n.IsScalar() || !parse_level(labels, n.Scalar(), v) || v < lo || v > hi || v != std::floor(v))
      fail(n, field, level_expectation(labels, lo, hi) + ", got '" + (n.IsScalar() ? n.Scalar() : kind(n)) + "'");
    return v;
  }
  void check_range(const YAML::Node& n, const std::string& field, double v, double lo, double hi,
                   bool integer) const {
    if (v < lo || v > hi || (integer && v != std::floor(v))) {
      std::ostringstream os;
      os << "expected " << (integer ? "a whole number" : "a number") << " in [" << lo << ", " << hi << "], got " << v;
      fail(n, field, os.str());
    }
  }
  /// Rejects keys of `n` that are not plain words, repeated, not in `allowed` (suggesting the
  /// nearest one), or without a value (reported on the key's own line).
  void only_keys(const YAML::Node& n, const std::string& field, const std::vector<std::string>& allowed) const {
    std::vector<std::string> seen;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar()) fail(kv.first, field, "keys must be plain words, got " + kind(kv.first));
      const std::string key = kv.first.Scalar();
      const std::string path = field.empty() ? key : field + "." + key;
      bool ok = false;
      for (const auto& a : allowed) ok = ok || a == key;
      if (!ok) fail(kv.first, path, "unknown key " + quote(key) + did_you_mean(key, allowed));
      for (const auto& s : seen)
        if (s == key) fail(kv.first, path, "key " + quote(key) + " is given twice");
      seen.push_back(key);
      if (kv.second.IsNull()) fail(kv.first, path, "'" + key + ":' has no value");
    }
  }
  static std::string kind(const YAML::Node& n) {
    switch (n.Type()) {
      case YAML::NodeType::Null: return "nothing";
      case YAML::NodeType::Scalar: return quote(n.Scalar());
      case YAML::NodeType::Sequence: return "a list";
      case YAML::NodeType::Map: return "a mapping";
      default: return "an undefined value";
    }
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

/// The top-level node of a scenario file's text: one YAML document holding a mapping, checked for
/// what later stages cannot see (empty values, repeated keys at any depth, alias cycles and
/// expansions; loader.cpp). Its own `extends:` is not resolved. @throws InputError.
YAML::Node parse_scenario_yaml(const std::string& text, const std::string& path);

/// Validates an already resolved scenario tree as `path` would be (its errors name `path`).
/// @throws InputError.
void validate_scenario_node(const YAML::Node& root, const std::string& text, const std::string& path);

/// Parses the `events:` list (event_parser.cpp).
std::vector<EventSpec> read_events(const Reader& r, const YAML::Node& node, const Scenario& sc);

/// Reads a block's `priors:` map (prior_reader.cpp) into sc.uncertain; `path` is the block's
/// --set prefix ("parameters", "actors.RUS", "dyads.RUS-PAK", "links.USA>PAK", "global").
void read_priors(const Reader& r, const YAML::Node& n, const std::string& path, Scenario& sc,
                 const std::map<std::string, std::string>& references);

/// Refuses events whose window lies entirely outside the simulated quarters.
void check_event_windows(const Scenario& sc);

}  // namespace simrun
