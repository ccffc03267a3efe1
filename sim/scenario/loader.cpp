#include "sim/scenario/loader.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/scenario/extends.hpp"
#include "sim/scenario/input_file.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/overrides.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun {

namespace {

const std::vector<std::string> kTopKeys = {"name",   "description", "calendar", "references", "dimensions", "actors",
                                           "dyads",  "links",       "global",   "parameters", "events",
                                           "extends"};

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}


template <class S>
std::vector<std::string> keys_plus(const std::vector<FieldSpec<S>>& table, std::vector<std::string> extra) {
  auto keys = field_keys(table);
  keys.insert(keys.end(), extra.begin(), extra.end());
  return keys;
}

/// Reads every key of `node` found in `table` into `obj`.
template <class S>
void read_fields(const Reader& r, const YAML::Node& node, const std::string& path,
                 const std::vector<FieldSpec<S>>& table, S& obj) {
  for (const auto& kv : node) {
    const auto* f = find_field(table, kv.first.as<std::string>());
    if (f)
      obj.*(f->member) = f->labels ? r.level(kv.second, path + "." + f->key, f->lo, f->hi, f->labels)
                                   : r.number(kv.second, path + "." + f->key, f->lo, f->hi, f->integer);
  }
}

/// A key written without a value is almost always a slip; yaml-cpp would locate the missing
/// value at the next token, so it is reported here, on the key's own line. A key given twice in
/// one mapping (anywhere: yaml-cpp keeps both and lookups see the first) is refused here too.
/// This first walk over the whole document also refuses what YAML aliases can build and nothing
/// later could walk: a cycle (`a: &x {b: *x}`: infinite depth) or an exponential expansion
/// ("billion laughs").
class DocumentCheck {
 public:
  explicit DocumentCheck(const Reader& r) : r_(r) {}
  void run(const YAML::Node& n) { walk(n, "", 0); }

 private:
  void walk(const YAML::Node& n, const std::string& path, int depth) {
    constexpr int kMaxDepth = 64;                  // scenarios nest 4-5 levels
    constexpr std::size_t kMaxNodes = 1000000;     // the eleven-actor scenario has ~5,000
    if (depth > kMaxDepth)
      r_.fail(n, path.substr(0, path.find('.', path.find('.') + 1)) + "...", "nested more than " + std::to_string(kMaxDepth) +
                           " levels deep: is an alias (*name) used inside its own anchor (&name)?");
    if (++visited_ > kMaxNodes)
      r_.fail(n, path, "the document expands to more than " + std::to_string(kMaxNodes) +
                           " values through its aliases (*name)");
    if (n.IsSequence())
      for (std::size_t k = 0; k < n.size(); ++k) {
        const YAML::Node& item = n[k];
        const bool named = item.IsMap() && item["id"] && item["id"].IsScalar();
        walk(item, named ? path + "." + item["id"].Scalar() : path + "[" + std::to_string(k) + "]", depth + 1);
      }
    if (!n.IsMap()) return;
    std::set<std::string> keys;
    for (const auto& kv : n) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
      const std::string here = path.empty() ? key : path + "." + key;
      if (kv.first.IsScalar() && !keys.insert(key).second) r_.fail(kv.first, here, "key " + quote(key) + " is given twice");
      if (kv.second.IsNull()) r_.fail(kv.first, here, quote(key + ":") + " has no value");
      walk(kv.second, here, depth + 1);
    }
  }

  const Reader& r_;
  std::size_t visited_ = 0;
};

class ScenarioParser {
 public:
  ScenarioParser(const std::string& text, const std::string& path) : r_(path) {
    sc_.path = path;
    sc_.yaml_text = text;
  }

