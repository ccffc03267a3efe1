#pragma once
// The typed-pact and event-history outputs of an experiment file: `pact_formed_by`,
// `pact_in_force` (tick, dyad, pact_type) and `event_by` (tick, dyad, event_kind), each with its
// 95% Wilson bounds, and the two label dimensions they use (docs/output-format.md).
#include <string>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/output/h5file.hpp"

namespace simrun {

/// Labels of the `pact_type` axis, strongest first: defence, consultation, nonaggression.
std::vector<std::string> pact_type_labels();
/// Labels of the `event_kind` axis: the dyadic events (crisis, ..., defence_pact, ...).
std::vector<std::string> event_kind_labels();

/// Writes the `pact_type` and `event_kind` dimensions into `root`.
void write_pact_dimensions(h5::Group& root);

/// Writes `name`, `name_lower` and `name_upper`: counts/runs with Wilson bounds, on `dims`.
void write_probability(h5::Group& root, const std::string& name, const std::vector<std::string>& dims,
                       const std::vector<std::uint64_t>& counts, std::uint64_t runs, const std::string& what);

/// Writes pact_formed_by, pact_in_force and event_by from the accumulator.
void write_pact_probabilities(h5::Group& root, const Accumulator& acc);

}  // namespace simrun
