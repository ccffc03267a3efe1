#pragma once
// How simrun reacts to signals (docs/robustness.md, "Signals"):
// - SIGINT, SIGTERM, SIGHUP: while a long computation runs inside a CooperativeStop scope
//   (the ensemble, a sweep's points), the first one asks it to stop at the next run boundary
//   (stop_flag(), which the command passes to the engine, the sweep or the calibration: they
//   keep no flag of their own); the command then abandons its output cleanly and exits 130. Anywhere
//   else (loading, merging, writing), and for a second signal, the handler itself removes every
//   registered temporary file (safe_file.hpp), prints one line and exits 130 at once.
// - SIGXFSZ (a file-size limit, `ulimit -f`) and SIGPIPE are ignored: the write that crossed the
//   limit fails instead, and is reported like a full disk (one line, exit 2, nothing left).
#include "sim/engine/stop.hpp"

namespace simrun {

/// Installs the handlers above; call once at the start of main().
void install_signal_handlers();

/// The flag the first stop signal sets inside a CooperativeStop scope (never reset): pass it to
/// the computation (EnsembleOptions::stop, run_sweep, the calibration evaluators).
StopFlag stop_flag();

/// Marks a computation that polls stop_flag() (nests).
class CooperativeStop {
 public:
  CooperativeStop();
  ~CooperativeStop();
  CooperativeStop(const CooperativeStop&) = delete;
  CooperativeStop& operator=(const CooperativeStop&) = delete;
};

}  // namespace simrun