  /// `root`: the file's tree with its extends: chain (`extends`, nearest first) merged in.
  Scenario parse(const YAML::Node& root, std::vector<std::string> extends) {
    sc_.extends = std::move(extends);
    r_.only_keys(root, "", kTopKeys);
    if (root["name"]) sc_.name = r_.text(root["name"], "name");
    if (root["description"]) sc_.description = r_.text(root["description"], "description");
    if (sc_.name.empty()) sc_.name = stem(sc_.path);
    if (root["references"]) read_references(root["references"]);
    if (root["calendar"]) read_calendar(root["calendar"]);
    if (root["dimensions"]) read_dimensions(root["dimensions"]);
    if (!root["actors"]) throw InputError(r_.file(), 0, "actors", "missing field 'actors': a scenario needs a list of at least two actors");
    read_actors(root["actors"]);
    make_default_pairs();
    if (root["dyads"]) read_dyads(root["dyads"]);
    if (root["links"]) read_links(root["links"]);
    if (root["global"]) read_block(root["global"], "global", global_fields(), sc_.global);
    if (root["parameters"]) read_block(root["parameters"], "parameters", parameter_fields(), sc_.params);
    if (root["events"]) sc_.events = read_events(r_, root["events"], sc_);
    return std::move(sc_);
  }

 private:
  static std::string stem(const std::string& path) {
    auto slash = path.find_last_of('/');
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    auto dot = base.find_last_of('.');
    return dot == std::string::npos ? base : base.substr(0, dot);
  }

  void read_references(const YAML::Node& n) {
    r_.expect_map(n, "references");
    for (const auto& kv : n) references_[kv.first.as<std::string>()] = r_.text(kv.second, "references." + kv.first.as<std::string>());
  }

  void read_calendar(const YAML::Node& n) {
    r_.expect_map(n, "calendar");
    r_.only_keys(n, "calendar", {"start", "ticks", "sources"});
    if (n["start"]) {
      const std::string s = r_.text(n["start"], "calendar.start");
      if (!parse_quarter(s, sc_.calendar.start))
        r_.fail(n["start"], "calendar.start", "expected a quarter like 2018Q3, got " + quote(s));
    }
    if (n["ticks"]) sc_.calendar.ticks = static_cast<int>(r_.number(n["ticks"], "calendar.ticks", 1, 400, true));
    if (n["sources"]) read_sources(n["sources"], "calendar", {"start", "ticks"});
  }

  void read_dimensions(const YAML::Node& n) {
    r_.expect_sequence(n, "dimensions");
    for (std::size_t k = 0; k < n.size(); ++k) {
      const YAML::Node& d = n[k];
      const std::string field = "dimensions[" + std::to_string(k) + "]";
      r_.expect_map(d, field);
      r_.only_keys(d, field, {"id", "label", "description"});
      if (!d["id"]) r_.fail(d, field, "missing field 'id'");
      const std::string id = r_.text(d["id"], field + ".id");
      if (!valid_id(id)) r_.fail(d["id"], field + ".id", "expected an id of letters, digits and '_', got " + quote(id));
      for (const auto& e : sc_.dimensions)
        if (e == id) r_.fail(d["id"], field + ".id", "duplicate dimension " + quote(id));
      sc_.dimensions.push_back(id);
    }
  }

