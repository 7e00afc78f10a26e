#pragma once

/// @file
/// The standard Theta method of Assimakopoulos & Nikolopoulos (2000) exactly as R's
/// forecast::thetaf (forecast 8.20) computes it: simple exponential smoothing with drift
/// (Hyndman & Billah 2003) on the series, seasonally adjusted by a classical multiplicative
/// decomposition when a test on the autocorrelation at lag m says it is seasonal.
/// See docs/forecasting.md, "Theta".
///
/// References: Assimakopoulos, V. & Nikolopoulos, K. (2000), "The theta model: a
/// decomposition approach to forecasting", International Journal of Forecasting 16, 521-530;
/// Hyndman, R. J. & Billah, B. (2003), "Unmasking the Theta method", International Journal
/// of Forecasting 19, 287-290; R package forecast, function thetaf().

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
#include "invforecast/smoothing/ets_model.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast {

/// Everything that specifies a Theta fit. The defaults are R's thetaf.
template <std::floating_point T = double>
struct theta_options {
  /// Season length m (1 = none). With m >= 2 the series is tested for seasonality when it is
  /// not constant and has more than 2m observations.
  int season_length = 1;
  /// Level of the seasonality test: seasonal when |r_m| / se(r_m) > z_{(1 + level)/2}
  /// (R: 0.90, i.e. the statistic exceeds qnorm(0.95) = 1.6449).
  T seasonality_level = T(0.90);
  /// Nelder-Mead budget of the SES fit in function evaluations (R's ets maxit).
  int max_evaluations = 2000;
};

/// The fitted Theta model's parameters.
template <std::floating_point T = double>
struct theta_params {
  /// SES smoothing parameter as thetaf uses it: max(1e-10, the fitted alpha).
  T alpha{};
  /// Drift b0: half the slope of the least-squares line through the (adjusted) series.
  T drift{};
  /// Whether the seasonality test found the series seasonal: the forecasts and fitted values
  /// are then multiplied by the seasonal indices.
  bool seasonal = false;
  /// Whether the SES saw the seasonally adjusted series y / s. False when seasonal but an
  /// index is below 1e-4 in absolute value: R's thetaf then warns ("Using non-seasonal Theta
  /// method"), smooths y itself and still multiplies the forecasts by the indices.
  bool adjusted = false;
  /// The m multiplicative seasonal indices (mean 1) of R's decompose(), index k applying to
  /// the observations k, k + m, k + 2m, ... (0-based, counted from the first observation);
  /// empty when not seasonal.
  std::vector<T> seasonal_indices;
};

template <std::floating_point T>
class theta_spec;

/// A fitted Theta model (immutable). Produced by theta_spec::fit.
///
/// Forecast of step h = 1..H from n observations, with alpha the SES parameter, l_n the final
/// SES level of the adjusted series and b0 the drift:
/// \f[ \hat y_{n+h} = \Big(l_n + b_0 \big(h - 1 + \tfrac{1 - (1 - \alpha)^n}{\alpha}\big)\Big)
///     \, s_{(n + h - 1) \bmod m} \f]
/// (s = 1 when not seasonal), and thetaf's prediction intervals
/// \f$ \hat y_{n+h} \pm z \, \sigma \sqrt{1 + (h - 1)\alpha^2} \f$, sigma^2 the SES residual
/// variance on the adjusted scale (not reseasonalised, as R).
template <std::floating_point T = double>
class fitted_theta {
 public:
  /// alpha, drift, whether seasonal and the seasonal indices.
  [[nodiscard]] const theta_params<T>& params() const noexcept { return params_; }
  /// SES smoothing parameter (as params().alpha).
  [[nodiscard]] T alpha() const noexcept { return params_.alpha; }
  /// Drift b0 (as params().drift).
  [[nodiscard]] T drift() const noexcept { return params_.drift; }
  /// Whether the series was found seasonal (as params().seasonal).
  [[nodiscard]] bool seasonal() const noexcept { return params_.seasonal; }
  /// Season length m of the options (also when the series was not found seasonal).
  [[nodiscard]] int season_length() const noexcept { return m_; }
  /// |r_m| / se(r_m) of the seasonality test; empty when the test was not run (m = 1, a
  /// constant series or n <= 2m).
  [[nodiscard]] std::optional<T> seasonality_statistic() const noexcept { return statistic_; }
  /// Initial SES level l_0 (estimated; y_1 of the adjusted series for n <= 6).
  [[nodiscard]] T initial_level() const noexcept { return level0_; }
  /// SES level after the last observation, l_n (adjusted scale).
  [[nodiscard]] T final_level() const noexcept { return level_n_; }
  /// Residual variance of the SES fit on the adjusted series: SSE / (n - 2) (R's ets), or
  /// SSE / n for n <= 6 (R's HoltWinters fall-back). thetaf's model$sigma.
  [[nodiscard]] T sigma2() const noexcept { return sigma2_; }
  /// Observations n.
  [[nodiscard]] std::size_t nobs() const noexcept { return fitted_.size(); }
  /// thetaf's fitted values: the SES one-step predictions (without the drift, as R),
  /// reseasonalised.
  [[nodiscard]] const std::vector<T>& fitted() const noexcept { return fitted_; }
  /// y - fitted().
  [[nodiscard]] const std::vector<T>& residuals() const noexcept { return residuals_; }
  /// The SES search met its tolerance within the budget (true for the n <= 6 fall-back).
  [[nodiscard]] bool converged() const noexcept { return converged_; }
  /// Objective evaluations of the SES search.
  [[nodiscard]] int evaluations() const noexcept { return evaluations_; }
  /// Why the fit took a documented side path, empty otherwise: "n <= 6: ..." (R's
  /// HoltWinters fall-back), "seasonal index ..." (an index near zero or undefined, see
  /// theta_spec::fit).
  [[nodiscard]] const std::string& note() const noexcept { return note_; }

