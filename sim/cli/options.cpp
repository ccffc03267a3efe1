#include "sim/cli/options.hpp"

#include <boost/program_options.hpp>
#include <sstream>

#include "sim/scenario/input_error.hpp"

namespace po = boost::program_options;

namespace simrun {
namespace {

po::options_description visible_options(CliOptions& o) {
  po::options_description desc("Options");
  desc.add_options()
      ("runs,n", po::value<std::uint64_t>(&o.runs)->default_value(o.runs), "Monte Carlo runs")
      ("ticks,t", po::value<int>(), "quarters to simulate (default: the scenario's calendar.ticks)")
      ("seed,s", po::value<std::uint32_t>(&o.seed)->default_value(o.seed), "master seed (0..4294967295)")
      ("threads,j", po::value<int>(&o.threads)->default_value(0), "worker threads (0: all cores); results do not depend on it")
      ("output,o", po::value<std::string>(&o.output), "HDF5 output file (default: results/<scenario>.h5)")
      ("set", po::value<std::vector<std::string>>(&o.sets)->composing(), "PATH=VALUE: override a scenario number (repeatable), e.g. --set parameters.lambda=2")
      ("trajectories", po::value<std::uint64_t>(&o.trajectories)->default_value(0), "also keep full per-tick trajectories of the first N runs")
      ("top", po::value<int>(&o.top)->default_value(o.top), "list the K likeliest dyads in the summary (0: all)")
      ("force", po::bool_switch(&o.force), "overwrite an existing output file")
      ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors")
      ("schema", po::bool_switch(&o.schema), "print the parameter reference (Markdown) and exit")
      ("version", po::bool_switch(&o.version), "print the version and exit")
      ("help,h", po::bool_switch(&o.help), "print this help and exit");
  return desc;
}

}  // namespace

std::string usage_text() {
  CliOptions o;
  std::ostringstream os;
  os << "Usage: simrun [options] scenario.yaml\n\n"
     << "Runs a Monte Carlo ensemble of the scenario and writes its outcome distributions to one HDF5 file.\n\n"
     << visible_options(o)
     << "\nExit codes: 0 success, 1 internal error, 2 bad input (scenario, options, output path), 130 interrupted.\n"
     << "Documentation: README.md, docs/model.md, docs/output-format.md\n";
  return os.str();
}

std::string default_output_path(const std::string& scenario_path) {
  auto slash = scenario_path.find_last_of('/');
  std::string base = slash == std::string::npos ? scenario_path : scenario_path.substr(slash + 1);
  auto dot = base.find_last_of('.');
  if (dot != std::string::npos && dot > 0) base = base.substr(0, dot);
  return "results/" + base + ".h5";
}

CliOptions parse_options(int argc, const char* const* argv) {
  CliOptions o;
  for (int i = 0; i < argc; ++i) o.command_line += (i ? " " : "") + std::string(argv[i]);
  po::options_description desc = visible_options(o);
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>(&o.scenario));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  // Boost parses "-1" into an unsigned option as 2^32 - 1; refuse signs on numeric values.
  for (int i = 1; i + 1 < argc; ++i) {
    const std::string opt = argv[i], next = argv[i + 1];
    const bool numeric = opt == "-n" || opt == "--runs" || opt == "-s" || opt == "--seed" || opt == "--trajectories" ||
                         opt == "-j" || opt == "--threads" || opt == "-t" || opt == "--ticks";
    if (numeric && !next.empty() && next[0] == '-')
      throw InputError("command line", 0, opt, "expected a whole number >= 0, got '" + next + "'");
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    for (const char* opt : {"--runs=", "--seed=", "--trajectories=", "--threads=", "--ticks="})
      if (arg.rfind(opt, 0) == 0 && arg.size() > std::string(opt).size() && arg[std::string(opt).size()] == '-')
        throw InputError("command line", 0, arg.substr(0, std::string(opt).size() - 1), "expected a whole number >= 0, got '" + arg.substr(std::string(opt).size()) + "'");
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError("command line", 0, "", std::string(e.what()) + " (see simrun --help)");
  }
  if (vm.count("ticks")) {
    o.ticks = vm["ticks"].as<int>();
    if (*o.ticks < 1 || *o.ticks > 400) throw InputError("command line", 0, "--ticks", "expected a whole number in [1, 400]");
  }
  if (o.runs < 1 || o.runs > 100000000) throw InputError("command line", 0, "--runs", "expected a whole number in [1, 100000000]");
  if (o.threads < 0 || o.threads > 1024) throw InputError("command line", 0, "--threads", "expected a whole number in [0, 1024]");
  if (o.top < 0 || o.top > 1000000) throw InputError("command line", 0, "--top", "expected a whole number >= 0 (0: all dyads)");
  if (o.trajectories > o.runs) o.trajectories = o.runs;
  if (!o.help && !o.version && !o.schema && o.scenario.empty())
    throw InputError("command line", 0, "", "missing the scenario file: simrun [options] scenario.yaml (see simrun --help)");
  if (o.output.empty() && !o.scenario.empty()) o.output = default_output_path(o.scenario);
  return o;
}

}  // namespace simrun
