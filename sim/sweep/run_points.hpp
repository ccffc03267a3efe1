#pragma once
// Running the points of a sweep on this process (oneTBB over points and over runs).
#include <cstddef>
#include <functional>
#include <vector>

#include "sim/engine/point_result.hpp"
#include "sim/engine/stop.hpp"
#include "sim/sweep/plan.hpp"

namespace simrun {

/// Runs point p of the plan (runs in parallel on the current TBB arena; fixed runs, or batches
/// until the focal intervals are narrow enough): the same numbers as `simrun SCENARIO --set ...
/// -s SEED -n RUNS --fixed`. @throws Interrupted when `stop` is set (polled between runs).
PointResult run_point(const SweepPlan& plan, std::size_t p, StopFlag stop = nullptr);

/// Runs the given points, in parallel over points and over runs. `results` has one slot per
/// point of the plan; `done` is called after each point (from worker threads, serialised).
/// @throws Interrupted when `stop` is set.
void run_points(const SweepPlan& plan, const std::vector<std::size_t>& points, std::vector<PointResult>& results,
                const std::function<void(std::size_t)>& done = {}, StopFlag stop = nullptr);

}  // namespace simrun