  /// Point forecasts and central prediction intervals for steps 1..horizon (formulas in the
  /// class comment), equal to R's thetaf. Demand cannot be negative: with `truncate_at_zero`
  /// (default) means and bounds below zero are set to 0 after the intervals were computed.
  /// Complexity O(horizon * (1 + levels.size())).
  ///
  /// @code
  /// const auto fit = invforecast::theta_spec<>({.season_length = 12}).fit(y);
  /// const auto fc = fit.forecast(24);  // fc.mean, fc.interval(0.95).upper
  /// @endcode
  /// @throws invalid_argument when horizon < 1 or a level is not in (0, 1).
  [[nodiscard]] invforecast::forecast<T> forecast(int horizon,
                                                  std::span<const T> levels = default_levels<T>,
                                                  bool truncate_at_zero = true) const {
    constexpr std::string_view fn = "fitted_theta::forecast";
    detail::check_positive(fn, "horizon", horizon);
    for (const T level : levels) detail::check_level(fn, "level", level);
    const auto hu = static_cast<std::size_t>(horizon);
    const T a = params_.alpha;
    const T n = static_cast<T>(fitted_.size());
    const T carry = (T(1) - std::pow(T(1) - a, n)) / a;
    invforecast::forecast<T> out;
    out.mean.resize(hu);
    const std::size_t mu = params_.seasonal_indices.size();
    for (std::size_t k = 0; k < hu; ++k) {
      T v = level_n_ + params_.drift * (static_cast<T>(k) + carry);
      if (mu > 0) v *= params_.seasonal_indices[(fitted_.size() + k) % mu];
      out.mean[k] = v;
    }
    out.intervals.reserve(levels.size());
    const T sigma = std::sqrt(std::max(sigma2_, T(0)));
    for (const T level : levels) {
      prediction_interval<T> pi;
      pi.level = level;
      pi.lower.resize(hu);
      pi.upper.resize(hu);
      const T z = normal_quantile(T(0.5) + level / T(2));
      for (std::size_t k = 0; k < hu; ++k) {
        const T half = z * sigma * std::sqrt(static_cast<T>(k) * a * a + T(1));
        pi.lower[k] = out.mean[k] - half;
        pi.upper[k] = out.mean[k] + half;
      }
      out.intervals.push_back(std::move(pi));
    }
    if (truncate_at_zero) out.truncate_at_zero();
    return out;
  }

 private:
  template <std::floating_point>
  friend class theta_spec;
  fitted_theta() = default;

  theta_params<T> params_;
  int m_ = 1;
  std::optional<T> statistic_;
  T level0_{};
  T level_n_{};
  T sigma2_{};
  std::vector<T> fitted_;
  std::vector<T> residuals_;
  bool converged_ = true;
  int evaluations_ = 0;
  std::string note_;
};

