#pragma once
// Reading an HDF5 file simrun did not necessarily write intact (a sweep shard that may have
// been truncated, corrupted on disk or crafted): every object's type, shape, layout and size is
// checked before anything is read or allocated, and every failure is an InputError naming the
// file, never a crash, a hang or an allocation the file's size does not justify.
//
// What makes that possible is how simrun writes such files (UntrustedH5Writer below): the HDF5
// 1.10 format (superblock v3, object headers v2: HDF5 checksums all of their metadata and
// refuses a corrupted header instead of following it), fixed-length strings only (a
// variable-length string lives in a global heap that is not checksummed: corrupted heap
// addresses and lengths crashed the reader), contiguous datasets without filters (a dataset's
// bytes are then bounded by the file's size, and no decompression can expand them), and a
// checksum of the payload that the caller verifies before parsing it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/output/safe_file.hpp"

namespace simrun {

/// Longest string attribute read or written: 4 KiB (paths and command lines; longer text is cut
/// on writing).
inline constexpr std::size_t kMaxAttributeChars = 4096;

class UntrustedH5Reader {
 public:
  /// Opens `path` read-only. @throws InputError if it is missing, not a regular file, locked by
  /// a process writing it, not HDF5, or not readable as HDF5 1.10.
  explicit UntrustedH5Reader(const std::string& path);
  ~UntrustedH5Reader();
  UntrustedH5Reader(const UntrustedH5Reader&) = delete;
  UntrustedH5Reader& operator=(const UntrustedH5Reader&) = delete;

  bool has_attribute(const std::string& name) const;
  /// True if the root group has a fixed-length string attribute `name` (checked, not read).
  bool has_text(const std::string& name) const;
  /// A scalar fixed-length string attribute of the root group ("" if absent).
  /// @throws InputError if it has another type or shape.
  std::string text(const std::string& name) const;
  /// A scalar 64-bit integer attribute of the root group (`missing` if absent).
  std::int64_t integer(const std::string& name, std::int64_t missing) const;
  /// A 1-D contiguous dataset of 64-bit integers / bytes in the root group, of at most
  /// `max_elements` elements (and never more bytes than the file has).
  std::vector<std::int64_t> integers(const std::string& name, std::size_t max_elements) const;
  std::vector<std::uint8_t> bytes(const std::string& name, std::size_t max_elements) const;

  const std::string& path() const { return path_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

/// Writes such a file: fixed-length string and int64 attributes on the root group and 1-D
/// contiguous datasets, under a temporary name published by commit() (safe_file.hpp). A failed
/// write throws h5::OutputError and leaves nothing.
class UntrustedH5Writer {
 public:
  explicit UntrustedH5Writer(const OutputTarget& target);
  ~UntrustedH5Writer();
  UntrustedH5Writer(const UntrustedH5Writer&) = delete;
  UntrustedH5Writer& operator=(const UntrustedH5Writer&) = delete;

  void text(const std::string& name, const std::string& value);
  void integer(const std::string& name, std::int64_t value);
  /// A 1-D attribute of two 64-bit integers (format_version = [major, minor]).
  void integer_pair(const std::string& name, std::int64_t first, std::int64_t second);
  void integers(const std::string& name, const std::vector<std::int64_t>& values);
  void bytes(const std::string& name, const std::vector<std::uint8_t>& values);
  /// Closes the file and moves it into place.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace simrun
