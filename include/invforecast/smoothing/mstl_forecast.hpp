#pragma once

/// @file
/// Forecasting with an MSTL decomposition, as R's `forecast(mstl(y), method = "ets", h, level)`
/// (forecast 8.20, forecast.mstl -> forecast.stl): the seasonally adjusted series (trend +
/// remainder) is forecast by ETS over the non-seasonal forms (R's ets(model = "ZZN")), each
/// seasonal component is continued by seasonal naive over its last period, and the continued
/// components are added to the point forecasts and to both bounds of every interval (the
/// intervals are the adjusted-series model's). See docs/forecasting.md, "MSTL forecasts".
///
/// @code
/// auto f = invforecast::mstl_forecast(daily, {.decomposition = {.periods = {7, 364}}}, 90);
/// // f.fc.mean[h - 1] == f.adjusted_forecast.mean[h - 1] + f.seasonal_forecast[h - 1]
/// @endcode

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/series/mstl.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"

namespace invforecast {

/// Options of mstl_forecast: the decomposition (R's mstl arguments) and the ETS search of the
/// adjusted series (R's ets arguments; the season is always N).
template <std::floating_point T = double>
struct mstl_forecast_options {
  /// periods (required), s_window, iterate, robust as mstl(); lambda must stay unset (R's
  /// forecast.mstl does not undo a Box-Cox transformation made by mstl()).
  mstl_options<T> decomposition{};
  /// The non-seasonal ETS search: R's defaults (allow_multiplicative_trend = false, both
  /// damped and undamped trends, AICc).
  ets_auto_options ets{};
  /// Raise forecasts and bounds below zero to 0 (demand cannot be negative); R does not, so
  /// the R-parity tests turn it off. Applied after the seasonal components were added.
  bool truncate_at_zero = true;
};

/// The result of mstl_forecast.
template <std::floating_point T = double>
struct mstl_forecast_result {
  /// The MSTL decomposition of y (R's mstl(y)).
  mstl_result<T> decomposition;
  /// The ETS model of decomposition.seasonally_adjusted and every candidate's AICc (R's
  /// ets(seasadj(fit), model = "ZZN")).
  ets_selection<T> adjusted_model;
  /// The adjusted-series model's own forecast, untruncated (what R's forecast.ets returns).
  forecast<T> adjusted_forecast;
  /// Sum over the seasonal components of their seasonal-naive continuation, steps 1..h:
  /// component k with period p_k contributes s_k[n - P_k + ((h - 1) mod P_k)] (0-based),
  /// P_k = floor(p_k).
  std::vector<T> seasonal_forecast;
  /// adjusted_forecast + seasonal_forecast, bounds included (truncated at 0 when asked).
  forecast<T> fc;
  /// Variance of the h-step forecast errors, h = 1..horizon: the adjusted-series model's (the
  /// continued seasonal components are treated as known, as R's intervals do).
  std::vector<T> forecast_variance;
  /// One-step in-sample predictions: the adjusted model's fitted values plus every seasonal
  /// component (R's fitted() of the forecast), length n.
  std::vector<T> fitted;
};

namespace detail {

/// Seasonal naive continuation of the decomposition's components, summed (forecast.stl's
/// lastseas).
template <std::floating_point T>
std::vector<T> mstl_seasonal_continuation(const mstl_result<T>& d, std::size_t n,
                                          std::size_t horizon) {
  std::vector<T> out(horizon, T(0));
  for (const auto& component : d.seasonal) {
    // R: seq_len(mp) with mp = 365.25 counts 365 values.
    const auto p = static_cast<std::size_t>(component.period);
    for (std::size_t h = 0; h < horizon; ++h) out[h] += component.values[n - p + h % p];
  }
  return out;
}

}  // namespace detail

/// Forecasts y by MSTL + ETS, as R's `forecast(mstl(msts(y, seasonal.periods = periods)),
/// method = "ets", h = horizon, level = levels)`.
///
/// Steps: d = mstl(y, options.decomposition); the adjusted series a = d.seasonally_adjusted is
/// fitted by ets_auto(a, 1, options.ets) (errors A/M, trends N/Ad/A, no season; multiplicative
/// forms only when every a > 0); its forecast and intervals (analytic: every non-seasonal
/// form without a multiplicative trend is of class 1 or 2) get the seasonal-naive
/// continuation of each seasonal component added. Periods with fewer than two full cycles are
/// dropped by mstl() (for daily data: the yearly 365.25 needs 731 days, 364 needs 729).
/// Complexity: 2 k STL fits (k periods) and up to 6 ETS fits of n points.
/// Reference: R forecast 8.20, forecast.stl; Bandara, Hyndman & Bergmeir (2021).
/// @param y the series, oldest first, finite
/// @param options decomposition and ETS search
/// @param horizon steps, >= 1
/// @param levels interval levels, each in (0, 1)
/// @throws invalid_argument "mstl_forecast: horizon = <h>, must be > 0"; "mstl_forecast:
///   decomposition.lambda = <l>, must be unset (forecast.mstl does not back-transform)"; a level
///   outside (0, 1) ("mstl_forecast: level = <l>, must be in (0, 1)"); as mstl() for the
///   periods, spans and values
/// @throws insufficient_data as mstl() when no period has two full cycles, or as ets_auto()
template <std::floating_point T = double>
[[nodiscard]] mstl_forecast_result<T> mstl_forecast(
    std::type_identity_t<std::span<const T>> y,
    const std::type_identity_t<mstl_forecast_options<T>>& options, int horizon,
    std::type_identity_t<std::span<const T>> levels = default_levels<T>) {
  constexpr std::string_view fn = "mstl_forecast";
  detail::check_positive(fn, "horizon", horizon);
  for (const T level : levels) detail::check_level(fn, "level", level);
  if (options.decomposition.lambda) {
    detail::throw_invalid_value(fn, "decomposition.lambda", *options.decomposition.lambda,
                                "unset (forecast.mstl does not back-transform)");
  }
  mstl_forecast_result<T> out;
  out.decomposition = mstl<T>(y, options.decomposition);
  const std::span<const T> adjusted(out.decomposition.seasonally_adjusted);
  out.adjusted_model = ets_auto<T>(adjusted, 1, options.ets);
  const fitted_ets<T>& model = out.adjusted_model.best;
  // Non-seasonal forms without a multiplicative trend have analytic intervals: no simulation,
  // the seed is never used.
  auto [fc, variance] = model.forecast_with_variance(horizon, levels, 42, false);
  const auto hu = static_cast<std::size_t>(horizon);
  out.seasonal_forecast = detail::mstl_seasonal_continuation(out.decomposition, y.size(), hu);
  out.adjusted_forecast = fc;
  for (std::size_t h = 0; h < hu; ++h) fc.mean[h] += out.seasonal_forecast[h];
  for (auto& interval : fc.intervals) {
    for (std::size_t h = 0; h < hu; ++h) {
      interval.lower[h] += out.seasonal_forecast[h];
      interval.upper[h] += out.seasonal_forecast[h];
    }
  }
  if (options.truncate_at_zero) fc.truncate_at_zero();
  out.fc = std::move(fc);
  out.forecast_variance = std::move(variance);
  out.fitted = model.fitted();
  for (const auto& component : out.decomposition.seasonal) {
    for (std::size_t t = 0; t < out.fitted.size(); ++t) out.fitted[t] += component.values[t];
  }
  return out;
}

}  // namespace invforecast
