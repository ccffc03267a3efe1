#pragma once
// File-name helpers shared by every layer (one definition of a file's stem).
#include <string>

namespace simrun {

/// The file name without folder and last extension: "scenarios/baseline.yaml" -> "baseline"
/// (".hidden" stays ".hidden").
std::string file_stem(const std::string& path);

}  // namespace simrun
