// Internals of the HDF5 wrapper (sim/output/h5file.hpp), shared by its implementation files
// and by no one else: the error policy (every HDF5 failure becomes one OutputError naming the file
// and object, with HDF5's innermost reason), the element types and storage layout, and
// attributes. Not part of the output layer's interface.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/h5file.hpp"

namespace simrun::h5::detail {

// ---------------------------------------------------------------------------------------------
// Errors (h5_support.cpp explains the handler)

/// Installs the silent handler and forgets earlier errors. Call at the start of every
/// public operation (and in destructors, which may touch ids already closed with the file).
void quiet_hdf5_errors();
/// " (HDF5's innermost message)" of the last failure on this thread, or "".
std::string hdf5_detail();
[[noreturn]] void fail(const std::string& what, const H5::Exception& e);
/// For the HL and C calls, which report failure by a negative return instead of throwing.
void check(herr_t rc, const std::string& what);

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

inline std::string quoted(const std::string& s) { return "'" + s + "'"; }

inline std::string child_path(const std::string& group_path, const std::string& name) {
  return group_path == "/" ? "/" + name : group_path + "/" + name;
}

// ---------------------------------------------------------------------------------------------
// Types and layout

struct TypeInfo {
  const H5::PredType& memory;
  const H5::PredType& file;  // explicit little-endian standard types: the file is portable
  std::size_t size;
};

TypeInfo type_info(Type t);
/// Variable-length UTF-8: h5py and xarray return these as str (fixed-length ones come back as
/// bytes, and then `.sel(actor="RUS")` fails).
H5::StrType utf8_string_type();
std::vector<const char*> c_strings(const std::vector<std::string>& values);
std::uint64_t element_count(const std::vector<hsize_t>& extents);
H5::DataSpace simple_space(const std::vector<hsize_t>& extents);
/// Contiguous when small, else chunked (rows of at most `first_axis_cap`), shuffled and deflated.
H5::DSetCreatPropList numeric_layout(const std::vector<hsize_t>& extents, std::size_t element_size,
                                     std::uint64_t first_axis_cap);
/// Transfer properties for writing `n` variable-length strings (conversion buffers sized to them).
H5::DSetMemXferPropList string_transfer(std::size_t n);

// ---------------------------------------------------------------------------------------------
// Attributes

/// Writes (or overwrites) `attrs` on `obj`; `describe_obj` names it in errors.
void write_attrs(const H5::H5Object& obj, const std::string& describe_obj, const std::vector<Attr>& attrs);

}  // namespace simrun::h5::detail
