#pragma once
// What `simrun` and `simrun compare` share for scenarios with priors (docs/uncertainty.md):
// the default draws and runs per draw, and whether -n was given (then it means runs per draw).
#include <cstdint>
#include <cstring>
#include <string>

namespace simrun {

/// Defaults of predictive runs; docs/uncertainty.md says why.
inline constexpr std::uint64_t kDefaultDraws = 1000;
inline constexpr std::uint64_t kDefaultRunsPerDraw = 100;
inline constexpr const char* kDrawsHelp = "parameter draws from the scenario's priors (predictive runs; default 1000)";
inline constexpr const char* kFixedHelp = "run at the point values, ignoring the scenario's priors";

/// True if argv sets -n/--runs (-n 5, -n5, --runs 5, --runs=5).
inline bool runs_given(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") break;
    if (a == "--runs" || a.rfind("--runs=", 0) == 0 || a.rfind("-n", 0) == 0) return true;
  }
  return false;
}

}  // namespace simrun
