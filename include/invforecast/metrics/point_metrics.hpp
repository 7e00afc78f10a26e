#pragma once

/// @file
/// Point-forecast accuracy: MAE, RMSE, bias, MAPE, sMAPE, WAPE and the tracking signal over
/// paired actual/forecast spans, in the stored sign convention e_t = actual_t - forecast_t
/// (bias > 0 = under-forecasting). Ratio metrics whose denominator vanishes are reported as
/// undefined (an empty optional), never 0, NaN or infinity. See docs/accuracy.md.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/metrics_common.hpp"
#include "invforecast/metrics/tracking_signal.hpp"

namespace invforecast {

/// A ratio metric that skips terms with a zero denominator.
template <std::floating_point T = double>
struct ratio_metric {
  /// The metric over the terms used; empty when no term could be used (undefined).
  std::optional<T> value;
  /// Number of terms used.
  std::size_t used = 0;
  /// Number of terms skipped because their denominator was 0.
  std::size_t excluded = 0;
};

/// Every point metric of one actual/forecast pair of spans.
template <std::floating_point T = double>
struct accuracy_summary {
  /// Number of (actual, forecast) pairs.
  std::size_t n = 0;
  /// \f$ \sum y_t \f$ and \f$ \sum \hat y_t \f$.
  T total_actual{};
  T total_forecast{};
  /// Mean absolute error \f$ \frac1n\sum|e_t| \f$ (also the MAD of the tracking signal).
  T mae{};
  /// Root mean squared error \f$ \sqrt{\frac1n\sum e_t^2} \f$.
  T rmse{};
  /// Mean error \f$ \frac1n\sum e_t \f$; positive = under-forecasting (R's ME).
  T bias{};
  /// MAPE in percent over the non-zero actuals; empty when every actual is 0.
  std::optional<T> mape;
  /// Number of zero actuals MAPE left out.
  std::size_t mape_excluded_zeros = 0;
  /// sMAPE in percent (0..200) over the terms with |y|+|yhat| > 0; empty when none.
  std::optional<T> smape;
  /// Number of terms sMAPE left out (actual and forecast both 0).
  std::size_t smape_excluded = 0;
  /// WAPE as a fraction (\f$ \sum|e_t| / \sum|y_t| \f$); empty when every actual is 0.
  std::optional<T> wape;
  /// Cumulative tracking signal (sum e / MAD); empty when MAD = 0.
  std::optional<T> tracking_signal;
  /// |tracking_signal| > the limit (4 by default).
  bool tracking_alert = false;
};

/// Mean error (bias) \f$ \frac1n\sum_t (y_t - \hat y_t) \f$: positive = under-forecasting.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
template <std::floating_point T>
[[nodiscard]] T mean_error(std::span<const T> actual, std::span<const T> forecast) {
  detail::check_actual_forecast("mean_error", actual, forecast);
  T sum{};
  for (std::size_t i = 0; i < actual.size(); ++i) sum += actual[i] - forecast[i];
  return detail::check_result("mean_error", "result", sum / static_cast<T>(actual.size()));
}

/// Mean absolute error \f$ \frac1n\sum_t |y_t - \hat y_t| \f$.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
template <std::floating_point T>
[[nodiscard]] T mean_absolute_error(std::span<const T> actual, std::span<const T> forecast) {
  detail::check_actual_forecast("mean_absolute_error", actual, forecast);
  T sum{};
  for (std::size_t i = 0; i < actual.size(); ++i) sum += std::abs(actual[i] - forecast[i]);
  return detail::check_result("mean_absolute_error", "result", sum / static_cast<T>(actual.size()));
}

/// Mean squared error \f$ \frac1n\sum_t (y_t - \hat y_t)^2 \f$.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
template <std::floating_point T>
[[nodiscard]] T mean_squared_error(std::span<const T> actual, std::span<const T> forecast) {
  detail::check_actual_forecast("mean_squared_error", actual, forecast);
  T sum{};
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const T e = actual[i] - forecast[i];
    sum += e * e;
  }
  return detail::check_result("mean_squared_error", "result", sum / static_cast<T>(actual.size()));
}

/// Root mean squared error \f$ \sqrt{\frac1n\sum_t (y_t - \hat y_t)^2} \f$.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
template <std::floating_point T>
[[nodiscard]] T root_mean_squared_error(std::span<const T> actual, std::span<const T> forecast) {
  return std::sqrt(mean_squared_error(actual, forecast));
}

/// Mean absolute percentage error in percent,
/// \f$ \frac{100}{|S|}\sum_{t \in S} |e_t| / |y_t| \f$ over S = {t : y_t != 0}.
///
/// Zero actuals are left out and counted in `excluded` (the ERP's old code dropped them
/// silently); when every actual is 0 the value is empty (undefined), never 0. For demand
/// (y >= 0) |y_t| = y_t; R's accuracy() gives the same value when no actual is 0.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
template <std::floating_point T>
[[nodiscard]] ratio_metric<T> mean_absolute_percentage_error(std::span<const T> actual,
                                                             std::span<const T> forecast) {
  detail::check_actual_forecast("mean_absolute_percentage_error", actual, forecast);
  ratio_metric<T> r;
  T sum{};
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (actual[i] == 0) {
      ++r.excluded;
      continue;
    }
    sum += std::abs((actual[i] - forecast[i]) / actual[i]);
    ++r.used;
  }
  if (r.used > 0) r.value = detail::finite_or_empty(T(100) * sum / static_cast<T>(r.used));
  return r;
}

