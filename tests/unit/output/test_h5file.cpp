// Tests for sim/output/h5file.hpp: files are written through the wrapper, committed, and read
// back with the plain HDF5 C++ API, checking values, shapes, types, attributes, dimension
// scales, chunking, and that uncommitted files leave nothing behind.
#include <H5Cpp.h>
#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "sim/output/h5file.hpp"

namespace fs = std::filesystem;
using simrun::h5::Attr;
using simrun::h5::File;
using simrun::h5::OutputError;
using simrun::h5::Type;

namespace {

/// A fresh path in this test file's scratch directory (removed first if a previous run left it).
std::string scratch(const std::string& name) {
  const fs::path dir = fs::path(SIMRUN_TEST_TMP) / "h5file";
  fs::create_directories(dir);
  fs::remove(dir / name);
  return (dir / name).string();
}

/// Files in the scratch directory whose name starts with `stem` (catches leftover temp files).
std::vector<std::string> files_starting_with(const std::string& path) {
  const fs::path p(path);
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(p.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(p.filename().string(), 0) == 0) found.push_back(name);
  }
  return found;
}

template <class T>
std::vector<T> read_all(const H5::DataSet& ds, const H5::PredType& mem_type) {
  const auto n = static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints());
  std::vector<T> out(n);
  if (n > 0) ds.read(out.data(), mem_type);
  return out;
}

std::vector<hsize_t> shape(const H5::DataSet& ds) {
  const H5::DataSpace space = ds.getSpace();
  std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(dims.data());
  return dims;
}

std::vector<std::string> read_strings(const H5::DataSet& ds) {
  const auto n = static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints());
  std::vector<char*> raw(n);
  const H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  if (n > 0) ds.read(raw.data(), t);
  std::vector<std::string> out(raw.begin(), raw.end());
  if (n > 0) {
    const H5::DataSpace space = ds.getSpace();
    H5Dvlen_reclaim(t.getId(), space.getId(), H5P_DEFAULT, raw.data());
  }
  return out;
}

std::string read_string_attr(const H5::H5Object& obj, const std::string& name) {
  const H5::Attribute a = obj.openAttribute(name);
  EXPECT_EQ(a.getStrType().getCset(), H5T_CSET_UTF8) << name;
  EXPECT_TRUE(a.getStrType().isVariableStr()) << name;
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

double read_f64_attr(const H5::H5Object& obj, const std::string& name) {
  double v = 0;
  obj.openAttribute(name).read(H5::PredType::NATIVE_DOUBLE, &v);
  return v;
}

std::int64_t read_i64_attr(const H5::H5Object& obj, const std::string& name) {
  std::int64_t v = 0;
  obj.openAttribute(name).read(H5::PredType::NATIVE_INT64, &v);
  return v;
}

/// Asserts that every axis of `ds` has exactly the dimension scale named in `dims` attached.
void expect_scales(const H5::Group& g, const H5::DataSet& ds,
                   const std::vector<std::string>& dims) {
  ASSERT_EQ(shape(ds).size(), dims.size());
  for (std::size_t a = 0; a < dims.size(); ++a) {
    const auto axis = static_cast<unsigned>(a);
    const H5::DataSet scale = g.openDataSet(dims[a]);
    EXPECT_EQ(H5DSis_scale(scale.getId()), 1) << dims[a];
    EXPECT_EQ(H5DSget_num_scales(ds.getId(), axis), 1) << "axis " << a;
    EXPECT_GT(H5DSis_attached(ds.getId(), scale.getId(), axis), 0) << "axis " << a;
    EXPECT_EQ(shape(ds)[a], shape(scale)[0]) << "axis " << a;
  }
}

H5D_layout_t layout(const H5::DataSet& ds) { return ds.getCreatePlist().getLayout(); }

std::vector<hsize_t> chunk_dims(const H5::DataSet& ds) {
  const H5::DSetCreatPropList pl = ds.getCreatePlist();
  std::vector<hsize_t> chunk(shape(ds).size());
  pl.getChunk(static_cast<int>(chunk.size()), chunk.data());
  return chunk;
}

bool has_filter(const H5::DataSet& ds, H5Z_filter_t filter) {
  const H5::DSetCreatPropList pl = ds.getCreatePlist();
  return H5Pget_filter_by_id2(pl.getId(), filter, nullptr, nullptr, nullptr, 0, nullptr, nullptr) >=
         0;
}

std::vector<double> iota_f64(std::size_t n, double start) {
  std::vector<double> v(n);
  std::iota(v.begin(), v.end(), start);
  return v;
}

}  // namespace

