#include "sim/scenario/prior.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/number_text.hpp"

namespace simrun {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const boost::math::normal_distribution<double> kStdNormal(0.0, 1.0);

/// Φ and its complement, exact at ±infinity (Boost refuses infinite arguments).
double Phi(double z) { return std::isinf(z) ? (z > 0 ? 1.0 : 0.0) : boost::math::cdf(kStdNormal, z); }
double Q(double z) { return std::isinf(z) ? (z > 0 ? 0.0 : 1.0) : boost::math::cdf(boost::math::complement(kStdNormal, z)); }
double phi(double z) { return std::isinf(z) ? 0.0 : boost::math::pdf(kStdNormal, z); }
double z_phi(double z) { return std::isinf(z) ? 0.0 : z * phi(z); }  // z φ(z) -> 0 at ±infinity

[[noreturn]] void bad(const std::string& msg) { throw std::invalid_argument(msg); }

std::string num(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

void require_finite(double v, const char* what) {
  if (!std::isfinite(v)) bad(std::string(what) + " must be a finite number");
}

void require_ordered(double low, double high) {
  require_finite(low, "low");
  require_finite(high, "high");
  if (!(low < high)) bad("expected low < high, got low " + num(low) + ", high " + num(high));
}

/// Named-parameter lookup that remembers which names were used, so unknown ones can be refused.
class Params {
 public:
  Params(const std::string& dist, const std::vector<std::pair<std::string, double>>& p) : dist_(dist), p_(p) {}
  bool has(const char* key) const {
    for (const auto& kv : p_)
      if (kv.first == key) return true;
    return false;
  }
  double get(const char* key) {
    used_.emplace_back(key);
    for (const auto& kv : p_)
      if (kv.first == key) return kv.second;
    bad(dist_ + " prior needs '" + key + "'");
  }
  double get_or(const char* key, double fallback) { return has(key) ? get(key) : (used_.emplace_back(key), fallback); }
  void refuse_unknown() const {
    for (const auto& kv : p_)
      if (std::find(used_.begin(), used_.end(), kv.first) == used_.end())
        bad("a " + dist_ + " prior takes " + expected() + ", not '" + kv.first + "'");
  }

 private:
  std::string expected() const {
    std::string s;
    for (std::size_t k = 0; k < used_.size(); ++k) s += (k ? (k + 1 == used_.size() ? " and " : ", ") : "") + used_[k];
    return s;
  }
  std::string dist_;
  const std::vector<std::pair<std::string, double>>& p_;
  std::vector<std::string> used_;
};

/// The positional parameter names of each distribution in the compact `--set PATH~EXPR` form.
std::vector<const char*> positional_names(const std::string& dist, std::size_t count) {
  if (dist == "uniform" || dist == "loguniform") return {"low", "high"};
  if (dist == "triangular") return {"low", "mode", "high"};
  if (dist == "normal") return count > 2 ? std::vector<const char*>{"mean", "sd", "low", "high"} : std::vector<const char*>{"mean", "sd"};
  if (dist == "beta") return count > 2 ? std::vector<const char*>{"alpha", "beta", "low", "high"} : std::vector<const char*>{"alpha", "beta"};
  return {};
}

}  // namespace

Prior::Prior(Kind kind, double p1, double p2, double low, double high)
    : kind_(kind), p1_(p1), p2_(p2), low_(low), high_(high) {}

Prior Prior::uniform(double low, double high) {
  require_ordered(low, high);
  return Prior(Kind::Uniform, 0, 0, low, high);
}

Prior Prior::loguniform(double low, double high) {
  require_ordered(low, high);
  if (!(low > 0)) bad("a loguniform prior needs low > 0, got " + num(low));
  return Prior(Kind::LogUniform, 0, 0, low, high);
}

Prior Prior::normal(double mean, double sd, double low, double high) {
  require_finite(mean, "mean");
  require_finite(sd, "sd");
  if (!(sd > 0)) bad("a normal prior needs sd > 0, got " + num(sd));
  if (std::isnan(low) || std::isnan(high) || !(low < high)) bad("expected low < high, got low " + num(low) + ", high " + num(high));
  Prior p(Kind::Normal, mean, sd, low, high);
  // Above the mean, work with upper tails Q = 1 - Φ, which keep their digits there.
  const double a = (low - mean) / sd, b = (high - mean) / sd;
  p.mass_lo_ = a > 0 ? Q(a) : Phi(a);
  p.mass_ = a > 0 ? Q(a) - Q(b) : Phi(b) - p.mass_lo_;
  // Beyond that the truncated normal is numerically a point: refuse rather than mislead.
  if (!(p.mass_ >= 1e-12))
    bad("normal(" + num(mean) + ", " + num(sd) + ") has almost no mass in [" + num(low) + ", " + num(high) + "]");
  return p;
}

Prior Prior::beta(double alpha, double b, double low, double high) {
  require_finite(alpha, "alpha");
  require_finite(b, "beta");
  if (!(alpha > 0) || !(b > 0)) bad("a beta prior needs alpha > 0 and beta > 0, got " + num(alpha) + ", " + num(b));
  require_ordered(low, high);
  return Prior(Kind::Beta, alpha, b, low, high);
}

Prior Prior::triangular(double low, double mode, double high) {
  require_ordered(low, high);
  require_finite(mode, "mode");
  if (mode < low || mode > high) bad("a triangular prior needs low <= mode <= high, got mode " + num(mode));
  return Prior(Kind::Triangular, mode, 0, low, high);
}

const std::vector<std::string>& Prior::names() {
  static const std::vector<std::string> n = {"uniform", "loguniform", "normal", "beta", "triangular"};
  return n;
}

Prior Prior::from_named(const std::string& dist, const std::vector<std::pair<std::string, double>>& params,
                        double field_low, double field_high) {
  Params p(dist, params);
  Prior out;
  if (dist == "uniform") {
    const double low = p.get("low");
    out = uniform(low, p.get("high"));
  } else if (dist == "loguniform") {
    const double low = p.get("low");
    out = loguniform(low, p.get("high"));
  } else if (dist == "normal") {
    const double mean = p.get("mean"), sd = p.get("sd");
    const double low = p.get_or("low", field_low);
    out = normal(mean, sd, low, p.get_or("high", field_high));
  } else if (dist == "beta") {
    const double a = p.get("alpha"), b = p.get("beta");
    const double low = p.get_or("low", 0.0);
    out = beta(a, b, low, p.get_or("high", 1.0));
  } else if (dist == "triangular") {
    const double low = p.get("low"), mode = p.get("mode");
    out = triangular(low, mode, p.get("high"));
  } else {
    std::string list;
    for (const auto& n : names()) list += (list.empty() ? "" : ", ") + n;
    bad("unknown distribution '" + dist + "' (expected one of " + list + ")");
  }
  p.refuse_unknown();
  if (out.lower() < field_low || out.upper() > field_high)
    bad("the prior's support [" + num(out.lower()) + ", " + num(out.upper()) + "] leaves the field's range [" +
        num(field_low) + ", " + num(field_high) + "]");
  return out;
}

Prior Prior::parse(const std::string& expression, double field_low, double field_high) {
  const auto open = expression.find('(');
  if (open == std::string::npos || expression.empty() || expression.back() != ')')
    bad("expected a prior like loguniform(2, 8), got '" + expression + "'");
  const std::string dist = expression.substr(0, open);
  std::vector<double> values;
  std::stringstream args(expression.substr(open + 1, expression.size() - open - 2));
  for (std::string item; std::getline(args, item, ',');) {
    const auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    double v = 0;
    if (b == std::string::npos || !parse_finite_number(item.substr(b, e - b + 1), v))
      bad("expected numbers inside " + dist + "(...), got '" + item + "'");
    values.push_back(v);
  }
  const auto keys = positional_names(dist, values.size());
  if (keys.empty()) return from_named(dist, {}, field_low, field_high);  // reports the unknown name
  if (keys.size() != values.size())
    bad(dist + "(...) takes " + std::to_string(keys.size()) + " numbers here, got " + std::to_string(values.size()));
  std::vector<std::pair<std::string, double>> named;
  for (std::size_t k = 0; k < keys.size(); ++k) named.emplace_back(keys[k], values[k]);
  return from_named(dist, named, field_low, field_high);
}

const char* Prior::name() const {
  switch (kind_) {
    case Kind::Uniform: return "uniform";
    case Kind::LogUniform: return "loguniform";
    case Kind::Normal: return "normal";
    case Kind::Beta: return "beta";
    case Kind::Triangular: return "triangular";
  }
  return "uniform";
}

double Prior::quantile(double u) const {
  if (!(u > 0)) return low_;
  if (u >= 1) return high_;
  const double w = high_ - low_;
  switch (kind_) {
    case Kind::Uniform: return low_ + u * w;
    case Kind::LogUniform: return std::min(high_, low_ * std::exp(u * std::log(high_ / low_)));
    case Kind::Normal: {
      // Invert on the side of the mean away from the truncation, where Φ keeps its precision.
      const double alpha = (low_ - p1_) / p2_;
      double z = 0;
      if (alpha <= 0) {
        z = boost::math::quantile(kStdNormal, std::clamp(mass_lo_ + u * mass_, 1e-300, 1.0 - 1e-16));
      } else {
        const double tail = std::clamp(mass_lo_ - u * mass_, 1e-300, 1.0 - 1e-16);
        z = boost::math::quantile(boost::math::complement(kStdNormal, tail));
      }
      return std::clamp(p1_ + p2_ * z, low_, high_);
    }
    case Kind::Beta:
      return low_ + w * boost::math::quantile(boost::math::beta_distribution<double>(p1_, p2_), u);
    case Kind::Triangular: {
      const double split = (p1_ - low_) / w;
      return u < split ? low_ + std::sqrt(u * w * (p1_ - low_)) : high_ - std::sqrt((1 - u) * w * (high_ - p1_));
    }
  }
  return low_;
}

double Prior::cdf(double x) const {
  if (x <= low_) return 0;
  if (x >= high_) return 1;
  const double w = high_ - low_;
  switch (kind_) {
    case Kind::Uniform: return (x - low_) / w;
    case Kind::LogUniform: return std::log(x / low_) / std::log(high_ / low_);
    case Kind::Normal:
      return low_ > p1_ ? (mass_lo_ - Q((x - p1_) / p2_)) / mass_ : (Phi((x - p1_) / p2_) - mass_lo_) / mass_;
    case Kind::Beta: return boost::math::cdf(boost::math::beta_distribution<double>(p1_, p2_), (x - low_) / w);
    case Kind::Triangular:
      return x <= p1_ ? (x - low_) * (x - low_) / (w * (p1_ - low_))
                      : 1 - (high_ - x) * (high_ - x) / (w * (high_ - p1_));
  }
  return 0;
}

double Prior::log_density(double x) const {
  if (std::isnan(x) || x < low_ || x > high_) return -kInf;
  const double w = high_ - low_;
  switch (kind_) {
    case Kind::Uniform: return -std::log(w);
    case Kind::LogUniform: return -std::log(x) - std::log(std::log(high_ / low_));
    case Kind::Normal: {
      const double z = (x - p1_) / p2_;
      return -0.5 * z * z - 0.5 * std::log(2 * M_PI) - std::log(p2_) - std::log(mass_);
    }
    case Kind::Beta: {
      const double t = (x - low_) / w;
      const double log_beta_fn = std::lgamma(p1_) + std::lgamma(p2_) - std::lgamma(p1_ + p2_);
      // At an endpoint the density is 0 or infinite depending on the shape: let log() say which.
      return (p1_ - 1) * std::log(t) + (p2_ - 1) * std::log1p(-t) - log_beta_fn - std::log(w);
    }
    case Kind::Triangular: {
      const double d = x < p1_ ? 2 * (x - low_) / (w * (p1_ - low_))
                     : x > p1_ ? 2 * (high_ - x) / (w * (high_ - p1_))
                               : 2 / w;
      return std::log(d);
    }
  }
  return -kInf;
}

double Prior::mean() const {
  const double w = high_ - low_;
  switch (kind_) {
    case Kind::Uniform: return 0.5 * (low_ + high_);
    case Kind::LogUniform: return w / std::log(high_ / low_);
    case Kind::Normal: {
      const double a = (low_ - p1_) / p2_, b = (high_ - p1_) / p2_;
      return p1_ + p2_ * (phi(a) - phi(b)) / mass_;
    }
    case Kind::Beta: return low_ + w * p1_ / (p1_ + p2_);
    case Kind::Triangular: return (low_ + p1_ + high_) / 3;
  }
  return 0;
}

double Prior::variance() const {
  const double w = high_ - low_;
  switch (kind_) {
    case Kind::Uniform: return w * w / 12;
    case Kind::LogUniform: {
      const double L = std::log(high_ / low_);
      const double second = (high_ * high_ - low_ * low_) / (2 * L);
      return second - mean() * mean();
    }
    case Kind::Normal: {
      const double a = (low_ - p1_) / p2_, b = (high_ - p1_) / p2_;
      const double r = (phi(a) - phi(b)) / mass_;
      return p2_ * p2_ * (1 + (z_phi(a) - z_phi(b)) / mass_ - r * r);
    }
    case Kind::Beta: {
      const double s = p1_ + p2_;
      return w * w * p1_ * p2_ / (s * s * (s + 1));
    }
    case Kind::Triangular: {
      const double c = p1_;
      return (low_ * low_ + c * c + high_ * high_ - low_ * c - low_ * high_ - c * high_) / 18;
    }
  }
  return 0;
}

std::vector<std::pair<std::string, double>> Prior::named_parameters() const {
  switch (kind_) {
    case Kind::Uniform:
    case Kind::LogUniform: return {{"low", low_}, {"high", high_}};
    case Kind::Normal: return {{"mean", p1_}, {"sd", p2_}, {"low", low_}, {"high", high_}};
    case Kind::Beta: return {{"alpha", p1_}, {"beta", p2_}, {"low", low_}, {"high", high_}};
    case Kind::Triangular: return {{"low", low_}, {"mode", p1_}, {"high", high_}};
  }
  return {};
}

std::string Prior::describe() const {
  std::ostringstream os;
  os << name() << "(";
  bool first = true;
  for (const auto& kv : named_parameters()) {
    os << (first ? "" : ", ") << kv.first << "=" << kv.second;
    first = false;
  }
  os << ")";
  return os.str();
}

}  // namespace simrun
