// libFuzzer target: output path safety (sim/output/safe_file.hpp). A private directory holds an
// input file, a symbolic link to a victim file outside it, a FIFO, a directory and an existing
// output. The input's first byte chooses --force; the rest is an output path inside that
// directory (no "..", no leading "/", at most 200 bytes). The path is checked as the commands
// check it and, if allowed, a small HDF5 file is written to it and committed. The property: no
// matter what path, the input, the victim, the link, the FIFO and the directory are unchanged
// afterwards, an existing file is never replaced without --force, no temporary file is left
// (a name `<output>.partial-<pid>-<16 hex digits>`, reserve_temp's pattern), an output whose own
// name contains ".partial-" is refused (it would be taken for a temporary: output_refusal), and
// every refusal is an InputError-style reason or an h5::OutputError (never another exception).
// Build and run: scripts/fuzz.sh (FUZZ_TARGETS=fuzz_output_path).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "fuzz/harness.hpp"
#include "sim/output/h5file.hpp"
#include "sim/output/safe_file.hpp"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Sandbox {
  fs::path dir, victim;  // the victim lives outside dir: no fuzzed path (no "..") can name it
  Sandbox()
      : dir(fs::temp_directory_path() / ("simrun-fuzz-output-" + std::to_string(::getpid()))),
        victim(fs::temp_directory_path() / ("simrun-fuzz-victim-" + std::to_string(::getpid()))) {}
  void reset() const {
    fs::remove_all(dir);
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "input.yaml") << "input";
    std::ofstream(victim) << "victim";
    std::ofstream(dir / "existing.h5") << "existing";
    fs::create_symlink(victim, dir / "link.h5");
    ::mkfifo((dir / "fifo.h5").c_str(), 0600);
  }
  std::string problem(bool force) const {
    if (slurp(dir / "input.yaml") != "input") return "the input was changed";
    if (slurp(victim) != "victim") return "the victim behind the symbolic link was changed";
    if (!fs::is_symlink(dir / "link.h5")) return "the symbolic link was replaced";
    if (!fs::is_fifo(dir / "fifo.h5")) return "the FIFO was replaced";
    if (!fs::is_directory(dir / "sub")) return "the directory was replaced";
    if (!force && slurp(dir / "existing.h5") != "existing") return "an existing file was replaced without --force";
    static const std::regex temp_name(R"(.*\.partial-[0-9]+-[0-9a-f]{16})");
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (std::regex_match(name, temp_name)) return "a temporary file was left";
      if (name.find(simrun::kTempMarker) != std::string::npos) return "an output named like a temporary file was written";
    }
    return "";
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 201) return -1;
  const bool force = data[0] & 1;
  const std::string rel(reinterpret_cast<const char*>(data + 1), size - 1);
  if (rel.find("..") != std::string::npos || (!rel.empty() && rel[0] == '/') || rel.find('\0') != std::string::npos) return -1;
  static const Sandbox box;
  box.reset();
  const std::string path = rel.empty() ? std::string() : (box.dir / rel).string();
  std::string finding;
  try {
    const simrun::OutputTarget target(path, force, simrun::identities({(box.dir / "input.yaml").string()}));
    if (simrun::output_refusal(target).empty()) {
      simrun::h5::File f(target);
      f.root().set_attrs({simrun::h5::Attr::i64("x", 1)});
      f.commit();
    }
  } catch (const simrun::h5::OutputError&) {
  } catch (...) {
    finding = "exception other than OutputError: " + simrun::fuzz::current_exception_type();
  }
  if (finding.empty()) finding = box.problem(force);
  if (!finding.empty()) {
    std::fprintf(stderr, "FINDING (fuzz_output_path): %s (path '%s', force %d)\n", finding.c_str(), rel.c_str(), force);
    std::abort();
  }
  return 0;
}
