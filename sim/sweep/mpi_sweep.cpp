#include "sim/sweep/mpi_sweep.hpp"

#include "sim/sweep/run_points.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "sim/engine/ensemble.hpp"

#ifdef SIMRUN_HAVE_MPI
#include <mpi.h>
#endif

namespace simrun {

bool launched_by_mpi(int& size) {
  size = 1;
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* v = std::getenv(var);
    if (v && *v) {
      size = std::atoi(v);
      return true;
    }
  }
  // srun --mpi=pmix sets PMIX_RANK but not always a size variable.
  if (std::getenv("PMIX_RANK")) {
    const char* n = std::getenv("SLURM_NTASKS");
    size = n ? std::atoi(n) : 1;
    return true;
  }
  return false;
}

#ifdef SIMRUN_HAVE_MPI

bool have_mpi() { return true; }

namespace {
constexpr int kTagRequest = 1;  // worker -> 0: [int64 point or -1][result bytes]
constexpr int kTagAssign = 2;   // 0 -> worker: int64 point, or -1 when there is nothing left
}  // namespace

MpiSession::MpiSession() {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

bool MpiSession::all(bool mine) const {
  int in = mine ? 1 : 0, out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return out == 1;
}

void MpiSession::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);
}

std::vector<PointResult> run_points_mpi(const MpiSession& mpi, const SweepPlan& plan,
                                        const std::function<void(std::size_t)>& done, StopFlag stop) {
  const std::size_t P = plan.points();
  if (mpi.rank() != 0) {
    // Worker: ask for a point (sending the previous one's result), run it, repeat.
    std::string message(sizeof(std::int64_t), '\0');
    std::int64_t previous = -1;
    std::memcpy(&message[0], &previous, sizeof previous);
    for (;;) {
      MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, kTagRequest, MPI_COMM_WORLD);
      std::int64_t p = -1;
      MPI_Recv(&p, 1, MPI_INT64_T, 0, kTagAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (p < 0) break;
      PointResult r;
      try {
        r = run_point(plan, static_cast<std::size_t>(p), stop);
      } catch (const Interrupted&) {
        mpi.abort(130);  // a signal: the launcher's exit code says "interrupted", like a single process
      } catch (const std::exception& e) {
        std::fprintf(stderr, "simrun: rank %d: point %lld failed: %s\n", mpi.rank(), static_cast<long long>(p), e.what());
        mpi.abort(1);
      }
      message.assign(sizeof p, '\0');
      std::memcpy(&message[0], &p, sizeof p);
      message += serialize(r);
    }
    return {};
  }

  std::vector<PointResult> results(P);
  std::mutex m;
  std::size_t next = 0;
  auto take = [&]() -> std::int64_t {
    std::lock_guard<std::mutex> lock(m);
    return next < P ? static_cast<std::int64_t>(next++) : -1;
  };
  auto finished = [&](std::size_t p) {
    std::lock_guard<std::mutex> lock(m);
    if (done) done(p);
  };
  // Rank 0 computes too, in a thread of its own; only this (main) thread calls MPI.
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  std::thread compute([&] {
    try {
      for (std::int64_t p; (p = take()) >= 0;) {
        results[static_cast<std::size_t>(p)] = run_point(plan, static_cast<std::size_t>(p), stop);
        finished(static_cast<std::size_t>(p));
      }
    } catch (...) {
      failure = std::current_exception();
      failed.store(true);
    }
  });
  int active = mpi.size() - 1;
  std::string buffer;
  while (active > 0) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, kTagRequest, MPI_COMM_WORLD, &flag, &st);
    if (!flag) {
      if (failed.load()) break;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      continue;
    }
    int bytes = 0;
    MPI_Get_count(&st, MPI_BYTE, &bytes);
    buffer.assign(static_cast<std::size_t>(bytes), '\0');
    MPI_Recv(&buffer[0], bytes, MPI_BYTE, st.MPI_SOURCE, kTagRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::int64_t p = -1;
    std::memcpy(&p, buffer.data(), sizeof p);
    if (p >= 0) {
      results[static_cast<std::size_t>(p)] = deserialize(buffer.substr(sizeof p), plan.ticks, plan.dyads, plan.typed_outcomes().size());
      finished(static_cast<std::size_t>(p));
    }
    const std::int64_t assign = take();
    MPI_Send(&assign, 1, MPI_INT64_T, st.MPI_SOURCE, kTagAssign, MPI_COMM_WORLD);
    if (assign < 0) --active;
  }
  compute.join();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const Interrupted&) {
      std::fprintf(stderr, "simrun: interrupted; no output was written. Run the same command again to redo it.\n");
      mpi.abort(130);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "simrun: rank 0: %s\n", e.what());
    }
    mpi.abort(1);
  }
  for (std::size_t p = 0; p < P; ++p)
    if (!results[p].done()) throw std::runtime_error("MPI sweep: point " + std::to_string(p) + " has no result");
  return results;
}

#else  // no MPI in this build

bool have_mpi() { return false; }
MpiSession::MpiSession() { throw std::runtime_error("this simrun was built without MPI"); }
MpiSession::~MpiSession() = default;
bool MpiSession::all(bool mine) const { return mine; }
void MpiSession::abort(int code) const { std::_Exit(code); }
std::vector<PointResult> run_points_mpi(const MpiSession&, const SweepPlan&, const std::function<void(std::size_t)>&, StopFlag) {
  throw std::runtime_error("this simrun was built without MPI");
}

#endif

}  // namespace simrun
