#pragma once
// Scripted events of a scenario's timeline: at a quarter, or with a probability per quarter in a
// window, set / add to / scale numbers (parameters, rates, or run state such as a front), and/or
// trigger a named event on a dyad (arms deal, head-of-state visit, crisis, project start).
#include <string>
#include <vector>

#include "sim/scenario/calendar.hpp"
#include "sim/scenario/field_target.hpp"

namespace simrun {

struct EventAction {
  enum class Op { Set, Add, Scale } op = Op::Set;
  FieldTarget target;
  double value = 0;
};

enum class EventTrigger { None, ArmsDeal, Visit, Crisis, ProjectStart };
const char* trigger_name(EventTrigger t);

struct EventSpec {
  std::string name;
  Quarter first;               ///< first quarter it may fire in
  Quarter last;                ///< last quarter it may fire in (== first for a dated event)
  double probability = 1.0;    ///< per quarter within the window
  bool repeat = false;         ///< may fire more than once in a run
  EventTrigger trigger = EventTrigger::None;
  int dyad = -1;               ///< dyad of the trigger
  std::vector<EventAction> actions;
  int line = 0;                ///< where it is written (for messages)
};

}  // namespace simrun