namespace detail {

/// R's is.constant(y): isTRUE(all.equal(y, rep(y[1], n))), i.e. mean|y - y_1| <= 1.49e-8 times
/// mean|y| (absolute when mean|y| <= 1.49e-8).
template <std::floating_point T>
bool theta_is_constant(std::span<const T> y) {
  const T tolerance = T(1.4901161193847656e-08);  // R's all.equal: sqrt(double epsilon)
  T diff = 0;
  T size = 0;
  for (const T v : y) {
    diff += std::abs(v - y[0]);
    size += std::abs(v);
  }
  const T n = static_cast<T>(y.size());
  diff /= n;
  size /= n;
  if (std::isfinite(size) && size > tolerance) diff /= size;
  return diff <= tolerance;
}

/// thetaf's seasonality statistic |r_m| / sqrt((1 + 2 sum_{k<m} r_k^2) / n), r_k R's acf
/// (demeaned, divided by n, clamped to [-1, 1]). @pre y.size() > 2m, m >= 2
template <std::floating_point T>
T theta_seasonality_statistic(std::span<const T> y, int m) {
  const std::size_t n = y.size();
  const auto mu = static_cast<std::size_t>(m);
  T mean = 0;
  for (const T v : y) mean += v;
  mean /= static_cast<T>(n);
  std::vector<T> d(n);
  for (std::size_t i = 0; i < n; ++i) d[i] = y[i] - mean;
  const auto autocov = [&](std::size_t lag) {
    T s = 0;
    for (std::size_t i = 0; i + lag < n; ++i) s += d[i + lag] * d[i];
    return s / static_cast<T>(n);
  };
  const T se = std::sqrt(autocov(0));
  T sum_sq = 0;
  T rm = 0;
  for (std::size_t lag = 1; lag <= mu; ++lag) {
    const T r = std::clamp(autocov(lag) / (se * se), T(-1), T(1));
    if (lag < mu) {
      sum_sq += r * r;
    } else {
      rm = r;
    }
  }
  return std::abs(rm) / std::sqrt((T(1) + T(2) * sum_sq) / static_cast<T>(n));
}

/// R's ets(x, "ANN", opt.crit = "mse") objective over (alpha, l0): the mean squared one-step
/// error, +infinity outside R's parameter region (alpha in [1e-4, 0.9999], both bounds).
template <std::floating_point T>
class theta_ses_objective {
 public:
  explicit theta_ses_objective(std::span<const T> x) : x_(x) {}

  T operator()(std::span<const T> v) const {
    if (!inside(v[0])) return outside;
    const std::array<T, 1> x0{v[1]};
    return mse(ets_run(ets_model{}, 1, x_, {}, std::span<const T>(x0), coefficients(v[0])));
  }

  /// v and `spare` in one packed pass (nelder_mead's lookahead); see ets_objective.
  std::pair<T, std::optional<T>> with_spare(std::span<const T> v, std::span<const T> spare) const {
    if (!inside(v[0])) return {outside, std::nullopt};
    if (!inside(spare[0])) return {(*this)(v), outside};
    const std::array<T, 1> a{v[1]};
    const std::array<T, 1> b{spare[1]};
    const auto passes =
        ets_run_pair(ets_model{}, 1, x_, {}, {std::span<const T>(a), std::span<const T>(b)},
                     {coefficients(v[0]), coefficients(spare[0])});
    if (!passes) return {(*this)(v), std::nullopt};
    return {mse((*passes)[0]), mse((*passes)[1])};
  }

  static constexpr T outside = std::numeric_limits<T>::infinity();

 private:
  static ets_coefficients<T> coefficients(T alpha) { return {alpha, T(0), T(0), T(1)}; }

  /// R's check.param for ANN with bounds "both": the box [1e-4, 0.9999] and the admissible
  /// region.
  static bool inside(T alpha) {
    return ets_check_params(ets_model{}, 1, coefficients(alpha),
                            ets_free{true, false, false, false}, ets_limits<T>{}, true, true,
                            false);
  }

  T mse(const ets_pass<T>& pass) const { return pass.sse / static_cast<T>(x_.size()); }

