#pragma once
// Stopping a long computation from outside (a signal): the caller owns a flag and passes it in;
// the computation polls it at its boundaries (between runs, waves, sweep points or calibration
// batches) and then throws Interrupted. No layer below the command line keeps a global flag:
// sim/cli/signals.hpp owns the one its signal handler sets.
#include <atomic>
#include <exception>

namespace simrun {

/// A flag the caller may set (from any thread, or a signal handler) to ask for a stop; nullptr:
/// the computation never stops early.
using StopFlag = const std::atomic<bool>*;

inline bool stop_set(StopFlag stop, std::memory_order order = std::memory_order_seq_cst) {
  return stop != nullptr && stop->load(order);
}

struct Interrupted : std::exception {
  const char* what() const noexcept override { return "interrupted"; }
};

/// @throws Interrupted when a stop was requested.
inline void throw_if_stopped(StopFlag stop) {
  if (stop_set(stop)) throw Interrupted();
}

}  // namespace simrun
