#pragma once
// The one command-line parser of every simrun subcommand (Boost.Program_options underneath).
// It owns what the commands share: the common options (runs, seed, threads, output, force,
// quiet, --set, help), whole numbers checked against their range with one message ("expected a
// whole number in [lo, hi], got 'x'", signs included), errors wrapped as InputError with a
// pointer to the command's --help, and the default output path under results/.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/model/rng.hpp"

namespace simrun {

inline constexpr std::uint64_t kDefaultRuns = 10000;
inline constexpr std::uint64_t kMaxRuns = 100000000;  ///< 1e8: the accumulators' histogram counts are 32-bit
inline constexpr int kMaxThreads = 1024;
inline constexpr int kMaxTicks = 400;  ///< -t/--ticks: the range of calendar.ticks

/// Values of the common options; a command registers the ones it takes (see CommonOption).
struct CommonOptions {
  std::uint64_t runs = kDefaultRuns;
  std::uint32_t seed = kDefaultSeed;
  int threads = 0;                 ///< 0: all cores
  std::string output;              ///< after default_output(): never empty
  bool output_defaulted = false;   ///< the path is the default under results/ (created if missing)
  bool force = false;
  bool quiet = false;
  bool help = false;
  std::vector<std::string> sets;   ///< --set PATH=VALUE, in order
  std::string command_line;        ///< "simrun [command] args...", as recorded in output files
};

/// Bits selecting common options (help is always there).
enum CommonOption : unsigned {
  kRunsOption = 1u << 0,
  kSeedOption = 1u << 1,
  kThreadsOption = 1u << 2,
  kOutputOption = 1u << 3,
  kForceOption = 1u << 4,
  kQuietOption = 1u << 5,
  kSetOption = 1u << 6,
};

/// What --help prints around the options table.
struct Usage {
  std::string synopsis;     ///< after "Usage: "
  std::string description;  ///< a paragraph
  std::string epilogue;     ///< after the options (exit codes, documentation)
};

class OptionParser {
 public:
  /// `command`: the subcommand ("compare", ...) or "" for `simrun [options] scenario.yaml`.
  OptionParser(std::string command, Usage usage);
  ~OptionParser();
  OptionParser(const OptionParser&) = delete;
  OptionParser& operator=(const OptionParser&) = delete;

  /// The common options in `which` (CommonOption bits), stored in `o`. `output_help` describes
  /// -o/--output (its default differs per command); the others have one text for every command.
  void common(CommonOptions& o, unsigned which, const std::string& output_help = "HDF5 output file");

  /// --set (repeatable) with a command's own help text (kSetOption gives the run's).
  void sets(CommonOptions& o, const std::string& help);

  /// A repeatable text option (every occurrence, in order), e.g. compare's --set-a.
  void texts(const std::string& names, std::vector<std::string>& target, const std::string& help);

  /// A whole-number option in [lo, hi]; `names` as Boost writes them ("runs,n").
  void number(const std::string& names, std::uint64_t& target, std::uint64_t lo, std::uint64_t hi, const std::string& help);
  void number(const std::string& names, std::uint32_t& target, std::uint32_t lo, std::uint32_t hi, const std::string& help);
  void number(const std::string& names, int& target, int lo, int hi, const std::string& help);
  /// Without a default: left empty unless given.
  void number(const std::string& names, std::optional<int>& target, int lo, int hi, const std::string& help);
  void number(const std::string& names, std::optional<std::uint32_t>& target, std::uint32_t lo, std::uint32_t hi,
              const std::string& help);
  void number(const std::string& names, std::optional<std::uint64_t>& target, std::uint64_t lo, std::uint64_t hi,
              const std::string& help);
  void flag(const std::string& names, bool& target, const std::string& help);
  void text(const std::string& names, std::string& target, const std::string& help);

  /// Positional arguments (at most `max`; -1: any number) go to `target`.
  void positionals(std::vector<std::string>& target, int max);

  /// Parses argv (argv[0] is the program or the subcommand's name) and checks every number.
  /// With -h/--help, prints help_text() to stdout and returns false (the command exits 0).
  /// @throws InputError (file "command line") naming the option and what was expected.
  [[nodiscard]] bool parse(int argc, const char* const* argv);

  /// "Usage: <synopsis>\n\n<description>\n\n<options table><epilogue>".
  std::string help_text() const;

  /// Sets o.output to results/<name>.h5 (and o.output_defaulted) unless -o was given.
  static void default_output(CommonOptions& o, const std::string& name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The exit-code line every command's --help ends with (130 only where Ctrl-C stops the work).
std::string exit_codes_text(const std::string& bad_input_examples, bool interruptible = true);

/// A subcommand's whole parse: declares the options of `o` (the command's own
/// `declare(OptionParser&, Options&)`, found by argument-dependent lookup) and parses argv into
/// it. False when the command should stop with exit 0 (--help printed).
template <class Options>
[[nodiscard]] bool parse_command(const char* command, Usage usage, Options& o, int argc, const char* const* argv) {
  OptionParser parser(command, std::move(usage));
  declare(parser, o);
  return parser.parse(argc, argv);
}

}  // namespace simrun