  void read_actors(const YAML::Node& n) {
    r_.expect_sequence(n, "actors");
    if (n.size() < 2) r_.fail(n, "actors", "expected at least two actors, got " + std::to_string(n.size()));
    if (n.size() > 20)
      r_.fail(n, "actors", "at most 20 actors are supported (the landscape enumerates 2^(N-1) blocs), got " + std::to_string(n.size()));
    const auto allowed = keys_plus(actor_fields(), {"id", "name", "positions", "saliences", "sources", "priors"});
    for (std::size_t k = 0; k < n.size(); ++k) {
      const YAML::Node& a = n[k];
      r_.expect_map(a, "actors[" + std::to_string(k) + "]");
      if (!a["id"]) r_.fail(a, "actors[" + std::to_string(k) + "]", "missing field 'id'");
      ActorSpec spec;
      spec.id = r_.text(a["id"], "actors[" + std::to_string(k) + "].id");
      if (!valid_id(spec.id))
        r_.fail(a["id"], "actors[" + std::to_string(k) + "].id", "expected an id of letters, digits and '_', got " + quote(spec.id));
      if (sc_.actor_index(spec.id) >= 0) r_.fail(a["id"], "actors." + spec.id, "duplicate actor " + quote(spec.id));
      const std::string path = "actors." + spec.id;
      r_.only_keys(a, path, allowed);
      spec.name = a["name"] ? r_.text(a["name"], path + ".name") : spec.id;
      read_fields(r_, a, path, actor_fields(), spec);
      if (!a["export_dependence_mean"]) spec.export_dependence_mean = spec.arms_export_dependence;
      spec.position.assign(sc_.dimensions.size(), 0.5);
      spec.salience.assign(sc_.dimensions.size(), 0.0);
      if (a["positions"]) read_issue_map(a["positions"], path + ".positions", spec.position);
      if (a["saliences"]) read_issue_map(a["saliences"], path + ".saliences", spec.salience);
      sc_.actors.push_back(std::move(spec));
      if (a["sources"]) read_sources(a["sources"], path, keys_plus(actor_fields(), {"name", "positions", "saliences"}));
      if (a["priors"]) read_priors(r_, a["priors"], path, sc_, references_);
    }
  }

  void read_issue_map(const YAML::Node& n, const std::string& path, std::vector<double>& out) {
    r_.expect_map(n, path);
    for (const auto& kv : n) {
      const std::string dim = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (std::find(sc_.dimensions.begin(), sc_.dimensions.end(), dim) == sc_.dimensions.end())
        r_.fail(kv.first, path + "." + dim,
                quote(dim) + " is not a declared issue dimension" +
                    (sc_.dimensions.empty() ? std::string(" (declare it under dimensions:)") : did_you_mean(dim, sc_.dimensions)));
    }
    r_.only_keys(n, path, sc_.dimensions);
    for (std::size_t k = 0; k < sc_.dimensions.size(); ++k)
      if (n[sc_.dimensions[k]]) out[k] = r_.number(n[sc_.dimensions[k]], path + "." + sc_.dimensions[k], 0, 1, false);
  }

