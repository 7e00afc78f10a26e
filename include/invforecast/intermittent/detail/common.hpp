#pragma once

/// @file
/// Internals shared by the moving average and the intermittent-demand methods: the exact quantile
/// of a zero-inflated empirical distribution (through detail/quantile.hpp's type 1), a
/// deterministic 1-D minimiser (grid + golden section) and the argument checks they have in common.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <numbers>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/quantile.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast::detail::intermittent {

/// A non-zero observation: its 0-based period and its size.
template <std::floating_point T>
struct demand_point {
  std::size_t t;
  T size;
};

/// The non-zero observations of y in time order (one allocation, outside any loop).
template <std::floating_point T>
[[nodiscard]] std::vector<demand_point<T>> demand_points(std::span<const T> y) {
  std::vector<demand_point<T>> out;
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (y[t] > 0) out.push_back({t, y[t]});
  }
  return out;
}

/// Checks the requested horizon and interval levels of a forecast(...) call.
template <std::floating_point T>
void check_forecast_request(std::string_view function, int horizon, std::span<const T> levels) {
  check_positive(function, "horizon", horizon);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    check_level(function, "levels[" + std::to_string(i) + "]", levels[i]);
  }
}

/// Demand series check shared by every method here: non-empty, every value finite, >= 0 and
/// <= max_magnitude (1e15, docs/errors.md "Limits"): squares and sums of such values stay
/// finite in double, so the fits below cannot overflow.
template <std::floating_point T>
void check_demand(std::string_view function, std::span<const T> y) {
  check_not_empty(function, "y", y);
  check_all_bounded_non_negative(function, "y", y);
}

/// Last line of defence after a fit (float's range is narrower than the input limit): the
/// one-step MSE, the interval scale and the one-period variance must be finite.
template <std::floating_point T>
void check_fit_results(std::string_view function, T mse, T scale, T variance) {
  check_result(function, "mse", mse);
  check_result(function, "interval scale", scale);
  check_result(function, "demand variance", variance);
}

/// Single-period demand modelled as zero with probability 1 - q and otherwise a draw from the
/// sorted sizes `sorted` multiplied by `scale`. Returns the inverse-cdf quantile
/// Q(u) = min{x : F(x) >= u}: 0 when u <= 1 - q, else scale times the R type-1 quantile of the
/// sizes at r = (u - (1 - q)) / q (detail/quantile.hpp: sorted[ceil(m r) - 1], m sizes).
template <std::floating_point T>
[[nodiscard]] T zero_inflated_quantile(std::span<const T> sorted, T q, T scale, T u) {
  if (sorted.empty() || !(q > 0) || !(scale > 0) || u <= 1 - q) return T(0);
  const T r = std::min(T(1), (u - (1 - q)) / q);
  return scale * quantile_type1(sorted, r);
}

/// Flat point forecast `mean` and equal-tailed intervals from the zero-inflated distribution
/// (see zero_inflated_quantile); identical for every step because the model's single-period
/// demand distribution does not change with the step.
template <std::floating_point T>
[[nodiscard]] forecast<T> zero_inflated_forecast(std::span<const T> sorted_sizes, T q, T scale,
                                                 T mean, int horizon, std::span<const T> levels) {
  forecast<T> out;
  const auto h = static_cast<std::size_t>(horizon);
  out.mean.assign(h, mean);
  out.intervals.reserve(levels.size());
  for (const T level : levels) {
    const T lo = zero_inflated_quantile(sorted_sizes, q, scale, (1 - level) / 2);
    const T hi = zero_inflated_quantile(sorted_sizes, q, scale, (1 + level) / 2);
    out.intervals.push_back(
        prediction_interval<T>{level, std::vector<T>(h, lo), std::vector<T>(h, hi)});
  }
  return out;
}

/// Golden-section search for a minimum of f on [a, b] until the bracket is narrower than
/// `tol`; returns the better of the final midpoint and `fallback_x` (whose value is
/// `fallback_f`), so the result is never worse than a point already seen.
template <std::floating_point T, typename F>
[[nodiscard]] T golden_section(F&& f, T a, T b, T tol, T fallback_x, T fallback_f) {
  const T inv_phi = T(0.6180339887498949);
  T x1 = b - inv_phi * (b - a);
  T x2 = a + inv_phi * (b - a);
  T f1 = f(x1);
  T f2 = f(x2);
  while (b - a > tol) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - inv_phi * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + inv_phi * (b - a);
      f2 = f(x2);
    }
  }
  const T x_mid = (a + b) / 2;
  return f(x_mid) <= fallback_f ? x_mid : fallback_x;
}

/// Minimises f on [lo, hi]: evaluates `grid` equally spaced points, then refines by
/// golden-section search inside the two grid cells around the best point (to width `tol`).
/// Deterministic; f is called about grid + 35 times. When f is constant on the grid (within
/// a relative 1e-12) returns `tie_value` clamped to [lo, hi]: the data carry no information
/// about the parameter.
template <std::floating_point T, typename F>
[[nodiscard]] T minimise_1d(F&& f, T lo, T hi, T tie_value, int grid = 30, T tol = T(1e-6)) {
  T best_x = lo;
  T best_f = std::numeric_limits<T>::infinity();
  T worst_f = -std::numeric_limits<T>::infinity();
  const T step = (hi - lo) / static_cast<T>(grid - 1);
  for (int i = 0; i < grid; ++i) {
    const T x = i + 1 == grid ? hi : lo + step * static_cast<T>(i);
    const T fx = f(x);
    if (fx < best_f) {
      best_f = fx;
      best_x = x;
    }
    worst_f = std::max(worst_f, fx);
  }
  if (worst_f - best_f <= T(1e-12) * std::max(T(1), std::abs(best_f))) {
    return std::clamp(tie_value, lo, hi);
  }
  if (!(step > tol)) return best_x;
  return golden_section(f, std::max(lo, best_x - step), std::min(hi, best_x + step), tol, best_x,
                        best_f);
}

/// Checks optimiser bounds lo < hi inside [0, 1].
template <std::floating_point T>
void check_bounds(std::string_view function, std::string_view lo_name, T lo,
                  std::string_view hi_name, T hi) {
  check_closed_interval(function, lo_name, lo, T(0), T(1));
  check_closed_interval(function, hi_name, hi, T(0), T(1));
  if (!(lo < hi)) {
    throw_invalid_value(function, hi_name, hi,
                        "> " + std::string(lo_name) + " = " + format_value(lo));
  }
}

}  // namespace invforecast::detail::intermittent
