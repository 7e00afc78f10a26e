#pragma once

/// @file
/// STL and MSTL decompositions, equal to R's stats::stl and forecast::mstl (forecast 8.20):
/// y = trend + seasonal_1 + ... + seasonal_k + remainder, one seasonal component per period
/// (e.g. 7 and 365.25 for daily demand). See docs/series.md ("MSTL").

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/series/detail/stl_core.hpp"

namespace invforecast {

/// Options of stl(), named and defaulted as R's stats::stl arguments. Spans are made at least 3
/// and odd, as R's Fortran does.
template <std::floating_point T = double>
struct stl_options {
  /// Seasonal loess span in cycles (R's s.window). R has no default; 11 is what mstl() passes
  /// for its first (or only) period. Ignored when `periodic`.
  std::size_t s_window = 11;
  /// R's s.window = "periodic": span 10 n + 1, degree 0, then each seasonal value replaced by
  /// the mean of its cycle position (position i mod floor(period)).
  bool periodic = false;
  int s_degree = 0;  ///< seasonal local degree, 0 or 1 (R's s.degree)
  std::optional<std::size_t>
      t_window{};    ///< trend span; unset: R's nextodd(ceiling(1.5 p / (1 - 1.5 / s_window)))
  int t_degree = 1;  ///< trend local degree, 0 or 1
  std::optional<std::size_t>
      l_window{};                 ///< low-pass span; unset: nextodd(period) (round half to even)
  std::optional<int> l_degree{};  ///< low-pass degree, 0 or 1; unset: t_degree
  std::optional<std::size_t> s_jump{};  ///< >= 1; unset: ceiling(s_window / 10)
  std::optional<std::size_t> t_jump{};  ///< >= 1; unset: ceiling(t_window / 10)
  std::optional<std::size_t> l_jump{};  ///< >= 1; unset: ceiling(l_window / 10)
  bool robust = false;                  ///< robustness (outer) iterations with biweight weights
  std::optional<std::size_t> inner{};   ///< inner iterations; unset: 1 if robust, else 2
  std::optional<std::size_t> outer{};   ///< outer iterations; unset: 15 if robust, else 0
};

/// The result of stl(): y[i] = seasonal[i] + trend[i] + remainder[i].
template <std::floating_point T = double>
struct stl_result {
  std::vector<T> seasonal;   ///< seasonal component (length n)
  std::vector<T> trend;      ///< trend-cycle component
  std::vector<T> remainder;  ///< y - seasonal - trend
  std::vector<T> weights;    ///< robustness weights of the last outer pass (all 1 without)
  std::size_t period = 0;    ///< the integer period the smoother used, floor(period)
  std::size_t s_window = 0;  ///< seasonal span as R reports it (10 n + 1 when periodic)
  std::size_t t_window = 0;  ///< trend span used (before the Fortran's odd >= 3 rule)
  std::size_t l_window = 0;  ///< low-pass span used (before the odd >= 3 rule)
};

/// Options of mstl(), as the arguments of R's forecast::mstl.
template <std::floating_point T = double>
struct mstl_options {
  /// Seasonal periods (e.g. {7, 365.25}), each finite and >= 2, in any order: they are sorted
  /// ascending, and those with fewer than two full cycles (period >= n / 2) are dropped, as R
  /// does. A non-integer period gives floor(period) as the smoother's period, and the real
  /// value sets the default trend and low-pass spans. A single period is floor()ed first, as
  /// R's msts() turns one period into a plain ts of frequency floor(period).
  std::vector<T> periods{};
  /// Seasonal spans: empty = R's 7 + 4 i for the i-th smallest kept period (11, 15, 19, ...);
  /// one value = the same span for every period; otherwise one per period, the i-th used for
  /// the i-th smallest period (R indexes s.window the same way).
  std::vector<std::size_t> s_window{};
  /// Passes over all periods (R's iterate = 2), >= 1.
  std::size_t iterate = 2;
  /// Box-Cox parameter (R's BoxCox): unset = no transformation (R's lambda = NULL). With lambda
  /// set, every component is on the transformed scale.
  std::optional<T> lambda{};
  /// Robust STL fits (R's mstl(y, robust = TRUE) passes it to every stl() call).
  bool robust = false;
};

/// One seasonal component of an MSTL decomposition.
template <std::floating_point T = double>
struct seasonal_component {
  T period = 0;           ///< the period as given (non-integer allowed, e.g. 365.25)
  std::vector<T> values;  ///< the component, length n
};

/// The result of mstl(): x[i] = trend[i] + sum_k seasonal[k].values[i] + remainder[i], where x
/// is y (or BoxCox(y, lambda) when lambda is set).
template <std::floating_point T = double>
struct mstl_result {
  std::vector<T> trend;                         ///< trend of the last STL fit (R's Trend)
  std::vector<seasonal_component<T>> seasonal;  ///< one per kept period, ascending period
  std::vector<T> remainder;                     ///< adjusted - trend (R's Remainder)
  std::vector<T> seasonally_adjusted;           ///< trend + remainder (R seasadj())
  std::vector<T> dropped_periods;               ///< periods with fewer than two cycles (R warns)
  std::optional<T> lambda;                      ///< the Box-Cox parameter applied, if any
};

namespace detail {

/// R's nextodd(): round half to even, then +1 when even (negative results clamp to 0; the
/// Fortran makes every span at least 3 anyway).
template <std::floating_point T>
std::size_t stl_next_odd(T x) {
  const double r = std::nearbyint(static_cast<double>(x));
  if (!(r > 0)) return 0;
  auto v = static_cast<std::size_t>(r);
  return v % 2 == 0 ? v + 1 : v;
}

inline std::size_t stl_ceil_tenth(std::size_t window) { return (window + 9) / 10; }

template <std::floating_point T>
void stl_check_options(const char* function, const stl_options<T>& o) {
  const auto degree = [&](const char* name, int d) {
    if (d != 0 && d != 1) throw_invalid_value(function, name, d, "0 or 1");
  };
  degree("s_degree", o.s_degree);
  degree("t_degree", o.t_degree);
  if (o.l_degree) degree("l_degree", *o.l_degree);
  const auto jump = [&](const char* name, const std::optional<std::size_t>& j) {
    if (j && *j == 0) throw_invalid_value(function, name, *j, ">= 1");
  };
  jump("s_jump", o.s_jump);
  jump("t_jump", o.t_jump);
  jump("l_jump", o.l_jump);
  if (o.inner && *o.inner == 0) throw_invalid_value(function, "inner", *o.inner, ">= 1");
}

/// stl() on a checked series of length n > 2 * period; fills `out`.
template <std::floating_point T>
void stl_checked(std::span<const T> y, T period, const stl_options<T>& o, stl_result<T>& out,
                 stl_workspace<T>& work) {
  const std::size_t n = y.size();
  stl_params p;
  p.np = static_cast<std::size_t>(period);  // R: as.integer(frequency)
  std::size_t s_window = o.s_window;
  p.isdeg = o.s_degree;
  if (o.periodic) {
    s_window = 10 * n + 1;
    p.isdeg = 0;
  }
  std::size_t t_window = 0;
  if (o.t_window) {
    t_window = *o.t_window;
  } else {
    const double raw =
        std::ceil(1.5 * static_cast<double>(period) / (1.0 - 1.5 / static_cast<double>(s_window)));
    t_window = stl_next_odd(raw);
  }
  const std::size_t l_window = o.l_window ? *o.l_window : stl_next_odd(period);
  p.ns = s_window;
  p.nt = t_window;
  p.nl = l_window;
  p.itdeg = o.t_degree;
  p.ildeg = o.l_degree ? *o.l_degree : o.t_degree;
  p.nsjump = o.s_jump ? *o.s_jump : std::max<std::size_t>(1, stl_ceil_tenth(s_window));
  p.ntjump = o.t_jump ? *o.t_jump : std::max<std::size_t>(1, stl_ceil_tenth(t_window));
  p.nljump = o.l_jump ? *o.l_jump : std::max<std::size_t>(1, stl_ceil_tenth(l_window));
  p.ni = o.inner ? *o.inner : (o.robust ? 1 : 2);
  p.no = o.outer ? *o.outer : (o.robust ? 15 : 0);
  out.seasonal.assign(n, T(0));
  out.trend.assign(n, T(0));
  out.weights.assign(n, T(0));
  stl_run(y.data(), n, p, out.seasonal.data(), out.trend.data(), out.weights.data(), work);
  if (o.periodic) {
    const std::size_t np = std::max<std::size_t>(2, p.np);
    for (std::size_t c = 0; c < np && c < n; ++c) {
      T sum = 0;
      std::size_t count = 0;
      for (std::size_t i = c; i < n; i += np, ++count) sum += out.seasonal[i];
      const T mean = sum / static_cast<T>(count);
      for (std::size_t i = c; i < n; i += np) out.seasonal[i] = mean;
    }
  }
  out.remainder.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.remainder[i] = y[i] - out.seasonal[i] - out.trend[i];
  out.period = p.np;
  out.s_window = s_window;
  out.t_window = t_window;
  out.l_window = l_window;
}

template <std::floating_point T>
void stl_check_period(const char* function, const std::string& name, T period) {
  if (!(period >= 2) || !std::isfinite(period)) {
    throw_invalid_value(function, name, period, "finite and >= 2");
  }
}

}  // namespace detail

/// Seasonal-trend decomposition by loess (STL), as R's `stl(ts(y, frequency = period), ...)`:
/// inner loop of cycle-subseries smoothing, low-pass filtering (moving averages of length
/// period, period, 3 and a loess) and trend smoothing; with `robust`, outer passes reweight
/// the points by Tukey's biweight of the residuals scaled by 6 MAD.
///
/// @code
/// auto d = invforecast::stl(y, 12.0, {.s_window = 7});
/// // d.seasonal[i] + d.trend[i] + d.remainder[i] == y[i]
/// @endcode
/// Complexity: O(n * (s_window + t_window / t_jump + l_window / l_jump)) per inner pass.
/// Reference: Cleveland, Cleveland, McRae & Terpenning (1990), J. Official Statistics 6(1).
/// @param y the series, oldest first
/// @param period the seasonal period (R's frequency), finite and >= 2; floor(period) is the
///        smoother's period, the real value sets the default spans
/// @throws invalid_argument "stl: period = <p>, must be finite and >= 2"; "stl: y[<i>] = <v>,
///         must be finite"; "stl: s_degree = <d>, must be 0 or 1" (also t_degree, l_degree);
///         "stl: s_jump = 0, must be >= 1" (also t_jump, l_jump); "stl: inner = 0, must be >= 1"
/// @throws insufficient_data "stl: y has <n> values, must have more than 2 * period = <2p>"
///         (R: "series is not periodic or has less than two periods")
template <std::floating_point T = double>
[[nodiscard]] stl_result<T> stl(std::type_identity_t<std::span<const T>> y,
                                std::type_identity_t<T> period,
                                const std::type_identity_t<stl_options<T>>& options = {}) {
  detail::stl_check_period("stl", "period", period);
  detail::check_all_finite("stl", "y", y);
  detail::stl_check_options("stl", options);
  if (!(static_cast<T>(y.size()) > 2 * period)) {
    detail::throw_insufficient(
        "stl", "y has " + std::to_string(y.size()) +
                   " values, must have more than 2 * period = " + detail::format_value(2 * period));
  }
  stl_result<T> out;
  detail::stl_workspace<T> work;
  detail::stl_checked(y, period, options, out, work);
  return out;
}

/// Multiple seasonal decomposition (MSTL), as R's
/// `forecast::mstl(msts(y, seasonal.periods = periods))` with lambda = NULL and iterate = 2:
/// the periods are sorted, those with period >= n / 2 dropped, and `iterate` times, for each
/// period in turn, the period's current component is added back to the adjusted series and
/// re-estimated by stl() with span s_window[i]. The trend is the last fit's trend and the
/// remainder is adjusted - trend. Missing values are not accepted (R interpolates them with
/// na.interp; fill them first).
///
/// @code
/// auto d = invforecast::mstl(daily, {.periods = {7, 365.25}});
/// // d.seasonal[0].period == 7, d.seasonal[1].period == 365.25 when daily.size() > 730
/// @endcode
/// Complexity: iterate * k STL fits.
/// Reference: Bandara, Hyndman & Bergmeir (2021), arXiv:2107.13462; R forecast::mstl.
/// @param y the series, oldest first
/// @param options periods (required), spans, iterations, Box-Cox, robustness
/// @throws invalid_argument "mstl: periods is empty, must hold at least one period";
///         "mstl: periods[<i>] = <p>, must be finite and >= 2"; "mstl: y[<i>] = <v>, must be
///         finite"; "mstl: iterate = 0, must be >= 1"; "mstl: s_window.size() = <m>, must be
///         0, 1 or periods.size() = <k>"; "mstl: lambda = <l>, must be finite"; with lambda:
///         "mstl: y[<i>] = <v>, must be >= 0 when lambda < 0" or "..., must be > 0 when
///         lambda = 0"
/// @throws insufficient_data "mstl: y has <n> values, too few for every period (needs more than
///         2 * <p> for the shortest)" when no period has two full cycles (R's mstl fails then)
template <std::floating_point T = double>
[[nodiscard]] mstl_result<T> mstl(std::type_identity_t<std::span<const T>> y,
                                  const std::type_identity_t<mstl_options<T>>& options) {
  constexpr const char* fn = "mstl";
  const std::size_t n = y.size();
  const std::vector<T>& given = options.periods;
  if (given.empty()) detail::throw_invalid(fn, "periods is empty, must hold at least one period");
  for (std::size_t i = 0; i < given.size(); ++i) {
    detail::stl_check_period(fn, "periods[" + std::to_string(i) + "]", given[i]);
  }
  detail::check_all_finite(fn, "y", y);
  if (options.iterate == 0) detail::throw_invalid_value(fn, "iterate", options.iterate, ">= 1");
  if (options.s_window.size() > 1 && options.s_window.size() != given.size()) {
    detail::throw_invalid_value(fn, "s_window.size()", options.s_window.size(),
                                "0, 1 or periods.size() = " + std::to_string(given.size()));
  }

  mstl_result<T> out;
  std::vector<T> x(y.begin(), y.end());
  if (options.lambda) {
    const T lambda = *options.lambda;
    detail::check_finite(fn, "lambda", lambda);
    for (std::size_t i = 0; i < n; ++i) {
      if (lambda < 0 && x[i] < 0) {
        detail::throw_invalid_value(fn, "y[" + std::to_string(i) + "]", x[i],
                                    ">= 0 when lambda < 0");
      }
      if (lambda == 0 && !(x[i] > 0)) {
        detail::throw_invalid_value(fn, "y[" + std::to_string(i) + "]", x[i],
                                    "> 0 when lambda = 0");
      }
      if (lambda == 0) {
        x[i] = std::log(x[i]);
      } else {
        const T sign = x[i] > 0 ? T(1) : (x[i] < 0 ? T(-1) : T(0));
        x[i] = (sign * std::pow(std::fabs(x[i]), lambda) - T(1)) / lambda;
      }
    }
    out.lambda = lambda;
  }

  // R: a single period becomes a plain ts of frequency floor(period) (forecast::msts).
  std::vector<T> sorted = given;
  if (sorted.size() == 1) sorted[0] = std::floor(sorted[0]);
  std::sort(sorted.begin(), sorted.end());
  std::vector<T> kept;
  for (const T p : sorted) {
    if (p < static_cast<T>(n) / 2) {
      kept.push_back(p);
    } else {
      out.dropped_periods.push_back(p);
    }
  }
  if (kept.empty()) {
    detail::throw_insufficient(fn, "y has " + std::to_string(n) +
                                       " values, too few for every period (needs more than 2 * " +
                                       detail::format_value(sorted.front()) + " for the shortest)");
  }

  const std::size_t k = kept.size();
  out.seasonal.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    out.seasonal[i].period = kept[i];
    out.seasonal[i].values.assign(n, T(0));
  }
  std::vector<T> deseas = x;
  stl_options<T> stl_opts;
  stl_opts.robust = options.robust;
  stl_result<T> fit;
  detail::stl_workspace<T> work;
  for (std::size_t pass = 0; pass < options.iterate; ++pass) {
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<T>& season = out.seasonal[i].values;
      for (std::size_t t = 0; t < n; ++t) deseas[t] = deseas[t] + season[t];
      stl_opts.s_window = options.s_window.empty()       ? 7 + 4 * (i + 1)
                          : options.s_window.size() == 1 ? options.s_window[0]
                                                         : options.s_window[i];
      detail::stl_checked(std::span<const T>(deseas), kept[i], stl_opts, fit, work);
      season = fit.seasonal;
      for (std::size_t t = 0; t < n; ++t) deseas[t] = deseas[t] - season[t];
    }
  }
  out.trend = std::move(fit.trend);
  out.remainder.resize(n);
  for (std::size_t t = 0; t < n; ++t) out.remainder[t] = deseas[t] - out.trend[t];
  // R's seasadj() of an mstl fit (what forecast.mstl models): trend + remainder.
  out.seasonally_adjusted.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    out.seasonally_adjusted[t] = out.trend[t] + out.remainder[t];
  }
  return out;
}

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/series/detail/mstl_extern.hpp"  // IWYU pragma: export
