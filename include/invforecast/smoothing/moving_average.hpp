#pragma once

/// @file
/// Trailing (optionally weighted) moving-average forecast with prediction intervals whose
/// variance does not grow with the step. See docs/intermittent.md (moving average section).

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/intermittent/detail/common.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast {

/// Options of moving_average().
template <std::floating_point T = double>
struct moving_average_options {
  /// Number of most recent observations averaged, >= 1.
  int window = 7;
  /// Optional weights, oldest first and newest last; empty = equal weights. When given, the
  /// size must equal `window`, each weight finite and >= 0 with a positive sum; they are
  /// normalised to sum 1.
  std::vector<T> weights{};
};

template <std::floating_point T = double>
class fitted_moving_average;

template <std::floating_point T = double>
[[nodiscard]] fitted_moving_average<T> moving_average(std::span<const T> y,
                                                      moving_average_options<T> options = {});

/// A fitted moving average (immutable). Produced by moving_average().
///
/// Model: y_t = mu + e_t with independent noise of variance sigma^2 (locally constant mean).
/// The forecast of every step is \f$ \hat y = \sum_i w_i y_{n-w+i} \f$ (normalised weights),
/// so its error \f$ y_{n+h} - \hat y \f$ has variance \f$ \sigma^2 (1 + \sum_i w_i^2) \f$
/// for every h (\f$ \sigma^2 (1 + 1/w) \f$ for equal weights), not growing with h.
template <std::floating_point T>
class fitted_moving_average {
 public:
  /// The window w.
  [[nodiscard]] int window() const noexcept { return static_cast<int>(weights_.size()); }
  /// Normalised weights (sum 1), oldest first, newest last.
  [[nodiscard]] const std::vector<T>& weights() const noexcept { return weights_; }
  /// \f$ \sum_i w_i^2 \f$ of the normalised weights (1/w for equal weights).
  [[nodiscard]] T weight_sum_of_squares() const noexcept { return sum_w2_; }
  /// The point forecast (the same for every step): the weighted mean of the last w values.
  [[nodiscard]] T level() const noexcept { return level_; }
  /// Number of observations n.
  [[nodiscard]] std::size_t nobs() const noexcept { return n_; }
  /// In-sample one-step forecasts where a full window exists: fitted()[i] predicts y[w + i]
  /// from y[i .. w + i - 1]. Size n - w.
  [[nodiscard]] const std::vector<T>& fitted() const noexcept { return fitted_; }
  /// residuals()[i] = y[w + i] - fitted()[i]. Size n - w.
  [[nodiscard]] const std::vector<T>& residuals() const noexcept { return residuals_; }
  /// Mean squared one-step error over the n - w periods with a full window:
  /// \f$ \mathrm{MSE} = \frac{1}{n-w} \sum_{t=w+1}^{n} (y_t - \hat y_{t|t-1})^2 \f$.
  [[nodiscard]] T one_step_mse() const noexcept { return mse_; }
  /// The noise variance \f$ \sigma^2 = \mathrm{MSE} / (1 + \sum_i w_i^2) \f$: under the model
  /// each one-step error has variance \f$ \sigma^2 (1 + \sum w_i^2) \f$, so this is the
  /// moment estimate of sigma^2 from the one-step errors.
  [[nodiscard]] T sigma2() const noexcept { return mse_ / (T(1) + sum_w2_); }
  /// Variance of the forecast error of any single step h:
  /// \f$ v = \sigma^2 (1 + \sum_i w_i^2) \f$ (equals one_step_mse()).
  [[nodiscard]] T forecast_variance() const noexcept { return sigma2() * (T(1) + sum_w2_); }
  /// Variance of the error of the total demand forecast over the next `lead_time` periods:
  /// \f$ \sigma^2 (L + L^2 \sum_i w_i^2) \f$ (the L errors share the same estimate
  /// \f$ \hat y \f$, hence the covariance term).
  /// @throws invalid_argument when lead_time < 1.
  [[nodiscard]] T lead_time_demand_variance(int lead_time) const {
    detail::check_positive("fitted_moving_average::lead_time_demand_variance", "lead_time",
                           lead_time);
    const auto l = static_cast<T>(lead_time);
    return sigma2() * (l + l * l * sum_w2_);
  }

  /// Point forecasts (level() for every step) and normal prediction intervals
  /// \f$ \hat y \pm z \sqrt{v} \f$, z the inverse normal of (1 + level)/2, v =
  /// forecast_variance() for every step; the lower bound is truncated at 0 (demand cannot be
  /// negative), the upper bound is not changed.
  /// @param horizon number of steps, >= 1.
  /// @param levels interval levels, each in (0, 1).
  /// @throws invalid_argument when horizon < 1 or a level is outside (0, 1).
  [[nodiscard]] invforecast::forecast<T> forecast(
      int horizon, std::span<const T> levels = default_levels<T>) const {
    detail::intermittent::check_forecast_request("fitted_moving_average::forecast", horizon,
                                                 levels);
    invforecast::forecast<T> out;
    const auto h = static_cast<std::size_t>(horizon);
    out.mean.assign(h, level_);
    out.intervals.reserve(levels.size());
    const T sd = std::sqrt(forecast_variance());
    for (const T level : levels) {
      const T z = normal_quantile((T(1) + level) / 2);
      const T lo = std::max(T(0), level_ - z * sd);
      const T hi = level_ + z * sd;
      out.intervals.push_back(
          prediction_interval<T>{level, std::vector<T>(h, lo), std::vector<T>(h, hi)});
    }
    return out;
  }

 private:
  friend fitted_moving_average<T> moving_average<T>(std::span<const T> y,
                                                    moving_average_options<T> options);
  fitted_moving_average() = default;

  std::vector<T> weights_;
  T sum_w2_{};
  T level_{};
  T mse_{};
  std::size_t n_ = 0;
  std::vector<T> fitted_;
  std::vector<T> residuals_;
};

/// Fits a trailing moving average of window w (optionally weighted) to a demand series.
///
/// Forecast \f$ \hat y_{n+h} = \sum_{i=1}^{w} w_i y_{n-w+i} \f$ for every h, weights
/// normalised to sum 1 (equal weights 1/w by default). sigma^2 is estimated from the n - w
/// in-sample one-step errors (see fitted_moving_average::sigma2), so the series needs at
/// least w + 1 values: a window longer than the data is an error, never silently shrunk
/// (the caller chooses the fallback, e.g. a shorter window or the mean).
/// Complexity O(n w); allocates only the result vectors.
/// Source: Hyndman & Athanasopoulos, "Forecasting: principles and practice"; the variance
/// follows from the independent-noise model (Brown 1959).
///
/// @param y demand per period, oldest first; every value finite and >= 0.
/// @param options window and optional weights (newest last).
/// @return the fitted moving average.
/// @throws insufficient_data when y has fewer than window + 1 values (or is empty).
/// @throws invalid_argument when window < 1; when weights are given and their count differs
///         from window, one is negative or non-finite, or they sum to 0; naming the index and
///         value of the first negative or non-finite y.
template <std::floating_point T>
[[nodiscard]] fitted_moving_average<T> moving_average(std::span<const T> y,
                                                      moving_average_options<T> options) {
  constexpr std::string_view fn = "moving_average";
  detail::check_positive(fn, "window", options.window);
  const auto w = static_cast<std::size_t>(options.window);
  fitted_moving_average<T> out;
  if (options.weights.empty()) {
    out.weights_.assign(w, T(1) / static_cast<T>(w));
  } else {
    if (options.weights.size() != w) {
      detail::throw_invalid_value(fn, "weights.size()", options.weights.size(),
                                  "equal to window = " + std::to_string(w));
    }
    detail::check_all_non_negative(fn, "weights", std::span<const T>(options.weights));
    T sum = 0;
    for (const T v : options.weights) sum += v;
    if (!(sum > 0) || !std::isfinite(sum)) {
      detail::throw_invalid_value(fn, "sum of weights", sum, "finite and > 0");
    }
    out.weights_ = std::move(options.weights);
    for (T& v : out.weights_) v /= sum;
  }
  detail::intermittent::check_demand(fn, y);
  if (y.size() < w + 1) {
    detail::throw_insufficient(fn, "y has " + std::to_string(y.size()) +
                                       " values, window = " + std::to_string(w) +
                                       " needs at least " + std::to_string(w + 1) +
                                       " (one full window plus one value to estimate the "
                                       "error variance)");
  }
  out.n_ = y.size();
  T sum_w2 = 0;
  for (const T v : out.weights_) sum_w2 += v * v;
  out.sum_w2_ = sum_w2;

  const std::size_t m = y.size() - w;
  out.fitted_.resize(m);
  out.residuals_.resize(m);
  const T* wt = out.weights_.data();
  T sse = 0;
  for (std::size_t i = 0; i < m; ++i) {
    T f = 0;
    for (std::size_t j = 0; j < w; ++j) f += wt[j] * y[i + j];
    const T e = y[i + w] - f;
    out.fitted_[i] = f;
    out.residuals_[i] = e;
    sse += e * e;
  }
  out.mse_ = sse / static_cast<T>(m);
  T level = 0;
  for (std::size_t j = 0; j < w; ++j) level += wt[j] * y[m + j];
  out.level_ = level;
  return out;
}

}  // namespace invforecast
