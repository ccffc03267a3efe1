#include "sim/cli/option_parser.hpp"

#include <boost/program_options.hpp>
#include <functional>
#include <iostream>
#include <sstream>

#include "sim/scenario/input_error.hpp"

namespace po = boost::program_options;

namespace simrun {
namespace {

/// A whole-number option: read as text, so that signs, fractions and out-of-range values all get
/// the same message (Boost would wrap "-1" around to 2^32 - 1 for an unsigned type).
struct NumberSpec {
  std::string long_name, short_name;
  unsigned long long lo = 0, hi = 0;
  std::string text;  ///< as given (or the default)
  std::function<void(unsigned long long)> assign;

  [[noreturn]] void refuse(const std::string& given) const {
    throw InputError("command line", 0, "--" + long_name,
                     "expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + given + "'");
  }
  void convert() const {
    if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) refuse(text);
    const unsigned long long v = std::stoull(text);
    if (v < lo || v > hi) refuse(text);
    assign(v);
  }
  bool named_by(const std::string& arg) const {
    return arg == "--" + long_name || (!short_name.empty() && arg == "-" + short_name);
  }
};

std::string range_text(unsigned long long lo, unsigned long long hi) {
  return " (whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "])";
}

}  // namespace

struct OptionParser::Impl {
  std::string command;
  Usage usage;
  po::options_description visible{"Options"};
  po::options_description hidden;
  po::positional_options_description positional;
  std::vector<std::unique_ptr<NumberSpec>> numbers;
  std::vector<std::string>* positional_target = nullptr;
  CommonOptions* common = nullptr;
  bool help = false;
  bool help_listed = false;

  /// -h/--help, listed last.
  void list_help() {
    if (help_listed) return;
    help_listed = true;
    visible.add_options()("help,h", po::bool_switch(&help), "print this help and exit");
  }

  std::string see_help() const { return "see simrun " + (command.empty() ? "" : command + " ") + "--help"; }

  void add_number(const std::string& names, unsigned long long lo, unsigned long long hi, const std::string& what,
                  std::optional<unsigned long long> fallback, std::function<void(unsigned long long)> assign) {
    auto spec = std::make_unique<NumberSpec>();
    const auto comma = names.find(',');
    spec->long_name = names.substr(0, comma);
    if (comma != std::string::npos) spec->short_name = names.substr(comma + 1);
    spec->lo = lo;
    spec->hi = hi;
    spec->assign = std::move(assign);
    auto* value = po::value<std::string>(&spec->text);
    if (fallback) value->default_value(std::to_string(*fallback));
    visible.add_options()(names.c_str(), value, (what + range_text(lo, hi)).c_str());
    numbers.push_back(std::move(spec));
  }
};

OptionParser::OptionParser(std::string command, Usage usage) : impl_(std::make_unique<Impl>()) {
  impl_->command = std::move(command);
  impl_->usage = std::move(usage);
}

OptionParser::~OptionParser() = default;

void OptionParser::common(CommonOptions& o, unsigned which, const std::string& output_help) {
  impl_->common = &o;
  if (which & kRunsOption) number("runs,n", o.runs, 1, kMaxRuns, "Monte Carlo runs");
  if (which & kSeedOption) number("seed,s", o.seed, 0, 4294967295u, "master seed");
  if (which & kThreadsOption) number("threads,j", o.threads, 0, kMaxThreads, "worker threads (0: all cores); results do not depend on it");
  if (which & kOutputOption) text("output,o", o.output, output_help);
  if (which & kSetOption) sets(o, "PATH=VALUE: override a scenario number (repeatable), e.g. --set parameters.lambda=2");
  if (which & kForceOption) flag("force", o.force, "overwrite an existing output file");
  if (which & kQuietOption) flag("quiet,q", o.quiet, "print nothing but errors");
}

void OptionParser::sets(CommonOptions& o, const std::string& help) { texts("set", o.sets, help); }

void OptionParser::texts(const std::string& names, std::vector<std::string>& target, const std::string& help) {
  impl_->visible.add_options()(names.c_str(), po::value<std::vector<std::string>>(&target)->composing(), help.c_str());
}

