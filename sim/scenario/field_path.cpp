#include "sim/scenario/field_path.hpp"

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/schema.hpp"

namespace simrun {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == sep)
      parts.emplace_back();
    else
      parts.back() += c;
  }
  return parts;
}

bool actor_of(const Scenario& sc, const std::string& id, int& idx, std::string& error) {
  idx = sc.actor_index(id);
  if (idx >= 0) return true;
  std::vector<std::string> ids;
  for (const auto& a : sc.actors) ids.push_back(a.id);
  error = "unknown actor '" + id + "'" + did_you_mean(id, ids);
  return false;
}

template <class S>
bool field_of(const std::vector<FieldSpec<S>>& table, const std::string& key, double S::*& member, FieldTarget& out,
              std::string& error) {
  const auto* f = find_field(table, key);
  if (!f) {
    error = "unknown key '" + key + "'" + did_you_mean(key, field_keys(table));
    return false;
  }
  member = f->member;
  out.lo = f->lo;
  out.hi = f->hi;
  out.integer = f->integer;
  out.labels = f->labels;
  out.units = f->units;
  return true;
}

FieldTarget::State dyad_state(const std::string& key) {
  using S = FieldTarget::State;
  if (key == "military") return S::Military;
  if (key == "diplomatic") return S::Diplomatic;
  if (key == "hostility") return S::Hostility;
  if (key == "trade") return S::Trade;
  if (key == "investment") return S::Investment;
  if (key == "pact") return S::Pact;
  return S::None;
}

}  // namespace

bool resolve_pair(const Scenario& sc, const std::string& text, const std::string& separator, int& a, int& b,
                  std::string& error) {
  const auto at = text.find(separator);
  if (at == std::string::npos || at == 0 || at + separator.size() >= text.size()) {
    error = "expected a pair like RUS" + separator + "PAK, got '" + text + "'";
    return false;
  }
  if (!actor_of(sc, text.substr(0, at), a, error) || !actor_of(sc, text.substr(at + separator.size()), b, error)) return false;
  if (a == b) {
    error = "a pair needs two different actors";
    return false;
  }
  return true;
}

bool resolve_field_path(const Scenario& sc, const std::string& path, FieldTarget& out, std::string& error) {
  using Sec = FieldTarget::Section;
  out = FieldTarget{};
  out.path = path;
  const auto parts = split(path, '.');
  const std::string& section = parts[0];
  auto expect = [&](std::size_t n, const char* form) {
    if (parts.size() == n) return true;
    error = std::string("expected a path of the form ") + form;
    return false;
  };
  if (section == "parameters") {
    out.section = Sec::Parameter;
    return expect(2, "parameters.KEY") && field_of(parameter_fields(), parts[1], out.param, out, error);
  }
  if (section == "global") {
    out.section = Sec::Global;
    if (!expect(2, "global.KEY") || !field_of(global_fields(), parts[1], out.global, out, error)) return false;
    if (parts[1] == "threat") out.state = FieldTarget::State::Threat;
    return true;
  }
  if (section == "actors") {
    out.section = Sec::Actor;
    if (!expect(3, "actors.ID.KEY") || !actor_of(sc, parts[1], out.index, error) ||
        !field_of(actor_fields(), parts[2], out.actor, out, error))
      return false;
    if (parts[2] == "gdp") out.state = FieldTarget::State::Gdp;
    if (parts[2] == "arms_export_dependence") out.state = FieldTarget::State::ExportDependence;
    return true;
  }
  if (section == "dyads") {
    out.section = Sec::Dyad;
    if (parts.size() < 3) return expect(3, "dyads.A-B.KEY");
    int a = 0, b = 0;
    if (!resolve_pair(sc, parts[1], "-", a, b, error)) return false;
    out.index = sc.dyad_index(a, b);
    if (parts[2] == "project")
      return expect(4, "dyads.A-B.project.KEY") && field_of(project_fields(), parts[3], out.dyad, out, error);
    if (!expect(3, "dyads.A-B.KEY") || !field_of(dyad_fields(), parts[2], out.dyad, out, error)) return false;
    out.state = dyad_state(parts[2]);
    return true;
  }
  if (section == "links") {
    out.section = Sec::Link;
    if (!expect(3, "links.A>B.KEY")) return false;
    int a = 0, b = 0;
    const std::string sep = parts[1].find("->") != std::string::npos ? "->" : ">";
    if (!resolve_pair(sc, parts[1], sep, a, b, error)) return false;
    out.index = sc.link_index(a, b);
    if (!field_of(link_fields(), parts[2], out.link, out, error)) return false;
    if (parts[2] == "aid_flowing") out.state = FieldTarget::State::Aid;
    return true;
  }
  error = "unknown section '" + section + "'" +
          did_you_mean(section, {"parameters", "global", "calendar", "actors", "dyads", "links"}) +
          " (expected parameters., global., actors.ID., dyads.A-B. or links.A>B.)";
  return false;
}

double& FieldTarget::in(Scenario& sc) const {
  const auto i = static_cast<std::size_t>(index);
  switch (section) {
    case Section::Parameter: return sc.params.*param;
    case Section::Global: return sc.global.*global;
    case Section::Actor: return sc.actors[i].*actor;
    case Section::Dyad: return sc.dyads[i].*dyad;
    case Section::Link: return sc.links[i].*link;
  }
  return sc.params.*param;
}

}  // namespace simrun
