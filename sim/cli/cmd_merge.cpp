// `simrun merge -o OUT SHARD... | DIR`: check that the shards of a sweep are complete, consistent
// and cover every shard index once -> write the file the single-process sweep writes -> print
// the same summary.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/output/output_path.hpp"
#include "sim/cli/option_parser.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/shard.hpp"
#include "sim/sweep/sweep_report.hpp"

namespace simrun {
namespace {

struct MergeOptions : CommonOptions {
  std::string sweep;
  std::vector<std::string> inputs;
};

void declare(OptionParser& p, MergeOptions& o) {
  p.common(o, kOutputOption | kForceOption | kQuietOption, "the merged HDF5 file (required)");
  p.text("sweep", o.sweep, "the sweep file (default: the path recorded in the shards)");
  p.positionals(o.inputs, -1);
}

Usage merge_usage() {
  return {"simrun merge -o OUT.h5 [options] SHARD.h5... | DIRECTORY",
                     "Combines the shards written by `simrun sweep FILE --shard I/K` (I = 0..K-1) into the file a single\n"
                     "`simrun sweep FILE` writes. Refuses missing, duplicate, incomplete, corrupted or mismatched shards\n"
                     "(different sweep, scenario, design or simrun build).",
                     "\n" + exit_codes_text("shards, options, output path", false) + "Documentation: docs/cluster.md\n"};
}

}  // namespace

int merge_command(int argc, const char* const* argv) {
  MergeOptions o;
  if (!parse_command("merge", merge_usage(), o, argc, argv)) return kExitOk;
  if (o.output.empty()) throw InputError("command line", 0, "--output", "missing -o OUT.h5: the merged file to write (see simrun merge --help)");
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<std::string> files = expand_shard_inputs(o.inputs);
  std::vector<std::string> inputs = files;
  if (!o.sweep.empty()) inputs.push_back(o.sweep);
  OutputTarget target = check_output_path(o.output, o.force, false, inputs);
  const MergedShards merged = merge_shards(files, o.sweep);
  // The sweep and scenario files are known now: the output may not be one of them either.
  for (const auto& id : identities(plan_inputs(merged.plan))) target.inputs.push_back(id);
  if (const std::string why = output_refusal(target); !why.empty()) throw InputError("command line", 0, "--output", why);
  const auto sobol = sweep_sobol(merged.plan, merged.results);
  SweepRunInfo info;
  info.command_line = o.command_line;
  info.shards = static_cast<int>(merged.shards);
  write_sweep_file(target, merged.plan, merged.results, sobol, info);
  if (!o.quiet) {
    std::printf("simrun merge: %zu shards of %s, %zu points\n", merged.shards, merged.plan.spec.path.c_str(), merged.plan.points());
    std::printf("%s", format_sweep_summary(merged.plan, merged.results, sobol).c_str());
    std::printf("Wrote %s in %.2f s\n", o.output.c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return kExitOk;
}

}  // namespace simrun
