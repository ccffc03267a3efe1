#include "sim/calibrate/support_transform.hpp"

#include <cmath>

namespace simrun {
namespace {

enum class Shape { Interval, Lower, Upper, Line, Point };

Shape shape_of(const SupportBounds& b) {
  const bool lo = std::isfinite(b.lower), hi = std::isfinite(b.upper);
  if (lo && hi) return b.lower == b.upper ? Shape::Point : Shape::Interval;
  return lo ? Shape::Lower : hi ? Shape::Upper : Shape::Line;
}

}  // namespace

double SupportTransform::forward(std::size_t k, double theta) const {
  const SupportBounds& b = bounds_[k];
  switch (shape_of(b)) {
    case Shape::Interval: return std::log(theta - b.lower) - std::log(b.upper - theta);
    case Shape::Lower: return std::log(theta - b.lower);
    case Shape::Upper: return -std::log(b.upper - theta);
    case Shape::Point: return 0.0;
    case Shape::Line: break;
  }
  return theta;
}

double SupportTransform::inverse(std::size_t k, double u) const {
  const SupportBounds& b = bounds_[k];
  switch (shape_of(b)) {
    case Shape::Interval: {
      // Measured from the nearer bound, so σ(u) close to 0 or 1 keeps its relative precision.
      const double width = b.upper - b.lower;
      return u >= 0 ? b.upper - width / (1.0 + std::exp(u)) : b.lower + width / (1.0 + std::exp(-u));
    }
    case Shape::Lower: return b.lower + std::exp(u);
    case Shape::Upper: return b.upper - std::exp(-u);
    case Shape::Point: return b.lower;
    case Shape::Line: break;
  }
  return u;
}

double SupportTransform::log_derivative(std::size_t k, double theta) const {
  const SupportBounds& b = bounds_[k];
  switch (shape_of(b)) {
    case Shape::Interval: return std::log(b.upper - b.lower) - std::log(theta - b.lower) - std::log(b.upper - theta);
    case Shape::Lower: return -std::log(theta - b.lower);
    case Shape::Upper: return -std::log(b.upper - theta);
    case Shape::Point:
    case Shape::Line: break;
  }
  return 0.0;
}

bool SupportTransform::interior(std::size_t k, double theta) const {
  const SupportBounds& b = bounds_[k];
  if (shape_of(b) == Shape::Point) return theta == b.lower;
  return theta > b.lower && theta < b.upper && std::isfinite(theta);
}

Eigen::VectorXd SupportTransform::forward(const Eigen::VectorXd& theta) const {
  Eigen::VectorXd u(theta.size());
  for (Eigen::Index k = 0; k < theta.size(); ++k) u(k) = forward(static_cast<std::size_t>(k), theta(k));
  return u;
}

Eigen::VectorXd SupportTransform::inverse(const Eigen::VectorXd& u) const {
  Eigen::VectorXd theta(u.size());
  for (Eigen::Index k = 0; k < u.size(); ++k) theta(k) = inverse(static_cast<std::size_t>(k), u(k));
  return theta;
}

Eigen::MatrixXd SupportTransform::forward_rows(const Eigen::MatrixXd& theta) const {
  Eigen::MatrixXd u(theta.rows(), theta.cols());
  for (Eigen::Index i = 0; i < theta.rows(); ++i)
    for (Eigen::Index k = 0; k < theta.cols(); ++k) u(i, k) = forward(static_cast<std::size_t>(k), theta(i, k));
  return u;
}

double SupportTransform::log_jacobian(const Eigen::VectorXd& theta) const {
  double sum = 0;
  for (Eigen::Index k = 0; k < theta.size(); ++k) sum += log_derivative(static_cast<std::size_t>(k), theta(k));
  return sum;
}

bool SupportTransform::interior(const Eigen::VectorXd& theta) const {
  for (Eigen::Index k = 0; k < theta.size(); ++k)
    if (!interior(static_cast<std::size_t>(k), theta(k))) return false;
  return true;
}

}  // namespace simrun
