#pragma once

/// @file
/// Internal helpers shared by the metrics/ headers: argument checks for paired
/// actual/forecast spans and the seasonal-difference scale of MASE and RMSSE.

#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "invforecast/detail/check.hpp"

namespace invforecast::detail {

/// Both spans non-empty (insufficient_data otherwise), the same length and every value finite
/// with |x| <= max_magnitude (invalid_argument otherwise).
template <std::floating_point T>
void check_actual_forecast(std::string_view function, std::span<const T> actual,
                           std::span<const T> forecast) {
  check_not_empty(function, "actual", actual);
  if (forecast.size() != actual.size()) {
    throw_invalid_value(function, "forecast.size()", forecast.size(),
                        "equal to actual.size() = " + std::to_string(actual.size()));
  }
  check_all_bounded(function, "actual", actual);
  check_all_bounded(function, "forecast", forecast);
}

/// Season length m >= 1 and a training span long enough for at least one lag-m difference.
template <std::floating_point T>
void check_training(std::string_view function, std::span<const T> training, int season_length) {
  check_positive(function, "season_length", season_length);
  if (training.size() <= static_cast<std::size_t>(season_length)) {
    throw_insufficient(
        function, "training has " + std::to_string(training.size()) +
                      " values, needs more than season_length = " + std::to_string(season_length));
  }
  check_all_bounded(function, "training", training);
}

/// Mean of |y_t - y_{t-m}|^p (p = 1 or 2) over t = first + m .. n-1 (training checked by the
/// caller; first + m < n).
template <std::floating_point T>
T seasonal_difference_mean(std::span<const T> training, std::size_t m, std::size_t first,
                           bool squared) noexcept {
  T sum{};
  for (std::size_t t = first + m; t < training.size(); ++t) {
    const T d = training[t] - training[t - m];
    sum += squared ? d * d : (d < 0 ? -d : d);
  }
  return sum / static_cast<T>(training.size() - first - m);
}

}  // namespace invforecast::detail
