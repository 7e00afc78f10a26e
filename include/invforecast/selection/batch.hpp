#pragma once

/// @file
/// fit_and_forecast over many series on a pool of threads. Results are stored by index, so
/// they are identical to one fit_and_forecast call per series and do not depend on the
/// number of threads or on scheduling.

#include <atomic>
#include <concepts>
#include <cstddef>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <thread>
#include <type_traits>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/parallel.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/selection/forecaster.hpp"

namespace invforecast {

/// The outcome of one series in fit_and_forecast_batch_outcomes: the fit, or the exception
/// its fit_and_forecast call threw (message copied to `message`).
template <std::floating_point T = double>
struct batch_outcome {
  std::optional<model_fit<T>> fit;  ///< Set when the series was fitted.
  std::exception_ptr error;         ///< Set when it threw (rethrow with std::rethrow_exception).
  std::string message;              ///< error's what(), empty on success.
};

/// fit_and_forecast for every series, on `threads` threads, never failing as a whole: each
/// series' result or exception is kept in its own batch_outcome (index i = series i).
///
/// @param series the demand series.
/// @param options method and settings, the same for every series.
/// @param horizon number of steps, >= 1.
/// @param levels interval levels, each in (0, 1).
/// @param threads number of threads (the calling thread counts); 0 = hardware concurrency.
/// @return one outcome per series, in input order; identical for every thread count.
/// @throws invalid_argument when horizon < 1 or a level is outside (0, 1) (checked once,
///   before any work).
template <std::floating_point T>
[[nodiscard]] std::vector<batch_outcome<T>> fit_and_forecast_batch_outcomes(
    std::type_identity_t<std::span<const std::vector<T>>> series,
    const forecaster_options<T>& options, int horizon,
    std::type_identity_t<std::span<const T>> levels, unsigned threads) {
  constexpr std::string_view fn = "fit_and_forecast_batch";
  detail::check_positive(fn, "horizon", horizon);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    detail::check_level(fn, "levels[" + std::to_string(i) + "]", levels[i]);
  }
  std::vector<batch_outcome<T>> out(series.size());
  detail::parallel_for_index(series.size(), detail::resolve_threads(threads), [&](std::size_t i) {
    try {
      out[i].fit = fit_and_forecast(std::span<const T>(series[i]), options, horizon, levels);
    } catch (const std::exception& e) {
      out[i].error = std::current_exception();
      out[i].message = e.what();
    } catch (...) {
      out[i].error = std::current_exception();
      out[i].message = "unknown exception";
    }
  });
  return out;
}

/// fit_and_forecast for every series, on `threads` threads.
///
/// Work is shared by an atomic index (each thread takes the next series); result i is
/// written only by the thread that fitted series i, so the results are bitwise identical to
/// fit_and_forecast(series[i], ...) and independent of the thread count. Complexity: the
/// sum of the single fits, divided by the threads.
///
/// @param series the demand series.
/// @param options method and settings, the same for every series.
/// @param horizon number of steps, >= 1.
/// @param levels interval levels, each in (0, 1).
/// @param threads number of threads (the calling thread counts); 0 = hardware concurrency.
/// @return one model_fit per series, in input order.
/// @throws invalid_argument when horizon < 1 or a level is outside (0, 1).
/// @throws error (any invforecast exception) when a series' fit throws: after all series are
///   processed, the exception of the lowest-index failing series is rethrown unchanged (use
///   fit_and_forecast_batch_outcomes to keep the other results).
template <std::floating_point T>
[[nodiscard]] std::vector<model_fit<T>> fit_and_forecast_batch(
    std::type_identity_t<std::span<const std::vector<T>>> series,
    const forecaster_options<T>& options, int horizon,
    std::type_identity_t<std::span<const T>> levels, unsigned threads) {
  auto outcomes = fit_and_forecast_batch_outcomes(series, options, horizon, levels, threads);
  std::vector<model_fit<T>> out;
  out.reserve(outcomes.size());
  for (auto& o : outcomes) {
    if (o.error) std::rethrow_exception(o.error);
    out.push_back(std::move(*o.fit));
  }
  return out;
}

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/selection/detail/batch_extern.hpp"  // IWYU pragma: export
