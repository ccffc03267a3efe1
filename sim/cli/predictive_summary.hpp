#pragma once
// The result of a predictive run as printed: first what each number covers, then per dyad the
// predictive probability with its Monte Carlo interval, its spread over the inputs and the
// inputs' share of the outcome's variance.
#include <string>

#include "sim/cli/summary.hpp"
#include "sim/model/world.hpp"
#include "sim/output/draws_writer.hpp"

namespace simrun {

/// `record.horizon` holds one PredictiveStats per dyad. Dyads sorted by predictive probability;
/// only the `top` first are listed (0: all), as in format_summary.
std::string format_predictive_summary(const ModelContext& ctx, const DrawsRecord& record, int top = kDefaultTopDyads);

}  // namespace simrun
