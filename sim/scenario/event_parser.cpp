// Parsing of a scenario's `events:` timeline (see events.hpp and docs/model.md, "Scripted events").
#include <algorithm>

#include "sim/scenario/field_path.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun {
namespace {

const std::vector<std::string> kEventKeys = {"name", "at", "tick", "window", "probability", "repeat", "trigger",
                                             "dyad", "set", "add", "scale", "note", "source"};

class EventParser {
 public:
  EventParser(const Reader& r, const Scenario& sc) : r_(r), sc_(sc) {}

  EventSpec parse(const YAML::Node& n, std::size_t k) {
    const std::string where = "events[" + std::to_string(k) + "]";
    r_.expect_map(n, where);
    r_.only_keys(n, where, kEventKeys);
    EventSpec e;
    e.line = Reader::line_of(n);
    e.name = n["name"] ? r_.text(n["name"], where + ".name") : "event " + std::to_string(k + 1);
    const std::string path = "events." + e.name;
    read_when(n, path, e);
    if (n["probability"]) e.probability = r_.number(n["probability"], path + ".probability", 0, 1, false);
    if (n["repeat"]) e.repeat = boolean(n["repeat"], path + ".repeat");
    read_trigger(n, path, e);
    read_actions(n, "set", EventAction::Op::Set, path, e);
    read_actions(n, "add", EventAction::Op::Add, path, e);
    read_actions(n, "scale", EventAction::Op::Scale, path, e);
    if (e.actions.empty() && e.trigger == EventTrigger::None)
      r_.fail(n, path, "an event needs a trigger or at least one of set:, add:, scale:");
    return e;
  }

 private:
  bool boolean(const YAML::Node& n, const std::string& field) const {
    const std::string v = r_.text(n, field);
    if (v == "true" || v == "yes") return true;
    if (v == "false" || v == "no") return false;
    r_.fail(n, field, "expected true or false, got '" + v + "'");
  }

  /// A quarter given as "2019Q1" or as a tick number of this scenario's calendar.
  Quarter when(const YAML::Node& n, const std::string& field) const {
    Quarter q;
    const std::string text = r_.text(n, field);
    if (parse_quarter(text, q)) return q;
    double tick = 0;
    if (parse_finite_number(text, tick) && tick >= 1 && tick <= 400 && tick == static_cast<int>(tick))
      return sc_.calendar.quarter_of_tick(static_cast<int>(tick));
    r_.fail(n, field, "expected a quarter like 2019Q1 or a tick number >= 1, got '" + text + "'");
  }

  void read_when(const YAML::Node& n, const std::string& path, EventSpec& e) const {
    const int given = (n["at"] ? 1 : 0) + (n["tick"] ? 1 : 0) + (n["window"] ? 1 : 0);
    if (given != 1) r_.fail(n, path, "give exactly one of at: (a quarter), tick: (a number) or window: [from, to]");
    if (n["at"]) e.first = e.last = when(n["at"], path + ".at");
    if (n["tick"]) e.first = e.last = when(n["tick"], path + ".tick");
    if (n["window"]) {
      const YAML::Node& w = n["window"];
      if (!w.IsSequence() || w.size() != 2)
        r_.fail(w, path + ".window", "expected [from, to] with quarters like 2019Q1 or tick numbers");
      e.first = when(w[0], path + ".window");
      e.last = when(w[1], path + ".window");
      if (e.last.index < e.first.index) r_.fail(w, path + ".window", "the window ends before it starts");
    }
  }

  void read_trigger(const YAML::Node& n, const std::string& path, EventSpec& e) const {
    if (!n["trigger"]) {
      if (n["dyad"]) r_.fail(n["dyad"], path + ".dyad", "dyad: is only used with trigger:");
      return;
    }
    const std::string t = r_.text(n["trigger"], path + ".trigger");
    const std::vector<std::string> names = {"arms_deal", "visit", "crisis", "project_start"};
    const auto it = std::find(names.begin(), names.end(), t);
    if (it == names.end())
      r_.fail(n["trigger"], path + ".trigger", "unknown trigger '" + t + "'" + did_you_mean(t, names) +
                                                    " (expected arms_deal, visit, crisis or project_start)");
    e.trigger = static_cast<EventTrigger>(1 + (it - names.begin()));
    if (!n["dyad"]) r_.fail(n, path, "trigger: needs dyad: [A, B]");
    const YAML::Node& d = n["dyad"];
    if (!d.IsSequence() || d.size() != 2) r_.fail(d, path + ".dyad", "expected two actor ids like [RUS, PAK]");
    int a = 0, b = 0;
    std::string error;
    if (!resolve_pair(sc_, r_.text(d[0], path + ".dyad") + "-" + r_.text(d[1], path + ".dyad"), "-", a, b, error))
      r_.fail(d, path + ".dyad", error);
    e.dyad = sc_.dyad_index(a, b);
  }

  void read_actions(const YAML::Node& n, const char* key, EventAction::Op op, const std::string& path, EventSpec& e) const {
    if (!n[key]) return;
    const YAML::Node& m = n[key];
    const std::string field = path + "." + key;
    r_.expect_map(m, field);
    for (const auto& kv : m) {
      EventAction a;
      a.op = op;
      std::string error;
      const std::string target = kv.first.as<std::string>();
      if (!resolve_field_path(sc_, target, a.target, error)) r_.fail(kv.first, field + "." + target, error);
      if (op == EventAction::Op::Set && a.target.labels)
        a.value = r_.level(kv.second, field + "." + target, a.target.lo, a.target.hi, a.target.labels);
      else if (op == EventAction::Op::Set)
        a.value = r_.number(kv.second, field + "." + target, a.target.lo, a.target.hi, a.target.integer);
      else
        a.value = r_.number(kv.second, field + "." + target, -1e9, 1e9, false);
      e.actions.push_back(a);
    }
  }

  const Reader& r_;
  const Scenario& sc_;
};

}  // namespace

const char* trigger_name(EventTrigger t) {
  switch (t) {
    case EventTrigger::None: return "none";
    case EventTrigger::ArmsDeal: return "arms_deal";
    case EventTrigger::Visit: return "visit";
    case EventTrigger::Crisis: return "crisis";
    case EventTrigger::ProjectStart: return "project_start";
  }
  return "none";
}

std::vector<EventSpec> read_events(const Reader& r, const YAML::Node& node, const Scenario& sc) {
  r.expect_sequence(node, "events");
  std::vector<EventSpec> events;
  EventParser parser(r, sc);
  for (std::size_t k = 0; k < node.size(); ++k) {
    events.push_back(parser.parse(node[k], k));
    for (std::size_t j = 0; j + 1 < events.size(); ++j)
      if (events[j].name == events.back().name)
        r.fail(node[k], "events." + events.back().name, "duplicate event name '" + events.back().name + "'");
  }
  return events;
}

void check_event_windows(const Scenario& sc) {
  for (const auto& e : sc.events) {
    const int first = sc.calendar.tick_of(e.first), last = sc.calendar.tick_of(e.last);
    if (last < 1 || first > sc.calendar.ticks)
      throw InputError(sc.path, e.line, "events." + e.name,
                       "the event's quarters " + e.first.label() + "-" + e.last.label() + " lie outside the simulated " +
                           sc.calendar.quarter_of_tick(1).label() + "-" + sc.calendar.quarter_of_tick(sc.calendar.ticks).label());
  }
}

}  // namespace simrun
