#pragma once
// One number of a scenario, located: which section, which actor/dyad/link, which field, and the
// run-state variable it initialises (if any). Built by resolve_field_path (field_path.hpp).
#include <string>

#include "sim/scenario/specs.hpp"

namespace simrun {

struct Scenario;

struct FieldTarget {
  enum class Section { Parameter, Global, Actor, Dyad, Link } section = Section::Parameter;
  enum class State { None, Military, Diplomatic, Hostility, Trade, Investment, Pact, Aid, Threat, ExportDependence, Gdp };
  int index = -1;  ///< actor, dyad or link index
  double Parameters::*param = nullptr;
  double GlobalSpec::*global = nullptr;
  double ActorSpec::*actor = nullptr;
  double DyadSpec::*dyad = nullptr;
  double LinkSpec::*link = nullptr;
  double lo = 0, hi = 0;
  bool integer = false;
  const char* const* labels = nullptr;  ///< level names the value may be given by (pact types)
  const char* units = "";     ///< the field's units (schema)
  State state = State::None;  ///< the run-state variable this number initialises, if any
  std::string path;

  /// The number inside `sc` (for --set).
  double& in(Scenario& sc) const;
};

}  // namespace simrun
