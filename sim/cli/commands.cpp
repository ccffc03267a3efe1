// The subcommand table and the dispatch on simrun's first argument.
#include "sim/cli/commands.hpp"

#include <cstring>
#include <filesystem>

#include "sim/scenario/input_error.hpp"

namespace simrun {

const std::vector<Command>& subcommands() {
  // To add a subcommand: write cmd_<name>.cpp with `int <name>_command(int, const char* const*)`
  // that parses through OptionParser, declare it in commands.hpp and add its row here (the
  // order is the order of `simrun --help`).
  static const std::vector<Command> table = {
      {"run", "run a scenario's Monte Carlo ensemble (the default: simrun [options] scenario.yaml)", run_command},
      {"compare", "two scenarios with common random numbers: paired differences, McNemar tests", compare_command},
      {"sweep", "a parameter sweep (grid, Latin hypercube, Saltelli/Sobol), on MPI ranks or shards", sweep_command},
      {"calibrate", "ABC-SMC calibration of a scenario's priors to observed targets (posterior file)", calibrate_command},
      {"merge", "combine the shards of a sweep into the file a single process writes", merge_command},
      {"discover", "scenario discovery (PRIM, CART) on a sweep's or a run's file (Python package)", discover_command},
      {"export", "tidy CSV tables from an output file (Python package)", export_command},
  };
  return table;
}

std::string commands_help() {
  std::string text = "\nCommands (simrun COMMAND --help for each):\n";
  for (const Command& c : subcommands()) {
    std::string name = c.name;
    name.resize(10, ' ');
    text += "  " + name + c.summary + "\n";
  }
  return text;
}

namespace {

/// A first argument that can only have been meant as a command: a bare word (no extension, no
/// folder, not an option) that names no file.
bool looks_like_command(const std::string& arg) {
  if (arg.empty() || arg[0] == '-' || arg.find_first_of("./") != std::string::npos) return false;
  std::error_code ec;
  return !std::filesystem::exists(arg, ec);
}

}  // namespace

int dispatch(int argc, const char* const* argv) {
  if (argc > 1) {
    for (const Command& c : subcommands())
      if (std::strcmp(argv[1], c.name) == 0) return c.run(argc - 1, argv + 1);
    if (looks_like_command(argv[1])) {
      std::vector<std::string> names;
      for (const Command& c : subcommands()) names.emplace_back(c.name);
      const std::string near = nearest_word(argv[1], names);
      throw InputError("command line", 0, "",
                       "unknown command '" + std::string(argv[1]) + "'" +
                           (near.empty() ? " (a scenario file ends in .yaml; see simrun --help)" : " (did you mean '" + near + "'?)"));
    }
  }
  return run_command(argc, argv);
}

}  // namespace simrun
