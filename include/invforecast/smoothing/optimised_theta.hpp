#pragma once

/// @file
/// The optimised Theta model (OTM) of Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler
/// (2016): the Theta method in state-space form with the smoothing parameter alpha, the theta
/// coefficient and the initial level all fitted, on the series seasonally adjusted as R's
/// thetaf adjusts it. It measured more accurate than the standard Theta method (thetaf,
/// smoothing/theta.hpp) on the reference corpus; see docs/forecasting.md, "Optimised Theta".
///
/// The reference implementation is tests/reference/optimised_theta.R (R, optim's
/// Nelder-Mead, of which detail/nelder_mead.hpp is an exact port): forecasts, parameters and
/// intervals equal it to 1e-6 relative (tests/smoothing/theta_optimised_test.cpp).
///
/// Reference: Fiorucci, J. A., Pellegrini, T. R., Louzada, F., Petropoulos, F. & Koehler,
/// A. B. (2016), "Models for optimising the theta method and their relationship to state
/// space models", International Journal of Forecasting 32(4), 1151-1161.

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/ets_core.hpp"
#include "invforecast/detail/nelder_mead.hpp"
#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/smoothing/theta.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast {

/// Everything that specifies an optimised Theta fit.
template <std::floating_point T = double>
struct optimised_theta_options {
  /// Season length m (1 = none). With m >= 2 the series is tested for seasonality as R's
  /// thetaf tests it (when it is not constant and has more than 2m observations).
  int season_length = 1;
  /// Level of the seasonality test (thetaf's 0.90: seasonal when |r_m| / se(r_m) >
  /// qnorm(0.95)).
  T seasonality_level = T(0.90);
  /// Nelder-Mead budget in objective evaluations (R's optim maxit; 2000 as R's ets).
  int max_evaluations = 2000;
};

/// The fitted optimised Theta model's parameters.
template <std::floating_point T = double>
struct optimised_theta_params {
  /// Smoothing parameter alpha, in [0.1, 0.99].
  T alpha{};
  /// The theta coefficient, >= 1 (theta = 2 is the standard Theta method's).
  T theta{};
  /// Initial level l_0 (adjusted scale).
  T initial_level{};
  /// A_n: intercept of the least-squares line of the adjusted series on t = 1..n.
  T intercept{};
  /// B_n: slope of that line.
  T slope{};
  /// Whether the series was seasonally adjusted and the forecasts reseasonalised (the test
  /// found it seasonal and every index is finite with |s| >= 1e-4).
  bool seasonal = false;
  /// The m multiplicative seasonal indices of R's decompose() (mean 1), index k applying to
  /// the observations k, k + m, ... (0-based); empty when not seasonal.
  std::vector<T> seasonal_indices;
};

template <std::floating_point T>
class optimised_theta_spec;

