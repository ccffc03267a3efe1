#include "sim/output/output_path.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>

#include "sim/scenario/input_error.hpp"

namespace simrun {

OutputTarget check_output_path(const std::string& path, bool force, bool create_dir, const std::vector<std::string>& inputs,
                               const std::string& option) {
  namespace fs = std::filesystem;
  OutputTarget target(path, force, identities(inputs));
  const std::string why = output_refusal(target);
  if (!why.empty()) throw InputError("command line", 0, option, why);
  const fs::path out(path);
  // Results are one HDF5 file; a table format asked for by its extension gets the way to it.
  std::string ext = out.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".xlsx" || ext == ".json")
    throw InputError("command line", 0, option,
                     quote(path) + ": simrun writes one HDF5 file (.h5); write it, then `simrun export FILE.h5 --csv DIR` "
                     "turns it into CSV tables");
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (!create_dir) throw InputError("command line", 0, option, "directory " + quote(dir.string()) + " does not exist");
    fs::create_directories(dir, ec);
    if (ec) throw InputError("command line", 0, option, "cannot create " + quote(dir.string()) + ": " + ec.message());
  }
  // Temporary files of runs killed with SIGKILL (or a power cut) are never removed by simrun
  // itself: it cannot know they are not another machine's run in progress on a shared disk.
  const auto stale = stale_temps(path);
  if (!stale.empty())
    std::fprintf(stderr, "simrun: note: %zu stale temporary file(s) from an interrupted run next to the output, e.g. %s; "
                         "remove them (rm %s.partial-*) if no other simrun is writing %s\n",
                 stale.size(), quote(stale.front()).c_str(), quote(path).c_str(), quote(path).c_str());
  return target;
}

}  // namespace simrun
