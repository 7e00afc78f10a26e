#pragma once

/// @file
/// Croston's method for intermittent demand and its bias-corrected variants SBA
/// (Syntetos-Boylan approximation) and SBJ (Shale-Boylan-Johnston). See docs/intermittent.md.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/intermittent/detail/common.hpp"

namespace invforecast {

/// Which member of the Croston family: the point forecast is `bias_factor * z / p`.
enum class croston_variant {
  classic,  ///< Croston (1972): factor 1 (R's forecast::croston).
  sba,      ///< Syntetos & Boylan (2005): factor 1 - alpha/2.
  sbj       ///< Shale, Boylan & Johnston (2006): factor 1 - alpha/(2 - alpha).
};

/// Options of croston().
template <std::floating_point T = double>
struct croston_options {
  /// Member of the family.
  croston_variant variant = croston_variant::classic;
  /// Smoothing parameter of both the non-zero sizes and the inter-demand intervals, in [0, 1].
  /// Unset: chosen by minimising the in-sample one-step MSE over [alpha_lower, alpha_upper].
  /// (R's forecast::croston uses a fixed 0.1.)
  std::optional<T> alpha{};
  /// Lower bound of the alpha search, in [0, 1].
  T alpha_lower = T(0.01);
  /// Upper bound of the alpha search, in [0, 1], > alpha_lower.
  T alpha_upper = T(0.99);
};

/// The bias factor of a variant: 1 (classic), 1 - alpha/2 (SBA), 1 - alpha/(2 - alpha) (SBJ).
template <std::floating_point T>
[[nodiscard]] constexpr T croston_bias_factor(croston_variant variant, T alpha) noexcept {
  switch (variant) {
    case croston_variant::sba:
      return T(1) - alpha / 2;
    case croston_variant::sbj:
      return T(1) - alpha / (T(2) - alpha);
    case croston_variant::classic:
      break;
  }
  return T(1);
}

template <std::floating_point T = double>
class fitted_croston;

template <std::floating_point T = double>
[[nodiscard]] fitted_croston<T> croston(std::type_identity_t<std::span<const T>> y,
                                        croston_options<T> options = {});

/// A fitted Croston-family model (immutable). Produced by croston().
template <std::floating_point T>
class fitted_croston {
 public:
  /// The variant fitted.
  [[nodiscard]] croston_variant variant() const noexcept { return variant_; }
  /// The smoothing parameter used (given or optimised).
  [[nodiscard]] T alpha() const noexcept { return alpha_; }
  /// True when alpha was chosen by the optimiser.
  [[nodiscard]] bool alpha_optimised() const noexcept { return optimised_; }
  /// croston_bias_factor(variant(), alpha()).
  [[nodiscard]] T bias_factor() const noexcept { return factor_; }
  /// Smoothed non-zero demand size z at the end of the series (0 when no demand).
  [[nodiscard]] T size_level() const noexcept { return z_; }
  /// Smoothed inter-demand interval p at the end of the series (>= 1; 0 when no demand).
  [[nodiscard]] T interval_level() const noexcept { return p_; }
  /// Estimated probability of a demand in a period, 1/p (0 when no demand was observed).
  [[nodiscard]] T demand_probability() const noexcept { return p_ > 0 ? T(1) / p_ : T(0); }
  /// Number of non-zero observations.
  [[nodiscard]] std::size_t nonzero() const noexcept { return sizes_.size(); }
  /// Number of observations n.
  [[nodiscard]] std::size_t nobs() const noexcept { return n_; }

  /// One-step in-sample forecasts for periods 2..n, R's fitted values without the leading NA:
  /// fitted()[i] predicts y[i + 1] (0-based) from y[0..i]; it is 0 while no demand has been
  /// observed. Size n - 1.
  [[nodiscard]] const std::vector<T>& fitted() const noexcept { return fitted_; }
  /// residuals()[i] = y[i + 1] - fitted()[i]. Size n - 1.
  [[nodiscard]] const std::vector<T>& residuals() const noexcept { return residuals_; }
  /// Mean squared residual over periods 2..n (the optimiser's objective); 0 when n = 1.
  [[nodiscard]] T mse() const noexcept { return mse_; }

  /// Variance of one period's demand under the interval model (see forecast()):
  /// q * s^2 * mean(x_i^2) - mean^2, with q = 1/p, x_i the non-zero sizes, s their scale.
  [[nodiscard]] T demand_variance() const noexcept { return var_; }

  /// Variance of the total demand of the next `lead_time` periods, lead_time *
  /// demand_variance(): the interval model treats periods as independent and ignores the
  /// estimation error of z and p.
  /// @throws invalid_argument when lead_time < 1.
  [[nodiscard]] T lead_time_demand_variance(int lead_time) const {
    detail::check_positive("fitted_croston::lead_time_demand_variance", "lead_time", lead_time);
    return static_cast<T>(lead_time) * var_;
  }

