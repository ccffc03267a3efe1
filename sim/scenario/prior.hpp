#pragma once
// Prior distributions of uncertain scenario inputs: what an analyst believes about a number
// before the data (docs/uncertainty.md). Each prior is a proper distribution on a bounded or
// half-bounded interval inside its field's range, given by its quantile function (draws are
// quantile(u) of a counter-based uniform, so the same u gives the same quantile in every
// variant: common random numbers) and its log density (importance weights in calibration).
#include <string>
#include <utility>
#include <vector>

namespace simrun {

class Prior {
 public:
  enum class Kind { Uniform, LogUniform, Normal, Beta, Triangular };

  Prior() = default;  ///< uniform on [0, 1]

  /// Uniform on [low, high]. @throws std::invalid_argument unless low < high, both finite.
  static Prior uniform(double low, double high);
  /// Log-uniform on [low, high] (uniform in log x). @throws std::invalid_argument unless 0 < low < high.
  static Prior loguniform(double low, double high);
  /// Normal(mean, sd) truncated to [low, high] (infinite bounds allowed; the loader passes the
  /// field's range). @throws std::invalid_argument unless sd > 0 and the interval keeps at least
  /// 1e-12 of the normal's mass.
  static Prior normal(double mean, double sd, double low, double high);
  /// Beta(alpha, beta) rescaled from [0, 1] to [low, high].
  /// @throws std::invalid_argument unless alpha, beta > 0 and low < high, both finite.
  static Prior beta(double alpha, double beta, double low = 0.0, double high = 1.0);
  /// Triangular on [low, high] with its peak at mode.
  /// @throws std::invalid_argument unless low <= mode <= high and low < high, all finite.
  static Prior triangular(double low, double mode, double high);

  /// Builds a prior from a distribution name ("uniform", "loguniform", "normal", "beta",
  /// "triangular") and its named parameters (as written in a scenario: low, high, mean, sd,
  /// alpha, beta, mode). `field_low`/`field_high` are the field's range: a normal is truncated to
  /// it unless low/high narrow it, a beta defaults to [0, 1]. @throws std::invalid_argument with a
  /// message naming the missing, unknown or invalid parameter.
  static Prior from_named(const std::string& dist, const std::vector<std::pair<std::string, double>>& params,
                          double field_low, double field_high);

  /// Parses the compact form used by `--set PATH~EXPR`: "loguniform(2, 8)", "normal(0.6, 0.2)",
  /// "normal(0.6, 0.2, 0, 1)", "beta(2, 5)", "beta(2, 5, 0, 0.5)", "triangular(1, 2, 3)",
  /// "uniform(0.3, 0.9)". @throws std::invalid_argument if the text is not one of these.
  static Prior parse(const std::string& expression, double field_low, double field_high);

  /// The distribution names accepted by from_named and parse.
  static const std::vector<std::string>& names();

  Kind kind() const { return kind_; }
  const char* name() const;
  /// The value below which a fraction u of the mass lies, u in (0, 1) (clamped to [0, 1]).
  double quantile(double u) const;
  /// P(X <= x).
  double cdf(double x) const;
  /// log of the density at x; -infinity outside [lower(), upper()].
  double log_density(double x) const;
  double lower() const { return low_; }   ///< support's lower bound (may be -infinity for a normal)
  double upper() const { return high_; }  ///< support's upper bound (may be +infinity for a normal)
  double mean() const;
  double variance() const;
  /// True if x lies in the support.
  bool contains(double x) const { return x >= low_ && x <= high_; }
  /// The parameters as a scenario writes them, e.g. {{"low", 2}, {"high", 8}}.
  std::vector<std::pair<std::string, double>> named_parameters() const;
  /// "loguniform(low=2, high=8)" for summaries and messages.
  std::string describe() const;

 private:
  Prior(Kind kind, double p1, double p2, double low, double high);
  Kind kind_ = Kind::Uniform;
  double p1_ = 0, p2_ = 0;    ///< mean and sd (normal), alpha and beta (beta), mode (triangular)
  double low_ = 0, high_ = 1;
  double mass_lo_ = 0, mass_ = 1;  ///< normal: Φ(α) (Q(α) = 1 - Φ(α) when α > 0) and the mass kept
};

}  // namespace simrun