TEST(H5File, WritesDimensionsDatasetsAndAttributesThatReadBack) {
  const std::string path = scratch("full.h5");
  std::vector<std::int64_t> rows(30);
  std::iota(rows.begin(), rows.end(), 0);
  std::vector<float> f32(30);
  std::iota(f32.begin(), f32.end(), 100.0f);
  const std::vector<std::int32_t> i32{-1, 2, -3};
  const std::vector<std::int16_t> i16{7, -8, 9, 10, 11, 12};
  const std::vector<std::uint8_t> u8{0, 1, 255};
  {
    File f{simrun::OutputTarget(path)};
    auto root = f.root();
    root.set_attrs({Attr::str("title", "unit test"), Attr::i64("seed", 42), Attr::f64("dt", 0.25),
                    Attr::f64s("weights", {0.5, 1.5, 2.5}), Attr::i64s("shape", {3, 5, -1})});
    root.set_attrs({Attr::str("title", "overwritten")});  // same name: replaced, not an error
    root.dimension("actor", std::vector<std::string>{"RUS", "USA", "CHN"},
                   {Attr::str("long_name", "actor")});
    root.dimension("tick", std::vector<std::int64_t>{0, 1, 2, 3, 4}, {Attr::str("units", "1")});
    root.dimension("level", std::vector<double>{0.5, 1.5});
    EXPECT_EQ(root.dimension_size("actor"), 3u);
    EXPECT_EQ(root.dimension_size("tick"), 5u);

    root.write("power", {"actor", "tick"}, iota_f64(15, 0.0),
               {Attr::str("units", "share"), Attr::str("long_name", "power share")});
    root.write("f32", {"tick", "actor", "level"}, Type::Float32, f32.data(),
               {Attr::str("units", "1")});
    root.write("i32", {"actor"}, Type::Int32, i32.data(), {});
    root.write("i16", {"actor", "level"}, Type::Int16, i16.data(), {});
    root.write("u8", {"actor"}, Type::UInt8, u8.data(), {});
    root.write("i64", {"tick"}, std::vector<std::int64_t>{10, 20, 30, 40, -50}, {});
    root.write_strings("quarter", "tick", {"2018Q3", "2018Q4", "2019Q1", "2019Q2", "2019Q3"},
                       {Attr::str("long_name", "quarter")});

    root.dimension("run", std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    auto runs = root.create("runs", {"run", "actor"}, Type::Int64, {Attr::str("units", "1")}, 4);
    runs.write_rows(0, 4, rows.data());
    runs.write_rows(4, 3, rows.data() + 12);
    runs.write_rows(7, 3, rows.data() + 21);
    runs.write_rows(7, 0, nullptr);  // an empty slab is a no-op
    runs.set_attrs({Attr::str("units", "count"), Attr::i64("slabs", 3)});

    auto meta = root.group("meta");
    meta.write_text("scenario", "name: test\nactors: [RUS, USA]\n", {Attr::str("format", "yaml")});
    auto again = root.group("meta");  // opening an existing group works
    again.set_attrs({Attr::str("note", "reopened")});
    f.commit();
    EXPECT_EQ(f.final_path(), path);
  }
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(files_starting_with(path), std::vector<std::string>{"full.h5"});

  const H5::H5File f(path, H5F_ACC_RDONLY);
  const H5::Group root = f.openGroup("/");
  EXPECT_EQ(read_string_attr(root, "title"), "overwritten");
  EXPECT_EQ(read_i64_attr(root, "seed"), 42);
  EXPECT_DOUBLE_EQ(read_f64_attr(root, "dt"), 0.25);
  {
    const H5::Attribute w = root.openAttribute("weights");
    std::vector<double> v(3);
    w.read(H5::PredType::NATIVE_DOUBLE, v.data());
    EXPECT_EQ(v, (std::vector<double>{0.5, 1.5, 2.5}));
    const H5::Attribute s = root.openAttribute("shape");
    std::vector<std::int64_t> iv(3);
    s.read(H5::PredType::NATIVE_INT64, iv.data());
    EXPECT_EQ(iv, (std::vector<std::int64_t>{3, 5, -1}));
  }

  const H5::DataSet actor = f.openDataSet("actor");
  EXPECT_EQ(read_strings(actor), (std::vector<std::string>{"RUS", "USA", "CHN"}));
  EXPECT_EQ(actor.getStrType().getCset(), H5T_CSET_UTF8);
  EXPECT_TRUE(actor.getStrType().isVariableStr());
  EXPECT_EQ(read_string_attr(actor, "long_name"), "actor");
  EXPECT_EQ(read_all<std::int64_t>(f.openDataSet("tick"), H5::PredType::NATIVE_INT64),
            (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(read_all<double>(f.openDataSet("level"), H5::PredType::NATIVE_DOUBLE),
            (std::vector<double>{0.5, 1.5}));

  const H5::DataSet power = f.openDataSet("power");
  EXPECT_EQ(shape(power), (std::vector<hsize_t>{3, 5}));
  EXPECT_EQ(power.getDataType(), H5::PredType::IEEE_F64LE);
  EXPECT_EQ(read_all<double>(power, H5::PredType::NATIVE_DOUBLE), iota_f64(15, 0.0));
  EXPECT_EQ(read_string_attr(power, "units"), "share");
  EXPECT_EQ(read_string_attr(power, "long_name"), "power share");
  expect_scales(root, power, {"actor", "tick"});

  const H5::DataSet f32ds = f.openDataSet("f32");
  EXPECT_EQ(shape(f32ds), (std::vector<hsize_t>{5, 3, 2}));
  EXPECT_EQ(f32ds.getDataType(), H5::PredType::IEEE_F32LE);
  EXPECT_EQ(read_all<float>(f32ds, H5::PredType::NATIVE_FLOAT), f32);
  expect_scales(root, f32ds, {"tick", "actor", "level"});

  EXPECT_EQ(f.openDataSet("i32").getDataType(), H5::PredType::STD_I32LE);
  EXPECT_EQ(read_all<std::int32_t>(f.openDataSet("i32"), H5::PredType::NATIVE_INT32), i32);
  EXPECT_EQ(f.openDataSet("i16").getDataType(), H5::PredType::STD_I16LE);
  EXPECT_EQ(read_all<std::int16_t>(f.openDataSet("i16"), H5::PredType::NATIVE_INT16), i16);
  expect_scales(root, f.openDataSet("i16"), {"actor", "level"});
  EXPECT_EQ(f.openDataSet("u8").getDataType(), H5::PredType::STD_U8LE);
  EXPECT_EQ(read_all<std::uint8_t>(f.openDataSet("u8"), H5::PredType::NATIVE_UINT8), u8);
  EXPECT_EQ(f.openDataSet("i64").getDataType(), H5::PredType::STD_I64LE);
  EXPECT_EQ(read_all<std::int64_t>(f.openDataSet("i64"), H5::PredType::NATIVE_INT64),
            (std::vector<std::int64_t>{10, 20, 30, 40, -50}));

  const H5::DataSet quarter = f.openDataSet("quarter");
  EXPECT_EQ(read_strings(quarter),
            (std::vector<std::string>{"2018Q3", "2018Q4", "2019Q1", "2019Q2", "2019Q3"}));
  expect_scales(root, quarter, {"tick"});

  const H5::DataSet runs = f.openDataSet("runs");
  EXPECT_EQ(shape(runs), (std::vector<hsize_t>{10, 3}));
  EXPECT_EQ(read_all<std::int64_t>(runs, H5::PredType::NATIVE_INT64), rows);
  EXPECT_EQ(read_string_attr(runs, "units"), "count");
  EXPECT_EQ(read_i64_attr(runs, "slabs"), 3);
  expect_scales(root, runs, {"run", "actor"});

  const H5::Group meta = f.openGroup("meta");
  EXPECT_EQ(read_string_attr(meta, "note"), "reopened");
  const H5::DataSet text = meta.openDataSet("scenario");
  EXPECT_EQ(text.getSpace().getSimpleExtentType(), H5S_SCALAR);
  std::string yaml;
  text.read(yaml, text.getStrType());
  EXPECT_EQ(yaml, "name: test\nactors: [RUS, USA]\n");
  EXPECT_EQ(read_string_attr(text, "format"), "yaml");
  EXPECT_EQ(H5DSget_num_scales(text.getId(), 0), -1);  // scalar: no axes, nothing attached
}

TEST(H5File, LargeDatasetsAreChunkedAndCompressedSmallOnesContiguous) {
  const std::string path = scratch("chunks.h5");
  {
    File f{simrun::OutputTarget(path)};
    auto root = f.root();
    root.dimension("row", iota_f64(300, 0.0));
    root.dimension("col", iota_f64(200, 0.0));
    root.dimension("wide", iota_f64(200000, 0.0));
    root.dimension("three", iota_f64(3, 0.0));
    root.write("grid", {"row", "col"}, iota_f64(300 * 200, 0.0), {});
    root.write("wide_rows", {"three", "wide"}, iota_f64(3 * 200000, 0.0), {});
    root.write("small", {"three"}, iota_f64(3, 0.0), {});
    auto streamed = root.create("streamed", {"row", "three"}, Type::Float64, {}, 64);
    auto capped = root.create("capped", {"three", "col"}, Type::Float64, {});  // 1024 > 3 rows
    streamed.write_rows(0, 300, iota_f64(900, 0.0).data());
    capped.write_rows(0, 3, iota_f64(600, 0.0).data());
    f.commit();
  }
  const H5::H5File f(path, H5F_ACC_RDONLY);
  for (const char* name : {"grid", "wide_rows", "streamed", "capped", "row", "wide"}) {
    SCOPED_TRACE(name);
    const H5::DataSet ds = f.openDataSet(name);
    ASSERT_EQ(layout(ds), H5D_CHUNKED);
    EXPECT_TRUE(has_filter(ds, H5Z_FILTER_SHUFFLE));
    EXPECT_TRUE(has_filter(ds, H5Z_FILTER_DEFLATE));
    const auto chunk = chunk_dims(ds);
    const auto extents = shape(ds);
    std::uint64_t bytes = 8;
    for (std::size_t a = 0; a < chunk.size(); ++a) {
      EXPECT_GE(chunk[a], 1u);
      EXPECT_LE(chunk[a], extents[a]);
      bytes *= chunk[a];
    }
    EXPECT_LE(bytes, 1u << 20);
  }
  EXPECT_EQ(chunk_dims(f.openDataSet("grid")), (std::vector<hsize_t>{300, 200}));  // 480 KB
  EXPECT_EQ(chunk_dims(f.openDataSet("wide_rows")), (std::vector<hsize_t>{1, 100000}));
  EXPECT_EQ(chunk_dims(f.openDataSet("streamed")), (std::vector<hsize_t>{64, 3}));
  EXPECT_EQ(chunk_dims(f.openDataSet("capped")), (std::vector<hsize_t>{3, 200}));
  EXPECT_EQ(layout(f.openDataSet("small")), H5D_CONTIGUOUS);
  EXPECT_EQ(layout(f.openDataSet("three")), H5D_CONTIGUOUS);
  EXPECT_EQ(read_all<double>(f.openDataSet("wide_rows"), H5::PredType::NATIVE_DOUBLE),
            iota_f64(3 * 200000, 0.0));
  EXPECT_EQ(read_all<double>(f.openDataSet("streamed"), H5::PredType::NATIVE_DOUBLE),
            iota_f64(900, 0.0));
}

TEST(H5File, ZeroLengthAxesAreAccepted) {
  const std::string path = scratch("empty_axis.h5");
  {
    File f{simrun::OutputTarget(path)};
    auto root = f.root();
    root.dimension("event", std::vector<std::int64_t>{});
    root.dimension("label", std::vector<std::string>{});
    root.dimension("actor", std::vector<std::string>{"RUS", "USA"});
    EXPECT_EQ(root.dimension_size("event"), 0u);
    root.write("event_actor", {"event", "actor"}, std::vector<double>{}, {Attr::str("units", "1")});
    root.write("by_label", {"actor", "label"}, Type::Int32, nullptr, {});
    root.write_strings("event_note", "event", {}, {});
    auto streamed = root.create("streamed", {"event", "actor"}, Type::Float32, {});
    streamed.write_rows(0, 0, nullptr);
    EXPECT_THROW(streamed.write_rows(0, 1, nullptr), OutputError);
    root.set_attrs({Attr::f64s("none", {}), Attr::i64s("none_i", {})});
    f.commit();
  }
  const H5::H5File f(path, H5F_ACC_RDONLY);
  const H5::Group root = f.openGroup("/");
  const H5::DataSet ea = f.openDataSet("event_actor");
  EXPECT_EQ(shape(ea), (std::vector<hsize_t>{0, 2}));
  EXPECT_EQ(layout(ea), H5D_CONTIGUOUS);
  expect_scales(root, ea, {"event", "actor"});
  EXPECT_EQ(shape(f.openDataSet("by_label")), (std::vector<hsize_t>{2, 0}));
  expect_scales(root, f.openDataSet("by_label"), {"actor", "label"});
  EXPECT_EQ(shape(f.openDataSet("streamed")), (std::vector<hsize_t>{0, 2}));
  EXPECT_TRUE(read_strings(f.openDataSet("event_note")).empty());
  EXPECT_EQ(root.openAttribute("none").getSpace().getSimpleExtentNpoints(), 0);
}

TEST(H5File, AbandonLeavesNoFileAndIsIdempotent) {
  const std::string path = scratch("abandoned.h5");
  File f{simrun::OutputTarget(path)};
  auto root = f.root();
  root.dimension("x", iota_f64(100, 0.0));
  auto ds = root.create("y", {"x"}, Type::Float64, {});
  EXPECT_TRUE(fs::exists(f.temp_path()));
  EXPECT_NE(f.temp_path().find(path + ".partial-"), std::string::npos);
  f.abandon();
  f.abandon();
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(f.temp_path()));
  EXPECT_TRUE(files_starting_with(path).empty());
  // Handles that outlived the file report a clear error instead of crashing.
  EXPECT_THROW(ds.write_rows(0, 1, iota_f64(1, 0.0).data()), OutputError);
  EXPECT_THROW(root.dimension("z", iota_f64(2, 0.0)), OutputError);
  EXPECT_THROW(f.root(), OutputError);
  EXPECT_THROW(f.commit(), OutputError);
}

TEST(H5File, DestructorWithoutCommitLeavesNothing) {
  const std::string path = scratch("dropped.h5");
  std::string temp;
  {
    File f{simrun::OutputTarget(path)};
    temp = f.temp_path();
    auto root = f.root();
    root.dimension("x", iota_f64(3, 0.0));
    root.write("y", {"x"}, iota_f64(3, 0.0), {});
    EXPECT_TRUE(fs::exists(temp));
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_TRUE(files_starting_with(path).empty());
}

TEST(H5File, HandlesMayOutliveCommit) {
  const std::string path = scratch("outlive.h5");
  File f{simrun::OutputTarget(path)};
  auto root = f.root();
  root.dimension("x", iota_f64(4, 0.0));
  auto sub = root.group("sub");
  auto ds = root.create("y", {"x"}, Type::Float64, {});
  ds.write_rows(0, 4, iota_f64(4, 1.0).data());
  f.commit();  // root, sub and ds are still alive: STRONG close closes them
  f.commit();  // a second commit is a no-op
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(f.temp_path()));
  EXPECT_THROW(sub.set_attrs({Attr::i64("late", 1)}), OutputError);
  const H5::H5File check(path, H5F_ACC_RDONLY);
  EXPECT_EQ(read_all<double>(check.openDataSet("y"), H5::PredType::NATIVE_DOUBLE),
            iota_f64(4, 1.0));
}

TEST(H5File, ConstructorInMissingDirectoryThrowsNamingThePath) {
  const std::string path = scratch("no/such/dir/out.h5");
  try {
    File f{simrun::OutputTarget(path)};
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find("No such file or directory"), std::string::npos) << msg;
  }
}

TEST(H5File, CommitOntoADirectoryThrowsAndRemovesTheTempFile) {
  const std::string path = scratch("is_a_dir.h5");
  fs::create_directories(path + "/occupied");
  File f{simrun::OutputTarget(path)};
  f.root().dimension("x", iota_f64(2, 0.0));
  EXPECT_THROW(f.commit(), OutputError);
  EXPECT_FALSE(fs::exists(f.temp_path()));
  fs::remove_all(path);
}

TEST(H5File, UnknownDimensionThrows) {
  const std::string path = scratch("unknown_dim.h5");
  File f{simrun::OutputTarget(path)};
  auto root = f.root();
  root.dimension("x", iota_f64(2, 0.0));
  root.write("plain", {"x"}, iota_f64(2, 0.0), {});  // a dataset, but not a dimension scale
  for (const std::string& dim : {std::string("nope"), std::string("plain"), std::string("")}) {
    try {
      root.write("v", {"x", dim}, Type::Float64, iota_f64(4, 0.0).data(), {});
      FAIL() << "expected OutputError for " << dim;
    } catch (const OutputError& e) {
      EXPECT_NE(std::string(e.what()).find("unknown dimension '" + dim + "'"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_THROW(root.dimension_size("nope"), OutputError);
  EXPECT_THROW(root.create("c", {"nope"}, Type::Int32, {}), OutputError);
  EXPECT_THROW(root.write_strings("s", "nope", {"a"}, {}), OutputError);
  EXPECT_THROW(root.group("g").write("v", {"x"}, iota_f64(2, 0.0), {}), OutputError)
      << "dimensions belong to their group";
}

TEST(H5File, MisuseThrowsOutputErrorNamingTheObject) {
  const std::string path = scratch("misuse.h5");
  File f{simrun::OutputTarget(path)};
  auto root = f.root();
  root.dimension("x", iota_f64(2, 0.0));
  root.write("v", {"x"}, iota_f64(2, 0.0), {});
  try {
    root.write("v", {"x"}, iota_f64(2, 0.0), {});  // already exists
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'/v'"), std::string::npos) << msg;
    EXPECT_NE(msg.find(f.temp_path()), std::string::npos) << msg;
  }
  EXPECT_THROW(root.write("w", {"x"}, iota_f64(3, 0.0), {}), OutputError);  // wrong size
  EXPECT_THROW(root.write_strings("s", "x", {"a"}, {}), OutputError);       // wrong size
  auto ds = root.create("rows", {"x"}, Type::Int64, {});
  const std::vector<std::int64_t> one{1};
  EXPECT_THROW(ds.write_rows(2, 1, one.data()), OutputError);  // past the end
  EXPECT_THROW(ds.write_rows(1, 2, one.data()), OutputError);
}

// Writes the file that tests/python/test_h5file_xarray.py reads with h5py and xarray. That
// script runs this test alone with H5FILE_SAMPLE_PATH set; under ctest it just writes to the
// scratch directory. Keep the content in step with the Python checks.
TEST(H5File, WritesSampleForPython) {
  const char* env = std::getenv("H5FILE_SAMPLE_PATH");
  std::string path = env != nullptr ? env : "";
  if (path.empty()) {
    fs::create_directories(SIMRUN_TEST_TMP);
    path = (fs::path(SIMRUN_TEST_TMP) / "h5file_sample.h5").string();
  }
  File f(simrun::OutputTarget(path, true));  // rewritten on every run
  auto root = f.root();
  root.set_attrs({Attr::str("title", "h5file sample"), Attr::i64("seed", 7),
                  Attr::f64s("weights", {0.25, 0.75})});
  const std::vector<std::string> actors{"RUS", "USA", "CHN", "PAK"};
  root.dimension("actor", actors, {Attr::str("long_name", "actor code")});
  std::vector<std::int64_t> days(12);
  for (std::size_t t = 0; t < days.size(); ++t) days[t] = static_cast<std::int64_t>(91 * t);
  root.dimension(
      "tick", days,
      {Attr::str("units", "days since 2018-07-01"), Attr::str("long_name", "start of quarter")});
  root.dimension("level", std::vector<double>{0.1, 0.5, 0.9}, {Attr::str("units", "1")});
  std::vector<std::int64_t> run_ids(20);
  std::iota(run_ids.begin(), run_ids.end(), 0);
  root.dimension("run", run_ids);
  root.dimension("event", std::vector<std::int64_t>{}, {Attr::str("long_name", "no events")});

  std::vector<std::string> quarters;
  for (int t = 0; t < 12; ++t) {
    const int q = (2 + t) % 4 + 1;
    const int year = 2018 + (2 + t) / 4;
    quarters.push_back(std::to_string(year) + "Q" + std::to_string(q));
  }
  root.write_strings("quarter", "tick", quarters, {Attr::str("long_name", "quarter label")});

  // power[a][t] = 10 a + t
  std::vector<double> power(actors.size() * 12);
  for (std::size_t i = 0; i < power.size(); ++i)
    power[i] = static_cast<double>(10 * (i / 12) + i % 12);
  root.write("power", {"actor", "tick"}, power,
             {Attr::str("units", "GDP share"), Attr::str("long_name", "power share")});
  // counts[t][a][l] = 100 t + 10 a + l
  std::vector<std::int32_t> counts(12 * 4 * 3);
  for (std::size_t i = 0; i < counts.size(); ++i)
    counts[i] = static_cast<std::int32_t>(100 * (i / 12) + 10 * (i / 3 % 4) + i % 3);
  root.write("counts", {"tick", "actor", "level"}, Type::Int32, counts.data(),
             {Attr::str("units", "1"), Attr::str("long_name", "event counts")});
  const std::vector<std::uint8_t> alive{1, 1, 0, 1};
  root.write("alive", {"actor"}, Type::UInt8, alive.data(),
             {Attr::str("units", "1"), Attr::str("long_name", "alive flag")});
  root.write("event_actor", {"event"}, std::vector<std::int64_t>{},
             {Attr::str("units", "1"), Attr::str("long_name", "acting actor")});

  // score[r][a] = r + a / 10, streamed in slabs of 3 rows; 80 elements, so chunked (4, 4).
  auto runs = root.create("score", {"run", "actor"}, Type::Float32,
                          {Attr::str("units", "points"), Attr::str("long_name", "final score")}, 4);
  for (std::uint64_t first = 0; first < 20; first += 3) {
    const std::uint64_t count = std::min<std::uint64_t>(3, 20 - first);
    std::vector<float> slab;
    for (std::uint64_t r = first; r < first + count; ++r)
      for (std::uint64_t a = 0; a < 4; ++a)
        slab.push_back(static_cast<float>(r) + static_cast<float>(a) / 10.0f);
    runs.write_rows(first, count, slab.data());
  }

  root.write_text("scenario", "name: sample\nactors: [RUS, USA, CHN, PAK]\n",
                  {Attr::str("long_name", "scenario YAML")});
  auto meta = root.group("meta");
  meta.set_attrs({Attr::str("simrun_version", "test")});
  meta.write_text("scenario", "name: sample\n", {Attr::str("long_name", "scenario YAML")});
  f.commit();
  EXPECT_TRUE(fs::exists(path));
}
