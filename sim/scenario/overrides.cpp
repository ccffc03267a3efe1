#include "sim/scenario/overrides.hpp"

#include <cmath>
#include <sstream>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

class Override {
 public:
  Override(Scenario& sc, const std::string& assignment) : sc_(sc), assignment_(assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError("--set", 0, assignment, "expected PATH=VALUE, e.g. parameters.lambda=2");
    path_ = assignment.substr(0, eq);
    value_ = assignment.substr(eq + 1);
    parts_ = split(path_, '.');
  }

  void apply() {
    const std::string& section = parts_[0];
    if (section == "parameters") return set_in(parameter_fields(), sc_.params, 1);
    if (section == "global") return set_in(global_fields(), sc_.global, 1);
    if (section == "calendar") return set_calendar();
    if (section == "actors") return set_actor();
    if (section == "dyads") return set_dyad();
    if (section == "links") return set_link();
    fail("unknown section '" + section + "'" +
         did_you_mean(section, {"parameters", "global", "calendar", "actors", "dyads", "links"}) +
         " (expected parameters., global., calendar., actors.ID., dyads.A-B. or links.A>B.)");
  }

 private:
  [[noreturn]] void fail(const std::string& msg) const { throw InputError("--set", 0, path_, msg); }

  void expect_parts(std::size_t n, const std::string& form) const {
    if (parts_.size() != n) fail("expected a path of the form " + form);
  }

  double number(double lo, double hi, bool integer) const {
    double v = 0;
    if (!parse_finite_number(value_, v)) fail("expected a finite number, got '" + value_ + "'");
    if (v < lo || v > hi || (integer && v != std::floor(v))) {
      std::ostringstream os;
      os << "expected " << (integer ? "a whole number" : "a number") << " in [" << lo << ", " << hi << "], got " << v;
      fail(os.str());
    }
    return v;
  }

  template <class S>
  void set_in(const std::vector<FieldSpec<S>>& table, S& obj, std::size_t key_at) {
    expect_parts(key_at + 1, "SECTION[.ID].KEY=VALUE");
    const std::string& key = parts_[key_at];
    const auto* f = find_field(table, key);
    if (!f) fail("unknown key '" + key + "'" + did_you_mean(key, field_keys(table)));
    obj.*(f->member) = number(f->lo, f->hi, f->integer);
    record();
  }

  void set_calendar() {
    expect_parts(2, "calendar.start=2019Q1 or calendar.ticks=N");
    if (parts_[1] == "start") {
      if (!parse_quarter(value_, sc_.calendar.start)) fail("expected a quarter like 2018Q3, got '" + value_ + "'");
    } else if (parts_[1] == "ticks") {
      sc_.calendar.ticks = static_cast<int>(number(1, 4000, true));
    } else {
      fail("unknown key '" + parts_[1] + "'" + did_you_mean(parts_[1], {"start", "ticks"}));
    }
    record();
  }

  int actor(const std::string& id) const {
    const int idx = sc_.actor_index(id);
    if (idx < 0) {
      std::vector<std::string> ids;
      for (const auto& a : sc_.actors) ids.push_back(a.id);
      fail("unknown actor '" + id + "'" + did_you_mean(id, ids));
    }
    return idx;
  }

  void set_actor() {
    if (parts_.size() < 3) fail("expected actors.ID.KEY=VALUE");
    ActorSpec& a = sc_.actors[static_cast<std::size_t>(actor(parts_[1]))];
    if (parts_[2] == "positions" || parts_[2] == "saliences") {
      expect_parts(4, "actors.ID.positions.DIM=VALUE");
      for (std::size_t k = 0; k < sc_.dimensions.size(); ++k)
        if (sc_.dimensions[k] == parts_[3]) {
          (parts_[2] == "positions" ? a.position : a.salience)[k] = number(0, 1, false);
          return record();
        }
      fail("unknown dimension '" + parts_[3] + "'" + did_you_mean(parts_[3], sc_.dimensions));
    }
    set_in(actor_fields(), a, 2);
  }

  void set_dyad() {
    if (parts_.size() < 3) fail("expected dyads.A-B.KEY=VALUE");
    const auto ids = split(parts_[1], '-');
    if (ids.size() != 2) fail("expected a dyad like RUS-PAK, got '" + parts_[1] + "'");
    const int i = actor(ids[0]), j = actor(ids[1]);
    if (i == j) fail("a dyad needs two different actors");
    DyadSpec& d = sc_.dyads[static_cast<std::size_t>(sc_.dyad_index(i, j))];
    if (parts_[2] == "project") {
      expect_parts(4, "dyads.A-B.project.KEY=VALUE");
      if (parts_[3] == "state") {
        if (!parse_project_state(value_, d.project_state))
          fail("expected one of none, agreed, building, operating, got '" + value_ + "'");
        return record();
      }
      return set_in(project_fields(), d, 3);
    }
    set_in(dyad_fields(), d, 2);
  }

  void set_link() {
    if (parts_.size() < 3) fail("expected links.A>B.KEY=VALUE");
    std::string pair = parts_[1];
    auto arrow = pair.find("->");
    std::size_t skip = 2;
    if (arrow == std::string::npos) {
      arrow = pair.find('>');
      skip = 1;
    }
    if (arrow == std::string::npos) fail("expected a link like RUS>IND, got '" + pair + "'");
    const int i = actor(pair.substr(0, arrow)), j = actor(pair.substr(arrow + skip));
    if (i == j) fail("a link needs two different actors");
    set_in(link_fields(), sc_.links[static_cast<std::size_t>(sc_.link_index(i, j))], 2);
  }

  void record() { sc_.overrides.push_back(assignment_); }

  Scenario& sc_;
  std::string assignment_, path_, value_;
  std::vector<std::string> parts_;
};

}  // namespace

void apply_override(Scenario& scenario, const std::string& assignment) {
  Override(scenario, assignment).apply();
}

}  // namespace simrun
