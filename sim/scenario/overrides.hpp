#pragma once
// `--set PATH=VALUE`: change any scenario number after loading, e.g.
//   parameters.lambda=2   global.threat=0.9   calendar.ticks=20   calendar.start=2019Q1
//   actors.RUS.growth=0.01   actors.RUS.positions.AFG=0.5   actors.PAK.saliences.KASH=1
//   dyads.RUS-PAK.military=0.5   dyads.RUS-PAK.project.start_rate=0.05   dyads.RUS-PAK.project.state=building
//   links.RUS>IND.arms_export_share=0.2  (also RUS->IND)
#include <string>

#include "sim/scenario/scenario.hpp"

namespace simrun {

/// Applies one assignment. `PATH=VALUE` sets the point value and pins the number (a prior on it
/// is dropped: predictive runs hold it at VALUE); `PATH~EXPR` gives it the prior EXPR, e.g.
/// 'parameters.lambda~loguniform(2, 8)' (replacing the file's; the point value must lie in its
/// support); `PATH~none` pins it at its point value.
/// @throws InputError (file "--set", field = the path) if the path names nothing, or the value
/// or prior is not valid for it.
void apply_override(Scenario& scenario, const std::string& assignment);

/// Sets the number at `path` to `value` exactly (no text round trip) as `--set` does, without
/// recording it or pinning it: how a parameter draw is applied (draws.hpp).
/// @throws InputError if the path names nothing or the value leaves the field's range.
void apply_input_value(Scenario& scenario, const std::string& path, double value);

}  // namespace simrun