/// A fitted optimised Theta model (immutable). Produced by optimised_theta_spec::fit.
///
/// With x the (adjusted) series, k = 1 - 1/theta, and A_n, B_n its least-squares line on
/// t = 1..n, the model (Fiorucci et al. 2016, eq. for the OTM) is
/// \f[ x_t = \mu_t + \varepsilon_t, \quad \mu_t = l_{t-1} + k \Big((1-\alpha)^{t-1} A_n +
///     \tfrac{1 - (1-\alpha)^t}{\alpha} B_n\Big), \quad l_t = \alpha x_t + (1-\alpha) l_{t-1}, \f]
/// and the forecast of step h
/// \f[ \hat y_{n+h} = \Big(l_n + k \big((1-\alpha)^n A_n + (h - 1 + \tfrac{1 - (1-\alpha)^{n+1}}
///     {\alpha}) B_n\big)\Big) s_{n+h} \f]
/// (s = 1 when not seasonal). Prediction intervals: since l_t = l_{t-1} + alpha (x_t - l_{t-1}),
/// the error of step h is \f$ \varepsilon_{n+h} + \alpha \sum_{j<h} \varepsilon_{n+j} \f$, of
/// variance \f$ \sigma^2 (1 + (h-1)\alpha^2) \f$ on the adjusted scale, sigma^2 = SSE / (n - 3)
/// (n minus the three fitted parameters, R's ets rule). The bounds
/// \f$ \big(\hat x_{n+h} \pm z \sigma \sqrt{1 + (h-1)\alpha^2}\big) s_{n+h} \f$ are the adjusted
/// interval reseasonalised (the error scales with the index).
template <std::floating_point T = double>
class fitted_optimised_theta {
 public:
  /// alpha, theta, l_0, A_n, B_n, whether seasonal and the seasonal indices.
  [[nodiscard]] const optimised_theta_params<T>& params() const noexcept { return params_; }
  /// Smoothing parameter alpha (as params().alpha).
  [[nodiscard]] T alpha() const noexcept { return params_.alpha; }
  /// The theta coefficient (as params().theta).
  [[nodiscard]] T theta() const noexcept { return params_.theta; }
  /// Whether the series was adjusted and the forecasts reseasonalised (params().seasonal).
  [[nodiscard]] bool seasonal() const noexcept { return params_.seasonal; }
  /// Season length m of the options (also when the series was not found seasonal).
  [[nodiscard]] int season_length() const noexcept { return m_; }
  /// |r_m| / se(r_m) of thetaf's seasonality test; empty when the test was not run (m = 1, a
  /// constant series or n <= 2m).
  [[nodiscard]] std::optional<T> seasonality_statistic() const noexcept { return statistic_; }
  /// Level after the last observation, l_n (adjusted scale).
  [[nodiscard]] T final_level() const noexcept { return level_n_; }
  /// The objective at the optimum: the mean squared one-step error SSE / n (adjusted scale).
  [[nodiscard]] T mse() const noexcept { return sse_ / static_cast<T>(fitted_.size()); }
  /// Variance of the one-step errors, SSE / (n - 3) (adjusted scale).
  [[nodiscard]] T sigma2() const noexcept { return sse_ / static_cast<T>(fitted_.size() - 3); }
  /// Observations n.
  [[nodiscard]] std::size_t nobs() const noexcept { return fitted_.size(); }
  /// One-step predictions mu_t, reseasonalised (s_t mu_t).
  [[nodiscard]] const std::vector<T>& fitted() const noexcept { return fitted_; }
  /// y - fitted().
  [[nodiscard]] const std::vector<T>& residuals() const noexcept { return residuals_; }
  /// The Nelder-Mead search met its tolerance within the budget.
  [[nodiscard]] bool converged() const noexcept { return converged_; }
  /// Objective evaluations of the search.
  [[nodiscard]] int evaluations() const noexcept { return evaluations_; }
  /// Why the fit took a documented side path (a seasonal index near zero or undefined: the
  /// series is neither adjusted nor reseasonalised), empty otherwise.
  [[nodiscard]] const std::string& note() const noexcept { return note_; }

  /// Seasonal index of step h (1-based) after the last observation (1 when not seasonal).
  [[nodiscard]] T step_index(std::size_t h) const noexcept {
    const std::size_t mu = params_.seasonal_indices.size();
    return mu > 0 ? params_.seasonal_indices[(fitted_.size() + h - 1) % mu] : T(1);
  }

  /// Variance of the forecast error of step h = 1..horizon on the original scale:
  /// \f$ \sigma^2 (1 + (h-1)\alpha^2) s_{n+h}^2 \f$ (the intervals' variance).
  /// @throws invalid_argument when horizon < 1.
  [[nodiscard]] std::vector<T> forecast_variances(int horizon) const {
    detail::check_positive("fitted_optimised_theta::forecast_variances", "horizon", horizon);
    std::vector<T> out(static_cast<std::size_t>(horizon));
    const T a = params_.alpha;
    for (std::size_t k = 0; k < out.size(); ++k) {
      const T s = step_index(k + 1);
      out[k] = sigma2() * (T(1) + static_cast<T>(k) * a * a) * s * s;
    }
    return out;
  }

