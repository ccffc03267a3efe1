#pragma once
// The fully resolved scenario (every default filled in, every override applied) as YAML: what
// actually ran, stored in each output file next to the verbatim input.
#include <string>

#include "sim/scenario/scenario.hpp"

namespace simrun {

std::string resolved_yaml(const Scenario& scenario);

}  // namespace simrun
