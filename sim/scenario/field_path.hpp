#pragma once
// Dotted paths that name one number of a scenario, shared by `--set` and scripted events:
//   parameters.KEY  global.KEY  actors.ID.KEY  dyads.A-B.KEY  dyads.A-B.project.KEY  links.A>B.KEY
// Some of those numbers are also run state (a dyad's fronts, trade, alliance level; a link's
// aid; the global threat; an actor's GDP and arms-export dependence): `--set` changes their t0
// value, an event changes the running state.
#include <string>

#include "sim/scenario/field_target.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {


/// Resolves `path`. On failure returns false and sets `error` to a message with a suggestion.
bool resolve_field_path(const Scenario& sc, const std::string& path, FieldTarget& out, std::string& error);

/// Splits "A-B" / "A>B" / "A->B" into actor indices; error text on failure.
bool resolve_pair(const Scenario& sc, const std::string& text, const std::string& separator, int& a, int& b,
                  std::string& error);

}  // namespace simrun
