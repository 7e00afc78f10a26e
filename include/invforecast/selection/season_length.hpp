#pragma once

/// @file
/// Detection of the season length (period) of a demand series from its autocorrelations.

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast {

/// Candidate periods tried by detect_season_length when the caller gives none: a week of
/// days, a year of months, a year of weeks, a year of quarters.
inline constexpr std::array<int, 4> default_season_candidates{7, 12, 52, 4};

/// Detects the season length of `y` among `candidates` by a test on the autocorrelation.
///
/// Steps:
/// 1. The series is detrended by least squares on t (as R's forecast::findfrequency does), so
///    that a trend does not show up as autocorrelation at every lag.
/// 2. The sample autocorrelations \f$r_k\f$ of the detrended series are computed as R's acf
///    does (sums over n - k products, divided by the sum of n squares).
/// 3. A candidate m is testable when \f$n \ge 2m\f$ (two full seasons). It is significant when
///    \f$r_m > z/\sqrt n\f$, the one-sided white-noise bound of \f$r_m\f$ (only a positive
///    \f$r_m\f$ counts as seasonality). To keep the family-wise false-positive rate on white
///    noise at `significance` whatever the number K of testable candidates, z is the normal
///    quantile of \f$(1 - \alpha)^{1/K}\f$ (Sidak): 1.645 for one candidate (the usual
///    1.645/sqrt(n)), 2.23 for the four defaults. (Bartlett's wider bound
///    \f$z\sqrt{(1 + 2\sum_{k<m} r_k^2)/n}\f$, used by R's thetaf, was tried and rejected: for a
///    smooth seasonal shape the sum is large and a clear 12-month sine over six years went
///    undetected.)
/// 4. A significant lag must also come after a trough: with the unbiased estimates
///    \f$r^*_k = r_k\, n/(n-k)\f$, \f$r^*_m > \max(r^*_{\lfloor m/2\rfloor},
///    r^*_{\lceil m/2\rceil})\f$ — a seasonal cycle is out of phase half a period later.
///    Autocorrelated but non-seasonal demand (AR-like) has autocorrelations that decay with the
///    lag and fails this; a smooth long cycle (period 52) has large autocorrelations at the
///    short lags 4, 7 and 12 too, but no trough before them.
/// 5. Among the candidates passing both the one with the largest \f$r_m\f$ wins (the biased
/// \f$r_m\f$
///    shrinks with the lag, so a period beats its multiples; ties: the earlier in
///    `candidates`); none, too short, or a series without variance (constant, or exactly
///    linear) gives 1.
///
/// Complexity O(n * max m); allocates two vectors.
/// @param y the series, oldest first (finite; negative values are allowed here).
/// @param candidates the periods to try, each >= 2.
/// @param significance family-wise level alpha of the tests, in (0, 1), default 0.05.
/// @return the detected period, or 1 for no seasonality.
/// @throws invalid_argument when a value of y is not finite (the message names its index), a
///   candidate is below 2, or significance is outside (0, 1).
template <std::floating_point T>
[[nodiscard]] int detect_season_length(std::span<const T> y, std::span<const int> candidates,
                                       T significance = T(0.05)) {
  constexpr std::string_view fn = "detect_season_length";
  detail::check_all_finite(fn, "y", y);
  detail::check_level(fn, "significance", significance);
  int max_lag = 0;
  std::size_t testable = 0;
  const std::size_t n = y.size();
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i] < 2) {
      detail::throw_invalid_value(fn, "candidates[" + std::to_string(i) + "]", candidates[i],
                                  ">= 2");
    }
    if (2 * static_cast<std::size_t>(candidates[i]) <= n) {
      ++testable;
      if (candidates[i] > max_lag) max_lag = candidates[i];
    }
  }
  if (testable == 0) return 1;

  // 1. Least-squares line through (t, y_t), t = 0..n-1; x = residuals (mean zero).
  const double nd = static_cast<double>(n);
  const double t_mean = 0.5 * (nd - 1.0);
  double y_mean = 0.0;
  for (const T v : y) y_mean += static_cast<double>(v);
  y_mean /= nd;
  double sty = 0.0;
  double stt = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dt = static_cast<double>(t) - t_mean;
    sty += dt * (static_cast<double>(y[t]) - y_mean);
    stt += dt * dt;
  }
  const double slope = sty / stt;
  std::vector<double> x(n);
  double scale = 0.0;  // largest |y - mean|, to judge "no variance" relative to the data
  for (std::size_t t = 0; t < n; ++t) {
    const double centred = static_cast<double>(y[t]) - y_mean;
    x[t] = centred - slope * (static_cast<double>(t) - t_mean);
    scale = std::max(scale, std::abs(centred));
  }
  double c0 = 0.0;
  for (const double v : x) c0 += v * v;
  if (!(c0 > 1e-24 * nd * scale * scale) || scale == 0.0) return 1;

  // 2. r_k = sum_{t=0}^{n-k-1} x_t x_{t+k} / c0, k = 1..max_lag.
  const auto lags = static_cast<std::size_t>(max_lag);
  std::vector<double> r(lags + 1, 0.0);
  for (std::size_t k = 1; k <= lags; ++k) {
    double s = 0.0;
    for (std::size_t t = 0; t + k < n; ++t) s += x[t] * x[t + k];
    r[k] = s / c0;
  }

  // 3. One-sided white-noise bound, Sidak-corrected over the testable candidates; 4. trough.
  const double per_test =
      std::pow(1.0 - static_cast<double>(significance), 1.0 / static_cast<double>(testable));
  const double threshold = normal_quantile(per_test) / std::sqrt(nd);
  int best = 1;
  double best_r = 0.0;
  for (const int m : candidates) {
    const auto mm = static_cast<std::size_t>(m);
    if (2 * mm > n) continue;
    const auto unbiased = [&](std::size_t k) { return r[k] * nd / (nd - static_cast<double>(k)); };
    const bool after_trough =
        unbiased(mm) > unbiased(mm / 2) && unbiased(mm) > unbiased((mm + 1) / 2);
    if (r[mm] > threshold && after_trough && r[mm] > best_r) {
      best = m;
      best_r = r[mm];
    }
  }
  return best;
}

/// detect_season_length with the default candidates {7, 12, 52, 4} and alpha = 0.05.
/// @throws invalid_argument when a value of y is not finite.
template <std::floating_point T>
[[nodiscard]] int detect_season_length(std::span<const T> y) {
  return detect_season_length<T>(y, std::span<const int>(default_season_candidates));
}

}  // namespace invforecast
