#pragma once
// Scratch files for the unit tests that need real files: an emptied directory under
// SIMRUN_TEST_TMP per test, and whole-file write and read.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace simrun::test {

/// SIMRUN_TEST_TMP/<group>/<name>, emptied.
inline std::filesystem::path scratch_dir(const std::string& group, const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(SIMRUN_TEST_TMP) / group / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Writes `bytes` to `p` (replacing it); returns the path as a string.
inline std::string write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
  return p.string();
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace simrun::test