  std::span<const T> x_;
};

/// R's Brent_fmin (stats::optimize): the minimiser of f on [a, b] to tolerance `tol`.
template <std::floating_point T, typename F>
T theta_brent_minimum(F&& f, T a, T b, T tol) {
  const T c = (T(3) - std::sqrt(T(5))) * T(0.5);
  const T eps = std::sqrt(std::numeric_limits<T>::epsilon());
  T v = a + c * (b - a);
  T w = v;
  T x = v;
  T d = 0;
  T e = 0;
  T fx = f(x);
  T fv = fx;
  T fw = fx;
  const T tol3 = tol / T(3);
  for (;;) {
    const T xm = (a + b) * T(0.5);
    const T tol1 = eps * std::abs(x) + tol3;
    const T t2 = tol1 * T(2);
    if (std::abs(x - xm) <= t2 - (b - a) * T(0.5)) break;
    T p = 0;
    T q = 0;
    T r = 0;
    if (std::abs(e) > tol1) {  // fit a parabola
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * T(2);
      if (q > 0) {
        p = -p;
      } else {
        q = -q;
      }
      r = e;
      e = d;
    }
    T u = x;
    if (std::abs(p) >= std::abs(q * T(0.5) * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;  // golden-section step
      d = c * e;
    } else {
      d = p / q;  // parabolic step
      u = x + d;
      if (u - a < t2 || b - u < t2) d = x >= xm ? -tol1 : tol1;
    }
    if (std::abs(d) >= tol1) {
      u = x + d;
    } else {
      u = d > 0 ? x + tol1 : x - tol1;
    }
    const T fu = f(u);
    if (fu <= fx) {
      if (u < x) {
        b = x;
      } else {
        a = x;
      }
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) {
        a = u;
      } else {
        b = u;
      }
      if (fu <= fw || w == x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u;
        fv = fu;
      }
    }
  }
  return x;
}

/// SES of R's HoltWintersZZ (the ets fall-back for n <= 6): l_0 = x_1, l_t = alpha x_t +
/// (1 - alpha) l_{t-1}; returns the SSE and, when `fitted` is not empty, the one-step
/// predictions and the final level.
template <std::floating_point T>
T theta_zzhw_sse(std::span<const T> x, T alpha, std::span<T> fitted = {},
                 T* final_level = nullptr) {
  T level = x[0];
  T sse = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!fitted.empty()) fitted[i] = level;
    const T res = x[i] - level;
    sse += res * res;
    level = alpha * x[i] + (T(1) - alpha) * level;
  }
  if (final_level) *final_level = level;
  return sse;
}

}  // namespace detail

/// Specification of the standard Theta method; validates its options, then fit(y) estimates
/// it as R's thetaf does.
///
/// @code
/// invforecast::theta_spec<double> spec({.season_length = 12});
/// const auto fit = spec.fit(monthly_demand);       // alpha(), drift(), seasonal()
/// const auto fc = fit.forecast(18);                // 80 % and 95 % intervals
/// @endcode
template <std::floating_point T = double>
class theta_spec {
 public:
  /// @throws invalid_argument when season_length < 1, seasonality_level is not in (0, 1) or
  ///         max_evaluations < 1.
  explicit theta_spec(theta_options<T> options = {}) : opt_(std::move(options)) {
    constexpr std::string_view fn = "theta_spec";
    detail::check_positive(fn, "season_length", opt_.season_length);
    detail::check_level(fn, "seasonality_level", opt_.seasonality_level);
    detail::check_positive(fn, "max_evaluations", opt_.max_evaluations);
  }

  /// The options this spec was built with.
  [[nodiscard]] const theta_options<T>& options() const noexcept { return opt_; }

