#include "sim/output/temp_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sim/output/h5file.hpp"

namespace simrun {

std::string temp_path_for(const std::string& final_path) {
  return final_path + ".partial-" + std::to_string(::getpid());
}

void move_into_place(const std::string& temp_path, const std::string& final_path) {
  if (std::rename(temp_path.c_str(), final_path.c_str()) == 0) return;
  const int err = errno;
  remove_temp(temp_path);
  throw h5::OutputError("cannot rename '" + temp_path + "' to '" + final_path + "': " + std::strerror(err));
}

void remove_temp(const std::string& temp_path) { std::remove(temp_path.c_str()); }

}  // namespace simrun
