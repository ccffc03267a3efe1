#include "sim/model/landscape.hpp"

#include <algorithm>
#include <limits>

#include "sim/model/index.hpp"

namespace simrun {
namespace {

bool opposite(Config c, int i, int j) { return ((c >> i) & 1u) != ((c >> j) & 1u); }

/// Energy change when actor a switches sides in configuration c.
double switch_delta(int n, const std::vector<double>& w, Config c, int a) {
  double delta = 0;
  for (int j = 0; j < n; ++j) {
    if (j == a) continue;
    const double wij = w[idx(a * n + j)] + w[idx(j * n + a)];
    delta += opposite(c, a, j) ? -wij : wij;
  }
  return delta;
}

/// Follows the Gray-code walk: the lowest energy (ties to the smaller configuration) and the
/// runner-up, which gives the gap.
struct MinimumTracker {
  double best = 0, second = std::numeric_limits<double>::infinity();
  Config best_c = 0;
  void see(double e, Config c) {
    if (e < best || (e == best && c < best_c)) {
      second = best;
      best = e;
      best_c = c;
    } else if (e < second) {
      second = e;
    }
  }
  LandscapeMinimum result(Config count) const {
    LandscapeMinimum out;
    out.best = best_c;
    out.energy = best;
    out.gap = count > 1 ? second - best : 0.0;
    return out;
  }
};

}  // namespace

double landscape_energy(int n, const std::vector<double>& w, Config c) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (i != j && opposite(c, i, j)) e += w[idx(i * n + j)];
  return e;
}

static LandscapeMinimum landscape_minimum_small(int n, const std::vector<double>& w) {
  const Config count = Config{1} << (n - 1);
  Config c = 0;
  double e = 0;
  MinimumTracker tracker;  // configuration 0 has energy 0
  for (Config g = 1; g < count; ++g) {
    const int a = __builtin_ctz(g) + 1;
    e += switch_delta(n, w, c, a);
    c ^= Config{1} << a;
    tracker.see(e, c);
  }
  return tracker.result(count);
}

LandscapeMinimum landscape_minimum(int n, const std::vector<double>& w) {
  // Up to 8 actors the side patterns are short enough for the branch predictor: keep the branch.
  if (n <= 8) return landscape_minimum_small(n, w);
  // Same additions in the same order as switch_delta (so the same energies, bit for bit), without
  // its data-dependent branch: the side test becomes a multiplication by s_a s_j = +1 or -1
  // (exact). n <= 20 (the loader's limit; Config has 32 bits).
  const auto N = idx(n);
  double side[32];
  for (std::size_t j = 0; j < N; ++j) side[j] = 1.0;  // +1: actor 0's side, -1: the other
  const Config count = Config{1} << (n - 1);
  Config c = 0;
  double e = 0;
  MinimumTracker tracker;  // configuration 0 has energy 0
  for (Config g = 1; g < count; ++g) {
    const auto a = idx(__builtin_ctz(g) + 1);
    const double* wa = &w[a * N];
    const double sa = side[a];
    double delta = 0;
    for (std::size_t j = 0; j < N; ++j) {
      if (j == a) continue;  // the same j every time for a given a: predicted
      delta += (wa[j] + w[j * N + a]) * (sa * side[j]);
    }
    e += delta;
    side[a] = -sa;
    c ^= Config{1} << a;
    tracker.see(e, c);
  }
  return tracker.result(count);
}

std::vector<std::pair<Config, double>> landscape_ranking(int n, const std::vector<double>& w) {
  std::vector<std::pair<Config, double>> all;
  const Config count = Config{1} << (n - 1);
  all.reserve(count);
  for (Config c = 0; c < count; ++c) all.emplace_back(c << 1, landscape_energy(n, w, c << 1));
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second < y.second : x.first < y.first;
  });
  return all;
}

bool is_local_minimum(int n, const std::vector<double>& w, Config c) {
  for (int a = 0; a < n; ++a)
    if (switch_delta(n, w, c, a) < 0) return false;
  return true;
}

void landscape_weights(int n, const std::vector<double>& sizes, const std::vector<double>& p, std::vector<double>& w) {
  w.resize(idx(n * n));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      w[idx(i * n + j)] = i == j ? 0.0 : sizes[idx(i)] * sizes[idx(j)] * p[idx(i * n + j)];
}

std::string config_label(Config c, const std::vector<std::string>& ids) {
  std::string sides[2];
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::string& s = sides[(c >> i) & 1u];
    s += (s.empty() ? "" : ", ") + ids[i];
  }
  return "{" + sides[0] + "} | {" + sides[1] + "}";
}

}  // namespace simrun
