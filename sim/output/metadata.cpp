#include "sim/output/metadata.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>

namespace simrun {

const std::vector<std::string>& front_names() {
  static const std::vector<std::string> names = {"military", "economic", "diplomatic"};
  return names;
}

std::vector<h5::Attr> meta(const std::string& units, const std::string& long_name, std::vector<h5::Attr> extra) {
  std::vector<h5::Attr> a = {h5::Attr::str("units", units), h5::Attr::str("long_name", long_name)};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

std::vector<h5::Attr> probability_meta(const std::string& name, const std::string& what) {
  return meta("1", "probability that " + what, {h5::Attr::str("ci_lower", name + "_lower"), h5::Attr::str("ci_upper", name + "_upper")});
}

std::string iso_time_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string absolute_path_of(const std::string& path) {
  std::error_code ec;
  const auto abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

}  // namespace simrun
