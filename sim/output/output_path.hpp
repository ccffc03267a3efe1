#pragma once
// The checks on an output path made before any work is done (every command that writes a file).
#include <string>
#include <vector>

#include "sim/output/safe_file.hpp"

namespace simrun {

/// Refuses an output path that is empty, named like a temporary file (`*.partial-*`), a
/// directory, a symbolic link or another non-regular file, one of `inputs`, or that exists (unless `force`), or whose directory is missing
/// (created instead when `create_dir`), before any work is done; notes stale temporary files.
/// Returns the target the writers publish to (see sim/output/safe_file.hpp).
/// @throws InputError naming `option`.
OutputTarget check_output_path(const std::string& path, bool force, bool create_dir, const std::vector<std::string>& inputs,
                               const std::string& option = "--output");

/// The same without inputs to protect. Give the writer the returned target, not the bare path:
/// a bare path never replaces an existing file, --force or not.
inline OutputTarget check_output_path(const std::string& path, bool force, bool create_dir, const std::string& option = "--output") {
  return check_output_path(path, force, create_dir, std::vector<std::string>{}, option);
}

}  // namespace simrun
