// Implementation of sim/output/h5file.hpp over the HDF5 C++ API plus the HL dimension-scale
// calls (H5DS*), which have no C++ wrapper: attributes, groups and datasets. The file's own life
// (create, commit, abandon) is in h5file_lifecycle.cpp, the error policy, types and layout in
// h5_support.cpp.
#include "sim/output/h5file.hpp"

#include <H5Cpp.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <utility>

#include "sim/output/h5_objects.hpp"

namespace simrun::h5 {

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

}  // namespace simrun::h5