  /// Point forecasts (flat: bias_factor * z / p for every step) and prediction intervals.
  ///
  /// Interval method (docs/intermittent.md): one period's demand is modelled as 0 with
  /// probability 1 - q, q = 1/p, and otherwise as one of the observed non-zero sizes (equally
  /// likely) multiplied by s = mean / (q * mean of the sizes), so that the distribution's mean
  /// equals the point forecast. The bounds are its exact quantiles at (1 - level)/2 and
  /// (1 + level)/2 (inverse cdf, no simulation): always >= 0, the lower bound is 0 whenever
  /// P(0) >= (1 - level)/2, and the same for every step (the forecast of one period's demand,
  /// not of cumulative demand). Coverage is at least `level` in the model.
  /// @param horizon number of steps, >= 1.
  /// @param levels interval levels, each in (0, 1).
  /// @param seed unused: the quantiles are exact; kept so every method shares one signature.
  /// @throws invalid_argument when horizon < 1 or a level is outside (0, 1).
  [[nodiscard]] invforecast::forecast<T> forecast(int horizon,
                                                  std::span<const T> levels = default_levels<T>,
                                                  std::uint64_t seed = 42) const {
    static_cast<void>(seed);
    detail::intermittent::check_forecast_request("fitted_croston::forecast", horizon, levels);
    return detail::intermittent::zero_inflated_forecast<T>(sizes_, demand_probability(), scale_,
                                                           mean_, horizon, levels);
  }

 private:
  friend fitted_croston<T> croston<T>(std::type_identity_t<std::span<const T>> y,
                                      croston_options<T> options);
  fitted_croston() = default;

  croston_variant variant_ = croston_variant::classic;
  T alpha_{};
  bool optimised_ = false;
  T factor_ = T(1);
  T z_{};
  T p_{};
  T mean_{};
  T scale_{};
  T var_{};
  T mse_{};
  std::size_t n_ = 0;
  std::vector<T> sizes_;  // sorted non-zero sizes
  std::vector<T> fitted_;
  std::vector<T> residuals_;
};

namespace detail::intermittent {

/// Croston recursion (R's convention): the first demand and its interval (counted from the
/// start of the series) initialise z and p; each later demand updates z <- z + a (y - z),
/// p <- p + a (k - p), k the periods since the previous demand. Returns the sum of squared
/// one-step errors over periods 2..n of the forecast factor * z / p (0 before any demand);
/// writes the forecasts to `fitted` when non-null. Final states in z, p.
template <std::floating_point T>
T croston_recursion(std::span<const T> y, T alpha, T factor, T& z, T& p, T* fitted) {
  z = 0;
  p = 0;
  bool seen = false;
  T since = 0;
  T sse = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (t > 0) {
      const T f = seen ? factor * z / p : T(0);
      const T e = y[t] - f;
      sse += e * e;
      if (fitted != nullptr) fitted[t - 1] = f;
    }
    since += 1;
    if (y[t] > 0) {
      if (seen) {
        z += alpha * (y[t] - z);
        p += alpha * (since - p);
      } else {
        z = y[t];
        p = since;
        seen = true;
      }
      since = 0;
    }
  }
  return sse;
}

/// The same sum of squared errors as croston_recursion in O(number of demands): between two
/// demands the forecast f is constant, so a gap of g periods adds (g - 1) f^2 + (x - f)^2;
/// the periods before the first demand (forecast 0) add x_1^2 once if it is not at t = 0, and
/// the zeros after the last demand add f^2 each. `d` holds the demands of a series of n
/// periods (non-empty). Used as the optimiser's objective.
template <std::floating_point T>
T croston_sse(std::span<const demand_point<T>> d, std::size_t n, T alpha, T factor) {
  T sse = d[0].t > 0 ? d[0].size * d[0].size : T(0);
  T z = d[0].size;
  T p = static_cast<T>(d[0].t + 1);
  T f = factor * z / p;
  for (std::size_t j = 1; j < d.size(); ++j) {
    const T gap = static_cast<T>(d[j].t - d[j - 1].t);
    const T e = d[j].size - f;
    sse += (gap - 1) * f * f + e * e;
    z += alpha * (d[j].size - z);
    p += alpha * (gap - p);
    f = factor * z / p;
  }
  return sse + static_cast<T>(n - 1 - d.back().t) * f * f;
}

}  // namespace detail::intermittent

