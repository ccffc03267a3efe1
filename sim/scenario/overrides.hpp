#pragma once
// `--set PATH=VALUE`: change any scenario number after loading, e.g.
//   parameters.lambda=2   global.threat=0.9   calendar.ticks=20   calendar.start=2019Q1
//   actors.RUS.growth=0.01   actors.RUS.positions.AFG=0.5   actors.PAK.saliences.KASH=1
//   dyads.RUS-PAK.military=0.5   dyads.RUS-PAK.project.start_rate=0.05   dyads.RUS-PAK.project.state=building
//   links.RUS>IND.arms_export_share=0.2  (also RUS->IND)
#include <string>

#include "sim/scenario/scenario.hpp"

namespace simrun {

/// Applies one assignment. @throws InputError (file "--set", field = the path) if the path
/// names nothing, or the value is not valid for it.
void apply_override(Scenario& scenario, const std::string& assignment);

}  // namespace simrun
