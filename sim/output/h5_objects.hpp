// The state behind the HDF5 wrapper's handles (sim/output/h5file.hpp): shared by its
// implementation files (h5file.cpp: groups and datasets; h5file_lifecycle.cpp: creating,
// committing and abandoning the file), not part of the output layer's interface.
#pragma once

#include <hdf5_hl.h>

#include <memory>
#include <string>
#include <vector>

#include "sim/output/h5_support.hpp"

namespace simrun::h5 {

using namespace detail;  // a private header: only the wrapper's own files include it

// ---------------------------------------------------------------------------------------------
// Shared state
//
// The file is opened with H5F_CLOSE_STRONG, so commit()/abandon() close every object still open
// in it, even if Group or Dataset handles outlive that moment. Their H5::Group/H5::DataSet ids
// are then invalid; the C++ wrappers check validity before closing, so destroying them later is
// harmless. `open` lets them report a clear error if they are used after the file was closed.

/// Whether a file handle had to be kept alive after a failed close (handles_leaked()).
bool& leaked_flag();

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

}  // namespace simrun::h5
