#pragma once
// Reads a scenario YAML file into a validated, immutable Scenario. Every problem is reported as
// an InputError naming the file, line and field, with the nearest valid key for unknown keys.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace simrun {

/// Loads and validates `path`, then applies the `--set PATH=VALUE` assignments in order.
/// @throws InputError for anything wrong with the file or the assignments.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& assignments = {});

/// Same from YAML text (path is used in messages only).
Scenario load_scenario_text(const std::string& text, const std::string& path,
                            const std::vector<std::string>& assignments = {});

}  // namespace simrun