  /// Point forecasts and central prediction intervals for steps 1..horizon (formulas in the
  /// class comment), equal to tests/reference/optimised_theta.R. Demand cannot be negative:
  /// with `truncate_at_zero` (default) means and bounds below zero are set to 0 after the
  /// intervals were computed. Complexity O(horizon * (1 + levels.size())).
  ///
  /// @code
  /// const auto fit = invforecast::optimised_theta_spec<>({.season_length = 12}).fit(y);
  /// const auto fc = fit.forecast(24);  // fc.mean, fc.interval(0.95).upper
  /// @endcode
  /// @throws invalid_argument when horizon < 1 or a level is not in (0, 1).
  [[nodiscard]] invforecast::forecast<T> forecast(int horizon,
                                                  std::span<const T> levels = default_levels<T>,
                                                  bool truncate_at_zero = true) const {
    constexpr std::string_view fn = "fitted_optimised_theta::forecast";
    detail::check_positive(fn, "horizon", horizon);
    for (const T level : levels) detail::check_level(fn, "level", level);
    const auto hu = static_cast<std::size_t>(horizon);
    const T a = params_.alpha;
    const T k = T(1) - T(1) / params_.theta;
    const T carry = (T(1) - decay_n_ * (T(1) - a)) / a;
    std::vector<T> adjusted(hu);
    for (std::size_t j = 0; j < hu; ++j) {
      adjusted[j] = level_n_ + k * (decay_n_ * params_.intercept +
                                    (static_cast<T>(j) + carry) * params_.slope);
    }
    invforecast::forecast<T> out;
    out.mean.resize(hu);
    for (std::size_t j = 0; j < hu; ++j) out.mean[j] = adjusted[j] * step_index(j + 1);
    out.intervals.reserve(levels.size());
    const T s2 = std::max(sigma2(), T(0));
    for (const T level : levels) {
      prediction_interval<T> pi;
      pi.level = level;
      pi.lower.resize(hu);
      pi.upper.resize(hu);
      const T z = normal_quantile(T(0.5) + level / T(2));
      for (std::size_t j = 0; j < hu; ++j) {
        const T half = z * std::sqrt(s2 * (T(1) + static_cast<T>(j) * a * a));
        const T s = step_index(j + 1);
        pi.lower[j] = (adjusted[j] - half) * s;
        pi.upper[j] = (adjusted[j] + half) * s;
      }
      out.intervals.push_back(std::move(pi));
    }
    if (truncate_at_zero) out.truncate_at_zero();
    return out;
  }

 private:
  template <std::floating_point>
  friend class optimised_theta_spec;
  fitted_optimised_theta() = default;

  optimised_theta_params<T> params_;
  int m_ = 1;
  std::optional<T> statistic_;
  T level_n_{};
  T decay_n_{};  // (1 - alpha)^n
  T sse_{};
  std::vector<T> fitted_;
  std::vector<T> residuals_;
  bool converged_ = true;
  int evaluations_ = 0;
  std::string note_;
};

namespace detail {

/// One pass of the optimised Theta model over x: the SSE of the one-step errors, and when
/// asked the predictions mu_t, the final level and (1 - alpha)^n. The arithmetic is that of
/// tests/reference/optimised_theta.R's otm_pass, operation for operation.
template <std::floating_point T>
T otm_pass(std::span<const T> x, T intercept, T slope, T level, T alpha, T theta,
           std::span<T> mu = {}, T* final_level = nullptr, T* final_decay = nullptr) {
  const T k = T(1) - T(1) / theta;
  const T b = T(1) - alpha;
  T decay = 1;  // (1 - alpha)^(t - 1)
  T sse = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const T pred = level + k * (decay * intercept + (T(1) - decay * b) / alpha * slope);
    if (!mu.empty()) mu[i] = pred;
    const T e = x[i] - pred;
    sse += e * e;
    level = alpha * x[i] + b * level;
    decay *= b;
  }
  if (final_level) *final_level = level;
  if (final_decay) *final_decay = decay;
  return sse;
}

}  // namespace detail

/// Specification of the optimised Theta model; validates its options, then fit(y) estimates
/// it.
///
/// @code
/// invforecast::optimised_theta_spec<double> spec({.season_length = 12});
/// const auto fit = spec.fit(monthly_demand);   // alpha(), theta(), params().slope
/// const auto fc = fit.forecast(18);            // 80 % and 95 % intervals
/// @endcode
template <std::floating_point T = double>
class optimised_theta_spec {
 public:
  /// @throws invalid_argument when season_length < 1, seasonality_level is not in (0, 1) or
  ///         max_evaluations < 1.
  explicit optimised_theta_spec(optimised_theta_options<T> options = {})
      : opt_(std::move(options)) {
    constexpr std::string_view fn = "optimised_theta_spec";
    detail::check_positive(fn, "season_length", opt_.season_length);
    detail::check_level(fn, "seasonality_level", opt_.seasonality_level);
    detail::check_positive(fn, "max_evaluations", opt_.max_evaluations);
  }

  /// The options this spec was built with.
  [[nodiscard]] const optimised_theta_options<T>& options() const noexcept { return opt_; }

