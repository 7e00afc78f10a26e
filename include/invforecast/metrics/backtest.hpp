#pragma once

/// @file
/// Rolling-origin backtest (time-series cross-validation, Tashman 2000; Hyndman &
/// Athanasopoulos, FPP3 section 5.10): the model is refitted at successive forecast origins on
/// the data before each origin and scored on the `horizon` values after it. Generic over any
/// callable `(std::span<const T> train, int horizon) -> forecast<T>`, with an overload for any
/// forecaster_options (including method::automatic) that refits fit_and_forecast at every
/// origin. Origins run in parallel and the result does not depend on the number of threads.
/// See docs/accuracy.md.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/metrics_common.hpp"
#include "invforecast/detail/parallel.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/metrics/interval_metrics.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/metrics/scaled_metrics.hpp"
#include "invforecast/selection/forecaster.hpp"

namespace invforecast {

/// How the training window moves from one origin to the next.
enum class backtest_window {
  expanding,  ///< train on y[0, origin): every origin adds data (the usual choice)
  sliding     ///< train on the last window_size values before the origin only
};

/// Settings of a rolling-origin backtest.
template <std::floating_point T = double>
struct backtest_options {
  /// Expanding or sliding training window.
  backtest_window window = backtest_window::expanding;
  /// Training size at the first (earliest) origin for an expanding window, or the fixed
  /// training size for a sliding one. Required: must be >= 1.
  std::size_t initial_window = 0;
  /// Steps forecast (and scored) at every origin, >= 1.
  int horizon = 1;
  /// Distance between successive origins, >= 1.
  std::size_t step = 1;
  /// Keep only the latest max_origins origins (0 = all). The last origin is always
  /// n - horizon, so the final fold ends with the last observation.
  std::size_t max_origins = 0;
  /// Worker threads (0 = std::thread::hardware_concurrency()); never more than the origins.
  unsigned threads = 1;
  /// Interval levels to score; each must be among the intervals the model returns.
  std::vector<T> levels;
  /// Season length m of the MASE / RMSSE / MSIS scale (from each origin's training data).
  int season_length = 1;
};

/// One forecast origin.
template <std::floating_point T = double>
struct backtest_origin {
  /// Training data y[train_begin, train_end); the test values are y[train_end, train_end + h).
  std::size_t train_begin = 0;
  std::size_t train_end = 0;
  /// The model's forecast at this origin, as returned.
  forecast<T> fc;
  /// mase_scale / rmsse_scale of this origin's training data (empty when undefined).
  std::optional<T> mase_scale;
  std::optional<T> rmsse_scale;
};

/// Accuracy of all forecasts made h steps ahead (or pooled over every step).
template <std::floating_point T = double>
struct backtest_accuracy {
  /// Steps ahead (1..horizon), or 0 for the pooled summary.
  int h = 0;
  /// Point metrics (n = number of forecasts scored).
  accuracy_summary<T> point;
  /// Mean of |e| / scale_origin over the origins whose MASE scale is defined (empty if none).
  std::optional<T> mase;
  /// \f$ \sqrt{\mathrm{mean}(e^2 / Q_{2,origin})} \f$ over the origins whose RMSSE scale is
  /// defined (empty if none).
  std::optional<T> rmsse;
  /// \f$ R^2 = 1 - SSE/SST \f$ of the forecasts against the mean of these actuals; can be
  /// negative (worse than the mean of the test actuals); empty when the actuals are constant.
  std::optional<T> r_squared;
  /// One entry per options.levels, in that order.
  std::vector<interval_accuracy<T>> intervals;
};

/// Result of a rolling-origin backtest.
template <std::floating_point T = double>
struct backtest_result {
  /// The origins, earliest first.
  std::vector<backtest_origin<T>> origins;
  /// Accuracy for h = 1..horizon (by_horizon[h-1]).
  std::vector<backtest_accuracy<T>> by_horizon;
  /// Accuracy pooled over every origin and step.
  backtest_accuracy<T> overall;
  /// Origins whose MASE scale was undefined (constant seasonal training data), left out of
  /// the MASE values.
  std::size_t origins_without_scale = 0;
};

/// The forecast_models test_* columns of a backtest.
template <std::floating_point T = double>
struct model_test_metrics {
  std::optional<T> test_mape;       ///< pooled MAPE in percent (empty: every actual was 0)
  T test_rmse{};                    ///< pooled RMSE
  T test_mae{};                     ///< pooled MAE
  T test_bias{};                    ///< pooled mean error (positive = under-forecasting)
  std::optional<T> test_r_squared;  ///< pooled 1 - SSE/SST (empty: constant actuals)
};

/// The test_* columns of forecast_models from a backtest's pooled summary.
template <std::floating_point T>
[[nodiscard]] model_test_metrics<T> to_model_test_metrics(const backtest_result<T>& result) {
  return {result.overall.point.mape, result.overall.point.rmse, result.overall.point.mae,
          result.overall.point.bias, result.overall.r_squared};
}

/// A model usable by backtest: callable as `f(std::span<const T> train, int horizon)`
/// returning a forecast<T>.
template <typename F, typename T>
concept backtest_model = std::floating_point<T> &&
    requires(const F& f, std::span<const T> train, int horizon) {
  { f(train, horizon) } -> std::convertible_to<forecast<T>>;
};

namespace detail {

/// Training-window end positions of the origins, ascending.
inline std::vector<std::size_t> backtest_origin_ends(std::size_t n, std::size_t initial_window,
                                                     std::size_t horizon, std::size_t step,
                                                     std::size_t max_origins) {
  std::vector<std::size_t> ends;
  std::size_t end = n - horizon;  // caller checked n >= initial_window + horizon
  while (true) {
    ends.push_back(end);
    if (max_origins != 0 && ends.size() == max_origins) break;
    if (end < initial_window + step) break;
    end -= step;
  }
  std::reverse(ends.begin(), ends.end());
  return ends;
}

template <std::floating_point T>
backtest_accuracy<T> score_backtest(std::span<const T> y,
                                    const std::vector<backtest_origin<T>>& origins,
                                    const backtest_options<T>& options, int h_only,
                                    std::vector<T>& actual, std::vector<T>& predicted,
                                    std::vector<T>& lower, std::vector<T>& upper) {
  const auto horizon = static_cast<std::size_t>(options.horizon);
  const std::size_t h_begin = h_only > 0 ? static_cast<std::size_t>(h_only - 1) : 0;
  const std::size_t h_end = h_only > 0 ? h_begin + 1 : horizon;
  actual.clear();
  predicted.clear();
  T scaled_abs{}, scaled_sq{};
  std::size_t scaled_n = 0, scaled_sq_n = 0;
  for (const auto& o : origins) {
    for (std::size_t j = h_begin; j < h_end; ++j) {
      const T yv = y[o.train_end + j];
      const T e = yv - o.fc.mean[j];
      actual.push_back(yv);
      predicted.push_back(o.fc.mean[j]);
      if (o.mase_scale) {
        scaled_abs += std::abs(e) / *o.mase_scale;
        ++scaled_n;
      }
      if (o.rmsse_scale) {
        scaled_sq += e * e / *o.rmsse_scale;
        ++scaled_sq_n;
      }
    }
  }
  backtest_accuracy<T> acc;
  acc.h = h_only;
  acc.point = point_accuracy(std::span<const T>(actual), std::span<const T>(predicted));
  // A denormal scale makes a ratio overflow: undefined (empty), like a zero scale.
  if (scaled_n > 0) acc.mase = detail::finite_or_empty(scaled_abs / static_cast<T>(scaled_n));
  if (scaled_sq_n > 0) {
    acc.rmsse = detail::finite_or_empty(std::sqrt(scaled_sq / static_cast<T>(scaled_sq_n)));
  }
  const T mean_y = acc.point.total_actual / static_cast<T>(acc.point.n);
  T sst{};
  for (const T v : actual) sst += (v - mean_y) * (v - mean_y);
  if (sst > 0) {
    const T sse = acc.point.rmse * acc.point.rmse * static_cast<T>(acc.point.n);
    acc.r_squared = detail::finite_or_empty(T(1) - sse / sst);
  }
  for (const T level : options.levels) {
    lower.clear();
    upper.clear();
    for (const auto& o : origins) {
      const auto& pi = o.fc.interval(level);
      for (std::size_t j = h_begin; j < h_end; ++j) {
        lower.push_back(pi.lower[j]);
        upper.push_back(pi.upper[j]);
      }
    }
    acc.intervals.push_back(score_interval(std::span<const T>(actual), std::span<const T>(lower),
                                           std::span<const T>(upper), level));
  }
  return acc;
}

}  // namespace detail

/// Rolling-origin backtest of `model` on y.
///
/// Origins (training-window ends) are n - horizon, n - horizon - step, ... down to
/// initial_window (at most max_origins of them, the latest kept); at origin o the model is
/// fitted on y[0, o) (expanding) or y[o - initial_window, o) (sliding) and its forecasts of
/// steps 1..horizon are compared with y[o .. o + horizon). Metrics are reported per step h and
/// pooled over every origin and step; MASE and RMSSE use each origin's own training scale.
///
/// Threads: origins are distributed over `threads` workers; each origin's forecast is stored
/// by index and the metrics are aggregated in origin order afterwards, so the result is
/// bit-identical for any number of threads. The model is called concurrently through a
/// const reference and must be safe for that (a lambda over shared immutable settings is).
/// @param y the series (all finite).
/// @param model `(std::span<const T> train, int horizon) -> forecast<T>`.
/// @param options see backtest_options.
/// @throws invalid_argument when y holds a non-finite value, initial_window, step or horizon
///   is 0, season_length < 1, a level is not in (0, 1), or a forecast has fewer than horizon
///   steps, a non-finite value or lacks a requested level.
/// @throws insufficient_data when y is shorter than initial_window + horizon.
/// @throws whatever the model throws (the exception of the earliest failing origin).
/// Complexity: origins x (cost of one fit) / threads, plus O(origins x horizon).
template <std::floating_point T, typename F>
requires backtest_model<F, T>
[[nodiscard]] backtest_result<T> backtest(std::span<const T> y, const F& model,
                                          const backtest_options<T>& options) {
  constexpr const char* fn = "backtest";
  detail::check_all_bounded(fn, "y", y);
  detail::check_positive(fn, "initial_window", options.initial_window);
  detail::check_positive(fn, "horizon", options.horizon);
  detail::check_positive(fn, "step", options.step);
  detail::check_positive(fn, "season_length", options.season_length);
  for (const T level : options.levels) detail::check_level(fn, "level", level);
  const auto horizon = static_cast<std::size_t>(options.horizon);
  if (y.size() < options.initial_window + horizon) {
    detail::throw_insufficient(fn, "y has " + std::to_string(y.size()) +
                                       " values, needs initial_window + horizon = " +
                                       std::to_string(options.initial_window + horizon));
  }
  const std::vector<std::size_t> ends = detail::backtest_origin_ends(
      y.size(), options.initial_window, horizon, options.step, options.max_origins);

  backtest_result<T> result;
  result.origins.resize(ends.size());
  std::vector<std::exception_ptr> errors(ends.size());
  auto run_origin = [&](std::size_t k) {
    try {
      backtest_origin<T>& o = result.origins[k];
      o.train_end = ends[k];
      o.train_begin =
          options.window == backtest_window::sliding ? ends[k] - options.initial_window : 0;
      const std::span<const T> train = y.subspan(o.train_begin, o.train_end - o.train_begin);
      o.fc = model(train, options.horizon);
      const std::string where = "forecast at origin " + std::to_string(k);
      if (o.fc.mean.size() < horizon) {
        detail::throw_invalid_value(fn, where + " steps", o.fc.mean.size(),
                                    ">= horizon = " + std::to_string(horizon));
      }
      detail::check_all_finite(fn, where + " mean", std::span<const T>(o.fc.mean));
      for (const T level : options.levels) {
        const auto& pi = o.fc.interval(level);
        if (pi.lower.size() < horizon || pi.upper.size() < horizon) {
          detail::throw_invalid_value(fn, where + " interval steps",
                                      std::min(pi.lower.size(), pi.upper.size()),
                                      ">= horizon = " + std::to_string(horizon));
        }
      }
      if (train.size() > static_cast<std::size_t>(options.season_length)) {
        o.mase_scale = mase_scale(train, options.season_length);
        o.rmsse_scale = rmsse_scale(train, options.season_length);
      }
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };

  detail::parallel_for_index(ends.size(), detail::resolve_threads(options.threads), run_origin);
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  for (const auto& o : result.origins) {
    if (!o.mase_scale) ++result.origins_without_scale;
  }

  std::vector<T> actual, predicted, lower, upper;
  actual.reserve(ends.size() * horizon);
  predicted.reserve(ends.size() * horizon);
  lower.reserve(ends.size() * horizon);
  upper.reserve(ends.size() * horizon);
  result.overall =
      detail::score_backtest(y, result.origins, options, 0, actual, predicted, lower, upper);
  result.by_horizon.reserve(horizon);
  for (int h = 1; h <= options.horizon; ++h) {
    result.by_horizon.push_back(
        detail::score_backtest(y, result.origins, options, h, actual, predicted, lower, upper));
  }
  return result;
}

/// Rolling-origin backtest of a model specification: at every origin
/// `fit_and_forecast(train, model, options.horizon, options.levels).fc` is computed, so model
/// selection (method::automatic, ETS form, season-length detection when
/// model.season_length == 0) is redone on each training window exactly as it would be in
/// production. options.season_length only sets the scale of MASE / RMSSE.
/// @param y demand, oldest first (finite and >= 0, as fit_and_forecast requires).
/// @throws as backtest(y, callable, options), and whatever fit_and_forecast throws for a
///   training window (e.g. invalid_argument for a negative value or an invalid model).
template <std::floating_point T>
[[nodiscard]] backtest_result<T> backtest(std::span<const T> y, const forecaster_options<T>& model,
                                          const backtest_options<T>& options) {
  const std::span<const T> levels(options.levels);
  auto fit = [&model, levels](std::span<const T> train, int horizon) {
    return fit_and_forecast(train, model, horizon, levels).fc;
  };
  return backtest(y, fit, options);
}

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/metrics/detail/backtest_extern.hpp"  // IWYU pragma: export