/// Fits Croston's method (or SBA / SBJ) to a demand series.
///
/// Sizes z_j (the non-zero values) and intervals k_j (periods between demands, the first
/// counted from the start of the series, so a series starting with zeros has k_1 > 1) are
/// smoothed separately with the same alpha, starting from z = z_1, p = k_1:
/// \f$ z \leftarrow z + \alpha (z_j - z),\; p \leftarrow p + \alpha (k_j - p) \f$, updated
/// only in demand periods. Forecast \f$ \hat y = c\, z / p \f$ with c = croston_bias_factor.
/// This is forecast::croston of R (forecast 8.20) for the classic variant, including its
/// fitted values (0 before the first demand). With alpha unset, alpha minimises mse() (the
/// variant's own one-step errors over periods 2..n) on [alpha_lower, alpha_upper] by a
/// 30-point grid refined by golden-section search (to 1e-6); if the objective does not
/// depend on alpha (e.g. fewer than two demands) alpha = 0.1, R's default, clamped to the
/// bounds. All zeros: forecast 0, intervals 0.
///
/// Complexity O(n) for a given alpha; optimising adds about 55 evaluations of an O(number of
/// demands) objective. Allocates only the result vectors (and the demand list once).
/// Sources: Croston (1972), Oper. Res. Q. 23; Syntetos & Boylan (2005), IJF 21; Shale, Boylan
/// & Johnston (2006), JORS 57; Hyndman & Athanasopoulos, forecast::croston.
///
/// Any contiguous range of T is accepted for y; T comes from the options (double when they
/// are omitted or given as a braced list; `croston<float>(y)` fits in float):
/// @code
/// std::vector<double> y = {0, 3, 0, 0, 5, 0, 2};
/// auto fc = invforecast::croston(y, {.variant = invforecast::croston_variant::sba}).forecast(14);
/// @endcode
///
/// @param y demand per period, oldest first; every value finite, >= 0 and <= 1e15
///   (detail::max_magnitude, docs/errors.md "Limits").
/// @param options variant, alpha (fixed in [0, 1] or optimised) and search bounds.
/// @return the fitted model.
/// @throws insufficient_data when y is empty.
/// @throws invalid_argument naming the index and value of the first negative, non-finite or
///         too large y, or when alpha or a bound is outside [0, 1] or alpha_lower >=
///         alpha_upper, or (float only) when a result overflows the type.
template <std::floating_point T>
[[nodiscard]] fitted_croston<T> croston(std::type_identity_t<std::span<const T>> y,
                                        croston_options<T> options) {
  constexpr std::string_view fn = "croston";
  detail::intermittent::check_demand(fn, y);
  if (options.alpha) {
    detail::check_closed_interval(fn, "alpha", *options.alpha, T(0), T(1));
  } else {
    detail::intermittent::check_bounds(fn, "alpha_lower", options.alpha_lower, "alpha_upper",
                                       options.alpha_upper);
  }

  fitted_croston<T> out;
  out.variant_ = options.variant;
  out.n_ = y.size();
  T z = 0;
  T p = 0;
  if (options.alpha) {
    out.alpha_ = *options.alpha;
  } else {
    const auto points = detail::intermittent::demand_points(y);
    const std::span<const detail::intermittent::demand_point<T>> d(points);
    const auto objective = [&](T a) {
      return d.empty() ? T(0)
                       : detail::intermittent::croston_sse<T>(
                             d, y.size(), a, croston_bias_factor(options.variant, a));
    };
    out.alpha_ = detail::intermittent::minimise_1d<T>(objective, options.alpha_lower,
                                                      options.alpha_upper, T(0.1));
    out.optimised_ = true;
  }
  out.factor_ = croston_bias_factor(options.variant, out.alpha_);
  out.fitted_.resize(y.size() - 1);
  const T sse = detail::intermittent::croston_recursion<T>(y, out.alpha_, out.factor_, z, p,
                                                           out.fitted_.data());
  out.residuals_.resize(y.size() - 1);
  for (std::size_t i = 0; i + 1 < y.size(); ++i) out.residuals_[i] = y[i + 1] - out.fitted_[i];
  out.mse_ = y.size() > 1 ? sse / static_cast<T>(y.size() - 1) : T(0);
  out.z_ = z;
  out.p_ = p;

  for (const T v : y) {
    if (v > 0) out.sizes_.push_back(v);
  }
  std::sort(out.sizes_.begin(), out.sizes_.end());
  if (!out.sizes_.empty()) {
    T sum = 0;
    T sum2 = 0;
    for (const T v : out.sizes_) {
      sum += v;
      sum2 += v * v;
    }
    const T m = static_cast<T>(out.sizes_.size());
    const T q = T(1) / p;
    out.mean_ = out.factor_ * z / p;
    out.scale_ = out.mean_ > 0 ? out.mean_ / (q * (sum / m)) : T(0);
    out.var_ = std::max(T(0), q * out.scale_ * out.scale_ * (sum2 / m) - out.mean_ * out.mean_);
  }
  detail::intermittent::check_fit_results(fn, out.mse_, out.scale_, out.var_);
  return out;
}

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/intermittent/detail/croston_extern.hpp"  // IWYU pragma: export
