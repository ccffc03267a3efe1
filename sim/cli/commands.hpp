#pragma once
// The subcommands of the simrun executable. main() dispatches on the first argument and turns
// exceptions into exit codes; each command lives in its own cmd_*.cpp.
#include <string>

namespace simrun {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;

/// `simrun [options] scenario.yaml`
int run_command(int argc, const char* const* argv);

/// `simrun compare A.yaml B.yaml [options]`: both with common random numbers, paired statistics.
int compare_command(int argc, const char* const* argv);

/// `simrun sweep SWEEP.yaml [options]`: a parameter sweep (argv[0] is "sweep"); see cmd_sweep.cpp.
int sweep_command(int argc, const char* const* argv);

/// `simrun calibrate FILE.yaml [options]`: ABC-SMC calibration to observed targets (argv[0] is "calibrate").
int calibrate_command(int argc, const char* const* argv);

/// `simrun merge -o OUT SHARDS...`: combines the shards of a sweep (argv[0] is "merge").
int merge_command(int argc, const char* const* argv);

/// `simrun discover FILE --outcome DYAD ...`: scenario discovery (PRIM, CART) by the Python package
/// (argv[0] is "discover"); replaces the process with `python3 -m simrun.discovery`.
int discover_command(int argc, const char* const* argv);

/// `simrun export FILE.h5 --csv DIR`: tidy CSV tables by the Python package (`python3 -m simrun export`).
int export_command(int argc, const char* const* argv);

/// Refuses an output path that exists (unless `force`), is a directory, or whose directory is
/// missing (created instead when `create_dir`), before any work is done.
/// @throws InputError naming `option`.
void check_output_path(const std::string& path, bool force, bool create_dir, const std::string& option = "--output");

}  // namespace simrun