  /// Fits R's thetaf to y (oldest first, all values known):
  /// 1. seasonality test when m >= 2, y is not constant (R's is.constant) and n > 2m: the
  ///    lag-m autocorrelation r_m against z_{(1+level)/2} sqrt((1 + 2 sum_{k<m} r_k^2) / n);
  /// 2. when seasonal, R's decompose(y, "multiplicative") and the adjusted series y / s. A
  ///    seasonal index below 1e-4 in absolute value: as R, y is smoothed unadjusted and the
  ///    forecasts are still multiplied by the indices (params().adjusted = false, note()).
  ///    An index that is not finite (a centred moving average of 0): R stops with an error;
  ///    we use the non-seasonal method (seasonal = false, note());
  /// 3. SES as R's ses(): ets(x, "ANN", opt.crit = "mse"), i.e. Nelder-Mead over (alpha, l_0)
  ///    from R's start values on the mean squared one-step error; for n <= 6 R's
  ///    HoltWintersZZ fall-back (l_0 = x_1, alpha minimising the SSE on [0, 1]);
  /// 4. drift b0 = half the least-squares slope of x on 0..n-1.
  /// Zero and negative values are accepted, as by R (the decomposition divides by them).
  /// Complexity O(n m) for the test and the decomposition plus O(evaluations * n).
  /// @throws invalid_argument when a value of y is not finite (the message names the index).
  /// @throws insufficient_data when y has fewer than 2 values (R's lsfit fails too).
  [[nodiscard]] fitted_theta<T> fit(std::span<const T> y) const {
    constexpr std::string_view fn = "theta_spec::fit";
    const std::size_t n = y.size();
    if (n < 2) {
      detail::throw_insufficient(
          fn, "y has " + std::to_string(n) + " values, the Theta method needs at least 2");
    }
    detail::check_all_finite(fn, "y", y);
    const int m = opt_.season_length;
    const auto mu = static_cast<std::size_t>(m);

    fitted_theta<T> out;
    out.m_ = m;
    // 1. Seasonality test.
    bool seasonal = false;
    if (m > 1 && n > 2 * mu && !detail::theta_is_constant(y)) {
      const T stat = detail::theta_seasonality_statistic(y, m);
      out.statistic_ = stat;
      seasonal = stat > normal_quantile(T(0.5) + opt_.seasonality_level / T(2));
    }
    // 2. Classical multiplicative decomposition.
    std::vector<T> x(y.begin(), y.end());
    std::vector<T> season;
    if (seasonal) {
      season = detail::classical_seasonal(y, m, true);
      const auto first = season.begin();
      if (!std::all_of(first, first + m, [](T s) { return std::isfinite(s); })) {
        out.note_ =
            "seasonal index undefined (a centred moving average is 0): the non-seasonal "
            "Theta method (R stops with an error)";
        season.clear();
      } else {
        out.params_.seasonal = true;
        out.params_.seasonal_indices.assign(first, first + m);
        if (std::any_of(first, first + m, [](T s) { return std::abs(s) < T(1e-4); })) {
          out.note_ =
              "seasonal index close to zero: y smoothed unadjusted, forecasts still "
              "reseasonalised (R's warning)";
        } else {
          for (std::size_t i = 0; i < n; ++i) x[i] /= season[i];
          out.params_.adjusted = true;
        }
      }
    }
    // 3. SES on the adjusted series.
    const std::span<const T> xs(x);
    out.fitted_.assign(n, T(0));
    T alpha;
    if (n <= 6) {
      // R: ets(x, "ANN") with n <= npars + 4 = 6 returns HoltWintersZZ(x, beta = FALSE,
      // gamma = FALSE): SSE minimised by L-BFGS-B on [0, 1] from 0.2 / frequency(x).
      const T start = T(0.2) / static_cast<T>(m);
      const auto sse = [&](T a) { return detail::theta_zzhw_sse(xs, a); };
      alpha = detail::theta_brent_minimum(sse, T(0), T(1), T(1e-10));
      if (!(sse(alpha) < sse(start))) alpha = start;  // L-BFGS-B keeps an unimproved start
      const T total = detail::theta_zzhw_sse(xs, alpha, std::span<T>(out.fitted_), &out.level_n_);
      out.level0_ = x[0];
      out.sigma2_ = total / static_cast<T>(n);  // HoltWintersZZ: mean(res^2)
      if (!out.note_.empty()) out.note_ += "; ";
      out.note_ += "n <= 6: R's HoltWinters fall-back (SES with l0 = y1, SSE minimised)";
    } else {
      const std::vector<T> l0 = detail::ets_initial_states(ets_model{}, xs, 1);
      const detail::ets_limits<T> lim;
      std::vector<T> par{lim.lower[0] + T(0.2) * (lim.upper[0] - lim.lower[0]), l0[0]};
      detail::nelder_mead_settings<T> settings;
      settings.max_evaluations = opt_.max_evaluations;
      detail::nelder_mead_workspace<T> ws;
      const auto result =
          detail::nelder_mead(detail::theta_ses_objective<T>(xs), std::span<T>(par), settings, ws);
      out.converged_ = result.status == 0;
      out.evaluations_ = result.evaluations;
      alpha = par[0];
      out.level0_ = par[1];
      std::array<T, 1> x0{par[1]};
      std::array<T, 1> xn{};
      std::vector<T> resid(n);
      const auto pass =
          detail::ets_run(ets_model{}, 1, xs, {}, std::span<const T>(x0), {alpha, T(0), T(0), T(1)},
                          std::span<T>(out.fitted_), std::span<T>(resid), std::span<T>(xn));
      out.level_n_ = xn[0];
      out.sigma2_ = pass.sse / static_cast<T>(n - 2);  // R's ets: SSE / (n - #par)
    }
    out.params_.alpha = std::max(T(1e-10), alpha);
    // 4. Drift: half the slope of the line through x.
    out.params_.drift = detail::ls_line(xs)[1] / T(2);
    // Fitted values on the original scale.
    if (!season.empty()) {
      for (std::size_t i = 0; i < n; ++i) out.fitted_[i] *= season[i];
    }
    out.residuals_.resize(n);
    for (std::size_t i = 0; i < n; ++i) out.residuals_[i] = y[i] - out.fitted_[i];
    return out;
  }

 private:
  theta_options<T> opt_;
};

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/smoothing/detail/theta_extern.hpp"  // IWYU pragma: export
