#pragma once
// Command-line options of `simrun [options] scenario.yaml` (Boost.Program_options).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace simrun {

struct CliOptions {
  std::string scenario;
  std::uint64_t runs = 10000;
  std::optional<int> ticks;
  std::uint32_t seed = 20180701;
  int threads = 0;
  std::string output;             ///< empty: results/<scenario stem>.h5
  std::vector<std::string> sets;
  std::uint64_t trajectories = 0;
  int top = 10;                   ///< dyads listed in the summary (0: all)
  bool force = false;
  bool quiet = false;
  bool help = false;
  bool version = false;
  bool schema = false;
  std::string command_line;
};

/// Parses argv. @throws InputError (file "command line") on bad options.
CliOptions parse_options(int argc, const char* const* argv);

/// The --help text.
std::string usage_text();

/// results/<stem of scenario>.h5
std::string default_output_path(const std::string& scenario_path);

}  // namespace simrun
