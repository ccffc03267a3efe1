#pragma once
// Small pieces every simrun output file shares (experiment, comparison, sweep and shard files):
// the units/long_name attributes of a dataset, the creation timestamp, absolute paths, and the
// names of the fronts. One definition, so the files cannot drift apart.
#include <string>
#include <vector>

#include "sim/output/h5file.hpp"

namespace simrun {

/// The fronts of a dyad's ties, in output order (the `front` dimension).
const std::vector<std::string>& front_names();

/// `units` and `long_name` (every dataset has both), then any `extra` attributes.
std::vector<h5::Attr> meta(const std::string& units, const std::string& long_name, std::vector<h5::Attr> extra = {});

/// Attributes of a probability variable `name`: "probability that <what>" and the names of its
/// Wilson bounds (ci_lower = <name>_lower, ci_upper = <name>_upper).
std::vector<h5::Attr> probability_meta(const std::string& name, const std::string& what);

/// The current UTC time as ISO 8601 (2026-11-22T12:00:00Z), for `creation_time`.
std::string iso_time_now();

/// `path` made absolute and normalised (unchanged if the file system cannot tell).
std::string absolute_path_of(const std::string& path);

}  // namespace simrun
