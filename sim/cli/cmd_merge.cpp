// `simrun merge -o OUT SHARD... | DIR`: check that the shards of a sweep are complete, consistent
// and cover every shard index once -> write the file the single-process sweep writes -> print
// the same summary.
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "sim/cli/commands.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/sweep/shard.hpp"
#include "sim/sweep/sweep_writer.hpp"

namespace po = boost::program_options;

namespace simrun {
namespace {

struct MergeOptions {
  std::string output, sweep;
  std::vector<std::string> inputs;
  bool force = false, quiet = false, help = false;
  std::string command_line;
};

po::options_description merge_options(MergeOptions& o) {
  po::options_description desc("Options");
  desc.add_options()
      ("output,o", po::value<std::string>(&o.output), "the merged HDF5 file (required)")
      ("sweep", po::value<std::string>(&o.sweep), "the sweep file (default: the path recorded in the shards)")
      ("force", po::bool_switch(&o.force), "overwrite an existing output file")
      ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors")
      ("help,h", po::bool_switch(&o.help), "print this help and exit");
  return desc;
}

std::string merge_usage() {
  MergeOptions o;
  std::ostringstream os;
  os << "Usage: simrun merge -o OUT.h5 [options] SHARD.h5... | DIRECTORY\n\n"
     << "Combines the shards written by `simrun sweep FILE --shard I/K` (I = 0..K-1) into the file a single\n"
     << "`simrun sweep FILE` writes. Refuses missing, duplicate, incomplete, corrupted or mismatched shards\n"
     << "(different sweep, scenario, design or simrun build).\n\n"
     << merge_options(o)
     << "\nExit codes: 0 success, 1 internal error, 2 bad input (shards, options, output path).\n"
     << "Documentation: docs/cluster.md\n";
  return os.str();
}

}  // namespace

int merge_command(int argc, const char* const* argv) {
  MergeOptions o;
  o.command_line = "simrun";
  for (int i = 0; i < argc; ++i) o.command_line += " " + std::string(argv[i]);
  po::options_description desc = merge_options(o), hidden, all;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&o.inputs));
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError("command line", 0, "", std::string(e.what()) + " (see simrun merge --help)");
  }
  if (o.help) {
    std::cout << merge_usage();
    return kExitOk;
  }
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
