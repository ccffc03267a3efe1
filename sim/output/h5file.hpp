#pragma once
// A thin, typed wrapper over the HDF5 C++ API that writes netCDF-compatible files: every
// dataset's axes are attached to dimension scales (1-D datasets in the same group), so that
// `xarray.open_dataset(path, engine="h5netcdf")` returns labelled arrays. Only what simrun's
// writers need: create, write whole arrays or row slabs, attach attributes. Reading back is
// done by the tests through the same library (see read_* helpers) and by Python.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/output/safe_file.hpp"

namespace simrun::h5 {

/// Thrown for any failure to create or write an HDF5 object; what() names the object.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Type { Float64, Float32, Int64, Int32, Int16, UInt8 };  // h5_support.cpp: type_info in this order

/// Attribute values: scalars, numeric vectors, and variable-length UTF-8 strings.
struct Attr {
  std::string name;
  enum class Kind { String, Float64, Int64, Float64Vec, Int64Vec } kind;
  std::string s;
  double d = 0;
  std::int64_t i = 0;
  std::vector<double> dv;
  std::vector<std::int64_t> iv;
  static Attr str(std::string n, std::string v);
  static Attr f64(std::string n, double v);
  static Attr i64(std::string n, std::int64_t v);
  static Attr f64s(std::string n, std::vector<double> v);
  static Attr i64s(std::string n, std::vector<std::int64_t> v);
};

class Group;

/// A dataset open for writing row slabs along its first axis (for streamed per-run tables).
class Dataset {
 public:
  Dataset(Dataset&&) noexcept;
  Dataset& operator=(Dataset&&) noexcept;
  ~Dataset();
  /// Writes `count` rows starting at `first_row`; `data` is row-major and holds
  /// count * (product of the other extents) elements of the dataset's type.
  void write_rows(std::uint64_t first_row, std::uint64_t count, const void* data);
  void set_attrs(const std::vector<Attr>& attrs);

 private:
  friend class Group;
  struct Impl;
  explicit Dataset(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Group {
 public:
  Group(Group&&) noexcept;
  Group& operator=(Group&&) noexcept;
  ~Group();

  /// Creates (or opens, if it exists) the child group `name`.
  Group group(const std::string& name);
  void set_attrs(const std::vector<Attr>& attrs);

  /// A dimension with numeric coordinate values (1-D Float64 dataset made a dimension scale).
  void dimension(const std::string& name, const std::vector<double>& coords,
                 const std::vector<Attr>& attrs = {});
  /// A dimension with integer coordinate values.
  void dimension(const std::string& name, const std::vector<std::int64_t>& coords,
                 const std::vector<Attr>& attrs = {});
  /// A dimension whose coordinates are 0, 1, ..., n-1 (e.g. run indices), written block by block
  /// so that memory does not grow with n.
  void dimension_index(const std::string& name, std::uint64_t n, const std::vector<Attr>& attrs = {});
  /// A dimension with string labels (variable-length UTF-8, so xarray's .sel(dim="RUS") works).
  void dimension(const std::string& name, const std::vector<std::string>& labels,
                 const std::vector<Attr>& attrs = {});

  /// Writes a whole N-D array (row-major) whose axes are the named dimensions of this group.
  /// Datasets are chunked and deflate-compressed (with shuffle) when they hold more than a few
  /// elements. `attrs` should include "units" and "long_name".
  void write(const std::string& name, const std::vector<std::string>& dims, Type type,
             const void* data, const std::vector<Attr>& attrs);
  /// Convenience overloads.
  void write(const std::string& name, const std::vector<std::string>& dims,
             const std::vector<double>& data, const std::vector<Attr>& attrs);
  void write(const std::string& name, const std::vector<std::string>& dims,
             const std::vector<std::int64_t>& data, const std::vector<Attr>& attrs);
  /// A 1-D variable of strings along one dimension (e.g. "2018Q3" labels on `tick`).
  void write_strings(const std::string& name, const std::string& dim,
                     const std::vector<std::string>& values, const std::vector<Attr>& attrs);
  /// A 1-D numeric array of `n` elements not attached to any dimension (raw tables, e.g. a shard's
  /// serialised results); stored like write().
  void write_array(const std::string& name, Type type, std::uint64_t n, const void* data,
                   const std::vector<Attr>& attrs = {});
  /// A scalar string dataset (e.g. the verbatim scenario YAML); not attached to dimensions.
  void write_text(const std::string& name, const std::string& text, const std::vector<Attr>& attrs);

  /// Creates an N-D dataset to be filled later with Dataset::write_rows (chunked by rows).
  Dataset create(const std::string& name, const std::vector<std::string>& dims, Type type,
                 const std::vector<Attr>& attrs, std::uint64_t rows_per_chunk = 1024);

  /// Extent of a dimension created in this group; throws OutputError if unknown.
  std::uint64_t dimension_size(const std::string& name) const;

 private:
  friend class File;
  struct Impl;
  explicit Group(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// An HDF5 file written under a temporary name and renamed to its final path only by commit():
/// a run that stops early (error, signal, crash) never leaves a file that looks whole.
/// True once a file whose close failed had to be kept open (see File::abandon): the HDF5
/// library would crash closing it at exit, so the program should leave with std::_Exit.
bool handles_leaked();
/// Records that a file whose close failed was left open (for writers using the C API directly).
void note_handles_leaked();

class File {
 public:
  /// Creates a fresh `<final_path>.partial-<pid>-<random>` next to the final path (the directory
  /// must exist), exclusively; commit() moves it into place under the rules of safe_file.hpp.
  explicit File(const OutputTarget& target);
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  /// Removes the temporary file unless commit() succeeded.
  ~File();

  Group root();
  /// Flushes, closes and atomically renames the temporary file to the final path.
  void commit();
  /// Closes and deletes the temporary file (idempotent).
  void abandon();
  const std::string& temp_path() const { return temp_path_; }
  const std::string& final_path() const { return final_path_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  OutputTarget target_;
  std::string final_path_;
  std::string temp_path_;
  bool committed_ = false;
};

}  // namespace simrun::h5
