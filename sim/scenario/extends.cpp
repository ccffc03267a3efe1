#include "sim/scenario/extends.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/loader.hpp"

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

YAML::Node merge(const YAML::Node& parent, const YAML::Node& child, const std::string& key);

YAML::Node merge_list(const std::string& list, const YAML::Node& parent, const YAML::Node& child) {
  YAML::Node out = YAML::Clone(parent);
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

YAML::Node merge(const YAML::Node& parent, const YAML::Node& child, const std::string& key) {
  static const std::vector<std::string> kLists = {"actors", "dimensions", "dyads", "links", "events"};
  if (parent.IsMap() && child.IsMap()) {
    YAML::Node out = YAML::Clone(parent);
    for (const auto& kv : child) {
      const std::string k = kv.first.as<std::string>();
      if (k == "extends") continue;
      out[k] = out[k] ? merge(out[k], kv.second, k) : kv.second;
    }
    return out;
  }
  if (parent.IsSequence() && child.IsSequence() && std::find(kLists.begin(), kLists.end(), key) != kLists.end())
    return merge_list(key, parent, child);
  return child;
}

/// Files whose loading is in progress on this thread (to detect extends: cycles, which would
/// otherwise recurse through the parent's own validation).
std::vector<std::string>& loading() {
  thread_local std::vector<std::string> files;
  return files;
}

struct Loading {
  explicit Loading(const std::string& path) { loading().push_back(path); }
  ~Loading() { loading().pop_back(); }
  Loading(const Loading&) = delete;
  Loading& operator=(const Loading&) = delete;
};

YAML::Node resolve(const YAML::Node& root, const std::string& path, std::vector<std::string>& chain) {
  if (!root.IsMap() || !root["extends"]) return root;
  const Loading guard(path);
  const YAML::Node& ext = root["extends"];
  const int line = ext.Mark().line >= 0 ? ext.Mark().line + 1 : 0;
  if (!ext.IsScalar()) throw InputError(path, line, "extends", "expected the path of another scenario file");
  namespace fs = std::filesystem;
  const fs::path parent = (fs::path(path).parent_path() / ext.Scalar()).lexically_normal();
  for (const auto& active : loading())
    if (fs::weakly_canonical(active) == fs::weakly_canonical(parent))
      throw InputError(path, line, "extends", "'" + parent.string() + "' is already being loaded: extends: forms a cycle");
  if (!fs::is_regular_file(parent))
    throw InputError(path, line, "extends", "cannot open '" + parent.string() + "' (paths are relative to this file's folder)");
  load_scenario(parent.string());  // validates the parent on its own: its errors name its file
  chain.push_back(parent.string());
  std::ifstream in(parent);
  std::ostringstream text;
  text << in.rdbuf();
  const YAML::Node parent_root = resolve(YAML::Load(text.str()), parent.string(), chain);
  YAML::Node merged = merge(parent_root, root, "");
  if (!root["name"]) merged.remove("name");  // the child is named after its own file
  return merged;
}

}  // namespace

YAML::Node resolve_extends(const YAML::Node& root, const std::string& path, std::vector<std::string>& chain) {
  return resolve(root, path, chain);
}

}  // namespace simrun
