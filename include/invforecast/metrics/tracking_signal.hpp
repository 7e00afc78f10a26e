#pragma once

/// @file
/// Bias monitors: the cumulative tracking signal (sum of errors / MAD) and Trigg's smoothed
/// tracking signal. Errors follow the stored convention e_t = actual_t - forecast_t, so a
/// positive signal means the forecast runs below demand (under-forecasting).

#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/metrics_common.hpp"

namespace invforecast {

/// The control limit of the cumulative tracking signal: |TS| > 4 raises an alert (the ERP's
/// rule; about 4 MADs, i.e. roughly 3.2 standard deviations of a normal error).
template <std::floating_point T = double>
inline constexpr T default_tracking_signal_limit = T(4);

/// Cumulative tracking signal \f$ TS = \sum_t e_t / \mathrm{MAD} \f$ with
/// \f$ \mathrm{MAD} = \frac{1}{n}\sum_t |e_t| \f$ and \f$ e_t = y_t - \hat y_t \f$.
///
/// It lies in [-n, n]; a forecast without bias keeps it near 0 and a persistent bias makes it
/// grow with n. Source: Brown (1959), *Statistical Forecasting for Inventory Control*.
/// @param actual observed demand y_t.
/// @param forecast the forecast \f$ \hat y_t \f$ made for the same periods.
/// @return the signal, or an empty optional when MAD = 0 (every error is 0: the ratio is
///   undefined and there is no bias to signal).
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when the sizes differ or a value is not finite.
/// Complexity: O(n).
template <std::floating_point T>
[[nodiscard]] std::optional<T> tracking_signal(std::span<const T> actual,
                                               std::span<const T> forecast) {
  detail::check_actual_forecast("tracking_signal", actual, forecast);
  T sum{};
  T sum_abs{};
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const T e = actual[i] - forecast[i];
    sum += e;
    sum_abs += std::abs(e);
  }
  if (!(sum_abs > 0)) return std::nullopt;
  const T n = static_cast<T>(actual.size());
  const T mad = sum_abs / n;
  // A denormal MAD can round to 0: then the same ratio as (sum / sum_abs) n, which is finite.
  return mad > 0 ? sum / mad : sum / sum_abs * n;
}

/// True when a tracking signal is defined and \f$ |TS| > \f$ limit.
/// @throws invalid_argument when limit is not finite and > 0.
template <std::floating_point T>
[[nodiscard]] bool tracking_signal_alert(std::optional<T> signal,
                                         T limit = default_tracking_signal_limit<T>) {
  detail::check_positive("tracking_signal_alert", "limit", limit);
  return signal.has_value() && std::abs(*signal) > limit;
}

/// Approximate two-sided control limit of Trigg's signal for smoothing constant alpha:
/// \f$ z \sqrt{\alpha / (2 - \alpha)} / \sqrt{2/\pi} \f$.
///
/// Under independent normal errors with no bias the smoothed error has standard deviation
/// \f$ \sigma\sqrt{\alpha/(2-\alpha)} \f$ and the smoothed absolute error tends to
/// \f$ \sigma\sqrt{2/\pi} \f$; the limit is z standard deviations of their ratio (a
/// large-sample approximation that ignores the noise of the denominator). alpha = 0.1 and
/// z = 1.96 give 0.5636; alpha = 0.2, z = 1.96 give 0.8188.
/// @throws invalid_argument when alpha is not in (0, 1) or z is not finite and > 0.
template <std::floating_point T>
[[nodiscard]] T trigg_control_limit(T alpha, T z = T(1.959963984540054)) {
  detail::check_open_interval("trigg_control_limit", "alpha", alpha, T(0), T(1));
  detail::check_positive("trigg_control_limit", "z", z);
  const T pi = T(3.141592653589793238462643383279503);
  return z * std::sqrt(alpha / (T(2) - alpha)) / std::sqrt(T(2) / pi);
}

/// Settings of Trigg's smoothed tracking signal.
template <std::floating_point T = double>
struct trigg_options {
  /// Smoothing constant of both the error and the absolute error, in (0, 1). Trigg (1964)
  /// used 0.1, the usual choice.
  T alpha = T(0.1);
  /// Starting smoothed absolute error M_0 (>= 0). Unset: |e_1|, so the first signal is
  /// \f$ \pm\alpha \f$ rather than a spurious \f$ \pm 1 \f$.
  std::optional<T> initial_mad;
  /// Alert when |T_t| exceeds this (in (0, 1]). Unset: trigg_control_limit(alpha) (about a
  /// 95 % limit).
  std::optional<T> limit;
};

/// Trigg's smoothed tracking signal at every period and the alert on its last value.
template <std::floating_point T = double>
struct trigg_result {
  /// T_t for t = 1..n, each in [-1, 1].
  std::vector<T> signal;
  /// signal.back(), the current value.
  T last{};
  /// The limit used.
  T limit{};
  /// |last| > limit.
  bool alert = false;
};

/// Trigg's smoothed tracking signal.
///
/// \f$ E_t = \alpha e_t + (1-\alpha) E_{t-1} \f$ (E_0 = 0),
/// \f$ M_t = \alpha |e_t| + (1-\alpha) M_{t-1} \f$ (M_0 = initial_mad or |e_1|),
/// \f$ T_t = E_t / M_t \f$, with T_t = 0 while M_t = 0 (no error yet, so no evidence of
/// bias). |T_t| <= 1 always; values near +1 mean recent forecasts are consistently too low,
/// near -1 consistently too high. Source: D. W. Trigg (1964), "Monitoring a forecasting
/// system", Operational Research Quarterly 15(3), 271-274.
/// @throws insufficient_data when actual is empty.
/// @throws invalid_argument when sizes differ, a value is not finite, alpha is not in (0, 1),
///   initial_mad is negative or not finite, or limit is not in (0, 1].
/// Complexity: O(n), one allocation (the result).
template <std::floating_point T>
[[nodiscard]] trigg_result<T> trigg_tracking_signal(std::span<const T> actual,
                                                    std::span<const T> forecast,
                                                    const trigg_options<T>& options = {}) {
  constexpr const char* fn = "trigg_tracking_signal";
  detail::check_actual_forecast(fn, actual, forecast);
  detail::check_open_interval(fn, "alpha", options.alpha, T(0), T(1));
  if (options.initial_mad) {
    detail::check_bounded_non_negative(fn, "initial_mad", *options.initial_mad);
  }
  if (options.limit && !(*options.limit > 0 && *options.limit <= 1)) {
    detail::throw_invalid_value(fn, "limit", *options.limit, "in (0, 1]");
  }
  trigg_result<T> result;
  result.limit = options.limit ? *options.limit : trigg_control_limit(options.alpha);
  result.signal.resize(actual.size());
  const T a = options.alpha;
  T smoothed = 0;
  T mad = options.initial_mad ? *options.initial_mad : std::abs(actual[0] - forecast[0]);
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const T e = actual[i] - forecast[i];
    smoothed = a * e + (1 - a) * smoothed;
    mad = a * std::abs(e) + (1 - a) * mad;
    T value = mad > 0 ? smoothed / mad : T(0);
    // |E_t| <= M_t holds mathematically when M_0 >= 0; clamp the rounding.
    if (value > 1) value = 1;
    if (value < -1) value = -1;
    result.signal[i] = value;
  }
  result.last = result.signal.back();
  result.alert = std::abs(result.last) > result.limit;
  return result;
}

}  // namespace invforecast
