#pragma once
// How simrun reacts to signals (docs/robustness.md, "Signals"):
// - SIGINT, SIGTERM, SIGHUP: while a long computation runs inside a CooperativeStop scope
//   (the ensemble, a sweep's points), the first one asks it to stop at the next run boundary
//   (stop_requested()); the command then abandons its output cleanly and exits 130. Anywhere
//   else (loading, merging, writing), and for a second signal, the handler itself removes every
//   registered temporary file (safe_file.hpp), prints one line and exits 130 at once.
// - SIGXFSZ (a file-size limit, `ulimit -f`) and SIGPIPE are ignored: the write that crossed the
//   limit fails instead, and is reported like a full disk (one line, exit 2, nothing left).
namespace simrun {

/// Installs the handlers above; call once at the start of main().
void install_signal_handlers();

/// Marks a computation that polls stop_requested() (nests).
class CooperativeStop {
 public:
  CooperativeStop();
  ~CooperativeStop();
  CooperativeStop(const CooperativeStop&) = delete;
  CooperativeStop& operator=(const CooperativeStop&) = delete;
};

}  // namespace simrun