void OptionParser::number(const std::string& names, std::uint64_t& target, std::uint64_t lo, std::uint64_t hi,
                          const std::string& help) {
  impl_->add_number(names, lo, hi, help, target, [&target](unsigned long long v) { target = v; });
}

void OptionParser::number(const std::string& names, std::uint32_t& target, std::uint32_t lo, std::uint32_t hi,
                          const std::string& help) {
  impl_->add_number(names, lo, hi, help, target, [&target](unsigned long long v) { target = static_cast<std::uint32_t>(v); });
}

void OptionParser::number(const std::string& names, int& target, int lo, int hi, const std::string& help) {
  impl_->add_number(names, static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi), help,
                    static_cast<unsigned long long>(target), [&target](unsigned long long v) { target = static_cast<int>(v); });
}

void OptionParser::number(const std::string& names, std::optional<int>& target, int lo, int hi, const std::string& help) {
  impl_->add_number(names, static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi), help, std::nullopt,
                    [&target](unsigned long long v) { target = static_cast<int>(v); });
}

void OptionParser::number(const std::string& names, std::optional<std::uint32_t>& target, std::uint32_t lo, std::uint32_t hi,
                          const std::string& help) {
  impl_->add_number(names, lo, hi, help, std::nullopt, [&target](unsigned long long v) { target = static_cast<std::uint32_t>(v); });
}

void OptionParser::number(const std::string& names, std::optional<std::uint64_t>& target, std::uint64_t lo, std::uint64_t hi,
                          const std::string& help) {
  impl_->add_number(names, lo, hi, help, std::nullopt, [&target](unsigned long long v) { target = v; });
}

void OptionParser::flag(const std::string& names, bool& target, const std::string& help) {
  impl_->visible.add_options()(names.c_str(), po::bool_switch(&target), help.c_str());
}

void OptionParser::text(const std::string& names, std::string& target, const std::string& help) {
  impl_->visible.add_options()(names.c_str(), po::value<std::string>(&target), help.c_str());
}

void OptionParser::positionals(std::vector<std::string>& target, int max) {
  impl_->positional_target = &target;
  impl_->hidden.add_options()("positional", po::value<std::vector<std::string>>(&target));
  impl_->positional.add("positional", max);
}

bool OptionParser::parse(int argc, const char* const* argv) {
  Impl& p = *impl_;
  p.list_help();
  if (p.common) {
    p.common->command_line = "simrun" + (p.command.empty() ? "" : " " + p.command);
    for (int i = 1; i < argc; ++i) p.common->command_line += " " + std::string(argv[i]);
  }
  // "-s -1": Boost would take "-1" for an option; say what is wrong with the number instead.
  for (int i = 1; i + 1 < argc; ++i)
    for (const auto& n : p.numbers)
      if (n->named_by(argv[i]) && argv[i + 1][0] == '-') n->refuse(argv[i + 1]);
  po::options_description all;
  all.add(p.visible).add(p.hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(p.positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError("command line", 0, "", std::string(e.what()) + " (" + p.see_help() + ")");
  }
  for (const auto& n : p.numbers)
    if (!n->text.empty() || vm.count(n->long_name)) n->convert();
  // -o '' would otherwise silently become the default path.
  if (p.common && vm.count("output") && p.common->output.empty())
    throw InputError("command line", 0, "--output", "the output file name is empty (leave out -o for the default)");
  if (p.common) p.common->help = p.help;
  if (p.help) std::cout << help_text();
  return !p.help;
}

std::string OptionParser::help_text() const {
  impl_->list_help();
  const Usage& u = impl_->usage;
  std::ostringstream os;
  os << "Usage: " << u.synopsis << "\n\n" << u.description << "\n\n" << impl_->visible << u.epilogue;
  return os.str();
}

void OptionParser::default_output(CommonOptions& o, const std::string& name) {
  if (!o.output.empty()) return;
  o.output = "results/" + name + ".h5";
  o.output_defaulted = true;
}

std::string exit_codes_text(const std::string& bad_input_examples, bool interruptible) {
  return "Exit codes: 0 success, 1 internal error, 2 bad input (" + bad_input_examples + ")" +
         (interruptible ? ", 130 interrupted.\n" : ".\n");
}

}  // namespace simrun
