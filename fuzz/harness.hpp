#pragma once
// Shared by the libFuzzer targets (fuzz/fuzz_*.cpp) and their regression test
// (tests/unit/faults/test_faults_regressions.cpp): what one fuzz input does and what counts as a finding.
//
// The contract under test: whatever bytes a user writes in a scenario file or a --set option,
// simrun either accepts them or throws simrun::InputError. Any other exception, a crash, a hang
// or a sanitizer report is a bug. An accepted scenario must also simulate without producing
// NaN or infinity (a short run is made and its per-run outcomes are checked), because the
// loader promises to reject numbers the model cannot use.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/ensemble.hpp"
#include "sim/engine/run_table.hpp"
#include "sim/model/world.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/overrides.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun::fuzz {

/// Short runs keep the fuzzers fast (thousands of inputs a second) while still executing every
/// phase of a step; the landscape of a run enumerates 2^(N-1) blocs, so large scenarios are
/// only loaded, not run.
inline constexpr int kMaxRunTicks = 6;
inline constexpr int kMaxRunActors = 8;

/// The name of the dynamic type of the exception being handled (for reports).
inline std::string current_exception_type() {
  try {
    throw;
  } catch (const std::exception& e) {
    return typeid(e).name() + std::string(": ") + e.what();
  } catch (...) {
    return "a non-std exception";
  }
}

/// SIMRUN_FUZZ_ALLOW_NONFINITE=1 stops counting non-finite outcomes as findings, so that a
/// fuzzing session can look past a known NaN bug for other ones (scripts/fuzz.sh passes it on).
inline bool nonfinite_is_finding() {
  static const bool on = [] {
    const char* v = std::getenv("SIMRUN_FUZZ_ALLOW_NONFINITE");
    return v == nullptr || std::string(v) != "1";
  }();
  return on;
}

/// Simulates one run of `sc` (ticks capped at kMaxRunTicks; skipped above kMaxRunActors actors)
/// and returns "" if every per-run outcome is finite, else a description of the first that is
/// not. Exceptions propagate (InputError is acceptable to callers, anything else is a finding).
inline std::string short_run_problem(Scenario sc, std::uint32_t seed = 1) {
  if (sc.n_actors() > kMaxRunActors) return "";
  if (sc.calendar.ticks > kMaxRunTicks) sc.calendar.ticks = kMaxRunTicks;
  const ModelContext ctx(sc);
  const int ticks = sc.calendar.ticks;
  Accumulator acc(ticks, ctx.nd, ctx.nl, ctx.n_events());
  RunTable table(1, ticks, ctx.nd, 1, ctx.n_events());
  run_one(ctx, seed, 0, acc, table, 0);
  const std::vector<std::pair<const char*, const std::vector<float>*>> floats = {
      {"final_military", &table.final_military},   {"final_economic", &table.final_economic},
      {"final_diplomatic", &table.final_diplomatic}, {"trajectory_fronts", &table.trajectory_fronts}};
  for (std::size_t k = 0; k < table.final_trade.size(); ++k)
    if (!std::isfinite(table.final_trade[k])) {
      std::ostringstream os;
      os << "final_trade[" << k << "] = " << table.final_trade[k] << " after a " << ticks << "-tick run";
      return os.str();
    }
  for (const auto& [name, values] : floats)
    for (std::size_t k = 0; k < values->size(); ++k)
      if (!std::isfinite((*values)[k])) {
        std::ostringstream os;
        os << name << "[" << k << "] = " << (*values)[k] << " after a " << ticks << "-tick run";
        return os.str();
      }
  return "";
}

/// Outcome of feeding one input: "" when it was accepted or refused with an InputError, else
/// a description of the finding.
struct Outcome {
  bool accepted = false;
  std::string finding;
};

/// Loads `text` as a scenario file at `path` (its folder is where extends: looks), then, if it
/// loads, makes a short run.
inline Outcome feed_scenario_text(const std::string& text, const std::string& path) {
  Outcome out;
  try {
    const Scenario sc = load_scenario_text(text, path);
    out.accepted = true;
    const std::string problem = short_run_problem(sc);
    if (!problem.empty() && nonfinite_is_finding()) out.finding = "non-finite outcome: " + problem;
  } catch (const InputError&) {
  } catch (...) {
    out.finding = "exception other than InputError: " + current_exception_type();
  }
  return out;
}

/// Applies each of `assignments` to a copy of `base` in order, as `--set` does, checks the
/// event windows as the loader does, then makes a short run.
inline Outcome feed_assignments(const Scenario& base, const std::vector<std::string>& assignments) {
  Outcome out;
  try {
    Scenario sc = base;
    for (const auto& a : assignments) apply_override(sc, a);
    check_event_windows(sc);
    out.accepted = true;
    const std::string problem = short_run_problem(sc);
    if (!problem.empty() && nonfinite_is_finding()) out.finding = "non-finite outcome: " + problem;
  } catch (const InputError&) {
  } catch (...) {
    out.finding = "exception other than InputError: " + current_exception_type();
  }
  return out;
}

/// The assignments of a multi-line input: its lines (split at '\n'; a '\r' stays part of its
/// line, as it would in a shell argument), without empty ones, so that a trailing newline does
/// not turn every input into an error.
inline std::vector<std::string> assignment_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

/// True for inputs a harness skips: paths into pseudo-filesystems, which extends: could
/// otherwise read (e.g. /proc/kcore: a regular file of 128 TiB). Not a simrun bug: a user who
/// writes such a path asks for it.
inline bool touches_pseudo_files(const std::string& text) {
  for (const char* s : {"proc", "sys/", "dev/"})
    if (text.find(s) != std::string::npos) return true;
  return false;
}

}  // namespace simrun::fuzz
