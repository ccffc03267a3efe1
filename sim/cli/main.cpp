// simrun's entry point: installs the interrupt handler, dispatches to a subcommand, and maps
// exceptions to exit codes (2 for anything the user can fix, 1 for our own faults).
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>
#include <string>

#include <tbb/global_control.h>

#include "sim/cli/commands.hpp"
#include "sim/cli/signals.hpp"
#include "sim/output/h5file.hpp"
#include "sim/scenario/input_error.hpp"

namespace {
// Every message is one line (control bytes escaped) of bounded length: the parts of a message
// that echo user text are quoted and cut where they are made; this is the last guard.
void report(const char* prefix, const std::string& message) {
  constexpr std::size_t kMaxChars = 600;
  std::string line = simrun::printable(message);
  if (line.size() > kMaxChars) line = line.substr(0, kMaxChars - 40) + "...(" + std::to_string(line.size() - kMaxChars + 40) + " more characters)";
  std::fprintf(stderr, "simrun: %s%s\n", prefix, line.c_str());
}

// oneTBB starts its worker threads lazily and, by default, lets the process exit without waiting
// for them: a short run can return from main while a worker is still being created. Exit then
// races the thread's start-up (the LeakSanitizer check at exit reports the half-started thread's
// stack buffer, google/sanitizers#1836), and static destructors (HDF5's atexit close) could run
// beside a live worker. Waiting for the workers here makes every exit through main orderly; it
// costs well under a millisecond (docs/robustness.md).
class WorkerThreadsJoinedAtExit {
 public:
  WorkerThreadsJoinedAtExit() : handle_(tbb::attach{}) {}
  ~WorkerThreadsJoinedAtExit() { tbb::finalize(handle_, std::nothrow); }
  WorkerThreadsJoinedAtExit(const WorkerThreadsJoinedAtExit&) = delete;
  WorkerThreadsJoinedAtExit& operator=(const WorkerThreadsJoinedAtExit&) = delete;

 private:
  tbb::task_scheduler_handle handle_;
};
}  // namespace

int main(int argc, char** argv) {
  using namespace simrun;
  // simrun reports through stderr with one line per error. HDF5's C++ destructors print their
  // own failures to std::cerr (e.g. closing a dataset on a full disk, after the real error was
  // already raised and reported); simrun itself never uses std::cerr, so silence it.
  std::cerr.setstate(std::ios::badbit);
  // Keep freed memory for reuse instead of returning it to the kernel: blocks of a few MB
  // (accumulators, run tables, HDF5's conversion and chunk buffers) are allocated and freed
  // over and over, and every fresh page costs a page fault (a third of a short run's serial
  // time on a virtual machine). Peak memory is unchanged: only what was already used is kept.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  install_signal_handlers();
  const WorkerThreadsJoinedAtExit workers;
  try {
    return dispatch(argc, argv);
  } catch (const InputError& e) {
    report("error: ", e.what());
    return kExitBadInput;
  } catch (const h5::OutputError& e) {
    report("error: cannot write the output: ", e.what());
    if (h5::handles_leaked()) {  // HDF5 would crash closing the failed file at exit
      std::fflush(nullptr);
      std::_Exit(kExitBadInput);
    }
    return kExitBadInput;
  } catch (const std::exception& e) {
    report("internal error: ", e.what());
    return kExitInternal;
  }
}