/// Symmetric MAPE in percent (0..200),
/// \f$ \frac{200}{|S|}\sum_{t\in S} |e_t| / (|y_t| + |\hat y_t|) \f$ over
/// S = {t : |y_t| + |\hat y_t| > 0}. Terms where actual and forecast are both 0 (a perfect
/// forecast of no demand) are left out and counted; empty when no term remains.
/// Source: Makridakis (1993); Hyndman & Koehler (2006).
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
template <std::floating_point T>
[[nodiscard]] ratio_metric<T> symmetric_mape(std::span<const T> actual,
                                             std::span<const T> forecast) {
  detail::check_actual_forecast("symmetric_mape", actual, forecast);
  ratio_metric<T> r;
  T sum{};
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const T d = std::abs(actual[i]) + std::abs(forecast[i]);
    if (!(d > 0)) {
      ++r.excluded;
      continue;
    }
    sum += std::abs(actual[i] - forecast[i]) / d;
    ++r.used;
  }
  if (r.used > 0) r.value = detail::finite_or_empty(T(200) * sum / static_cast<T>(r.used));
  return r;
}

/// Weighted absolute percentage error as a fraction, \f$ \sum_t |e_t| / \sum_t |y_t| \f$
/// (= MAE / mean |y|; multiply by 100 for percent). Robust to zero actuals as long as one
/// actual is non-zero.
/// @return the ratio, or empty (undefined) when every actual is 0.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
template <std::floating_point T>
[[nodiscard]] std::optional<T> weighted_absolute_percentage_error(std::span<const T> actual,
                                                                  std::span<const T> forecast) {
  detail::check_actual_forecast("weighted_absolute_percentage_error", actual, forecast);
  T num{};
  T den{};
  for (std::size_t i = 0; i < actual.size(); ++i) {
    num += std::abs(actual[i] - forecast[i]);
    den += std::abs(actual[i]);
  }
  if (!(den > 0)) return std::nullopt;
  return detail::finite_or_empty(num / den);
}

/// Every point metric in one pass: n, totals, MAE, RMSE, bias, MAPE (+ excluded zeros),
/// sMAPE, WAPE, tracking signal and its alert (|TS| > tracking_limit).
///
/// Test vector (docs/accuracy.md): actual {100, 110, 90}, forecast {95, 105, 95} give
/// MAPE 5.0337, MAE 5, RMSE 5, bias +1.6667, TS +1.0, totals 300 and 295.
/// @param tracking_limit alert limit of |TS|, default 4.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ, a value is not finite, or tracking_limit
///   is not finite and > 0.
/// Complexity: O(n), no allocation.
template <std::floating_point T>
[[nodiscard]] accuracy_summary<T> point_accuracy(
    std::span<const T> actual, std::span<const T> forecast,
    T tracking_limit = default_tracking_signal_limit<T>) {
  constexpr const char* fn = "point_accuracy";
  detail::check_actual_forecast(fn, actual, forecast);
  detail::check_positive(fn, "tracking_limit", tracking_limit);
  accuracy_summary<T> s;
  s.n = actual.size();
  T sum_e{}, sum_abs{}, sum_sq{}, sum_abs_y{}, sum_ape{}, sum_sape{};
  std::size_t ape_n = 0;
  std::size_t sape_n = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const T y = actual[i];
    const T f = forecast[i];
    const T e = y - f;
    const T ae = std::abs(e);
    s.total_actual += y;
    s.total_forecast += f;
    sum_e += e;
    sum_abs += ae;
    sum_sq += e * e;
    sum_abs_y += std::abs(y);
    if (y != 0) {
      sum_ape += std::abs(e / y);
      ++ape_n;
    } else {
      ++s.mape_excluded_zeros;
    }
    const T d = std::abs(y) + std::abs(f);
    if (d > 0) {
      sum_sape += ae / d;
      ++sape_n;
    } else {
      ++s.smape_excluded;
    }
  }
  const T n = static_cast<T>(s.n);
  s.mae = detail::check_result(fn, "mae", sum_abs / n);
  s.rmse = detail::check_result(fn, "rmse", std::sqrt(sum_sq / n));
  s.bias = detail::check_result(fn, "bias", sum_e / n);
  detail::check_result(fn, "total_actual", s.total_actual);
  detail::check_result(fn, "total_forecast", s.total_forecast);
  if (ape_n > 0) s.mape = detail::finite_or_empty(T(100) * sum_ape / static_cast<T>(ape_n));
  if (sape_n > 0) s.smape = detail::finite_or_empty(T(200) * sum_sape / static_cast<T>(sape_n));
  if (sum_abs_y > 0) s.wape = detail::finite_or_empty(sum_abs / sum_abs_y);
  if (sum_abs > 0) {
    // A denormal MAE can round to 0: then the same ratio as (sum_e / sum_abs) n, finite.
    s.tracking_signal = s.mae > 0 ? sum_e / s.mae : sum_e / sum_abs * n;
  }
  s.tracking_alert = s.tracking_signal.has_value() && std::abs(*s.tracking_signal) > tracking_limit;
  return s;
}

}  // namespace invforecast