  void make_default_pairs() {
    const int n = sc_.n_actors();
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        DyadSpec d;
        d.a = i;
        d.b = j;
        sc_.dyads.push_back(d);
      }
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        if (i != j) {
          LinkSpec l;
          l.from = i;
          l.to = j;
          sc_.links.push_back(l);
        }
  }

  int actor_ref(const YAML::Node& n, const std::string& field) {
    const std::string id = r_.text(n, field);
    const int idx = sc_.actor_index(id);
    if (idx < 0) {
      std::vector<std::string> ids;
      for (const auto& a : sc_.actors) ids.push_back(a.id);
      r_.fail(n, field, "unknown actor " + quote(id) + did_you_mean(id, ids));
    }
    return idx;
  }

  void read_dyads(const YAML::Node& n) {
    r_.expect_sequence(n, "dyads");
    std::set<int> seen;
    const auto allowed = keys_plus(dyad_fields(), {"pair", "project", "sources", "priors", "note"});
    for (std::size_t k = 0; k < n.size(); ++k) {
      const YAML::Node& d = n[k];
      const std::string where = "dyads[" + std::to_string(k) + "]";
      r_.expect_map(d, where);
      if (!d["pair"]) r_.fail(d, where, "missing field 'pair' (e.g. pair: [RUS, PAK])");
      const YAML::Node& pair = d["pair"];
      if (!pair.IsSequence() || pair.size() != 2)
        r_.fail(pair, where + ".pair", "expected two actor ids like [RUS, PAK], got " + Reader::kind(pair));
      const int i = actor_ref(pair[0], where + ".pair"), j = actor_ref(pair[1], where + ".pair");
      if (i == j) r_.fail(pair, where + ".pair", "a dyad needs two different actors");
      const int idx = sc_.dyad_index(i, j);
      const std::string path = "dyads." + sc_.dyad_label(idx);
      if (!seen.insert(idx).second) r_.fail(d, path, "dyad " + sc_.dyad_label(idx) + " is listed twice");
      r_.only_keys(d, path, allowed);
      DyadSpec& spec = sc_.dyads[static_cast<std::size_t>(idx)];
      read_fields(r_, d, path, dyad_fields(), spec);
      if (d["project"]) read_project(d["project"], path + ".project", spec);
      if (d["sources"]) read_sources(d["sources"], path, keys_plus(dyad_fields(), {"project"}));
      if (d["priors"]) read_priors(r_, d["priors"], path, sc_, references_);
    }
  }

  void read_project(const YAML::Node& n, const std::string& path, DyadSpec& spec) {
    r_.expect_map(n, path);
    r_.only_keys(n, path, keys_plus(project_fields(), {"state", "name"}));
    read_fields(r_, n, path, project_fields(), spec);
    spec.project_state = ProjectState::Agreed;
    if (n["state"]) {
      const std::string s = r_.text(n["state"], path + ".state");
      if (!parse_project_state(s, spec.project_state))
        r_.fail(n["state"], path + ".state", "expected one of none, agreed, building, operating, got " + quote(s));
    }
  }

  void read_links(const YAML::Node& n) {
    r_.expect_sequence(n, "links");
    std::set<int> seen;
    const auto allowed = keys_plus(link_fields(), {"from", "to", "sources", "priors", "note"});
    for (std::size_t k = 0; k < n.size(); ++k) {
      const YAML::Node& l = n[k];
      const std::string where = "links[" + std::to_string(k) + "]";
      r_.expect_map(l, where);
      for (const char* key : {"from", "to"})
        if (!l[key]) r_.fail(l, where, std::string("missing field '") + key + "'");
      const int i = actor_ref(l["from"], where + ".from"), j = actor_ref(l["to"], where + ".to");
      if (i == j) r_.fail(l, where, "a link needs two different actors");
      const int idx = sc_.link_index(i, j);
      const std::string path = "links." + sc_.actors[static_cast<std::size_t>(i)].id + ">" + sc_.actors[static_cast<std::size_t>(j)].id;
      if (!seen.insert(idx).second) r_.fail(l, path, "link is listed twice");
      r_.only_keys(l, path, allowed);
      read_fields(r_, l, path, link_fields(), sc_.links[static_cast<std::size_t>(idx)]);
      if (l["sources"]) read_sources(l["sources"], path, field_keys(link_fields()));
      if (l["priors"]) read_priors(r_, l["priors"], path, sc_, references_);
    }
  }

  template <class S>
  void read_block(const YAML::Node& n, const std::string& path, const std::vector<FieldSpec<S>>& table, S& obj) {
    r_.expect_map(n, path);
    r_.only_keys(n, path, keys_plus(table, {"sources", "priors"}));
    read_fields(r_, n, path, table, obj);
    if (n["sources"]) read_sources(n["sources"], path, field_keys(table));
    if (n["priors"]) read_priors(r_, n["priors"], path, sc_, references_);
  }

  /// `sources: {field: text-or-reference-key}` records where each number came from.
  void read_sources(const YAML::Node& n, const std::string& path, const std::vector<std::string>& fields) {
    r_.expect_map(n, path + ".sources");
    r_.only_keys(n, path + ".sources", fields);
    for (const auto& kv : n) {
      const std::string key = kv.first.as<std::string>();
      std::string src = r_.text(kv.second, path + ".sources." + key);
      auto ref = references_.find(src);
      if (ref != references_.end()) src = ref->second;
      sc_.provenance[path + "." + key] = src;
    }
  }

  Reader r_;
  Scenario sc_;
  std::map<std::string, std::string> references_;
};

}  // namespace

