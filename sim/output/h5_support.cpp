// The HDF5 wrapper's internals (h5_support.hpp): errors, element types and layout, attributes.
#include "sim/output/h5_support.hpp"

#include <hdf5.h>

#include <algorithm>
#include <iterator>

namespace simrun::h5::detail {

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

namespace {

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

}  // namespace

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

// ---------------------------------------------------------------------------------------------
// Types and layout

TypeInfo type_info(Type t) {
  // In the order of enum class Type (h5file.hpp).
  static const TypeInfo kTypes[] = {
      {H5::PredType::NATIVE_DOUBLE, H5::PredType::IEEE_F64LE, 8}, {H5::PredType::NATIVE_FLOAT, H5::PredType::IEEE_F32LE, 4},
      {H5::PredType::NATIVE_INT64, H5::PredType::STD_I64LE, 8},   {H5::PredType::NATIVE_INT32, H5::PredType::STD_I32LE, 4},
      {H5::PredType::NATIVE_INT16, H5::PredType::STD_I16LE, 2},   {H5::PredType::NATIVE_UINT8, H5::PredType::STD_U8LE, 1}};
  const auto k = static_cast<std::size_t>(t);
  if (k >= std::size(kTypes)) throw OutputError("simrun::h5: unknown element type");
  return kTypes[k];
}

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

namespace {

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

}  // namespace

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

void write_attrs(const H5::H5Object& obj, const std::string& describe_obj,
                 const std::vector<Attr>& attrs) {
  for (const auto& a : attrs) {
    guarded("cannot write attribute " + quoted(a.name) + " of " + describe_obj,
            [&] { write_attr(obj, a); });
  }
}

}  // namespace simrun::h5::detail
