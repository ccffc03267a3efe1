#include "sim/output/fnv1a.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>

namespace simrun {

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t h) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t k = 0; k < size; ++k) {
    h ^= p[k];
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex64(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string fnv1a_hex(const std::string& bytes) { return hex64(fnv1a(bytes.data(), bytes.size())); }

std::string fnv1a_file_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return fnv1a_hex(std::string(std::istreambuf_iterator<char>(in), {}));
}

}  // namespace simrun
