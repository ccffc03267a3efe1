#include "sim/scenario/overrides.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/field_path.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/number_text.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {
namespace {

/// One `--set PATH=VALUE`; errors name "--set" as the file and the path as the field.
class Override {
 public:
  Override(Scenario& sc, const std::string& assignment) : sc_(sc), assignment_(assignment) {
    const auto at = assignment.find_first_of("=~");
    if (at == std::string::npos || at == 0)
      throw InputError("--set", 0, assignment,
                       "expected PATH=VALUE or PATH~PRIOR, e.g. parameters.lambda=2 or 'parameters.lambda~loguniform(2, 8)'");
    path_ = assignment.substr(0, at);
    value_ = assignment.substr(at + 1);
    sets_prior_ = assignment[at] == '~';
  }

  void apply() {
    if (sets_prior_) return set_prior();
    if (path_.rfind("calendar.", 0) == 0) return set_calendar();
    if (apply_special()) return record();
    const FieldTarget target = resolve();
    set_value(sc_, target, target.labels ? level(target) : number(target.lo, target.hi, target.integer));
    pin(sc_, target.path);  // the user chose this value: predictive runs hold it fixed
    record();
  }

  /// Sets a resolved number; as in a file, an actor's export-dependence mean follows its
  /// dependence unless set apart.
  static void set_value(Scenario& sc, const FieldTarget& target, double value) {
    double& slot = target.in(sc);
    const double old = slot;
    slot = value;
    if (target.actor == &ActorSpec::arms_export_dependence) {
      auto& a = sc.actors[static_cast<std::size_t>(target.index)];
      if (a.export_dependence_mean == old) a.export_dependence_mean = slot;
    }
  }

  static void pin(Scenario& sc, const std::string& path) {
    auto& u = sc.uncertain;
    u.erase(std::remove_if(u.begin(), u.end(), [&](const UncertainInput& in) { return in.path == path; }), u.end());
  }

 private:
  [[noreturn]] void fail(const std::string& msg) const { throw InputError("--set", 0, path_, msg); }

  FieldTarget resolve() const {
    FieldTarget target;
    std::string error;
    if (!resolve_field_path(sc_, path_, target, error)) fail(error);
    return target;
  }

  /// `PATH~EXPR` gives the number a prior (replacing the file's), `PATH~none` pins it.
  void set_prior() {
    const FieldTarget target = resolve();
    if (target.integer) fail("a prior needs a continuous number; this field takes whole numbers");
    if (value_ == "none") {
      pin(sc_, target.path);
      return record();
    }
    UncertainInput in;
    try {
      in.prior = Prior::parse(value_, target.lo, target.hi);
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
    const double point = target.in(sc_);
    if (!in.prior.contains(point)) {
      std::ostringstream os;
      os << "the point value " << point << " lies outside " << in.prior.describe() << " (set it first with --set "
         << path_ << "=VALUE)";
      fail(os.str());
    }
    in.path = target.path;
    in.source = "--set " + assignment_;
    in.units = target.units;
    in.origin = "--set";
    for (auto& existing : sc_.uncertain)
      if (existing.path == in.path) {
        existing = in;
        return record();
      }
    sc_.uncertain.push_back(in);
    record();
  }

  double number(double lo, double hi, bool integer) const {
    double v = 0;
    if (!parse_finite_number(value_, v)) fail("expected a finite number, got " + quote(value_));
    if (v < lo || v > hi || (integer && v != std::floor(v))) {
      std::ostringstream os;
      os << "expected " << (integer ? "a whole number" : "a number") << " in [" << lo << ", " << hi << "], got " << v;
      fail(os.str());
    }
    return v;
  }

  double level(const FieldTarget& target) const {
    double v = 0;
    if (!parse_level(target.labels, value_, v) || v < target.lo || v > target.hi || v != std::floor(v))
      fail(level_expectation(target.labels, target.lo, target.hi) + ", got '" + value_ + "'");
    return v;
  }

  void set_calendar() {
    const std::string key = path_.substr(9);
    if (key == "start") {
      if (!parse_quarter(value_, sc_.calendar.start)) fail("expected a quarter like 2018Q3, got " + quote(value_));
    } else if (key == "ticks") {
      sc_.calendar.ticks = static_cast<int>(number(1, 400, true));
    } else {
      fail("unknown key " + quote(key) + did_you_mean(key, {"start", "ticks"}));
    }
    record();
  }

  /// Paths that are not plain numbers of the schema: issue positions and saliences, project state.
  bool apply_special() {
    const std::string positions = ".positions.", saliences = ".saliences.", state = ".project.state";
    for (const char* bare : {".positions", ".saliences"}) {
      const std::string tail(bare);
      if (path_.rfind("actors.", 0) == 0 && path_.size() > tail.size() &&
          path_.compare(path_.size() - tail.size(), tail.size(), tail) == 0)
        fail("expected actors.ID" + tail + ".DIM=VALUE (one issue dimension at a time)");
    }
    for (const std::string* which : {&positions, &saliences}) {
      const auto at = path_.find(*which);
      if (path_.rfind("actors.", 0) != 0 || at == std::string::npos) continue;
      const int a = sc_.actor_index(path_.substr(7, at - 7));
      if (a < 0) return false;  // let the generic resolver report the unknown actor
      const std::string dim = path_.substr(at + which->size());
      for (std::size_t k = 0; k < sc_.dimensions.size(); ++k)
        if (sc_.dimensions[k] == dim) {
          auto& actor = sc_.actors[static_cast<std::size_t>(a)];
          (which == &positions ? actor.position : actor.salience)[k] = number(0, 1, false);
          return true;
        }
      fail("unknown dimension " + quote(dim) + did_you_mean(dim, sc_.dimensions));
    }
    if (path_.rfind("dyads.", 0) == 0 && path_.size() > state.size() &&
        path_.compare(path_.size() - state.size(), state.size(), state) == 0) {
      int a = 0, b = 0;
      std::string error;
      if (!resolve_pair(sc_, path_.substr(6, path_.size() - 6 - state.size()), "-", a, b, error)) fail(error);
      if (!parse_project_state(value_, sc_.dyads[static_cast<std::size_t>(sc_.dyad_index(a, b))].project_state))
        fail("expected one of none, agreed, building, operating, got " + quote(value_));
      return true;
    }
    return false;
  }

  void record() { sc_.overrides.push_back(assignment_); }

  Scenario& sc_;
  std::string assignment_, path_, value_;
  bool sets_prior_ = false;
};

}  // namespace

void apply_override(Scenario& scenario, const std::string& assignment) { Override(scenario, assignment).apply(); }

void apply_input_value(Scenario& scenario, const std::string& path, double value) {
  FieldTarget target;
  std::string error;
  if (!resolve_field_path(scenario, path, target, error)) throw InputError("--set", 0, path, error);
  if (!(value >= target.lo && value <= target.hi)) {
    std::ostringstream os;
    os << "expected a number in [" << target.lo << ", " << target.hi << "], got " << value;
    throw InputError("--set", 0, path, os.str());
  }
  Override::set_value(scenario, target, value);
}

}  // namespace simrun
