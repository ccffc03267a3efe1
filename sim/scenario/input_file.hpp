#pragma once
// Reading the text files a user gives simrun (scenarios, their extends: parents, sweep files)
// with the checks every input gets before any work (docs/robustness.md, "Limits"): it must be a
// regular file (a FIFO, /dev/zero, a terminal or a directory is refused without blocking or
// reading), at most kMaxInputFileBytes long (checked on its size before reading, and again
// while reading, in case it grows), and readable.
#include <cstddef>
#include <string>

namespace simrun {

/// Largest scenario or sweep file accepted: 4 MiB. The largest shipped scenario is 19 kB; a
/// scenario of the supported maximum (20 actors, 190 dyads, 380 links, every field with a source
/// line) is about 400 kB.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{4} << 20;

/// The whole content of `path`. `what` names the file in messages ("scenario file", ...).
/// @throws InputError (file = path) if it is missing, unreadable, not a regular file, or larger
/// than `limit` bytes.
std::string read_input_file(const std::string& path, const std::string& what, std::size_t limit = kMaxInputFileBytes);

}  // namespace simrun
