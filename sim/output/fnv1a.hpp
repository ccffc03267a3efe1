#pragma once
// 64-bit FNV-1a: identifies inputs (sweep and design hashes, calibration identities) and checks
// what a shard holds. Not a cryptographic hash: it catches corruption, not forgery.
#include <cstdint>
#include <string>

namespace simrun {

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t h = 1469598103934665603ull);

/// fnv1a of `bytes` as 16 lower-case hex digits.
std::string fnv1a_hex(const std::string& bytes);

/// fnv1a_hex of the bytes of the file at `path` (of what can be read of it).
std::string fnv1a_file_hex(const std::string& path);

/// `h` as 16 lower-case hex digits.
std::string hex64(std::uint64_t h);

}  // namespace simrun
