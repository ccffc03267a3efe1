#include "sim/scenario/resolved.hpp"
#include "sim/scenario/number_text.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/scenario/schema.hpp"

namespace simrun {
namespace {

template <class S>
void emit_fields(YAML::Emitter& out, const std::vector<FieldSpec<S>>& table, const S& obj) {
  for (const auto& f : table) out << YAML::Key << f.key << YAML::Value << shortest_number(obj.*(f.member));
}

void emit_issue_map(YAML::Emitter& out, const char* key, const Scenario& sc, const std::vector<double>& v) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
  for (std::size_t k = 0; k < sc.dimensions.size(); ++k) out << YAML::Key << sc.dimensions[k] << YAML::Value << shortest_number(v[k]);
  out << YAML::EndMap;
}

/// The block's `priors:` map: the uncertain inputs whose path is `block` + "." + a field key.
void emit_priors(YAML::Emitter& out, const Scenario& sc, const std::string& block) {
  const std::string prefix = block + ".";
  bool any = false;
  for (const auto& in : sc.uncertain) {
    if (in.path.compare(0, prefix.size(), prefix) != 0 || in.path.find('.', prefix.size()) != std::string::npos) continue;
    if (!any) out << YAML::Key << "priors" << YAML::Value << YAML::BeginMap;
    any = true;
    out << YAML::Key << in.path.substr(prefix.size()) << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "dist" << YAML::Value << in.prior.name();
    for (const auto& kv : in.prior.named_parameters())  // an infinite bound is the field's range: the default
      if (std::isfinite(kv.second)) out << YAML::Key << kv.first << YAML::Value << shortest_number(kv.second);
    out << YAML::Key << "source" << YAML::Value << YAML::DoubleQuoted << in.source << YAML::EndMap;
  }
  if (any) out << YAML::EndMap;
}

}  // namespace

std::string resolved_yaml(const Scenario& sc) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << sc.name;
  out << YAML::Key << "calendar" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "start" << YAML::Value << sc.calendar.start.label();
  out << YAML::Key << "ticks" << YAML::Value << sc.calendar.ticks << YAML::EndMap;
  out << YAML::Key << "dimensions" << YAML::Value << YAML::BeginSeq;
  for (const auto& d : sc.dimensions) out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << d << YAML::EndMap;
  out << YAML::EndSeq;
  out << YAML::Key << "actors" << YAML::Value << YAML::BeginSeq;
  for (const auto& a : sc.actors) {
    out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << a.id << YAML::Key << "name" << YAML::Value << a.name;
    emit_fields(out, actor_fields(), a);
    emit_issue_map(out, "positions", sc, a.position);
    emit_issue_map(out, "saliences", sc, a.salience);
    emit_priors(out, sc, "actors." + a.id);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "dyads" << YAML::Value << YAML::BeginSeq;
  for (const auto& d : sc.dyads) {
    out << YAML::BeginMap << YAML::Key << "pair" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << sc.actors[static_cast<std::size_t>(d.a)].id << sc.actors[static_cast<std::size_t>(d.b)].id << YAML::EndSeq;
    emit_fields(out, dyad_fields(), d);
    emit_priors(out, sc, "dyads." + sc.dyad_label(sc.dyad_index(d.a, d.b)));
    out << YAML::Key << "project" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "state" << YAML::Value << project_state_name(d.project_state);
    emit_fields(out, project_fields(), d);
    out << YAML::EndMap << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "links" << YAML::Value << YAML::BeginSeq;
  for (const auto& l : sc.links) {
    out << YAML::BeginMap << YAML::Key << "from" << YAML::Value << sc.actors[static_cast<std::size_t>(l.from)].id
        << YAML::Key << "to" << YAML::Value << sc.actors[static_cast<std::size_t>(l.to)].id;
    emit_fields(out, link_fields(), l);
    emit_priors(out, sc, "links." + sc.actors[static_cast<std::size_t>(l.from)].id + ">" + sc.actors[static_cast<std::size_t>(l.to)].id);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "global" << YAML::Value << YAML::BeginMap;
  emit_fields(out, global_fields(), sc.global);
  emit_priors(out, sc, "global");
  out << YAML::EndMap;
  out << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
  emit_fields(out, parameter_fields(), sc.params);
  emit_priors(out, sc, "parameters");
  out << YAML::EndMap;
  out << YAML::Key << "events" << YAML::Value << YAML::BeginSeq;
  for (const auto& e : sc.events) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << e.name;
    out << YAML::Key << "window" << YAML::Value << YAML::Flow << YAML::BeginSeq << e.first.label() << e.last.label() << YAML::EndSeq;
    out << YAML::Key << "probability" << YAML::Value << shortest_number(e.probability);
    out << YAML::Key << "repeat" << YAML::Value << e.repeat;
    if (e.trigger != EventTrigger::None) {
      const DyadSpec& d = sc.dyads[static_cast<std::size_t>(e.dyad)];
      out << YAML::Key << "trigger" << YAML::Value << trigger_name(e.trigger);
      out << YAML::Key << "dyad" << YAML::Value << YAML::Flow << YAML::BeginSeq << sc.actors[static_cast<std::size_t>(d.a)].id
          << sc.actors[static_cast<std::size_t>(d.b)].id << YAML::EndSeq;
    }
    for (auto op : {EventAction::Op::Set, EventAction::Op::Add, EventAction::Op::Scale}) {
      bool any = false;
      for (const auto& a : e.actions) any = any || a.op == op;
      if (!any) continue;
      out << YAML::Key << (op == EventAction::Op::Set ? "set" : op == EventAction::Op::Add ? "add" : "scale") << YAML::Value
          << YAML::BeginMap;
      for (const auto& a : e.actions)
        if (a.op == op) out << YAML::Key << a.target.path << YAML::Value << shortest_number(a.value);
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace simrun
