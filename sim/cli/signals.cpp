#include "sim/cli/signals.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

#include "sim/output/safe_file.hpp"

namespace simrun {
namespace {

std::atomic<int> g_cooperative{0};  // lock-free: read by the handler
std::atomic<bool> g_stop{false};     // constant-initialised, lock-free: set by the handler

extern "C" void on_stop_signal(int) {
  if (g_cooperative.load() > 0 && !g_stop.exchange(true)) return;
  remove_registered_temps_from_signal_handler();
  static const char msg[] = "simrun: interrupted; no output was written. Run the same command again to redo it.\n";
  const ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)ignored;
  ::_exit(130);
}

void handle(int sig, void (*handler)(int)) {
  struct sigaction sa {};
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(sig, &sa, nullptr);
}

}  // namespace

void install_signal_handlers() {
  static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free,
                "the signal handler needs lock-free atomics");
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) handle(sig, on_stop_signal);
  handle(SIGXFSZ, SIG_IGN);
  handle(SIGPIPE, SIG_IGN);
}

StopFlag stop_flag() { return &g_stop; }

CooperativeStop::CooperativeStop() { g_cooperative.fetch_add(1); }
CooperativeStop::~CooperativeStop() { g_cooperative.fetch_sub(1); }

}  // namespace simrun
