#pragma once
// The scenario schema as data: every numeric field a scenario may set, with its range, units,
// meaning and (for model constants) the provenance of its default. The loader, the --set
// parser, the resolved-parameter output and docs/model.md's parameter table all read these
// tables, so they cannot drift apart. Defaults are the struct initialisers in scenario.hpp.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace simrun {

template <class S>
struct FieldSpec {
  const char* key;
  double S::*member;
  double lo;
  double hi;
  const char* units;
  const char* doc;
  const char* provenance = "";  ///< where the default comes from (model constants)
  bool integer = false;         ///< value must be a whole number
  const char* const* labels = nullptr;  ///< names of the levels 0, 1, ... a file may write instead (nullptr-terminated)
};

const std::vector<FieldSpec<ActorSpec>>& actor_fields();
const std::vector<FieldSpec<DyadSpec>>& dyad_fields();
/// Fields of a dyad's `project:` block (keys relative to it).
const std::vector<FieldSpec<DyadSpec>>& project_fields();
const std::vector<FieldSpec<LinkSpec>>& link_fields();
const std::vector<FieldSpec<GlobalSpec>>& global_fields();
const std::vector<FieldSpec<Parameters>>& parameter_fields();

/// Looks a key up in a table; nullptr if absent.
template <class S>
const FieldSpec<S>* find_field(const std::vector<FieldSpec<S>>& table, const std::string& key) {
  for (const auto& f : table)
    if (key == f.key) return &f;
  return nullptr;
}

template <class S>
std::vector<std::string> field_keys(const std::vector<FieldSpec<S>>& table) {
  std::vector<std::string> keys;
  for (const auto& f : table) keys.emplace_back(f.key);
  return keys;
}

/// Names of the pact levels as written in YAML: none, nonaggression, consultation, defence
/// (nullptr-terminated, index = PactType level).
extern const char* const kPactLevelNames[];
/// The name of a pact type above None as output labels use it: defence, consultation, nonaggression.
const char* pact_type_name(PactType t);
/// Reads a level given by name (`labels`) or as a number; false if it is neither.
bool parse_level(const char* const* labels, const std::string& text, double& out);
/// "one of a, b, c or a whole number in [lo, hi]" for error messages.
std::string level_expectation(const char* const* labels, double lo, double hi);

/// Names of project states as written in YAML: none, agreed, building, operating.
const char* project_state_name(ProjectState s);
bool parse_project_state(const std::string& text, ProjectState& out);

/// The parameter reference (every section's fields with default, range, units, meaning and
/// provenance) as Markdown tables; docs/model.md embeds it and a test keeps them equal.
std::string schema_markdown();

}  // namespace simrun
