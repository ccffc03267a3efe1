#include "sim/output/untrusted_h5.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/output/h5file.hpp"
#include "sim/scenario/input_error.hpp"

namespace simrun {
namespace {

/// Closes an HDF5 identifier with the matching H5*close when it goes out of scope.
class Id {
 public:
  Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Id() {
    if (id_ >= 0) close_(id_);
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

void quiet() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

/// A scalar attribute of the root group, opened with its type and dataspace; `bad(why)` makes
/// the error ("corrupted shard: attribute 'name' why") for whatever is wrong.
struct ScalarAttribute {
  Id attr, type, space;
  ScalarAttribute(hid_t root, const std::string& name)
      : attr(H5Aopen(root, name.c_str(), H5P_DEFAULT), H5Aclose),
        type(attr.ok() ? H5Aget_type(attr.get()) : -1, H5Tclose),
        space(attr.ok() ? H5Aget_space(attr.get()) : -1, H5Sclose) {}
  bool opened() const { return attr.ok(); }
  bool scalar_of(H5T_class_t cls) const {
    return type.ok() && space.ok() && H5Tget_class(type.get()) == cls && H5Sget_simple_extent_type(space.get()) == H5S_SCALAR;
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reader

struct UntrustedH5Reader::Impl {
  hid_t file = -1, root = -1;
  std::uint64_t file_size = 0;
  ~Impl() {
    if (root >= 0) H5Gclose(root);
    if (file >= 0) H5Fclose(file);
  }
};

UntrustedH5Reader::UntrustedH5Reader(const std::string& path) : impl_(std::make_unique<Impl>()), path_(path) {
  quiet();
  const auto bad = [&](const std::string& why) { return InputError(path, 0, "", why); };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw bad(errno == ENOENT ? std::string("no such shard file") : std::string("cannot open the shard file (") + std::strerror(errno) + ")");
  if (!S_ISREG(st.st_mode)) throw bad("is not a regular file, not a shard file");
  // HDF5 holds an exclusive lock (flock) on a file open for writing: say so instead of reporting
  // the failed open as corruption.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw bad(std::string("cannot open the shard file (") + std::strerror(errno) + ")");
  const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  if (locked) throw bad("the file is locked by another process that has it open for writing (a shard still being written?); wait for it to finish");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw bad("not an HDF5 file, or truncated or corrupted (re-run its shard with --force)");
  impl_->file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (impl_->file < 0) throw bad("cannot open it as HDF5: truncated or corrupted (re-run its shard with --force)");
  H5F_info2_t info{};
  hsize_t size = 0;
  if (H5Fget_info2(impl_->file, &info) < 0 || H5Fget_filesize(impl_->file, &size) < 0)
    throw bad("cannot read the HDF5 superblock: corrupted (re-run its shard with --force)");
  // Superblock versions 2 and 3 checksum the file's metadata; older ones do not.
  if (info.super.version < 2) throw bad("not a shard of this simrun (HDF5 superblock version " + std::to_string(info.super.version) + "; re-run its shard)");
  impl_->file_size = size;
  impl_->root = H5Gopen2(impl_->file, "/", H5P_DEFAULT);
  if (impl_->root < 0) throw bad("cannot open the root group: corrupted (re-run its shard with --force)");
}

UntrustedH5Reader::~UntrustedH5Reader() = default;

bool UntrustedH5Reader::has_attribute(const std::string& name) const { return H5Aexists(impl_->root, name.c_str()) > 0; }

bool UntrustedH5Reader::has_text(const std::string& name) const {
  if (!has_attribute(name)) return false;
  const Id a(H5Aopen(impl_->root, name.c_str(), H5P_DEFAULT), H5Aclose);
  const Id type(a.ok() ? H5Aget_type(a.get()) : -1, H5Tclose);
  return type.ok() && H5Tget_class(type.get()) == H5T_STRING && H5Tis_variable_str(type.get()) == 0;
}

std::string UntrustedH5Reader::text(const std::string& name) const {
  if (!has_attribute(name)) return "";
  const auto bad = [&](const std::string& why) { return InputError(path_, 0, "", "corrupted shard: attribute '" + name + "' " + why); };
  const ScalarAttribute a(impl_->root, name);
  if (!a.opened()) throw bad("cannot be opened");
  if (!a.scalar_of(H5T_STRING) || H5Tis_variable_str(a.type.get()) != 0) throw bad("is not a fixed-length text");
  const std::size_t size = H5Tget_size(a.type.get());
  if (size == 0 || size > kMaxAttributeChars) throw bad("has " + std::to_string(size) + " characters");
  const H5T_cset_t cset = H5Tget_cset(a.type.get());
  if (cset != H5T_CSET_ASCII && cset != H5T_CSET_UTF8) throw bad("has an unknown character set");
  const Id mem(H5Tcopy(H5T_C_S1), H5Tclose);
  std::string buf(size + 1, '\0');
  if (!mem.ok() || H5Tset_size(mem.get(), size + 1) < 0 || H5Tset_cset(mem.get(), cset) < 0 || H5Aread(a.attr.get(), mem.get(), &buf[0]) < 0)
    throw bad("cannot be read");
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

std::int64_t UntrustedH5Reader::integer(const std::string& name, std::int64_t missing) const {
  if (!has_attribute(name)) return missing;
  const auto bad = [&](const std::string& why) { return InputError(path_, 0, "", "corrupted shard: attribute '" + name + "' " + why); };
  const ScalarAttribute a(impl_->root, name);
  if (!a.opened()) throw bad("cannot be opened");
  if (!a.scalar_of(H5T_INTEGER) || H5Tget_size(a.type.get()) != 8) throw bad("is not a 64-bit integer");
  std::int64_t v = 0;
  if (H5Aread(a.attr.get(), H5T_NATIVE_INT64, &v) < 0) throw bad("cannot be read");
  return v;
}

namespace {

/// Reads the 1-D contiguous dataset `name` of `element` bytes per value into `out`.
template <class T>
void read_dataset(hid_t root, const std::string& path, std::uint64_t file_size, const std::string& name, std::size_t max_elements,
                  hid_t mem_type, std::vector<T>& out) {
  const auto bad = [&](const std::string& why) { return InputError(path, 0, "", "corrupted shard: dataset '" + name + "' " + why); };
  if (H5Lexists(root, name.c_str(), H5P_DEFAULT) <= 0) throw bad("is missing");
  const Id ds(H5Dopen2(root, name.c_str(), H5P_DEFAULT), H5Dclose);
  if (!ds.ok()) throw bad("cannot be opened");
  const Id type(H5Dget_type(ds.get()), H5Tclose), space(H5Dget_space(ds.get()), H5Sclose), dcpl(H5Dget_create_plist(ds.get()), H5Pclose);
  if (!type.ok() || !space.ok() || !dcpl.ok()) throw bad("cannot be read");
  if (H5Tget_class(type.get()) != H5T_INTEGER || H5Tget_size(type.get()) != sizeof(T)) throw bad("has the wrong type");
  if (H5Sget_simple_extent_ndims(space.get()) != 1) throw bad("is not 1-D");
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space.get(), &n, nullptr);
  if (H5Pget_layout(dcpl.get()) != H5D_CONTIGUOUS || H5Pget_nfilters(dcpl.get()) != 0) throw bad("is not stored contiguously");
  if (n > max_elements) throw bad("has " + std::to_string(n) + " elements; at most " + std::to_string(max_elements) + " expected");
  const std::uint64_t bytes = static_cast<std::uint64_t>(n) * sizeof(T);
  if (n > 0) {
    const haddr_t at = H5Dget_offset(ds.get());
    if (at == HADDR_UNDEF || bytes > file_size || at > file_size - bytes) throw bad("lies outside the file (truncated?)");
  }
  out.assign(static_cast<std::size_t>(n), T{});
  if (n > 0 && H5Dread(ds.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) throw bad("cannot be read");
}

}  // namespace

std::vector<std::int64_t> UntrustedH5Reader::integers(const std::string& name, std::size_t max_elements) const {
  std::vector<std::int64_t> v;
  read_dataset(impl_->root, path_, impl_->file_size, name, max_elements, H5T_NATIVE_INT64, v);
  return v;
}

std::vector<std::uint8_t> UntrustedH5Reader::bytes(const std::string& name, std::size_t max_elements) const {
  std::vector<std::uint8_t> v;
  read_dataset(impl_->root, path_, impl_->file_size, name, max_elements, H5T_NATIVE_UINT8, v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Writer

struct UntrustedH5Writer::Impl {
  OutputTarget target;
  std::string temp;
  hid_t file = -1, root = -1;
  bool committed = false;

  explicit Impl(const OutputTarget& t) : target(t) {}
  [[noreturn]] void fail(const std::string& what) {
    throw h5::OutputError("cannot write " + what + " in '" + temp + "' (is the disk full or a file-size limit reached?)");
  }
  /// Closes the file; false if HDF5 could not (then it must never be closed again: HDF5 1.10
  /// crashes closing such a file a second time, at exit too; see h5::handles_leaked()).
  bool close() {
    if (root >= 0) H5Gclose(root);
    root = -1;
    const hid_t f = file;
    file = -1;
    if (f >= 0 && H5Fclose(f) < 0) {
      h5::note_handles_leaked();
      return false;
    }
    return true;
  }
};

UntrustedH5Writer::UntrustedH5Writer(const OutputTarget& target) : impl_(std::make_unique<Impl>(target)) {
  quiet();
  Impl& w = *impl_;
  w.temp = reserve_temp(target.path);
  const Id fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (!fapl.ok() || H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V110, H5F_LIBVER_V110) < 0 ||
      H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG) < 0) {
    unregister_temp(w.temp);
    throw h5::OutputError("cannot set up the HDF5 file access for '" + w.temp + "'");
  }
  w.file = H5Fcreate(w.temp.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.get());  // O_EXCL: never follows a link
  if (w.file < 0) {
    unregister_temp(w.temp);
    throw h5::OutputError("cannot create '" + w.temp + "' (is its folder writable?)");
  }
  w.root = H5Gopen2(w.file, "/", H5P_DEFAULT);
  if (w.root < 0) w.fail("the root group");
}

UntrustedH5Writer::~UntrustedH5Writer() {
  if (impl_->committed) return;
  impl_->close();
  discard_temp(impl_->temp);
}

void UntrustedH5Writer::text(const std::string& name, const std::string& value) {
  const std::string v = value.substr(0, kMaxAttributeChars);
  const Id type(H5Tcopy(H5T_C_S1), H5Tclose), space(H5Screate(H5S_SCALAR), H5Sclose);
  if (!type.ok() || H5Tset_size(type.get(), v.empty() ? 1 : v.size()) < 0 || H5Tset_strpad(type.get(), H5T_STR_NULLPAD) < 0 ||
      H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0)
    impl_->fail("the type of attribute '" + name + "'");
  const Id a(H5Acreate2(impl_->root, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const std::string padded = v.empty() ? std::string(1, '\0') : v;
  if (!a.ok() || H5Awrite(a.get(), type.get(), padded.data()) < 0) impl_->fail("attribute '" + name + "'");
}

void UntrustedH5Writer::integer(const std::string& name, std::int64_t value) {
  const Id space(H5Screate(H5S_SCALAR), H5Sclose);
  const Id a(H5Acreate2(impl_->root, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!a.ok() || H5Awrite(a.get(), H5T_NATIVE_INT64, &value) < 0) impl_->fail("attribute '" + name + "'");
}

void UntrustedH5Writer::integer_pair(const std::string& name, std::int64_t first, std::int64_t second) {
  const std::int64_t values[2] = {first, second};
  const hsize_t n = 2;
  const Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  const Id a(H5Acreate2(impl_->root, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!a.ok() || H5Awrite(a.get(), H5T_NATIVE_INT64, values) < 0) impl_->fail("attribute '" + name + "'");
}

namespace {
template <class T>
bool write_dataset(hid_t root, const std::string& name, hid_t file_type, hid_t mem_type, const std::vector<T>& v) {
  const hsize_t n = v.size();
  const Id space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  const Id ds(H5Dcreate2(root, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
  return ds.ok() && (n == 0 || H5Dwrite(ds.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0);
}
}  // namespace

void UntrustedH5Writer::integers(const std::string& name, const std::vector<std::int64_t>& values) {
  if (!write_dataset(impl_->root, name, H5T_STD_I64LE, H5T_NATIVE_INT64, values)) impl_->fail("dataset '" + name + "'");
}

void UntrustedH5Writer::bytes(const std::string& name, const std::vector<std::uint8_t>& values) {
  if (!write_dataset(impl_->root, name, H5T_STD_U8LE, H5T_NATIVE_UINT8, values)) impl_->fail("dataset '" + name + "'");
}

void UntrustedH5Writer::commit() {
  Impl& w = *impl_;
  if (H5Fflush(w.file, H5F_SCOPE_GLOBAL) < 0 || !w.close()) {
    discard_temp(w.temp);
    w.committed = true;  // nothing left to do in the destructor
    throw h5::OutputError("cannot write '" + w.temp + "' (is the disk full or a file-size limit reached?)");
  }
  w.committed = true;
  publish_temp(w.temp, w.target);
}

}  // namespace simrun
