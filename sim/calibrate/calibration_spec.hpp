#pragma once
// The calibration file of `simrun calibrate FILE.yaml`: which scenario, which of its uncertain
// inputs to fit (default: all), the observed targets with their observation errors and
// sources, and the sampler's settings. See docs/uncertainty.md for the format.
#include <string>
#include <vector>

#include "sim/calibrate/abc_smc.hpp"
#include "sim/scenario/scenario.hpp"

namespace simrun {

/// What a target observes in one run at the scenario's last quarter.
enum class Indicator { Formed, Event, Military, Economic, Diplomatic, Trade };

struct TargetSpec {
  std::string name;
  Indicator indicator = Indicator::Formed;
  std::string dyad;      ///< "RUS-PAK"
  std::string event;     ///< event kind for Indicator::Event ("visit", "arms_deal", ...)
  double observed = 0;   ///< 0/1 for formed and event; the front or trade value otherwise
  double error = 1;      ///< observation error (sd): the distance counts (sim - observed) / error
  std::string source;
  int line = 0;          ///< line in the calibration file (for later messages)
};

struct CalibrationSpec {
  std::string path, text;       ///< the calibration file and its verbatim contents
  std::string name, description;
  std::string scenario;         ///< path, relative to the calibration file's folder when relative
  std::vector<std::string> parameters;  ///< --set paths of the inputs to fit; empty: all uncertain inputs
  std::vector<std::string> sets;        ///< `set:` PATH=VALUE or PATH~DIST(...) for the scenario, before --set
  std::vector<int> set_lines;           ///< the line of each (for errors located in this file)
  std::vector<TargetSpec> targets;
  AbcSettings settings;
  int runs_per_particle = 1;
};

/// Reads and checks a calibration file. @throws InputError (file, line, field, what was expected).
CalibrationSpec load_calibration(const std::string& path);

/// The indicator names as written in a file.
const char* indicator_name(Indicator i);

/// The calibration's scenario with the file's `set:` entries applied (an error in one is located
/// at its line of the calibration file), then the command line's `--set` assignments.
Scenario calibration_scenario(const CalibrationSpec& spec, const std::vector<std::string>& command_line_sets);

}  // namespace simrun
