#include "sim/output/file_kinds.hpp"

namespace simrun {

std::vector<h5::Attr> file_kind_attrs(const FileKind& k) {
  return {h5::Attr::str("filetype", k.filetype), h5::Attr::i64s("format_version", {k.major, k.minor})};
}

}  // namespace simrun
