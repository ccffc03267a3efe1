#pragma once
// Command-line options of `simrun [options] scenario.yaml`.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/cli/option_parser.hpp"
#include "sim/cli/predictive_options.hpp"

namespace simrun {

struct CliOptions : CommonOptions {
  std::string scenario;
  std::uint64_t draws = kDefaultDraws;  ///< parameter draws of a predictive run (scenario with priors)
  bool fixed = false;                   ///< run at the point values even if the scenario has priors
  std::string posterior;                ///< --posterior FILE.h5: draws from a calibrated posterior (simrun calibrate)
  bool runs_given = false;              ///< -n given: with priors it is runs per draw (default kDefaultRunsPerDraw)
  std::optional<int> ticks;
  std::uint64_t trajectories = 0;
  int top = 10;                   ///< dyads listed in the summary (0: all)
  bool version = false;
  bool schema = false;
};

/// Parses argv; with --help prints the help (the run's options, then the list of subcommands)
/// and returns options with `help` set. @throws InputError (file "command line") on bad options.
CliOptions parse_options(int argc, const char* const* argv);

}  // namespace simrun
