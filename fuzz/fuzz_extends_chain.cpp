// libFuzzer target: multi-file `extends:` chains. The input is split at lines "%%" into up to
// four files, written as a.yaml, b.yaml, c.yaml, d.yaml in a private directory next to a copy of
// scenarios/baseline.yaml (so `extends: baseline.yaml`, `extends: b.yaml`, cycles, self
// references and chains of any shape are reachable); a.yaml is loaded and, if accepted, simulated
// for a few ticks. Expected: accepted or simrun::InputError (fuzz/harness.hpp).
// Build and run: scripts/fuzz.sh (FUZZ_TARGETS=fuzz_extends_chain).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/harness.hpp"

namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxBytes = 64 * 1024;

const fs::path& sandbox() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("simrun-fuzz-extends-" + std::to_string(::getpid()));
    fs::create_directories(d);
    fs::copy_file(fs::path(SIMRUN_SOURCE_DIR) / "scenarios" / "baseline.yaml", d / "baseline.yaml",
                  fs::copy_options::overwrite_existing);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxBytes) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (simrun::fuzz::touches_pseudo_files(text)) return -1;
  std::vector<std::string> files(1);
  std::string::size_type start = 0;
  while (files.size() <= 4) {
    const auto cut = text.find("\n%%\n", start);
    files.back() += text.substr(start, cut == std::string::npos ? std::string::npos : cut - start + 1);
    if (cut == std::string::npos) break;
    start = cut + 4;
    if (files.size() < 4) files.emplace_back();
  }
  const char* names[] = {"a.yaml", "b.yaml", "c.yaml", "d.yaml"};
  for (std::size_t k = 0; k < 4; ++k) {
    const fs::path p = sandbox() / names[k];
    if (k < files.size()) std::ofstream(p, std::ios::binary | std::ios::trunc) << files[k];
    else fs::remove(p);
  }
  const std::string path = (sandbox() / "a.yaml").string();
  const simrun::fuzz::Outcome out = simrun::fuzz::feed_scenario_text(files[0], path);
  if (!out.finding.empty()) {
    std::fprintf(stderr, "FINDING (fuzz_extends_chain): %s\n", out.finding.c_str());
    std::abort();
  }
  return 0;
}
