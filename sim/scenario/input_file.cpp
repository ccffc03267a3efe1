#include "sim/scenario/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sim/scenario/input_error.hpp"

namespace simrun {
namespace {

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

std::string read_input_file(const std::string& path, const std::string& what, std::size_t limit) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    const int err = errno;
    throw InputError(path, 0, "", "cannot open the " + what + " (" + std::strerror(err) + ")");
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw InputError(path, 0, "", "cannot read the " + what + " (" + std::strerror(errno) + ")");
  if (!S_ISREG(st.st_mode)) throw InputError(path, 0, "", "is " + kind_of(st.st_mode) + ", not a " + what + " (a regular file is expected)");
  const auto too_big = [&](std::size_t bytes) {
    return InputError(path, 0, "", "the " + what + " is " + std::to_string(bytes) + " bytes; at most " + std::to_string(limit) +
                                       " are accepted (docs/robustness.md)");
  };
  if (static_cast<std::size_t>(st.st_size) > limit) throw too_big(static_cast<std::size_t>(st.st_size));
  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t got = 0;
  for (;;) {
    if (got == text.size()) {
      if (text.size() > limit) throw too_big(text.size());
      text.resize(std::min(limit + 1, text.size() * 2 + 4096));
    }
    const ssize_t n = ::read(fd.get(), &text[got], text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError(path, 0, "", "cannot read the " + what + " (" + std::strerror(errno) + ")");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > limit) throw too_big(got);
  text.resize(got);
  return text;
}

}  // namespace simrun
