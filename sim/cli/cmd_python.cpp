// `simrun discover` and `simrun export`: both are the Python package simrun (python/simrun), because
// scenario discovery's CART is scikit-learn's and the tidy tables are pandas'. The binary finds the
// package next to itself (an installed simrun: <prefix>/<SIMRUN_PYTHON_RELDIR>) or in the source
// tree it was built from, puts it first on PYTHONPATH and replaces itself with Debian's Python
// (/usr/bin/python3) running the module; its exit code (0, or 2 for bad input) is simrun's.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/scenario/input_error.hpp"
#include "simrun/paths.hpp"

namespace simrun {
namespace {

namespace fs = std::filesystem;

/// The directory holding the package `simrun` (the one with simrun/__init__.py), or "".
std::string python_package_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> candidates;
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / kPythonInstallRelDir);
  candidates.emplace_back(kPythonSourceDir);
  for (const auto& dir : candidates)
    if (fs::is_regular_file(dir / "simrun" / "__init__.py", ec)) return dir.string();
  return {};
}

std::string python_interpreter() {
  if (access("/usr/bin/python3", X_OK) == 0) return "/usr/bin/python3";
  return "python3";  // not Debian's: found on PATH by execvp
}

/// Runs `python3 -m <module> [<first>] argv[1..]` with the package on PYTHONPATH; returns only on failure.
int exec_module(const char* command, const char* module, const char* first, int argc, const char* const* argv) {
  const std::string dir = python_package_dir();
  if (dir.empty())
    throw InputError("command line", 0, "", std::string("simrun ") + command + " needs the Python package simrun (python/simrun), found neither in " +
                     kPythonSourceDir + " nor next to this binary; install it with cmake --install");
  const char* old = std::getenv("PYTHONPATH");
  const std::string path = old && *old ? dir + ":" + old : dir;
  setenv("PYTHONPATH", path.c_str(), 1);
  const std::string python = python_interpreter();
  std::vector<const char*> args{python.c_str(), "-m", module};
  if (first) args.push_back(first);
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);  // argv[0] is the subcommand
  args.push_back(nullptr);
  std::fflush(nullptr);
  execvp(args[0], const_cast<char* const*>(args.data()));
  throw InputError("command line", 0, "", std::string("simrun ") + command + ": cannot start " + python + ": " + std::strerror(errno) +
                   " (install Debian's python3 with scripts/install-deps.sh)");
}

}  // namespace

int discover_command(int argc, const char* const* argv) {
  return exec_module("discover", "simrun.discovery", nullptr, argc, argv);
}

int export_command(int argc, const char* const* argv) { return exec_module("export", "simrun", "export", argc, argv); }

}  // namespace simrun
