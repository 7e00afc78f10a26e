#pragma once

/// @file
/// Scale-free accuracy: MASE (Hyndman & Koehler 2006) and RMSSE (M5 competition, Makridakis
/// et al. 2022). The scale comes from the TRAINING data, so values compare across items of
/// very different volume; 1 means "as accurate as the in-sample (seasonal) naive forecast".

#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/metrics_common.hpp"
#include "invforecast/metrics/point_metrics.hpp"

namespace invforecast {

/// MASE scale: mean absolute lag-m difference of the training data,
/// \f$ Q = \frac{1}{n-m}\sum_{t=m+1}^{n} |y_t - y_{t-m}| \f$ (m = 1: first differences).
/// This is R's accuracy() scale for a ts of frequency m.
/// @return Q, or empty when Q = 0 (constant seasonal pattern: any scaled error is undefined).
/// @throws invalid_argument when season_length < 1 or a value is not finite.
/// @throws insufficient_data when training has no more than season_length values.
template <std::floating_point T>
[[nodiscard]] std::optional<T> mase_scale(std::span<const T> training, int season_length = 1) {
  detail::check_training("mase_scale", training, season_length);
  const T q =
      detail::seasonal_difference_mean(training, static_cast<std::size_t>(season_length), 0, false);
  if (!(q > 0)) return std::nullopt;
  return q;
}

/// RMSSE scale: mean squared lag-m difference of the training data counted from its first
/// non-zero value (leading zeros before a product's launch are not part of its history),
/// \f$ Q_2 = \frac{1}{n-f-m}\sum_{t=f+m+1}^{n} (y_t - y_{t-m})^2 \f$, f = leading zeros.
/// The M5 competition used m = 1.
/// @return Q_2, or empty when it is 0 or when fewer than m + 1 values follow the first
///   non-zero one.
/// @throws invalid_argument when season_length < 1 or a value is not finite.
/// @throws insufficient_data when training has no more than season_length values.
template <std::floating_point T>
[[nodiscard]] std::optional<T> rmsse_scale(std::span<const T> training, int season_length = 1) {
  detail::check_training("rmsse_scale", training, season_length);
  const auto m = static_cast<std::size_t>(season_length);
  std::size_t first = 0;
  while (first < training.size() && training[first] == 0) ++first;
  if (first + m >= training.size()) return std::nullopt;
  const T q = detail::seasonal_difference_mean(training, m, first, true);
  if (!(q > 0)) return std::nullopt;
  return q;
}

/// Mean absolute scaled error \f$ \mathrm{MASE} = \mathrm{MAE} / Q \f$ with Q = mase_scale.
///
/// Matches R's `accuracy(forecast(model on train), test)` MASE for a ts of frequency m.
/// @param actual test-period actuals; @param forecast the forecasts for them;
/// @param training the data the forecast was made from; @param season_length m >= 1.
/// @return MASE, or empty when the scale is 0 (undefined).
/// @throws insufficient_data when actual is empty or training has <= m values.
/// @throws invalid_argument when sizes differ, a value is not finite or m < 1.
template <std::floating_point T>
[[nodiscard]] std::optional<T> mean_absolute_scaled_error(std::span<const T> actual,
                                                          std::span<const T> forecast,
                                                          std::span<const T> training,
                                                          int season_length = 1) {
  const T mae = mean_absolute_error(actual, forecast);
  const auto q = mase_scale(training, season_length);
  if (!q) return std::nullopt;
  return detail::finite_or_empty(mae / *q);  // a denormal scale: undefined
}

/// Root mean squared scaled error \f$ \mathrm{RMSSE} = \sqrt{\mathrm{MSE} / Q_2} \f$ with
/// Q_2 = rmsse_scale (from the first non-zero training value; M5 convention m = 1).
/// @return RMSSE, or empty when the scale is undefined.
/// @throws insufficient_data when actual is empty or training has <= m values.
/// @throws invalid_argument when sizes differ, a value is not finite or m < 1.
template <std::floating_point T>
[[nodiscard]] std::optional<T> root_mean_squared_scaled_error(std::span<const T> actual,
                                                              std::span<const T> forecast,
                                                              std::span<const T> training,
                                                              int season_length = 1) {
  const T mse = mean_squared_error(actual, forecast);
  const auto q = rmsse_scale(training, season_length);
  if (!q) return std::nullopt;
  return detail::finite_or_empty(std::sqrt(mse / *q));
}

}  // namespace invforecast
