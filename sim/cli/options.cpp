#include "sim/cli/options.hpp"

#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/scenario/file_names.hpp"
#include "sim/scenario/input_error.hpp"

namespace simrun {
namespace {

constexpr unsigned kRunOptions =
    kRunsOption | kSeedOption | kThreadsOption | kOutputOption | kSetOption | kForceOption | kQuietOption;

void declare(OptionParser& p, CliOptions& o, std::vector<std::string>& files) {
  p.common(o, kRunOptions, "HDF5 output file (default: results/<scenario>.h5)");
  p.number("draws", o.draws, 2, 1000000, kDrawsHelp);
  p.flag("fixed", o.fixed, kFixedHelp);
  p.text("posterior", o.posterior, "FILE.h5 from simrun calibrate: draw the calibrated inputs from that posterior instead of their priors");
  p.number("ticks,t", o.ticks, 1, kMaxTicks, "quarters to simulate (default: the scenario's calendar.ticks)");
  p.number("trajectories", o.trajectories, 0, kMaxRuns, "also keep full per-tick trajectories of the first N runs");
  p.number("top", o.top, 0, 1000000, "list the K likeliest dyads in the summary (0: all)");
  p.flag("schema", o.schema, "print the parameter reference (Markdown) and exit");
  p.flag("version", o.version, "print the version and exit");
  p.positionals(files, 1);
}

Usage run_usage() {
  return {"simrun [options] scenario.yaml",
          "Runs a Monte Carlo ensemble of the scenario and writes its outcome distributions to one HDF5 file.",
          commands_help() + "\n" + exit_codes_text("scenario, options, output path") +
              "Documentation: README.md, docs/model.md, docs/output-format.md\n"};
}

}  // namespace

CliOptions parse_options(int argc, const char* const* argv) {
  CliOptions o;
  std::vector<std::string> files;
  OptionParser p("", run_usage());
  declare(p, o, files);
  if (!p.parse(argc, argv)) return o;  // help printed
  if (!files.empty()) o.scenario = files[0];
  o.runs_given = runs_given(argc, argv);
  if (o.trajectories > o.runs) o.trajectories = o.runs;
  if (!o.help && !o.version && !o.schema && o.scenario.empty())
    throw InputError("command line", 0, "", "missing the scenario file: simrun [options] scenario.yaml (see simrun --help)");
  if (!o.scenario.empty()) OptionParser::default_output(o, file_stem(o.scenario));
  return o;
}

}  // namespace simrun
