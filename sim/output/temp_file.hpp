#pragma once
// The one way simrun puts a file in place: write it under a temporary name next to its final
// path, then rename it over the final path only when it is complete, so an interrupted or
// failed write never leaves a file that looks whole. Every writer goes through h5::File, which
// uses these three functions; a change to how the temporary file is named, created or moved
// (e.g. exclusive creation, not following links) is made here.
#include <string>

namespace simrun {

/// The temporary name `final_path` is written under ("<final_path>.partial-<pid>").
std::string temp_path_for(const std::string& final_path);

/// Renames `temp_path` to `final_path` (atomically replacing it).
/// @throws h5::OutputError naming both paths, after removing the temporary file.
void move_into_place(const std::string& temp_path, const std::string& final_path);

/// Removes the temporary file (a missing file is not an error).
void remove_temp(const std::string& temp_path);

}  // namespace simrun
