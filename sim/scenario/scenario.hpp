#pragma once
// The immutable description of an experiment: actors, issue dimensions, every dyad and every
// directed link, global state and model constants. Loaded and validated once (loader.hpp),
// then shared read-only by all runs. Names live here as data; the model indexes by position.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/calendar.hpp"
#include "sim/scenario/events.hpp"
#include "sim/scenario/prior.hpp"
#include "sim/scenario/specs.hpp"

namespace simrun {

/// Where every number came from: field path (e.g. "actors.RUS.size") -> source text.
using Provenance = std::map<std::string, std::string>;

/// A number the analyst is unsure of: its `--set` path, its prior and where the prior comes
/// from. Predictive runs draw it (sim/scenario/draws.hpp); --fixed runs use the point value.
struct UncertainInput {
  std::string path;    ///< the number's --set path, e.g. "parameters.lambda", "dyads.RUS-PAK.propensity"
  Prior prior;
  std::string source;  ///< where the range comes from (reference resolved), or "[analyst] ..."
  std::string units;   ///< the field's units (schema)
  std::string origin;  ///< "FILE:LINE" of its declaration, or "--set"
};

struct Scenario {
  std::string name;
  std::string description;
  std::string path;                 ///< file it was loaded from
  std::string yaml_text;            ///< the verbatim file contents
  std::vector<std::string> extends; ///< scenarios it extends, nearest first
  Calendar calendar;
  std::vector<std::string> dimensions;  ///< issue dimension ids
  std::vector<ActorSpec> actors;
  std::vector<DyadSpec> dyads;      ///< all N(N-1)/2 pairs, in dyad_index order
  std::vector<LinkSpec> links;      ///< all N(N-1) ordered pairs, in link_index order
  GlobalSpec global;
  Parameters params;
  Provenance provenance;
  std::vector<EventSpec> events;    ///< scripted events, in file order
  std::vector<std::string> overrides;  ///< the --set assignments applied, in order
  /// Inputs with a prior, in file order (actors, dyads, links, global, parameters); empty for
  /// a fixed scenario. `--set PATH=VALUE` pins an input (removes it from here).
  std::vector<UncertainInput> uncertain;

  int n_actors() const { return static_cast<int>(actors.size()); }
  int n_dyads() const { return static_cast<int>(dyads.size()); }
  /// Index of the unordered pair {i, j}, i != j: row-major upper triangle.
  int dyad_index(int i, int j) const {
    if (i > j) std::swap(i, j);
    const int n = n_actors();
    return i * n - i * (i + 1) / 2 + (j - i - 1);
  }
  /// Index of the ordered pair (from, to), from != to.
  int link_index(int from, int to) const {
    return from * (n_actors() - 1) + (to < from ? to : to - 1);
  }
  int actor_index(const std::string& id) const;  ///< -1 if unknown
  std::string dyad_label(int d) const;           ///< "RUS-PAK" in scenario order of actors
};

}  // namespace simrun
