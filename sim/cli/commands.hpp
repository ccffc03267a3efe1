#pragma once
// The subcommands of the simrun executable. main() installs the signal handlers and maps
// exceptions to exit codes; dispatch() picks the subcommand; each command lives in its own
// cmd_*.cpp, parses with OptionParser (option_parser.hpp), calls the layers below and reports.
#include <string>
#include <vector>

namespace simrun {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;

/// A subcommand: `simrun <name> ...` calls run(argc, argv) with argv[0] == name.
struct Command {
  const char* name;
  const char* summary;  ///< one line for `simrun --help`
  int (*run)(int argc, const char* const* argv);
};

/// Every subcommand, in the order `simrun --help` lists them (see commands.cpp).
const std::vector<Command>& subcommands();

/// `simrun COMMAND ...` or `simrun [options] scenario.yaml` (argv as main() receives it).
/// @throws InputError for an unknown command (with the nearest one suggested).
int dispatch(int argc, const char* const* argv);

/// The "Commands:" block of `simrun --help`.
std::string commands_help();

// ---- the commands (one cmd_<name>.cpp each) ----------------------------------------------------

/// `simrun [options] scenario.yaml` (also `simrun run ...`).
int run_command(int argc, const char* const* argv);

/// `simrun compare A.yaml B.yaml [options]`: both with common random numbers, paired statistics.
int compare_command(int argc, const char* const* argv);

/// `simrun sweep SWEEP.yaml [options]`: a parameter sweep; see cmd_sweep.cpp.
int sweep_command(int argc, const char* const* argv);

/// `simrun calibrate FILE.yaml [options]`: ABC-SMC calibration to observed targets (argv[0] is "calibrate").
int calibrate_command(int argc, const char* const* argv);

/// `simrun merge -o OUT SHARDS...`: combines the shards of a sweep.
int merge_command(int argc, const char* const* argv);

/// `simrun discover FILE --outcome DYAD ...`: scenario discovery (PRIM, CART) by the Python package
/// (argv[0] is "discover"); replaces the process with `python3 -m simrun.discovery`.
int discover_command(int argc, const char* const* argv);

/// `simrun export FILE.h5 --csv DIR`: tidy CSV tables by the Python package (`python3 -m simrun export`).
int export_command(int argc, const char* const* argv);

}  // namespace simrun
