#pragma once

/// @file
/// Scores of prediction intervals and quantile forecasts: empirical coverage, the Winkler
/// (interval) score, MSIS and the pinball (quantile) loss. Lower scores are better, except
/// coverage, which should be close to the nominal level. See docs/accuracy.md.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/metrics_common.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/metrics/scaled_metrics.hpp"

namespace invforecast {

namespace detail {

/// actual non-empty, lower/upper the same length, all finite, lower <= upper.
template <std::floating_point T>
void check_interval(std::string_view function, std::span<const T> actual, std::span<const T> lower,
                    std::span<const T> upper) {
  check_actual_forecast(function, actual, lower);
  if (upper.size() != actual.size()) {
    throw_invalid_value(function, "upper.size()", upper.size(),
                        "equal to actual.size() = " + std::to_string(actual.size()));
  }
  check_all_bounded(function, "upper", upper);
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (!(lower[i] <= upper[i])) {
      throw_invalid_value(function, "lower[" + std::to_string(i) + "]", lower[i],
                          "<= upper[" + std::to_string(i) + "] = " + format_value(upper[i]));
    }
  }
}

}  // namespace detail

/// Empirical coverage: the fraction of actuals inside their closed interval [lower, upper].
/// A well-calibrated interval at level p covers about p of the actuals.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when sizes differ, a value is not finite or lower > upper.
template <std::floating_point T>
[[nodiscard]] T interval_coverage(std::span<const T> actual, std::span<const T> lower,
                                  std::span<const T> upper) {
  detail::check_interval("interval_coverage", actual, lower, upper);
  std::size_t inside = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] >= lower[i] && actual[i] <= upper[i]) ++inside;
  }
  return static_cast<T>(inside) / static_cast<T>(actual.size());
}

/// Mean Winkler (interval) score of central intervals at `level` (a = 1 - level):
/// \f$ W_t = (u_t - l_t) + \frac{2}{a}(l_t - y_t)[y_t < l_t] + \frac{2}{a}(y_t - u_t)[y_t > u_t]
/// \f$. It rewards narrow intervals and penalises misses in proportion to their distance.
/// Source: Winkler (1972), JASA 67, 187-191; Gneiting & Raftery (2007).
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when sizes differ, a value is not finite, lower > upper or level
///   is not in (0, 1).
template <std::floating_point T>
[[nodiscard]] T winkler_score(std::span<const T> actual, std::span<const T> lower,
                              std::span<const T> upper, T level) {
  detail::check_interval("winkler_score", actual, lower, upper);
  detail::check_level("winkler_score", "level", level);
  const T penalty = T(2) / (T(1) - level);
  T sum{};
  for (std::size_t i = 0; i < actual.size(); ++i) {
    T w = upper[i] - lower[i];
    if (actual[i] < lower[i]) w += penalty * (lower[i] - actual[i]);
    if (actual[i] > upper[i]) w += penalty * (actual[i] - upper[i]);
    sum += w;
  }
  return sum / static_cast<T>(actual.size());
}

/// Mean scaled interval score (M4 competition): winkler_score / mase_scale(training, m).
/// @return MSIS, or empty when the scale is 0 (undefined).
/// @throws insufficient_data when actual is empty or training has <= m values.
/// @throws invalid_argument as winkler_score, or when m < 1 or training is not finite.
template <std::floating_point T>
[[nodiscard]] std::optional<T> mean_scaled_interval_score(std::span<const T> actual,
                                                          std::span<const T> lower,
                                                          std::span<const T> upper, T level,
                                                          std::span<const T> training,
                                                          int season_length = 1) {
  const T w = winkler_score(actual, lower, upper, level);
  const auto q = mase_scale(training, season_length);
  if (!q) return std::nullopt;
  return detail::finite_or_empty(w / *q);
}

/// Mean pinball (quantile) loss of a quantile forecast q_t at probability tau:
/// \f$ \frac1n\sum_t \max(\tau (y_t - q_t), (\tau - 1)(y_t - q_t)) \f$.
/// Minimised in expectation by the true tau-quantile; at tau = 0.5 it is MAE / 2.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when sizes differ, a value is not finite or tau is not in (0, 1).
template <std::floating_point T>
[[nodiscard]] T pinball_loss(std::span<const T> actual, std::span<const T> quantile, T tau) {
  detail::check_actual_forecast("pinball_loss", actual, quantile);
  detail::check_level("pinball_loss", "tau", tau);
  T sum{};
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const T d = actual[i] - quantile[i];
    sum += d >= 0 ? tau * d : (tau - T(1)) * d;
  }
  return sum / static_cast<T>(actual.size());
}

/// Scores of one prediction interval against the actuals.
template <std::floating_point T = double>
struct interval_accuracy {
  /// Nominal level of the interval.
  T level{};
  /// Empirical coverage (fraction inside).
  T coverage{};
  /// Mean width \f$ \frac1n\sum (u_t - l_t) \f$.
  T mean_width{};
  /// Mean Winkler score.
  T winkler{};
  /// Pinball loss of the lower bound at (1 - level)/2 and of the upper at (1 + level)/2.
  T pinball_lower{};
  T pinball_upper{};
};

/// Coverage, width, Winkler and pinball scores of the interval [lower, upper] at `level`.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when sizes differ, a value is not finite, lower > upper, or level
///   is not in (0, 1).
/// Complexity: O(n), no allocation.
template <std::floating_point T>
[[nodiscard]] interval_accuracy<T> score_interval(std::span<const T> actual,
                                                  std::span<const T> lower,
                                                  std::span<const T> upper, T level) {
  interval_accuracy<T> r;
  r.level = level;
  r.coverage = interval_coverage(actual, lower, upper);
  r.winkler = winkler_score(actual, lower, upper, level);
  T width{};
  for (std::size_t i = 0; i < actual.size(); ++i) width += upper[i] - lower[i];
  r.mean_width = width / static_cast<T>(actual.size());
  r.pinball_lower = pinball_loss(actual, lower, (T(1) - level) / 2);
  r.pinball_upper = pinball_loss(actual, upper, (T(1) + level) / 2);
  return r;
}

/// Coverage, width, Winkler and pinball scores of an interval; the actuals cover the first
/// actual.size() steps of the interval.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the interval has fewer steps than actual, a value is not
///   finite, lower > upper, or its level is not in (0, 1).
template <std::floating_point T>
[[nodiscard]] interval_accuracy<T> score_interval(std::span<const T> actual,
                                                  const prediction_interval<T>& interval) {
  constexpr const char* fn = "score_interval";
  detail::check_not_empty(fn, "actual", actual);
  detail::check_level(fn, "interval.level", interval.level);
  if (interval.lower.size() < actual.size() || interval.upper.size() < actual.size()) {
    detail::throw_invalid_value(fn, "interval steps",
                                std::min(interval.lower.size(), interval.upper.size()),
                                ">= actual.size() = " + std::to_string(actual.size()));
  }
  return score_interval(actual, std::span<const T>(interval.lower.data(), actual.size()),
                        std::span<const T>(interval.upper.data(), actual.size()), interval.level);
}

}  // namespace invforecast
