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

void write_probability(h5::Group& root, const std::string& name, const std::vector<std::string>& dims,
                       const std::vector<std::uint64_t>& counts, std::uint64_t runs, const std::string& what) {
  std::vector<double> p(counts.size()), lo(counts.size()), hi(counts.size());
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const Interval iv = wilson(counts[k], runs);
    p[k] = iv.estimate;
    lo[k] = iv.lo;
    hi[k] = iv.hi;
  }
  using h5::Attr;
  root.write(name, dims, p, meta("1", "probability that " + what, {Attr::str("ci_lower", name + "_lower"), Attr::str("ci_upper", name + "_upper")}));
  root.write(name + "_lower", dims, lo, meta("1", "lower bound of the 95% Wilson interval of " + name + " (Monte Carlo error only)"));
  root.write(name + "_upper", dims, hi, meta("1", "upper bound of the 95% Wilson interval of " + name + " (Monte Carlo error only)"));
}

void write_pact_probabilities(h5::Group& root, const Accumulator& acc) {
  write_probability(root, "pact_formed_by", {"tick", "dyad", "pact_type"}, acc.pact_formed_by, acc.runs,
                    "a new pact of the type (not one in force at t0) has formed by the tick");
  write_probability(root, "pact_in_force", {"tick", "dyad", "pact_type"}, acc.pact_in_force, acc.runs,
                    "a pact of the type is the dyad's strongest pact in force at the tick");
  write_probability(root, "event_by", {"tick", "dyad", "event_kind"}, acc.event_by, acc.runs,
                    "the event has happened at least once between tick 1 and the tick");
}

}  // namespace simrun
