#pragma once
// The checks on an output path made before any work is done (every command that writes a file).
#include <string>

namespace simrun {

/// Refuses an output path that exists (unless `force`), is a directory, or whose directory is
/// missing (created instead when `create_dir`).
/// @throws InputError naming `option`.
void check_output_path(const std::string& path, bool force, bool create_dir, const std::string& option = "--output");

}  // namespace simrun
