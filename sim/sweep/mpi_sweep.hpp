#pragma once
// MPI for `mpirun -n K simrun sweep FILE` (compiled when CMake finds MPI: SIMRUN_HAVE_MPI).
// MPI is initialised only when the process was started by an MPI launcher (mpirun, mpiexec or
// srun with PMI/PMIx), so plain runs never touch it.
//
// Points are handed out dynamically: rank 0's main thread is a dispatcher (it answers requests
// between short sleeps) while a compute thread of rank 0 and every other rank ask for the next
// point, run it (runs in parallel with oneTBB) and send back its integer results with the next
// request. Results are placed by point index, so the file rank 0 writes is the single-process
// file, whatever the order points finished in.
#include <functional>
#include <memory>
#include <vector>

#include "sim/sweep/plan.hpp"
#include "sim/engine/point_result.hpp"
#include "sim/engine/stop.hpp"

namespace simrun {

/// True when the environment says an MPI launcher started this process with more than one rank
/// (OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX/Slurm equivalents); the number of ranks in `size`.
bool launched_by_mpi(int& size);

/// Whether this build has MPI.
bool have_mpi();

/// MPI_Init on construction and MPI_Finalize on destruction.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  /// Logical AND over ranks (every rank must call it).
  bool all(bool mine) const;
  /// Ends every rank after an error on one (MPI_Abort).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1;
};

/// Runs every point of the plan over the ranks. On rank 0 returns every point's result; on
/// other ranks an empty vector. `done` is called on rank 0 as results arrive. When `stop` is set
/// (each rank polls its own), the ranks end with exit code 130 (MPI_Abort).
std::vector<PointResult> run_points_mpi(const MpiSession& mpi, const SweepPlan& plan,
                                        const std::function<void(std::size_t)>& done = {}, StopFlag stop = nullptr);

}  // namespace simrun
