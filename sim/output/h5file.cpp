// Implementation of sim/output/h5file.hpp over the HDF5 C++ API plus the HL dimension-scale
// calls (H5DS*), which have no C++ wrapper.
#include "sim/output/h5file.hpp"


#include <H5Cpp.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace simrun::h5 {

namespace {

// ---------------------------------------------------------------------------------------------
// Errors
//
// HDF5's default handler prints the whole error stack to stderr on every failure. We silence it,
// but rather than installing no handler (H5::Exception::dontPrint()) we install one that prints
// nothing and keeps the innermost message of the stack: that is the only place where HDF5 says
// *why* (e.g. "errno = 2, error message = 'No such file or directory'"), whereas the C++
// exception only says which call failed. The stack cannot be read later in a catch block: any
// HDF5 call made meanwhile (e.g. by destructors of temporaries during unwinding) clears it.
// The library is built thread-safe, so the handler is per thread: install it on every entry.

thread_local std::string t_innermost_error;

herr_t keep_innermost(unsigned n, const H5E_error2_t* err, void* /*client*/) {
  if (n == 0 && err != nullptr && err->desc != nullptr) {
    t_innermost_error = err->desc;
    // HDF5 embeds ctime()'s newline in some messages; error messages here are one line.
    for (char& c : t_innermost_error)
      if (c == '\n' || c == '\r') c = ' ';
  }
  return 0;
}

herr_t capture_error_stack(hid_t stack, void* /*client*/) {
  t_innermost_error.clear();
  // UPWARD starts at the function that detected the error, so n == 0 is the innermost.
  H5Ewalk2(stack, H5E_WALK_UPWARD, keep_innermost, nullptr);
  return 0;
}

/// Installs the silent handler and forgets earlier errors. Call at the start of every
/// public operation (and in destructors, which may touch ids already closed with the file).
void quiet_hdf5_errors() {
  H5Eset_auto2(H5E_DEFAULT, capture_error_stack, nullptr);
  t_innermost_error.clear();
}

std::string hdf5_detail() {
  return t_innermost_error.empty() ? std::string() : " (" + t_innermost_error + ")";
}

[[noreturn]] void fail(const std::string& what, const H5::Exception& e) {
  throw OutputError(what + ": " + e.getFuncName() + ": " + e.getDetailMsg() + hdf5_detail());
}

/// For the HL and C calls, which report failure by a negative return instead of throwing.
void check(herr_t rc, const std::string& what) {
  if (rc < 0) throw OutputError(what + hdf5_detail());
}

/// Runs `body`, turning any H5::Exception into an OutputError that starts with `what`
/// (which names the file and the object). OutputErrors thrown by `body` pass unchanged.
template <class Body>
auto guarded(const std::string& what, Body&& body) -> decltype(body()) {
  quiet_hdf5_errors();
  try {
    return body();
  } catch (const H5::Exception& e) {
    fail(what, e);
  }
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string child_path(const std::string& group_path, const std::string& name) {
  return group_path == "/" ? "/" + name : group_path + "/" + name;
}

// ---------------------------------------------------------------------------------------------
// Types and layout

struct TypeInfo {
  const H5::PredType& memory;
  const H5::PredType& file;  // explicit little-endian standard types: the file is portable
  std::size_t size;
};

TypeInfo type_info(Type t) {
  switch (t) {
    case Type::Float64:
      return {H5::PredType::NATIVE_DOUBLE, H5::PredType::IEEE_F64LE, 8};
    case Type::Float32:
      return {H5::PredType::NATIVE_FLOAT, H5::PredType::IEEE_F32LE, 4};
    case Type::Int64:
      return {H5::PredType::NATIVE_INT64, H5::PredType::STD_I64LE, 8};
    case Type::Int32:
      return {H5::PredType::NATIVE_INT32, H5::PredType::STD_I32LE, 4};
    case Type::Int16:
      return {H5::PredType::NATIVE_INT16, H5::PredType::STD_I16LE, 2};
    case Type::UInt8:
      return {H5::PredType::NATIVE_UINT8, H5::PredType::STD_U8LE, 1};
  }
  throw OutputError("simrun::h5: unknown element type");
}

/// Variable-length UTF-8: h5py and xarray return these as str (fixed-length ones come back as
/// bytes, and then `.sel(actor="RUS")` fails).
H5::StrType utf8_string_type() {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

std::vector<const char*> c_strings(const std::vector<std::string>& values) {
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& v : values) ptrs.push_back(v.c_str());
  return ptrs;
}

std::uint64_t element_count(const std::vector<hsize_t>& extents) {
  std::uint64_t n = 1;
  for (hsize_t e : extents) n *= e;
  return n;
}

H5::DataSpace simple_space(const std::vector<hsize_t>& extents) {
  if (extents.empty()) return H5::DataSpace(H5S_SCALAR);
  return H5::DataSpace(static_cast<int>(extents.size()), extents.data());
}

// Up to this many elements a dataset is stored contiguously: chunk index and filter headers
// would cost more than compression saves. This also covers datasets with a zero-length axis
// (zero elements), which HDF5 accepts as contiguous datasets of size 0.
constexpr std::uint64_t kMaxContiguousElements = 64;
// HDF5 reads and inflates whole chunks: 1 MiB keeps a small slice cheap to read while still
// compressing well; chunks come out between half of this and this, unless the data is smaller.
constexpr std::uint64_t kMaxChunkBytes = 1u << 20;

/// Chunk shape: the whole array, with the first axis capped at `first_axis_cap`, then halved
/// outermost axis first until it fits kMaxChunkBytes (so a chunk stays a run of whole rows for
/// as long as possible). Every extent is within [1, axis extent].
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& extents, std::size_t element_size,
                                 std::uint64_t first_axis_cap) {
  std::vector<hsize_t> chunk(extents.size());
  for (std::size_t a = 0; a < extents.size(); ++a) chunk[a] = std::max<hsize_t>(1, extents[a]);
  chunk[0] = std::min<hsize_t>(chunk[0], std::max<std::uint64_t>(1, first_axis_cap));
  const auto bytes = [&] { return element_count(chunk) * element_size; };
  for (std::size_t a = 0; a < chunk.size() && bytes() > kMaxChunkBytes; ++a) {
    while (chunk[a] > 1 && bytes() > kMaxChunkBytes) chunk[a] = (chunk[a] + 1) / 2;
  }
  return chunk;
}

H5::DSetCreatPropList numeric_layout(const std::vector<hsize_t>& extents, std::size_t element_size,
                                     std::uint64_t first_axis_cap) {
  H5::DSetCreatPropList plist;
  if (extents.empty() || element_count(extents) <= kMaxContiguousElements) return plist;
  const auto chunk = chunk_shape(extents, element_size, first_axis_cap);
  plist.setChunk(static_cast<int>(chunk.size()), chunk.data());
  plist.setShuffle();  // before deflate: filters run in the order they are added
  plist.setDeflate(1);
  return plist;
}

/// Transfer properties for writing `n` variable-length strings. HDF5 converts them through a
/// type-conversion and a background buffer of 1 MiB each by default, calloc'ed on every write:
/// the page faults made string writes most of simrun's serial start-up (about 40 ms per run).
/// Buffers sized to the data do the same conversion.
H5::DSetMemXferPropList string_transfer(std::size_t n) {
  H5::DSetMemXferPropList xfer;
  xfer.setBuffer(std::max<std::size_t>(4096, 32 * n), nullptr, nullptr);
  return xfer;
}

// ---------------------------------------------------------------------------------------------
// Attributes

void write_attr(const H5::H5Object& obj, const Attr& a) {
  if (obj.attrExists(a.name)) obj.removeAttr(a.name);  // set_attrs overwrites
  const H5::DataSpace scalar(H5S_SCALAR);
  switch (a.kind) {
    case Attr::Kind::String: {
      const H5::StrType t = utf8_string_type();
      const char* p = a.s.c_str();
      obj.createAttribute(a.name, t, scalar).write(t, &p);
      return;
    }
    case Attr::Kind::Float64:
      obj.createAttribute(a.name, H5::PredType::IEEE_F64LE, scalar)
          .write(H5::PredType::NATIVE_DOUBLE, &a.d);
      return;
    case Attr::Kind::Int64:
      obj.createAttribute(a.name, H5::PredType::STD_I64LE, scalar)
          .write(H5::PredType::NATIVE_INT64, &a.i);
      return;
    // H5Awrite rejects a null buffer even for zero elements, and an empty vector's data()
    // may be null: an empty attribute is created and left unwritten.
    case Attr::Kind::Float64Vec: {
      const H5::Attribute attr =
          obj.createAttribute(a.name, H5::PredType::IEEE_F64LE, simple_space({a.dv.size()}));
      if (!a.dv.empty()) attr.write(H5::PredType::NATIVE_DOUBLE, a.dv.data());
      return;
    }
    case Attr::Kind::Int64Vec: {
      const H5::Attribute attr =
          obj.createAttribute(a.name, H5::PredType::STD_I64LE, simple_space({a.iv.size()}));
      if (!a.iv.empty()) attr.write(H5::PredType::NATIVE_INT64, a.iv.data());
      return;
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Attr factories

Attr Attr::str(std::string n, std::string v) {
  Attr a{std::move(n), Kind::String, {}, 0, 0, {}, {}};
  a.s = std::move(v);
  return a;
}
Attr Attr::f64(std::string n, double v) {
  Attr a{std::move(n), Kind::Float64, {}, 0, 0, {}, {}};
  a.d = v;
  return a;
}
Attr Attr::i64(std::string n, std::int64_t v) {
  Attr a{std::move(n), Kind::Int64, {}, 0, 0, {}, {}};
  a.i = v;
  return a;
}
Attr Attr::f64s(std::string n, std::vector<double> v) {
  Attr a{std::move(n), Kind::Float64Vec, {}, 0, 0, {}, {}};
  a.dv = std::move(v);
  return a;
}
Attr Attr::i64s(std::string n, std::vector<std::int64_t> v) {
  Attr a{std::move(n), Kind::Int64Vec, {}, 0, 0, {}, {}};
  a.iv = std::move(v);
  return a;
}

// ---------------------------------------------------------------------------------------------
// Shared state
//
// The file is opened with H5F_CLOSE_STRONG, so commit()/abandon() close every object still open
// in it, even if Group or Dataset handles outlive that moment. Their H5::Group/H5::DataSet ids
// are then invalid; the C++ wrappers check validity before closing, so destroying them later is
// harmless. `open` lets them report a clear error if they are used after the file was closed.

namespace {

bool& leaked_flag() {
  static bool leaked = false;
  return leaked;
}

struct FileState {
  std::string temp_path;
  H5::H5File file;
  bool open = true;
  bool temp_exists = true;

  /// `object` names the object and the file, as the describe() helpers do.
  void require_open(const std::string& object) const {
    if (!open)
      throw OutputError("cannot use " + object + ": the file was already committed or abandoned");
  }
};

void write_attrs(const H5::H5Object& obj, const std::string& describe_obj,
                 const std::vector<Attr>& attrs) {
  for (const auto& a : attrs) {
    guarded("cannot write attribute " + quoted(a.name) + " of " + describe_obj,
            [&] { write_attr(obj, a); });
  }
}

}  // namespace

struct Dataset::Impl {
  std::shared_ptr<FileState> file;
  std::string path;  // in the file, for messages
  H5::DataSet dataset;
  Type type = Type::Float64;
  std::vector<hsize_t> extents;

  ~Impl() { quiet_hdf5_errors(); }  // runs before the member destructors
  std::string describe() const {
    return "dataset " + quoted(path) + " in " + quoted(file->temp_path);
  }
};

struct Group::Impl {
  std::shared_ptr<FileState> file;
  std::string path;
  H5::Group group;

  ~Impl() { quiet_hdf5_errors(); }

  static const Impl& of(const std::unique_ptr<Impl>& impl) {
    if (!impl) throw OutputError("use of a moved-from simrun::h5::Group");
    return *impl;
  }

  std::string describe(const std::string& kind, const std::string& name) const {
    return kind + " " + quoted(child_path(path, name)) + " in " + quoted(file->temp_path);
  }
  std::string describe_self() const {
    return "group " + quoted(path) + " in " + quoted(file->temp_path);
  }

  bool has_link(const std::string& name) const {
    const htri_t exists = H5Lexists(group.getId(), name.c_str(), H5P_DEFAULT);
    check(exists, "cannot look up " + describe("object", name));
    return exists > 0;
  }

  /// Opens the dimension-scale dataset `name` of this group, or throws "unknown dimension".
  H5::DataSet open_scale(const std::string& name) const {
    if (!name.empty() && name.find('/') == std::string::npos && has_link(name) &&
        group.childObjType(name) == H5O_TYPE_DATASET) {
      H5::DataSet scale = group.openDataSet(name);
      if (H5DSis_scale(scale.getId()) > 0) return scale;
    }
    throw OutputError("unknown dimension " + quoted(name) + " in " + describe_self());
  }

  static std::uint64_t length(const H5::DataSet& scale) {
    hsize_t n = 0;
    scale.getSpace().getSimpleExtentDims(&n);
    return n;
  }

  std::vector<hsize_t> extents_of(const std::vector<std::string>& dims) const {
    std::vector<hsize_t> extents;
    for (const auto& d : dims) extents.push_back(length(open_scale(d)));
    return extents;
  }

  std::uint64_t element_count_of(const std::vector<std::string>& dims) const {
    file->require_open(describe_self());
    return guarded("cannot read the dimensions of " + describe_self(),
                   [&] { return element_count(extents_of(dims)); });
  }

  void attach_scales(const H5::DataSet& ds, const std::string& name,
                     const std::vector<std::string>& dims) const {
    for (std::size_t a = 0; a < dims.size(); ++a) {
      const H5::DataSet scale = open_scale(dims[a]);
      check(H5DSattach_scale(ds.getId(), scale.getId(), static_cast<unsigned>(a)),
            "cannot attach dimension " + quoted(dims[a]) + " to " + describe("dataset", name));
    }
  }

  void make_scale(const H5::DataSet& ds, const std::string& name) const {
    check(H5DSset_scale(ds.getId(), name.c_str()),
          "cannot make " + describe("dataset", name) + " a dimension scale");
  }

  /// A 1-D variable-length UTF-8 string dataset. Stored contiguously and unfiltered: only the
  /// heap references would be compressed, and netCDF-C refuses filters on variable-length types.
  H5::DataSet create_strings(const std::string& name,
                             const std::vector<std::string>& values) const {
    const H5::StrType t = utf8_string_type();
    H5::DataSet ds = group.createDataSet(name, t, simple_space({values.size()}));
    if (!values.empty()) ds.write(c_strings(values).data(), t, H5::DataSpace::ALL, H5::DataSpace::ALL,
                                  string_transfer(values.size()));
    return ds;
  }

  /// A numeric dataset over `extents`, written whole if `data` is given.
  H5::DataSet create_numeric(const std::string& name, Type type,
                             const std::vector<hsize_t>& extents, std::uint64_t rows_per_chunk,
                             const void* data) const {
    const TypeInfo ti = type_info(type);
    // No raw-data chunk cache: datasets are written once, in whole chunks (streamed tables are
    // written wave by wave), so a cache would only hold memory that grows with the file.
    H5::DSetAccPropList access;
    access.setChunkCache(0, 0, 1.0);
    H5::DataSet ds = group.createDataSet(name, ti.file, simple_space(extents),
                                         numeric_layout(extents, ti.size, rows_per_chunk), access);
    if (data != nullptr && element_count(extents) > 0) ds.write(data, ti.memory);
    return ds;
  }

  void numeric_dimension(const std::string& name, Type type, const void* data, std::uint64_t n,
                         const std::vector<Attr>& attrs) const {
    const std::string what = describe("dimension", name);
    file->require_open(what);
    guarded("cannot create " + what, [&] {
      const H5::DataSet ds = create_numeric(name, type, {n}, n, data);
      make_scale(ds, name);
      write_attrs(ds, what, attrs);
    });
  }
};

// ---------------------------------------------------------------------------------------------
// Dataset

Dataset::Dataset(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Dataset::Dataset(Dataset&&) noexcept = default;
Dataset& Dataset::operator=(Dataset&&) noexcept = default;
Dataset::~Dataset() = default;

void Dataset::write_rows(std::uint64_t first_row, std::uint64_t count, const void* data) {
  if (!impl_) throw OutputError("write_rows on a moved-from simrun::h5::Dataset");
  const Impl& d = *impl_;
  d.file->require_open(d.describe());
  const std::uint64_t rows = d.extents[0];
  if (first_row > rows || count > rows - first_row) {
    throw OutputError("cannot write rows [" + std::to_string(first_row) + ", " +
                      std::to_string(first_row + count) + ") of " + d.describe() + ": it has " +
                      std::to_string(rows) + " rows");
  }
  if (count == 0 || element_count(d.extents) == 0) return;
  if (data == nullptr) throw OutputError("null data for " + d.describe());
  guarded("cannot write rows of " + d.describe(), [&] {
    std::vector<hsize_t> start(d.extents.size(), 0);
    std::vector<hsize_t> slab = d.extents;
    start[0] = first_row;
    slab[0] = count;
    const H5::DataSpace file_space = d.dataset.getSpace();
    file_space.selectHyperslab(H5S_SELECT_SET, slab.data(), start.data());
    d.dataset.write(data, type_info(d.type).memory, simple_space(slab), file_space);
  });
}

void Dataset::set_attrs(const std::vector<Attr>& attrs) {
  if (!impl_) throw OutputError("set_attrs on a moved-from simrun::h5::Dataset");
  impl_->file->require_open(impl_->describe());
  write_attrs(impl_->dataset, impl_->describe(), attrs);
}

// ---------------------------------------------------------------------------------------------
// Group

Group::Group(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Group::Group(Group&&) noexcept = default;
Group& Group::operator=(Group&&) noexcept = default;
Group::~Group() = default;

namespace {

void require_size(std::uint64_t expected, std::size_t actual, const std::string& what) {
  if (expected != actual) {
    throw OutputError("cannot write " + what + ": its dimensions hold " + std::to_string(expected) +
                      " elements but " + std::to_string(actual) + " were given");
  }
}

}  // namespace

Group Group::group(const std::string& name) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("group", name);
  g.file->require_open(what);
  auto child = std::make_unique<Impl>();
  child->file = g.file;
  child->path = child_path(g.path, name);
  child->group = guarded("cannot create or open " + what, [&] {
    return g.has_link(name) ? g.group.openGroup(name) : g.group.createGroup(name);
  });
  return Group(std::move(child));
}

void Group::set_attrs(const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  g.file->require_open(g.describe_self());
  write_attrs(g.group, g.describe_self(), attrs);
}

void Group::dimension(const std::string& name, const std::vector<double>& coords,
                      const std::vector<Attr>& attrs) {
  Impl::of(impl_).numeric_dimension(name, Type::Float64, coords.data(), coords.size(), attrs);
}

void Group::dimension(const std::string& name, const std::vector<std::int64_t>& coords,
                      const std::vector<Attr>& attrs) {
  Impl::of(impl_).numeric_dimension(name, Type::Int64, coords.data(), coords.size(), attrs);
}

void Group::dimension_index(const std::string& name, std::uint64_t n, const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dimension", name);
  g.file->require_open(what);
  constexpr std::uint64_t kBlock = 1u << 16;
  guarded("cannot create " + what, [&] {
    const H5::DataSet ds = g.create_numeric(name, Type::Int64, {n}, kBlock, nullptr);
    std::vector<std::int64_t> block;
    for (std::uint64_t first = 0; first < n; first += kBlock) {
      const std::uint64_t count = std::min(kBlock, n - first);
      block.resize(count);
      for (std::uint64_t k = 0; k < count; ++k) block[k] = static_cast<std::int64_t>(first + k);
      const hsize_t start = first, slab = count;
      const H5::DataSpace file_space = ds.getSpace();
      file_space.selectHyperslab(H5S_SELECT_SET, &slab, &start);
      ds.write(block.data(), H5::PredType::NATIVE_INT64, H5::DataSpace(1, &slab), file_space);
    }
    g.make_scale(ds, name);
    write_attrs(ds, what, attrs);
  });
}

void Group::dimension(const std::string& name, const std::vector<std::string>& labels,
                      const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dimension", name);
  g.file->require_open(what);
  guarded("cannot create " + what, [&] {
    const H5::DataSet ds = g.create_strings(name, labels);
    g.make_scale(ds, name);
    write_attrs(ds, what, attrs);
  });
}

void Group::write(const std::string& name, const std::vector<std::string>& dims, Type type,
                  const void* data, const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dataset", name);
  g.file->require_open(what);
  guarded("cannot write " + what, [&] {
    const std::vector<hsize_t> extents = g.extents_of(dims);
    if (element_count(extents) > 0 && data == nullptr) throw OutputError("null data for " + what);
    // A whole array is chunked only by size: no row cap.
    const std::uint64_t rows = extents.empty() ? 1 : extents[0];
    const H5::DataSet ds = g.create_numeric(name, type, extents, rows, data);
    g.attach_scales(ds, name, dims);
    write_attrs(ds, what, attrs);
  });
}

void Group::write(const std::string& name, const std::vector<std::string>& dims,
                  const std::vector<double>& data, const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  require_size(g.element_count_of(dims), data.size(), g.describe("dataset", name));
  write(name, dims, Type::Float64, data.data(), attrs);
}

void Group::write(const std::string& name, const std::vector<std::string>& dims,
                  const std::vector<std::int64_t>& data, const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  require_size(g.element_count_of(dims), data.size(), g.describe("dataset", name));
  write(name, dims, Type::Int64, data.data(), attrs);
}

void Group::write_strings(const std::string& name, const std::string& dim,
                          const std::vector<std::string>& values, const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dataset", name);
  g.file->require_open(what);
  guarded("cannot write " + what, [&] {
    require_size(Impl::length(g.open_scale(dim)), values.size(), what);
    const H5::DataSet ds = g.create_strings(name, values);
    g.attach_scales(ds, name, {dim});
    write_attrs(ds, what, attrs);
  });
}

void Group::write_array(const std::string& name, Type type, std::uint64_t n, const void* data,
                        const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dataset", name);
  g.file->require_open(what);
  if (n > 0 && data == nullptr) throw OutputError("null data for " + what);
  guarded("cannot write " + what, [&] {
    const H5::DataSet ds = g.create_numeric(name, type, {n}, n, data);
    write_attrs(ds, what, attrs);
  });
}

void Group::write_text(const std::string& name, const std::string& text,
                       const std::vector<Attr>& attrs) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dataset", name);
  g.file->require_open(what);
  guarded("cannot write " + what, [&] {
    const H5::StrType t = utf8_string_type();
    const H5::DataSet ds = g.group.createDataSet(name, t, H5::DataSpace(H5S_SCALAR));
    const char* p = text.c_str();
    ds.write(&p, t, H5::DataSpace::ALL, H5::DataSpace::ALL, string_transfer(1));
    write_attrs(ds, what, attrs);
  });
}

Dataset Group::create(const std::string& name, const std::vector<std::string>& dims, Type type,
                      const std::vector<Attr>& attrs, std::uint64_t rows_per_chunk) {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dataset", name);
  g.file->require_open(what);
  if (dims.empty()) throw OutputError("cannot create " + what + ": it needs a row dimension");
  auto d = std::make_unique<Dataset::Impl>();
  d->file = g.file;
  d->path = child_path(g.path, name);
  d->type = type;
  guarded("cannot create " + what, [&] {
    d->extents = g.extents_of(dims);
    d->dataset = g.create_numeric(name, type, d->extents, rows_per_chunk, nullptr);
    g.attach_scales(d->dataset, name, dims);
    write_attrs(d->dataset, what, attrs);
  });
  return Dataset(std::move(d));
}

std::uint64_t Group::dimension_size(const std::string& name) const {
  const Impl& g = Impl::of(impl_);
  const std::string what = g.describe("dimension", name);
  g.file->require_open(what);
  return guarded("cannot read " + what, [&] { return Impl::length(g.open_scale(name)); });
}

// ---------------------------------------------------------------------------------------------
// File

struct File::Impl {
  std::shared_ptr<FileState> state;
  ~Impl() { quiet_hdf5_errors(); }
};

File::File(const OutputTarget& target)
    : impl_(std::make_unique<Impl>()),
      target_(target),
      final_path_(target.path),
      temp_path_(target.path.empty() ? std::string() : reserve_temp(target.path)) {
  if (final_path_.empty()) throw OutputError("simrun::h5::File: empty output path");
  // A failed creation leaves nothing: the name is forgotten and whatever HDF5 made of it removed
  // (EXCL: if the name was taken, the file there is not ours and is left alone).
  struct ForgetOnFailure {
    const std::string& temp;
    bool created = false, done = false;
    ~ForgetOnFailure() {
      if (done) return;
      if (created) discard_temp(temp);
      else unregister_temp(temp);
    }
  } forget{temp_path_};
  impl_->state = guarded("cannot create HDF5 file " + quoted(temp_path_), [&] {
    // STRONG: closing the file also closes groups and datasets whose handles are still alive.
    H5::FileAccPropList access;
    access.setFcloseDegree(H5F_CLOSE_STRONG);
    // The HDF5 1.10 file format: datasets of fixed size get a fixed-array chunk index instead of
    // a version-1 B-tree, whose nodes HDF5 keeps in memory as the run tables grow (peak memory
    // +13% from 10^4 to 10^6 runs with it, +0.6% without). Readers need HDF5 >= 1.10 (2016):
    // h5py, netCDF-C and xarray on any current system.
    check(H5Pset_libver_bounds(access.getId(), H5F_LIBVER_V110, H5F_LIBVER_V110),
          "cannot select the HDF5 1.10 file format");
    // EXCL: created with O_CREAT|O_EXCL, so a file or symbolic link planted under the temporary
    // name makes this fail instead of being followed (safe_file.hpp).
    const H5::H5File f(temp_path_, H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT, access);
    forget.created = true;
    return std::make_shared<FileState>(FileState{temp_path_, f, true, true});
  });
  forget.done = true;
}

File::~File() {
  if (!committed_) abandon();
}

Group File::root() {
  FileState& s = *impl_->state;
  s.require_open("the root group of " + quoted(temp_path_));
  auto g = std::make_unique<Group::Impl>();
  g->file = impl_->state;
  g->path = "/";
  g->group = guarded("cannot open the root group of " + quoted(temp_path_),
                     [&] { return s.file.openGroup("/"); });
  return Group(std::move(g));
}

void File::commit() {
  if (committed_) return;
  FileState& s = *impl_->state;
  if (!s.open) throw OutputError("cannot commit " + quoted(final_path_) + ": it was abandoned");
  try {
    guarded("cannot write HDF5 file " + quoted(temp_path_), [&] {
      s.file.flush(H5F_SCOPE_GLOBAL);
      s.file.close();
    });
  } catch (const OutputError&) {
    abandon();
    throw;
  }
  s.open = false;
  s.temp_exists = false;  // publish_temp removes it if it cannot be moved into place
  publish_temp(temp_path_, target_);
  committed_ = true;
}

void File::abandon() {
  if (committed_ || !impl_ || !impl_->state) return;
  FileState& s = *impl_->state;
  // Remove the name first: whatever happens to the handle, nothing that looks whole is left.
  if (s.temp_exists) {
    s.temp_exists = false;
    discard_temp(temp_path_);
  }
  try {
    quiet_hdf5_errors();
    if (s.open) {
      s.open = false;
      s.file.close();
    }
  } catch (...) {
    // The close failed (e.g. the disk is full). HDF5 1.10 crashes if such a file is closed a
    // second time, which ~H5File would do: keep the handle alive instead (the process is
    // about to report the error and exit).
    new std::shared_ptr<FileState>(impl_->state);
    leaked_flag() = true;
  }
}

bool handles_leaked() { return leaked_flag(); }
void note_handles_leaked() { leaked_flag() = true; }

}  // namespace simrun::h5
