#pragma once
// Axelrod-Bennett landscape theory of aggregation (Axelrod & Bennett 1993, British Journal of Political Science): bipartitions of the actors
// into two blocs, energy E(X) = Σ_i Σ_{j≠i} s_i s_j p_ij d_ij(X) over ordered pairs, with
// d_ij = 1 when i and j are on opposite sides. Configurations are bitmasks with actor 0 on
// side 0 (bit i set = actor i on the other side), so there are 2^(N-1) of them.
#include <cstdint>
#include <string>
#include <vector>

namespace simrun {

using Config = std::uint32_t;

/// Energy of one configuration. `weights` is N*N with w_ij = s_i s_j p_ij.
double landscape_energy(int n, const std::vector<double>& weights, Config config);

struct LandscapeMinimum {
  Config best = 0;
  double energy = 0;
  double gap = 0;  ///< energy of the runner-up minus the best (0 if tied)
};

/// Exact global minimum by Gray-code enumeration: O(2^(N-1) N). Ties go to the smaller config.
LandscapeMinimum landscape_minimum(int n, const std::vector<double>& weights);

/// Every configuration with its energy, best first (ties by config), for the t0 ranking.
std::vector<std::pair<Config, double>> landscape_ranking(int n, const std::vector<double>& weights);

/// True if no single actor switching sides lowers the energy (a local minimum).
bool is_local_minimum(int n, const std::vector<double>& weights, Config config);

/// w_ij = s_i s_j p_ij from sizes and an N*N propensity matrix.
void landscape_weights(int n, const std::vector<double>& sizes, const std::vector<double>& propensity,
                       std::vector<double>& weights);

/// "{USA, IND} | {CHN, RUS, PAK}" (actor 0's side first).
std::string config_label(Config config, const std::vector<std::string>& ids);

}  // namespace simrun