  /// Fits the optimised Theta model to y (oldest first, all values known):
  /// 1. thetaf's seasonality test (m >= 2, y not constant, n > 2m; see theta_spec::fit);
  /// 2. when seasonal, R's decompose(y, "multiplicative") and x = y / s; when an index is not
  ///    finite or below 1e-4 in absolute value, x = y and no reseasonalisation (note());
  /// 3. A_n, B_n: the least-squares line of x on t = 1..n;
  /// 4. (l_0, alpha, theta) minimise the mean squared one-step error over alpha in
  ///    [0.1, 0.99], theta >= 1 (Fiorucci et al.'s region), by R's Nelder-Mead (optim,
  ///    detail::nelder_mead) with the objective +infinity outside the region; l_0 is searched
  ///    as u s with s = mean |x| (1 when 0), so that the initial simplex steps are of each
  ///    parameter's scale. Start l_0 = x_1 / 2, alpha = 0.5, theta = 2.
  /// Zero and negative values are accepted. Complexity O(n m) for the test and the
  /// decomposition plus O(evaluations * n).
  /// @throws invalid_argument when a value of y is not finite (the message names the index).
  /// @throws insufficient_data when y has fewer than 4 values (three parameters are fitted
  ///         and sigma^2 = SSE / (n - 3)).
  [[nodiscard]] fitted_optimised_theta<T> fit(std::span<const T> y) const {
    constexpr std::string_view fn = "optimised_theta_spec::fit";
    const std::size_t n = y.size();
    if (n < 4) {
      detail::throw_insufficient(
          fn, "y has " + std::to_string(n) + " values, the optimised Theta model needs at least 4");
    }
    detail::check_all_finite(fn, "y", y);
    const int m = opt_.season_length;
    const auto mu = static_cast<std::size_t>(m);

    fitted_optimised_theta<T> out;
    out.m_ = m;
    bool seasonal = false;
    if (m > 1 && n > 2 * mu && !detail::theta_is_constant(y)) {
      const T stat = detail::theta_seasonality_statistic(y, m);
      out.statistic_ = stat;
      seasonal = stat > normal_quantile(T(0.5) + opt_.seasonality_level / T(2));
    }
    std::vector<T> x(y.begin(), y.end());
    std::vector<T> season;
    if (seasonal) {
      season = detail::classical_seasonal(y, m, true);
      const auto first = season.begin();
      if (std::all_of(first, first + m,
                      [](T s) { return std::isfinite(s) && std::abs(s) >= T(1e-4); })) {
        out.params_.seasonal = true;
        out.params_.seasonal_indices.assign(first, first + m);
        for (std::size_t i = 0; i < n; ++i) x[i] /= season[i];
      } else {
        out.note_ =
            "seasonal index close to zero or undefined: not seasonally adjusted (the "
            "non-seasonal model)";
        season.clear();
      }
    }
    const std::span<const T> xs(x);
    const auto line = detail::ls_line(xs);
    const T intercept = line[0];
    const T slope = line[1];
    T scale = 0;
    for (const T v : x) scale += std::abs(v);
    scale /= static_cast<T>(n);
    if (scale == T(0)) scale = T(1);
    const T nd = static_cast<T>(n);
    const auto objective = [&](std::span<const T> p) {
      const T a = p[1];
      const T th = p[2];
      if (a < T(0.1) || a > T(0.99) || th < T(1)) return std::numeric_limits<T>::infinity();
      return detail::otm_pass(xs, intercept, slope, p[0] * scale, a, th) / nd;
    };
    std::array<T, 3> par{x[0] / T(2) / scale, T(0.5), T(2)};
    detail::nelder_mead_settings<T> settings;
    settings.max_evaluations = opt_.max_evaluations;
    detail::nelder_mead_workspace<T> ws;
    const auto result = detail::nelder_mead(objective, std::span<T>(par), settings, ws);
    out.converged_ = result.status == 0;
    out.evaluations_ = result.evaluations;
    out.params_.initial_level = par[0] * scale;
    out.params_.alpha = par[1];
    out.params_.theta = par[2];
    out.params_.intercept = intercept;
    out.params_.slope = slope;
    out.fitted_.assign(n, T(0));
    out.sse_ = detail::otm_pass(xs, intercept, slope, out.params_.initial_level, par[1], par[2],
                                std::span<T>(out.fitted_), &out.level_n_, &out.decay_n_);
    if (!season.empty()) {
      for (std::size_t i = 0; i < n; ++i) out.fitted_[i] *= season[i];
    }
    out.residuals_.resize(n);
    for (std::size_t i = 0; i < n; ++i) out.residuals_[i] = y[i] - out.fitted_[i];
    return out;
  }

 private:
  optimised_theta_options<T> opt_;
};

}  // namespace invforecast
