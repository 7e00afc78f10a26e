#pragma once

/// @file
/// The result of every forecasting method: point forecasts and prediction intervals.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "invforecast/detail/check.hpp"

namespace invforecast {

/// Central prediction interval at one level (a probability in (0, 1), e.g. 0.95).
/// lower[h-1], upper[h-1] bound the demand of step h. Bounds are truncated at zero because
/// demand cannot be negative (see docs/forecasting.md).
template <std::floating_point T = double>
struct prediction_interval {
  T level{};
  std::vector<T> lower;
  std::vector<T> upper;
};

/// Point forecasts for steps 1..horizon and one interval per requested level, in the order
/// the levels were requested.
template <std::floating_point T = double>
struct forecast {
  std::vector<T> mean;
  std::vector<prediction_interval<T>> intervals;

  /// Number of steps forecast.
  [[nodiscard]] std::size_t horizon() const noexcept { return mean.size(); }

  /// Raises every point forecast and bound below zero to zero (demand cannot be negative).
  void truncate_at_zero() noexcept {
    const auto raise = [](std::vector<T>& values) {
      for (T& v : values) v = std::max(v, T(0));
    };
    raise(mean);
    for (auto& i : intervals) {
      raise(i.lower);
      raise(i.upper);
    }
  }

  /// The interval computed for `level` (compared with a tolerance of 64 machine epsilons of T,
  /// so 0.95f finds the interval computed for 0.95f).
  /// @throws invalid_argument when no interval at that level was computed.
  [[nodiscard]] const prediction_interval<T>& interval(T level) const {
    constexpr T tolerance = 64 * std::numeric_limits<T>::epsilon();
    for (const auto& i : intervals) {
      if (i.level > level - tolerance && i.level < level + tolerance) return i;
    }
    detail::throw_invalid_value("forecast::interval", "level", level, "one of the computed levels");
  }
};

/// The default interval levels: 80 % and 95 %, the two the ERP stores.
template <std::floating_point T = double>
inline const std::vector<T> default_levels{T(0.80), T(0.95)};

}  // namespace invforecast
