#pragma once
// How simrun puts a finished output file in place without ever destroying something it must not:
//
// - the temporary file gets an unpredictable name (`<output>.partial-<pid>-<16 hex digits>`, in
//   the output's own directory) and is created exclusively (O_CREAT|O_EXCL: an existing file or
//   a planted symbolic link makes the creation fail instead of being followed or truncated);
// - publishing renames it to the output path without replacing anything (renameat2 with
//   RENAME_NOREPLACE, or link() + unlink() where the file system lacks it), so a file that
//   appeared at the output path while simrun ran is never silently replaced;
// - with --force (OutputTarget::replace) only a regular file is replaced, never a symbolic
//   link, directory, FIFO or device, and never one of the command's inputs (checked when the
//   command starts and again just before the rename, by device and inode);
// - the names of the temporary files still on disk are kept in a fixed table that a signal
//   handler can remove with unlink(2) alone (async-signal-safe), so an interrupted process
//   leaves none behind (sim/cli/signals.cpp).
#include <cstdint>
#include <string>
#include <vector>

namespace simrun {

/// A file's identity (device, inode), to recognise the same file under another name.
struct FileIdentity {
  std::uint64_t device = 0, inode = 0;
  bool operator==(const FileIdentity& o) const { return device == o.device && inode == o.inode; }
};

/// Where a writer puts its result, and whether it may replace an existing regular file there.
struct OutputTarget {
  explicit OutputTarget(std::string p, bool replace_existing = false, std::vector<FileIdentity> inputs_ = {})
      : path(std::move(p)), replace(replace_existing), inputs(std::move(inputs_)) {}
  std::string path;
  bool replace = false;
  std::vector<FileIdentity> inputs;  ///< files the command reads: never replaced
};

/// The identity of the file at `path` (following symbolic links); false if it does not exist.
bool file_identity(const std::string& path, FileIdentity& out);

/// Identities of the existing files among `paths` (missing ones are skipped).
std::vector<FileIdentity> identities(const std::vector<std::string>& paths);

/// What every temporary file name holds after the output's name: `<output>.partial-<pid>-<hex>`.
inline constexpr const char* kTempMarker = ".partial-";

/// "" if `target.path` may be written now, else why not (for a one-line message): it is
/// empty, ends in '/', has a file name containing kTempMarker (it would be taken for a
/// temporary file), is a directory, a symbolic link or any other non-regular file, is one of
/// the inputs, or exists and `target.replace` is false.
std::string output_refusal(const OutputTarget& target);

/// A fresh, unpredictable temporary name next to `final_path`, registered for removal on a
/// signal (the file is not created: the writer creates it exclusively, HDF5 with H5F_ACC_EXCL,
/// which opens with O_CREAT|O_EXCL and so never follows a link planted under that name).
std::string reserve_temp(const std::string& final_path);

/// Moves the finished temporary file `temp` to `target.path` under the rules above and
/// unregisters it. On failure `temp` is removed. @throws h5::OutputError naming the reason.
void publish_temp(const std::string& temp, const OutputTarget& target);

/// Removes `temp` (if it exists) and unregisters it.
void discard_temp(const std::string& temp);

/// Records / forgets a temporary file to be removed if the process is interrupted (at most 16
/// at a time; more are not registered, and are removed by the normal error paths only).
void register_temp(const std::string& temp);
void unregister_temp(const std::string& temp);

/// Unlinks every registered temporary file. Async-signal-safe (unlink(2) only); for handlers.
void remove_registered_temps_from_signal_handler();

/// The stale temporary files (`<name>.partial-*`) in the directory of `final_path` that belong
/// to `final_path`, e.g. left by a process killed with SIGKILL.
std::vector<std::string> stale_temps(const std::string& final_path);

}  // namespace simrun
