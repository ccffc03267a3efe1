#include "sim/scenario/extends.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun {
namespace {

/// Identity of an element of a mergeable list, "" when it has none (then it is appended).
std::string identity(const std::string& list, const YAML::Node& item) {
  if (!item.IsMap()) return "";
  auto text = [&](const char* key) { return item[key] && item[key].IsScalar() ? item[key].Scalar() : std::string(); };
  if (list == "actors" || list == "dimensions") return text("id");
  if (list == "events") return text("name");
  if (list == "links") return text("from") + ">" + text("to");
  if (list == "dyads" && item["pair"] && item["pair"].IsSequence() && item["pair"].size() == 2) {
    std::string a = item["pair"][0].Scalar(), b = item["pair"][1].Scalar();
    if (b < a) std::swap(a, b);
    return a + "-" + b;
  }
  return "";
}

// The merge changes the parent's tree in place (it was read for this merge alone) instead of
// cloning it: YAML::Clone drops yaml-cpp's marks, and every error found later in the merged
// document would then be reported at line 1 instead of its own line.
YAML::Node merge(YAML::Node parent, const YAML::Node& child, const std::string& key);

YAML::Node merge_list(const std::string& list, YAML::Node out, const YAML::Node& child) {
  for (const auto& item : child) {
    const std::string id = identity(list, item);
    bool merged = false;
    for (std::size_t k = 0; k < out.size() && !id.empty(); ++k)
      if (identity(list, out[k]) == id) {
        out[k] = merge(out[k], item, list);
        merged = true;
        break;
      }
    if (!merged) out.push_back(item);  // the child's own node: keeps its line for messages
  }
  return out;
}

YAML::Node merge(YAML::Node parent, const YAML::Node& child, const std::string& key) {
  static const std::vector<std::string> kLists = {"actors", "dimensions", "dyads", "links", "events"};
  if (parent.IsMap() && child.IsMap()) {
    for (const auto& kv : child) {
      const std::string k = kv.first.as<std::string>();
      if (k == "extends") continue;
      if (parent[k]) parent[k] = merge(parent[k], kv.second, k);
      else parent[k] = kv.second;
    }
    return parent;
  }
  if (parent.IsSequence() && child.IsSequence() && std::find(kLists.begin(), kLists.end(), key) != kLists.end())
    return merge_list(key, parent, child);
  return child;
}

/// A file being loaded on this thread: its path and identity, to detect extends: cycles.
struct Active {
  std::string path;
  dev_t device = 0;
  ino_t inode = 0;
  bool known = false;
};

std::vector<Active>& loading() {
  thread_local std::vector<Active> files;
  return files;
}

struct Loading {
  explicit Loading(const std::string& path) {
    Active a;
    a.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      a.device = st.st_dev;
      a.inode = st.st_ino;
      a.known = true;
    }
    loading().push_back(a);
  }
  ~Loading() { loading().pop_back(); }
  Loading(const Loading&) = delete;
  Loading& operator=(const Loading&) = delete;
};

/// The chain is resolved depth first, each file read, parsed, resolved and validated exactly
/// once: loading is linear in the chain's length (it used to validate every parent twice per
/// level: exponential).
YAML::Node resolve(const YAML::Node& root, const std::string& path, std::vector<std::string>& chain) {
  if (!root.IsMap() || !root["extends"]) return root;
  const Loading guard(path);
  const YAML::Node& ext = root["extends"];
  const int line = ext.Mark().line >= 0 ? ext.Mark().line + 1 : 0;
  if (!ext.IsScalar()) throw InputError(path, line, "extends", "expected the path of another scenario file");
  if (loading().size() > kMaxExtendsDepth)
    throw InputError(path, line, "extends", "the extends: chain is longer than " + std::to_string(kMaxExtendsDepth) + " files");
  namespace fs = std::filesystem;
  const std::string parent = (fs::path(path).parent_path() / ext.Scalar()).lexically_normal().string();
  struct stat st {};
  if (::stat(parent.c_str(), &st) != 0)
    throw InputError(path, line, "extends", "cannot open " + quote(parent) + " (" + std::strerror(errno) +
                                                "; paths are relative to this file's folder)");
  for (const auto& active : loading())
    if ((active.known && active.device == st.st_dev && active.inode == st.st_ino) || active.path == parent)
      throw InputError(path, line, "extends", quote(parent) + " is already being loaded: extends: forms a cycle");
  std::string text;
  try {
    text = read_input_file(parent, "scenario file");
  } catch (const InputError& e) {
    throw InputError(path, line, "extends", "cannot use " + quote(parent) + ": " + e.detail());
  }
  chain.push_back(parent);
  YAML::Node parent_root = resolve(parse_scenario_yaml(text, parent), parent, chain);
  validate_scenario_node(parent_root, text, parent);  // the parent alone: its errors name its file
  YAML::Node merged = merge(parent_root, root, "");
  if (!root["name"]) merged.remove("name");  // the child is named after its own file
  return merged;
}

}  // namespace

YAML::Node resolve_extends(const YAML::Node& root, const std::string& path, std::vector<std::string>& chain) {
  return resolve(root, path, chain);
}

}  // namespace simrun
