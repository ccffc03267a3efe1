// The `priors:` map a scenario block may carry beside its numbers and their `sources:`:
//   parameters:
//     lambda: 4
//     sources: {lambda: proto}
//     priors:
//       lambda: {dist: loguniform, low: 2, high: 8, source: "[analyst] ..."}
//       w_loss: none     # in a file that extends another: pin the parent's prior
// Each prior becomes an UncertainInput of the scenario, addressed by the number's --set path.
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/field_path.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace simrun {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

UncertainInput read_one(const Reader& r, const YAML::Node& n, const std::string& field, const FieldTarget& target,
                        double point, const std::map<std::string, std::string>& references) {
  r.expect_map(n, field);
  std::vector<std::string> allowed = {"dist", "source", "low", "high", "mean", "sd", "alpha", "beta", "mode"};
  r.only_keys(n, field, allowed);
  if (!n["dist"]) r.fail(n, field, "missing 'dist' (one of uniform, loguniform, normal, beta, triangular)");
  if (!n["source"]) r.fail(n, field, "missing 'source': say where the range comes from, or \"[analyst] ...\"");
  const std::string dist = r.text(n["dist"], field + ".dist");
  std::vector<std::pair<std::string, double>> params;
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    if (key != "dist" && key != "source") params.emplace_back(key, r.number(kv.second, field + "." + key, -kInf, kInf, false));
  }
  UncertainInput in;
  try {
    in.prior = Prior::from_named(dist, params, target.lo, target.hi);
  } catch (const std::invalid_argument& e) {
    r.fail(n, field, e.what());
  }
  if (!in.prior.contains(point)) {
    std::ostringstream os;
    os << "the point value " << point << " lies outside the prior's support (" << in.prior.describe()
       << "); change one of them";
    r.fail(n, field, os.str());
  }
  in.path = target.path;
  in.source = r.text(n["source"], field + ".source");
  const auto ref = references.find(in.source);
  if (ref != references.end()) in.source = ref->second;
  in.units = target.units;
  in.origin = r.file() + ":" + std::to_string(Reader::line_of(n));
  return in;
}

}  // namespace

void read_priors(const Reader& r, const YAML::Node& n, const std::string& path, Scenario& sc,
                 const std::map<std::string, std::string>& references) {
  const std::string where = path + ".priors";
  r.expect_map(n, where);
  for (const auto& kv : n) {
    if (!kv.first.IsScalar()) r.fail(kv.first, where, "keys must be plain words, got " + Reader::kind(kv.first));
    const std::string field = where + "." + kv.first.Scalar();
    if (kv.second.IsScalar() && kv.second.Scalar() == "none") continue;  // pinned at its point value
    FieldTarget target;
    std::string error;
    if (!resolve_field_path(sc, path + "." + kv.first.Scalar(), target, error)) r.fail(kv.first, field, error);
    if (target.integer) r.fail(kv.first, field, "a prior needs a continuous number; this field takes whole numbers");
    for (const auto& existing : sc.uncertain)
      if (existing.path == target.path) r.fail(kv.first, field, "a prior for " + target.path + " is given twice");
    sc.uncertain.push_back(read_one(r, kv.second, field, target, target.in(sc), references));
  }
}

}  // namespace simrun
