#pragma once
// `extends: other.yaml` — a scenario that overrides only what differs from another one.
// The parent (resolved recursively, path relative to the child's folder; each file of the chain
// read and validated once, at most kMaxExtendsDepth files) is validated on its own first, so
// errors in it name its own file; then the child is deep-merged into it:
// mappings key by key; actors and dimensions matched by id, dyads by pair (either order),
// links by from/to, events by name (others appended); any other value replaced.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace simrun {

/// Longest extends: chain accepted (files above the one given; the library uses 1).
inline constexpr std::size_t kMaxExtendsDepth = 16;

/// Returns `root` with its `extends:` chain merged in (or `root` itself if it has none).
/// `chain` receives the parent paths, nearest first. @throws InputError.
YAML::Node resolve_extends(const YAML::Node& root, const std::string& path, std::vector<std::string>& chain);

}  // namespace simrun
