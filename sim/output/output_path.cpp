#include "sim/output/output_path.hpp"

#include <filesystem>

#include "sim/scenario/input_error.hpp"

namespace simrun {

void check_output_path(const std::string& path, bool force, bool create_dir, const std::string& option) {
  namespace fs = std::filesystem;
  const fs::path out(path);
  std::error_code ec;
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
