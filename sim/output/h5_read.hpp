#pragma once
// Reading back simrun's own files (shards, posteriors) over the HDF5 C++ API. Internal to
// sim/output: it exposes H5:: types, which no other layer sees. Missing attributes read as
// `missing`; a failed read throws H5::Exception for the caller to turn into its InputError.
#include <H5Cpp.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace simrun::h5read {

inline std::string attr_str(const H5::H5Object& o, const std::string& name) {
  if (!o.attrExists(name)) return "";
  const H5::Attribute a = o.openAttribute(name);
  std::string v;
  a.read(a.getStrType(), v);
  return v;
}

inline std::int64_t attr_i64(const H5::H5Object& o, const std::string& name, std::int64_t missing = 0) {
  if (!o.attrExists(name)) return missing;
  std::int64_t v = 0;
  o.openAttribute(name).read(H5::PredType::NATIVE_INT64, &v);
  return v;
}

inline double attr_f64(const H5::H5Object& o, const std::string& name, double missing = 0) {
  if (!o.attrExists(name)) return missing;
  double v = 0;
  o.openAttribute(name).read(H5::PredType::NATIVE_DOUBLE, &v);
  return v;
}

inline std::vector<hsize_t> extents(const H5::DataSet& ds) {
  const H5::DataSpace sp = ds.getSpace();
  std::vector<hsize_t> e(static_cast<std::size_t>(sp.getSimpleExtentNdims()));
  if (!e.empty()) sp.getSimpleExtentDims(e.data());
  return e;
}

/// Every element of dataset `name`, row-major.
template <class T>
std::vector<T> read_all(const H5::H5File& f, const std::string& name, const H5::PredType& type) {
  const H5::DataSet ds = f.openDataSet(name);
  std::size_t n = 1;
  for (hsize_t e : extents(ds)) n *= static_cast<std::size_t>(e);
  std::vector<T> v(n);
  if (n) ds.read(v.data(), type);
  return v;
}

/// A 1-D dataset. @throws std::runtime_error if it has another rank.
template <class T>
std::vector<T> read_1d(const H5::H5File& f, const std::string& name, const H5::PredType& type) {
  if (extents(f.openDataSet(name)).size() != 1) throw std::runtime_error("dataset '" + name + "' is not 1-D");
  return read_all<T>(f, name, type);
}

inline std::vector<std::string> read_strings(const H5::H5File& f, const std::string& name) {
  const H5::DataSet ds = f.openDataSet(name);
  const std::vector<hsize_t> e = extents(ds);
  std::vector<char*> raw(e.empty() ? 0 : static_cast<std::size_t>(e[0]));
  if (raw.empty()) return {};
  const H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  ds.read(raw.data(), t);
  std::vector<std::string> out(raw.begin(), raw.end());
  H5Dvlen_reclaim(t.getId(), ds.getSpace().getId(), H5P_DEFAULT, raw.data());
  return out;
}

inline std::string read_text(const H5::H5File& f, const std::string& name) {
  const H5::DataSet ds = f.openDataSet(name);
  std::string s;
  ds.read(s, ds.getStrType());
  return s;
}

}  // namespace simrun::h5read