namespace {

/// Records where the documents of a YAML stream start, and where the first node of the latest
/// one is (nothing is built).
class DocumentMarks : public YAML::EventHandler {
 public:
  YAML::Mark start, node;
  void OnDocumentStart(const YAML::Mark& m) override { start = node = m; seen_node_ = false; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { first(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { first(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { first(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { first(m); }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { first(m); }
  void OnMapEnd() override {}

 private:
  void first(const YAML::Mark& m) {
    if (!seen_node_) node = m;
    seen_node_ = true;
  }
  bool seen_node_ = false;
};

int line_of(const YAML::Mark& m) { return m.line >= 0 ? m.line + 1 : 0; }

/// The first document of `text`, after checking that there is no second one. Never more than
/// two documents are parsed: YAML::LoadAll (yaml-cpp 0.7, Debian 12) does not terminate on a
/// ',' outside a flow collection ("a, b" or "!t, x" at the top level): the parser reports an
/// empty document at the ',' without consuming it, so every further document is that same one
/// and LoadAll appends them until memory runs out (jbeder/yaml-cpp#1040, fixed upstream by
/// jbeder/yaml-cpp#1319 in 0.8.x). @throws YAML::Exception for invalid YAML, InputError for a
/// second document or a stray ','.
YAML::Node first_yaml_document(const std::string& text, const std::string& path) {
  YAML::Node root = YAML::Load(text);  // one document: YAML::Load parses no further
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentMarks marks;
  if (parser.HandleNextDocument(marks) && parser.HandleNextDocument(marks)) {
    const auto at = static_cast<std::size_t>(marks.start.pos);
    if (marks.start.pos >= 0 && at < text.size() && text[at] == ',')
      throw InputError(path, line_of(marks.start), "",
                       "not valid YAML: a ',' outside a [...] list or {...} mapping (column " +
                           std::to_string(marks.start.column + 1) + ")");
    throw InputError(path, line_of(marks.node), "", "a second YAML document (after '---'): a scenario file holds one document");
  }
  return root;
}

}  // namespace

YAML::Node parse_scenario_yaml(const std::string& text, const std::string& path) {
  const Reader r(path);
  YAML::Node document;
  try {
    document = first_yaml_document(text, path);
  } catch (const YAML::Exception& e) {
    throw InputError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "not valid YAML: " + e.msg);
  }
  if (!document.IsDefined() || document.IsNull())
    throw InputError(path, 0, "", "the file is empty: a scenario needs at least 'actors:'");
  const YAML::Node root = document;
  if (!root.IsMap()) r.fail(root, "", "expected a YAML mapping at the top level (name:, actors:, ...), got " + Reader::kind(root));
  DocumentCheck(r).run(root);
  return root;
}

namespace {

/// Runs `parse` turning yaml-cpp's own exceptions (e.g. a conversion it refuses) into InputError.
template <class Parse>
auto located(const std::string& path, Parse&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const YAML::Exception& e) {
    throw InputError(path, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "not a valid scenario: " + e.msg);
  }
}

}  // namespace

void validate_scenario_node(const YAML::Node& root, const std::string& text, const std::string& path) {
  const Scenario sc = located(path, [&] { return ScenarioParser(text, path).parse(root, {}); });
  check_event_windows(sc);
}

Scenario load_scenario_text(const std::string& text, const std::string& path,
                            const std::vector<std::string>& assignments) {
  Scenario sc = located(path, [&] {
    std::vector<std::string> chain;
    const YAML::Node root = resolve_extends(parse_scenario_yaml(text, path), path, chain);
    return ScenarioParser(text, path).parse(root, std::move(chain));
  });
  for (const auto& a : assignments) apply_override(sc, a);
  check_event_windows(sc);
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& assignments) {
  return load_scenario_text(read_input_file(path, "scenario file"), path, assignments);
}

}  // namespace simrun
