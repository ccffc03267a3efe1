#pragma once
// Shared fixtures of the Google Benchmark programs in bench/ (header only: bench/CMakeLists.txt
// builds every bench_*.cpp into its own executable, so this file is not compiled on its own).
//
// A fixture is a loaded Scenario plus its ModelContext, cached for the life of the process:
//   actors = 5  kind = File      scenarios/baseline.yaml
//   actors = 11 kind = File      scenarios/eleven_actors.yaml
//   any N       kind = Synthetic N actors generated in code (fixed seed, see synthetic_yaml)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/model/world.hpp"
#include "sim/scenario/loader.hpp"

namespace simrun::bench {

/// The source tree: $SIMRUN_ROOT if set, else the directory above this header's (the path
/// the compiler saw, absolute under CMake), else the working directory.
inline std::string source_root() {
  if (const char* env = std::getenv("SIMRUN_ROOT")) return env;
  std::string here = __FILE__;
  const auto pos = here.rfind("/bench/");
  if (pos != std::string::npos && here.front() == '/') return here.substr(0, pos);
  return ".";
}

/// splitmix64: a tiny, portable generator, so the synthetic scenarios are the same everywhere
/// (std::uniform_real_distribution is not specified bit for bit across standard libraries).
class Mix {
 public:
  explicit Mix(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double u() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
  double u(double lo, double hi) { return lo + (hi - lo) * u(); }
  bool chance(double p) { return u() < p; }

 private:
  std::uint64_t s_;
};

inline std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", x);
  return buf;
}

/// A random but fixed scenario of n actors (2..20) in the spirit of the baseline: three arms
/// exporters, one broker, about 20% rival dyads (hostility >= 0.5, with crises), a few
/// partnerships and formal alliances, arms-trade links from the exporters, two aid links, a
/// project, defence steps, arms deals and visits, so that every phase of a tick has work.
inline std::string synthetic_yaml(int n, std::uint64_t seed = 20180701) {
  Mix r(seed * 1000003ULL + static_cast<std::uint64_t>(n));
  auto id = [](int i) { return "A" + std::string(i < 10 ? "0" : "") + std::to_string(i); };
  std::ostringstream y;
  y << "name: synthetic_" << n << "\n"
    << "description: synthetic benchmark scenario, " << n << " actors (bench/bench_common.hpp)\n"
    << "calendar: {start: 2018Q3, ticks: 38}\n"
    << "dimensions:\n  - {id: D1}\n  - {id: D2}\n  - {id: D3}\n"
    << "actors:\n";
  std::vector<double> size(static_cast<std::size_t>(n)), offense(static_cast<std::size_t>(n));
  double ssum = 0, osum = 0;
  for (int i = 0; i < n; ++i) {
    size[static_cast<std::size_t>(i)] = 0.01 + r.u() * r.u();
    offense[static_cast<std::size_t>(i)] = 0.01 + r.u() * r.u();
    ssum += size[static_cast<std::size_t>(i)];
    osum += offense[static_cast<std::size_t>(i)];
  }
  for (int i = 0; i < n; ++i) {
    const bool exporter = i < 3;
    y << "  - {id: " << id(i) << ", size: " << num(size[static_cast<std::size_t>(i)] / ssum)
      << ", offense: " << num(offense[static_cast<std::size_t>(i)] / osum) << ", gdp: " << num(r.u(50, 20000))
      << ", growth: " << num(r.u(0.01, 0.07)) << ", threat_exposure: " << num(r.u())
      << ", arms_export_share: " << num(exporter ? r.u(0.05, 0.3) : 0.001)
      << ", arms_import_share: " << num(r.u(0.005, 0.12))
      << ", arms_export_dependence: " << num(exporter ? r.u(0.2, 0.8) : 0.0)
      << ", export_shock_rate: " << num(exporter ? 0.05 : 0.0)
      << ", supplier_concentration: " << num(r.u(0.3, 0.9))
      << ", max_pact: " << num(r.chance(0.2) ? 2.0 : 3.0)
      << ", facilitation: " << num(i == 1 ? 1.0 : 0.0)
      << ", financial_penalty: " << num(r.chance(0.1) ? 1.0 : 0.0)
      << ", positions: {D1: " << num(r.u()) << ", D2: " << num(r.u()) << ", D3: " << num(r.u()) << "}"
      << ", saliences: {D1: " << num(r.u()) << ", D2: " << num(r.u()) << ", D3: " << num(r.u()) << "}}\n";
  }
  y << "dyads:\n";
  bool project = false;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const bool rival = r.chance(0.2);
      const double h = rival ? r.u(0.5, 0.9) : r.u(0.0, 0.3);
      const double dip = rival ? r.u(0.05, 0.3) : r.u(0.2, 0.9);
      const double mil = rival ? 0.0 : r.u() * r.u();
      const double prop = std::max(-1.0, std::min(1.0, dip - 0.4 + mil - h));
      const double proximity[3] = {0.25, 0.5, 1.0};
      y << "  - {pair: [" << id(i) << ", " << id(j) << "], military: " << num(mil) << ", diplomatic: " << num(dip)
        << ", hostility: " << num(h) << ", propensity: " << num(prop) << ", trade: " << num(0.2 + 100 * r.u() * r.u() * r.u())
        << ", proximity: " << num(proximity[r.next() % 3]) << ", institutions: " << num(r.chance(0.3) ? 1.0 : 0.0);
      if (rival) y << ", crisis_rate: " << num(r.u(0.02, 0.08));
      if (!rival && r.chance(0.1)) y << ", step_rate: " << num(0.1);
      if (!rival && r.chance(0.2)) y << ", deal_rate: " << num(0.1) << ", visit_rate: " << num(0.02) << ", anchoring: 0";
      if (!rival && mil > 0.3) y << ", alliance: " << (r.chance(0.3) ? 2 : 1);
      if (!rival && !project) {
        project = true;
        y << ", project: {state: agreed, investment: 2.0, start_rate: 0.01, build_ticks: 12, trade: 0.6}";
      }
      y << "}\n";
    }
  // Links, keyed by (from, to) so that an aid link and an arms link of the same pair merge.
  std::map<std::pair<int, int>, std::string> links;
  for (int s = 0; s < std::min(3, n); ++s)
    for (int b = 0; b < n; ++b) {
      if (b == s || !r.chance(0.5)) continue;
      std::string& l = links[{s, b}];
      l += ", arms_export_share: " + num(r.u(0.01, 0.3)) + ", arms_import_share: " + num(r.u(0.05, 0.6));
      if (r.chance(0.15)) l += ", access_value: " + num(r.u(0.05, 0.2));
    }
  // Two aid links from exporters to the last actors (one flowing, one suspended).
  for (int k = 0; k < 2 && 3 + k < n; ++k)
    links[{k + 1, n - 1 - k}] += ", aid_dependence: " + num(r.u(0.1, 0.4)) + ", aid_flowing: " + (k == 0 ? "1" : "0");
  y << "links:\n";
  for (const auto& [fromto, attrs] : links)
    y << "  - {from: " << id(fromto.first) << ", to: " << id(fromto.second) << attrs << "}\n";
  return y.str();
}

