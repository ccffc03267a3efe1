#pragma once
// Every kind of file simrun writes, with its format version: one table, so a new file kind
// (a posterior, a discovery result, ...) is one line here and readers check one place. Every
// file carries them as the root attributes `filetype` and `format_version` = [major, minor]
// (file_kind_attrs). Bump the minor version when a file gains datasets or attributes, the major
// one when a reader of the old layout would misread the new one; docs/output-format.md and
// docs/cluster.md say what each version holds.
#include <cstdint>
#include <vector>

#include "sim/output/h5file.hpp"

namespace simrun {

struct FileKind {
  const char* filetype;
  std::int64_t major;
  std::int64_t minor;
};

/// `simrun scenario.yaml`. 1.1: scripted events, link_has_aid, /scenario/extends; 1.2: predictive
/// runs (root attributes inputs, draws, runs_per_draw; /draws and /predictive). 2.0: typed pacts
/// (pact_formed_by, pact_in_force, event_by; alliance_* now means a new defence pact). 2.1: event_in
/// (the per-quarter event probability the hindcast scores).
inline constexpr FileKind kExperimentFile{"simrun-experiment", 2, 1};
/// `simrun compare A.yaml B.yaml`. 1.1: predictive comparisons (inputs, draws, runs_per_draw;
/// /a, /b with draws/ and predictive/, /paired_draws).
inline constexpr FileKind kComparisonFile{"simrun-comparison", 1, 1};
/// `simrun sweep` and `simrun merge`. 1.1: sweep/command_line_overrides (-n, --seed, --set).
inline constexpr FileKind kSweepFile{"simrun-sweep", 1, 1};
/// `simrun sweep --shard I/K`. 1.0: the first version to carry format_version. 2.0: an untrusted
/// input's layout (sim/output/shard_file.hpp): fixed-length strings, contiguous datasets,
/// header_checksum; a 1.0 shard is refused as corrupted. 2.1: the `overrides` attribute (the
/// sweep's -n, --seed and --set, which merge re-applies).
inline constexpr FileKind kShardFile{"simrun-sweep-shard", 2, 1};
/// `simrun calibrate` (sim/output/posterior_file.hpp). 1.1: outside_support (proposals outside the
/// priors' support per generation) and the root attribute kernel (the perturbation kernel).
inline constexpr FileKind kPosteriorFile{"simrun-posterior", 1, 1};

/// `filetype` and `format_version` of a file of kind `k`.
std::vector<h5::Attr> file_kind_attrs(const FileKind& k);

}  // namespace simrun
