#include "sim/output/safe_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sim/output/h5file.hpp"

namespace simrun {
namespace {

// The registry of temporary files for the signal handler: plain arrays and atomics, so that the
// handler reads no structure that is being reallocated. A slot is free (0), being filled (1) or
// holds a name to remove (2).
constexpr std::size_t kSlots = 16;
constexpr std::size_t kMaxPath = 4096;
struct TempSlot {
  std::atomic<int> state{0};
  char path[kMaxPath];
};
std::array<TempSlot, kSlots>& slots() {
  static std::array<TempSlot, kSlots> table;
  return table;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

[[noreturn]] void fail(const std::string& msg) { throw h5::OutputError(msg); }

bool is_input(const FileIdentity& id, const std::vector<FileIdentity>& inputs) {
  for (const auto& in : inputs)
    if (in == id) return true;
  return false;
}

std::string basename_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

/// Why an existing file at `path` may not be replaced ("" if it may, or if there is none).
std::string replace_refusal(const std::string& path, const std::vector<FileIdentity>& inputs) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return "";
  if (S_ISDIR(st.st_mode)) return "is a directory; give a file name";
  if (S_ISLNK(st.st_mode))
    return "is a symbolic link; simrun replaces only regular files (remove the link or give the path it points to)";
  if (!S_ISREG(st.st_mode)) return "is not a regular file (a FIFO, device or socket); simrun replaces only regular files";
  if (is_input(FileIdentity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)}, inputs))
    return "is one of this command's input files; choose another output file";
  return "";
}

/// Rename without replacing: renameat2(RENAME_NOREPLACE), else link() + unlink(), else (a file
/// system with neither, e.g. some network mounts) a check just before a plain rename.
int rename_noreplace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return 0;
  }
  if (errno == EEXIST) return EEXIST;
  struct stat st {};
  if (::lstat(to.c_str(), &st) == 0) return EEXIST;
  return std::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

}  // namespace

bool file_identity(const std::string& path, FileIdentity& out) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return false;
  out = FileIdentity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
  return true;
}

std::vector<FileIdentity> identities(const std::vector<std::string>& paths) {
  std::vector<FileIdentity> out;
  for (const auto& p : paths) {
    FileIdentity id;
    if (file_identity(p, id)) out.push_back(id);
  }
  return out;
}

std::string output_refusal(const OutputTarget& target) {
  const std::string& p = target.path;
  if (p.empty()) return "the output file name is empty";
  if (p.back() == '/') return quoted(p) + " names a directory; give a file name";
  // `<name>.partial-*` is what simrun calls its temporary files: an output named so would be
  // listed as a stale temporary of another output (and removed with it, as the note of
  // check_output_path suggests), and a leftover temporary would look like a finished result.
  if (basename_of(p).find(kTempMarker) != std::string::npos)
    return quoted(p) + " has a name like simrun's temporary files (it contains '" + std::string(kTempMarker) +
           "'), which are deleted as leftovers of interrupted runs; choose another name";
  const std::string why = replace_refusal(p, target.inputs);
  if (!why.empty()) return quoted(p) + " " + why;
  struct stat st {};
  if (!target.replace && ::lstat(p.c_str(), &st) == 0)
    return quoted(p) + " exists; use --force to overwrite it or choose another file";
  return "";
}

std::string reserve_temp(const std::string& final_path) {
  std::uint64_t r = 0;
  if (::getrandom(&r, sizeof r, 0) != static_cast<ssize_t>(sizeof r))
    fail("cannot create a temporary name for " + quoted(final_path) + ": no random bytes from the kernel");
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, "%s%ld-%016llx", kTempMarker, static_cast<long>(::getpid()), static_cast<unsigned long long>(r));
  const std::string temp = final_path + suffix;
  register_temp(temp);
  return temp;
}

void publish_temp(const std::string& temp, const OutputTarget& target) {
  const std::string& to = target.path;
  int err = 0;
  std::string why;
  if (target.replace) {
    why = replace_refusal(to, target.inputs);
    if (why.empty() && std::rename(temp.c_str(), to.c_str()) != 0) err = errno;
  } else {
    err = rename_noreplace(temp, to);
    if (err == EEXIST)
      why = "appeared while simrun ran (another run writing the same file?); it was left untouched and this result "
            "discarded: run again with another output file, or with --force to replace it";
  }
  if (why.empty() && err == 0) {
    unregister_temp(temp);
    return;
  }
  discard_temp(temp);
  if (!why.empty()) fail(quoted(to) + " " + why);
  fail("cannot rename " + quoted(temp) + " to " + quoted(to) + ": " + std::strerror(err));
}

void discard_temp(const std::string& temp) {
  ::unlink(temp.c_str());
  unregister_temp(temp);
}

void register_temp(const std::string& temp) {
  if (temp.size() >= kMaxPath) return;
  for (auto& s : slots()) {
    int expected = 0;
    if (!s.state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(s.path, temp.c_str(), temp.size() + 1);
    s.state.store(2);
    return;
  }
}

void unregister_temp(const std::string& temp) {
  for (auto& s : slots()) {
    int expected = 2;
    if (s.state.load() != 2 || temp != s.path) continue;
    s.state.compare_exchange_strong(expected, 0);
  }
}

void remove_registered_temps_from_signal_handler() {
  for (auto& s : slots())
    if (s.state.load() == 2) ::unlink(s.path);
}

std::vector<std::string> stale_temps(const std::string& final_path) {
  std::vector<std::string> out;
  const std::string dir = directory_of(final_path), prefix = basename_of(final_path) + kTempMarker;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    // A name's process id that is still alive on this machine means a run in progress.
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) continue;
    out.push_back(final_path.find('/') == std::string::npos ? name : dir == "/" ? "/" + name : dir + "/" + name);
  }
  ::closedir(d);
  return out;
}

}  // namespace simrun