enum class Kind { File = 0, Synthetic = 1 };

struct Fixture {
  std::unique_ptr<Scenario> sc;       // ModelContext keeps a reference: the address must not move
  std::unique_ptr<ModelContext> ctx;
};

inline std::string scenario_path(int actors) {
  if (actors == 5) return source_root() + "/scenarios/baseline.yaml";
  if (actors == 11) return source_root() + "/scenarios/eleven_actors.yaml";
  throw std::invalid_argument("no scenario file with " + std::to_string(actors) + " actors (use Kind::Synthetic)");
}

/// The cached fixture for (actors, kind).
inline const Fixture& fixture(int actors, Kind kind) {
  static std::map<std::pair<int, int>, Fixture> cache;
  const auto key = std::make_pair(actors, static_cast<int>(kind));
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  Fixture f;
  if (kind == Kind::File)
    f.sc = std::make_unique<Scenario>(load_scenario(scenario_path(actors)));
  else
    f.sc = std::make_unique<Scenario>(load_scenario_text(synthetic_yaml(actors), "synthetic_" + std::to_string(actors) + ".yaml"));
  f.ctx = std::make_unique<ModelContext>(*f.sc);
  return cache.emplace(key, std::move(f)).first->second;
}

inline const char* kind_name(Kind k) { return k == Kind::File ? "scenario" : "synthetic"; }

}  // namespace simrun::bench
