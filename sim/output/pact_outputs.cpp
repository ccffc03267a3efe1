#include "sim/output/pact_outputs.hpp"

#include "sim/engine/statistics.hpp"
#include "sim/output/metadata.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {

std::vector<std::string> pact_type_labels() {
  std::vector<std::string> names;
  for (int k = 0; k < kPactTypes; ++k) names.emplace_back(pact_type_name(pact_type_at(k)));
  return names;
}

std::vector<std::string> event_kind_labels() {
  std::vector<std::string> names;
  for (int e = 0; e < kDyadicEvents; ++e) names.emplace_back(event_name(static_cast<Event>(e)));
  return names;
}

void write_pact_dimensions(h5::Group& root) {
  root.dimension("pact_type", pact_type_labels(), meta("1", "ATOP obligation type of a pact, strongest first"));
  root.dimension("event_kind", event_kind_labels(), meta("1", "kind of dyadic event (a pact kind is the onset of a new pact of that type)"));
}

void write_probability(h5::Group& root, const std::string& name, const std::vector<std::string>& dims, const ProbabilityTriplet& t,
                       const std::string& what, const std::string& interval) {
  using h5::Attr;
  root.write(name, dims, t.estimate,
             meta("1", "probability that " + what, {Attr::str("ci_lower", name + "_lower"), Attr::str("ci_upper", name + "_upper")}));
  root.write(name + "_lower", dims, t.lower, meta("1", "lower bound of the " + interval + " of " + name));
  root.write(name + "_upper", dims, t.upper, meta("1", "upper bound of the " + interval + " of " + name));
}

void write_pact_probabilities(h5::Group& root, const Accumulator& acc, const ExperimentEstimates& est) {
  const std::string interval = est.predictive ? "95% Monte Carlo interval (draws and runs; not the inputs' spread)"
                                              : "95% Wilson interval (Monte Carlo error only)";
  write_probability(root, "pact_formed_by", {"tick", "dyad", "pact_type"}, est.pact_formed_by,
                    "a new pact of the type (not one in force at t0) has formed by the tick", interval);
  write_probability(root, "pact_in_force", {"tick", "dyad", "pact_type"}, est.pact_in_force,
                    "a pact of the type is the dyad's strongest pact in force at the tick", interval);
  // Events are not counted per draw: in a predictive run Wilson's interval over all runs treats
  // the runs as independent, which runs sharing a draw's inputs are not, so it is too narrow.
  const std::string event_interval = est.predictive
                                         ? "95% Wilson interval over all runs (too narrow in a predictive run: runs of a draw share its inputs)"
                                         : "95% Wilson interval (Monte Carlo error only)";
  write_probability(root, "event_by", {"tick", "dyad", "event_kind"}, wilson_triplet(acc.event_by, acc.runs),
                    "the event has happened at least once between tick 1 and the tick", event_interval);
  write_probability(root, "event_in", {"tick", "dyad", "event_kind"}, wilson_triplet(acc.event_in, acc.runs),
                    "the event happens (at least once) in the tick", event_interval);
}

}  // namespace simrun
