#include <cctype>
#include <filesystem>

#include "sim/cli/commands.hpp"
#include "sim/scenario/input_error.hpp"

namespace simrun {

void check_output_path(const std::string& path, bool force, bool create_dir, const std::string& option) {
  namespace fs = std::filesystem;
  const fs::path out(path);
  std::error_code ec;
  // Results are one HDF5 file; a table format asked for by its extension gets the way to it.
  std::string ext = out.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".xlsx" || ext == ".json")
    throw InputError("command line", 0, option,
                     "'" + path + "': simrun writes one HDF5 file (.h5); write it, then `simrun export FILE.h5 --csv DIR` "
                     "turns it into CSV tables");
  if (fs::is_directory(out, ec))
    throw InputError("command line", 0, option, "'" + path + "' is a directory; give a file name");
  if (fs::exists(out, ec) && !force)
    throw InputError("command line", 0, option, "'" + path + "' exists; use --force to overwrite it or choose another file");
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (fs::exists(dir, ec)) return;
  if (!create_dir) throw InputError("command line", 0, option, "directory '" + dir.string() + "' does not exist");
  fs::create_directories(dir, ec);
  if (ec) throw InputError("command line", 0, option, "cannot create '" + dir.string() + "': " + ec.message());
}

}  // namespace simrun
