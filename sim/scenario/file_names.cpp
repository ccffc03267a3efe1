#include "sim/scenario/file_names.hpp"

#include <filesystem>

namespace simrun {

std::string file_stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

}  // namespace simrun
