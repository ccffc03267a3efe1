#pragma once
// Writes one experiment to one self-describing HDF5 file (layout: docs/output-format.md).
// The file is created under a temporary name when the run starts, per-run tables are streamed
// into it wave by wave, the aggregates are written at the end, and only then is it renamed to
// its final path.
#include <cstdint>
#include <memory>
#include <string>

#include "sim/engine/accumulator.hpp"
#include "sim/engine/run_table.hpp"
#include "sim/model/world.hpp"
#include "sim/output/h5file.hpp"

namespace simrun {

inline constexpr const char* kFileType = "simrun-experiment";
inline constexpr int kFormatMajor = 2;  ///< 2.0: typed pacts (pact_*, event_by; alliance_* = new defence pact)
inline constexpr int kFormatMinor = 0;

struct WriterOptions {
  std::uint32_t seed = 0;
  std::uint64_t runs = 0;
  std::uint64_t trajectories = 0;
  int threads = 0;
  std::string command_line;
};

class ExperimentWriter {
 public:
  ExperimentWriter(const std::string& path, const ModelContext& ctx, const WriterOptions& options);
  ~ExperimentWriter();
  /// Writes the fixed parts (dimensions, scenario, empty per-run tables). Called by write_wave
  /// and finish if not before; simrun calls it while the first wave is computed.
  void write_preamble();
  /// Streams the per-run rows of one wave (rows are runs first_run, first_run + 1, ...).
  void write_wave(std::uint64_t first_run, const RunTable& table);
  /// Writes every aggregate and renames the file into place.
  void finish(const Accumulator& acc);
  /// Deletes the temporary file (after an error or interruption).
  void abandon();
  const std::string& temp_path() const;

 private:
  struct Streams;
  void write_header();
  void write_scenario();
  void write_dimensions();
  void create_run_tables();

  const ModelContext& ctx_;
  WriterOptions opt_;
  h5::File file_;
  std::unique_ptr<Streams> streams_;
  bool preamble_written_ = false;
};

}  // namespace simrun
