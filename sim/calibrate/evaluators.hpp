#pragma once
// Batch evaluators for run_abc_smc: attempts of a batch spread over oneTBB threads, and (with
// MPI) over ranks, with the distances gathered by attempt index so every rank holds the same
// batch and continues identically.
#include <functional>

#include "sim/calibrate/abc_smc.hpp"
#include "sim/engine/stop.hpp"

namespace simrun {

/// The distance of one attempt: a pure function of (generation, attempt, theta).
using AttemptDistance = std::function<double(int generation, std::uint64_t attempt, const Eigen::VectorXd& theta)>;

/// Rows of the batch in parallel on this process's threads; throws Interrupted first if `stop`
/// is set (the caller's flag, e.g. set by a signal; nullptr: never).
BatchEvaluator threaded_evaluator(AttemptDistance distance, StopFlag stop = nullptr);

/// Rows split into `ranks` contiguous blocks, this process's block (`rank`) in parallel on its
/// threads, then every rank receives all distances (MPI_Allgatherv on MPI_COMM_WORLD). Needs an
/// initialised MPI (MpiSession) when ranks > 1. A stop on any rank (its own `stop`) stops all of
/// them before the next batch.
BatchEvaluator mpi_evaluator(AttemptDistance distance, int rank, int ranks, StopFlag stop = nullptr);

}  // namespace simrun
