#include "sim/calibrate/evaluators.hpp"

#include <tbb/parallel_for.h>

#ifdef SIMRUN_HAVE_MPI
#include <mpi.h>
#endif

#include "sim/engine/stop.hpp"

#include <limits>
#include <stdexcept>

namespace simrun {

namespace {

void evaluate_rows(const AttemptDistance& distance, int generation, std::uint64_t first, const Eigen::MatrixXd& theta,
                   const std::vector<char>& simulate, std::size_t begin, std::size_t end, double* out) {
  tbb::parallel_for(begin, end, [&](std::size_t i) {
    if (simulate[i]) out[i - begin] = distance(generation, first + i, theta.row(static_cast<Eigen::Index>(i)).transpose());
  });
}

}  // namespace

BatchEvaluator threaded_evaluator(AttemptDistance distance, StopFlag stop) {
  return [distance = std::move(distance), stop](int generation, std::uint64_t first, const Eigen::MatrixXd& theta,
                                          const std::vector<char>& simulate, std::vector<double>& out) {
    throw_if_stopped(stop);
    evaluate_rows(distance, generation, first, theta, simulate, 0, out.size(), out.data());
  };
}

BatchEvaluator mpi_evaluator(AttemptDistance distance, int rank, int ranks, StopFlag stop) {
  if (ranks <= 1) return threaded_evaluator(std::move(distance), stop);
#ifndef SIMRUN_HAVE_MPI
  (void)rank;
  (void)stop;
  throw std::logic_error("mpi_evaluator: this build has no MPI");
#else
  return [distance = std::move(distance), rank, ranks, stop](int generation, std::uint64_t first, const Eigen::MatrixXd& theta,
                                                       const std::vector<char>& simulate, std::vector<double>& out) {
    // Every rank learns of a stop requested on any rank before the batch, so all stop together.
    int stopping = stop_set(stop) ? 1 : 0, any = 0;
    MPI_Allreduce(&stopping, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (any) throw Interrupted();
    const std::size_t n = out.size();
    std::vector<int> counts(static_cast<std::size_t>(ranks)), offsets(static_cast<std::size_t>(ranks));
    for (int r = 0; r < ranks; ++r) {
      const std::size_t b = n * static_cast<std::size_t>(r) / static_cast<std::size_t>(ranks);
      const std::size_t e = n * static_cast<std::size_t>(r + 1) / static_cast<std::size_t>(ranks);
      offsets[static_cast<std::size_t>(r)] = static_cast<int>(b);
      counts[static_cast<std::size_t>(r)] = static_cast<int>(e - b);
    }
    const auto me = static_cast<std::size_t>(rank);
    const auto begin = static_cast<std::size_t>(offsets[me]);
    std::vector<double> mine(static_cast<std::size_t>(counts[me]), std::numeric_limits<double>::infinity());
    evaluate_rows(distance, generation, first, theta, simulate, begin, begin + mine.size(), mine.data());
    MPI_Allgatherv(mine.data(), counts[me], MPI_DOUBLE, out.data(), counts.data(), offsets.data(), MPI_DOUBLE,
                   MPI_COMM_WORLD);
  };
#endif
}

}  // namespace simrun
