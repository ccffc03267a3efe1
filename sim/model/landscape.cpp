#include "sim/model/landscape.hpp"

#include <algorithm>
#include <limits>

namespace simrun {
namespace {

bool opposite(Config c, int i, int j) { return ((c >> i) & 1u) != ((c >> j) & 1u); }

/// Energy change when actor a switches sides in configuration c.
double switch_delta(int n, const std::vector<double>& w, Config c, int a) {
  double delta = 0;
  for (int j = 0; j < n; ++j) {
    if (j == a) continue;
    const double wij = w[static_cast<std::size_t>(a * n + j)] + w[static_cast<std::size_t>(j * n + a)];
    delta += opposite(c, a, j) ? -wij : wij;
  }
  return delta;
}

}  // namespace

double landscape_energy(int n, const std::vector<double>& w, Config c) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (i != j && opposite(c, i, j)) e += w[static_cast<std::size_t>(i * n + j)];
  return e;
}

LandscapeMinimum landscape_minimum(int n, const std::vector<double>& w) {
  LandscapeMinimum out;
  const Config count = Config{1} << (n - 1);
  Config c = 0;
  double e = 0;  // every actor on one side: no opposite pairs
  double best = e, second = std::numeric_limits<double>::infinity();
  Config best_c = 0;
  for (Config g = 1; g < count; ++g) {
    // Gray code: step g flips the bit of g's lowest set bit (actors 1..n-1).
    const int a = __builtin_ctz(g) + 1;
    e += switch_delta(n, w, c, a);
    c ^= Config{1} << a;
    if (e < best || (e == best && c < best_c)) {
      second = best;
      best = e;
      best_c = c;
    } else if (e < second) {
      second = e;
    }
  }
  out.best = best_c;
  out.energy = best;
  out.gap = count > 1 ? second - best : 0.0;
  return out;
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
  w.resize(static_cast<std::size_t>(n * n));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      w[static_cast<std::size_t>(i * n + j)] = i == j ? 0.0 : sizes[static_cast<std::size_t>(i)] * sizes[static_cast<std::size_t>(j)] * p[static_cast<std::size_t>(i * n + j)];
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
